//! Server-only code: application state, database entities, services and per-request helpers.

pub mod access;
pub mod entity;
pub mod exports;
pub mod intake;
pub mod privacy_key;
pub mod request;
pub mod security;
pub mod services;
pub mod state;

pub use state::{AppState, MailContext, MailDelivery, PortalSettings, app_state};
