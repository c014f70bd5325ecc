//! A comment that prompted an explained change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_response_comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub change_response_id: i32,
    pub comment_id: i32,
    /// When the author was emailed about it; empty when they did not ask for it.
    pub notified_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
