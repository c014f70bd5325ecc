//! Validated types in the city's words ("parse, don't validate").

pub mod role;
#[cfg(feature = "ssr")]
pub mod email;

pub use role::Role;
