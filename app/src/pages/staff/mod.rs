//! Pages for city staff, all behind sign-in.

pub mod accounts;
pub mod dashboard;
pub mod sign_in;
