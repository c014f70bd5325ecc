//! A staff member who asked for the daily email of what waits for them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_digest")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_account_id: i32,
    pub subscribed_at: DateTimeUtc,
    /// The language the digest is written in: the one the person asked for it in.
    pub locale: String,
    /// The consultation's local day (YYYY-MM-DD) of the last digest sent.
    pub last_sent_on: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
