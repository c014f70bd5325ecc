//! sea-orm entities, one per table (the schema itself lives in the `migrations` crate).

pub mod consultation;
pub mod rate_limit_event;
pub mod service_area;
pub mod staff_account;
pub mod staff_session;
