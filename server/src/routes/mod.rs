//! Plain axum routes beside the Leptos pages; each module owns its router.

pub mod calendar;
pub mod comment_exports;
pub mod dataset_exports;
pub mod exports;
pub mod health;
pub mod survey_exports;
pub mod workbook;
