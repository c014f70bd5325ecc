//! A theme of the codebook that prompted an explained change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_response_theme")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub change_response_id: i32,
    pub theme_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
