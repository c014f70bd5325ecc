//! A failed no-JavaScript form post's errors and kept input, for the next page view only.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_flash")]
pub struct Model {
    /// SHA-256 of the random key in the cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_hash: String,
    /// The page the browser is sent back to (path only).
    pub page: String,
    /// The server function whose form failed (leptos's `__path`).
    pub fn_path: String,
    /// The encoded error (leptos's `__err`): messages and the kept input.
    #[sea_orm(column_type = "Text")]
    pub error: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
