//! The Engage server: configuration, the axum application around the Leptos app, and the CLI.

pub mod cli;
pub mod config;
pub mod db;
pub mod middleware;
pub mod outbox_worker;
pub mod routes;
pub mod startup;
pub mod telemetry;

/// The built-in content pack: the City of West Hollywood's draft CSWB strategy.
pub const DEFAULT_CONSULTATION: &str = include_str!("../content/cswb/consultation.toml");
