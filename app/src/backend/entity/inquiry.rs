//! A question or comment sent to the city through the contact page.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Human reference such as `CSWB-2026-00042`; set in the same transaction as the insert.
    #[sea_orm(unique)]
    pub reference: Option<String>,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub reply_channel: String,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub zip: Option<String>,
    pub topic: String,
    pub message: String,
    pub consent_to_contact: bool,
    /// The language the person wrote in; their acknowledgement is sent in it.
    pub locale: String,
    pub status: crate::domain::status::InquiryStatus,
    pub assignee_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// SHA-256 of the link in the acknowledgement email (see, withdraw and delete).
    #[sea_orm(unique)]
    pub manage_token_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::inquiry_entry::Entity")]
    InquiryEntry,
}

impl Related<super::inquiry_entry::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InquiryEntry.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
