//! Plain axum routes beside the Leptos pages; each module owns its router.

pub mod calendar;
pub mod exports;
pub mod health;
