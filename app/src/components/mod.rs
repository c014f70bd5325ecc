//! Reusable pieces of view: the page layout, form fields, the error summary, staff page guards.

pub mod choice;
pub mod error_view;
pub mod form;
pub mod intake;
pub mod layout;
pub mod staff_gate;
pub mod staff_header;
