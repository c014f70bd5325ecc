//! The public forms as they arrive and their checks into new records: every problem reported at
//! once with the input kept (the survey pages are checked in `domain::survey`).

pub mod comment;
pub mod follow;
pub mod inquiry;
pub mod privacy_request;
pub mod rsvp;
