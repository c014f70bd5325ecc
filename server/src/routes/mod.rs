//! Plain axum routes beside the Leptos pages; each module owns its router.

pub mod calendar;
pub mod draft;
pub mod exports;
pub mod health;
pub mod unsubscribe;
pub mod what_we_heard;
