//! A suggested theme a staff member turned down for one item: it is not offered again.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "theme_dismissal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub theme_id: i32,
    pub item_id: i32,
    pub staff_account_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
