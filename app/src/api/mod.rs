//! Server functions, per feature: thin wrappers that check input, call a service and return a DTO.

pub mod audit;
pub mod auth;
pub mod comments;
pub mod events;
pub mod events_staff;
pub mod feedback;
pub mod inquiry;
pub mod moderation;
pub mod my_comment;
pub mod my_records;
pub mod outbox;
pub mod privacy_requests;
pub mod report;
pub mod search;
pub mod sections;
pub mod site;
pub mod staff_accounts;
pub mod strategy;
pub mod survey_builder;
pub mod survey_results;
pub mod surveys;
pub mod themes;
pub mod transparency;
