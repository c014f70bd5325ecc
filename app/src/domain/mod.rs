//! Validated types in the city's words ("parse, don't validate").

#[cfg(feature = "ssr")]
pub mod email;
pub mod role;

pub use role::Role;
