//! sea-orm entities, one per table (the schema itself lives in the `migrations` crate).

pub mod audit_log;
pub mod comment;
pub mod comment_reply;
pub mod comment_report;
pub mod consultation;
pub mod event;
pub mod form_flash;
pub mod inquiry;
pub mod inquiry_entry;
pub mod outbox_attempt;
pub mod outbox_message;
pub mod portal_secret;
pub mod portal_setting;
pub mod privacy_request;
pub mod rate_limit_event;
pub mod rsvp;
pub mod section;
pub mod section_version;
pub mod service_area;
pub mod staff_account;
pub mod staff_challenge;
pub mod staff_recovery_code;
pub mod staff_session;
pub mod staff_token;
pub mod survey;
pub mod survey_response;
