//! Pages for city staff, all behind sign-in.

pub mod account;
pub mod accounts;
pub mod audit;
pub mod dashboard;
pub mod events;
pub mod feedback;
pub mod feedback_themes;
pub mod inquiries;
pub mod inquiry;
pub mod moderation;
pub mod outbox;
pub mod password;
pub mod privacy_requests;
pub mod report;
pub mod search;
pub mod section_translation;
pub mod sections;
pub mod sign_in;
pub mod survey_editor;
pub mod surveys;
pub mod themes;
pub mod two_factor;
