//! One file per route.

pub mod accessibility;
pub mod comment_page;
pub mod comments;
pub mod contact;
pub mod events;
pub mod faq;
pub mod follow;
pub mod home;
pub mod my_comment;
pub mod my_records;
pub mod not_found;
pub mod privacy;
pub mod privacy_request;
pub mod rsvp;
pub mod staff;
pub mod strategy;
pub mod survey_question;
pub mod surveys;
pub mod timeline;
pub mod transparency;
pub mod updates;
pub mod versions;
pub mod what_we_heard;
pub mod whole_draft;
