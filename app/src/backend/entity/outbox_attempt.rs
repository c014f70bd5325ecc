//! One try at delivering an outbox message, with the error when it failed.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub outbox_message_id: i32,
    pub worker: String,
    pub attempted_at: DateTimeUtc,
    pub succeeded: bool,
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::outbox_message::Entity",
        from = "Column::OutboxMessageId",
        to = "super::outbox_message::Column::Id",
        on_delete = "Cascade"
    )]
    OutboxMessage,
}

impl Related<super::outbox_message::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OutboxMessage.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
