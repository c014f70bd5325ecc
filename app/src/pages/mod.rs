//! One file per route.

pub mod contact;
pub mod home;
pub mod not_found;
pub mod staff;
pub mod strategy;
