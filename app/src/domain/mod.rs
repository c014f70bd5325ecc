//! Validated types in the city's words ("parse, don't validate").

#[cfg(feature = "ssr")]
pub mod email;
#[cfg(feature = "ssr")]
pub mod forms;

pub mod audit;
pub mod comment;
pub mod feedback;
pub mod follow;
pub mod inquiry;
#[cfg(feature = "ssr")]
pub mod person;
pub mod role;
pub mod section;
pub mod stakeholder;
pub mod status;
pub mod survey;
pub mod zip;

pub use role::{Permission, Role};
