//! A signed-in staff session; the cookie holds the token, the table only its SHA-256.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_hash: String,
    pub staff_account_id: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// Last request with this session; `None` until the first one after sign-in.
    pub last_seen_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::staff_account::Entity",
        from = "Column::StaffAccountId",
        to = "super::staff_account::Column::Id",
        on_delete = "Cascade"
    )]
    StaffAccount,
}

impl Related<super::staff_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::StaffAccount.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
