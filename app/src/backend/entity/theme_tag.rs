//! A theme put on one feedback item by a staff member.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "theme_tag")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub theme_id: i32,
    pub item_id: i32,
    pub staff_account_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::feedback_item::Entity",
        from = "Column::ItemId",
        to = "super::feedback_item::Column::Id"
    )]
    Item,
}

impl Related<super::feedback_item::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Item.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
