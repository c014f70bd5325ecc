//! One RSVP to a meeting: a party of 1 to 5, registered or waitlisted, managed through a secret link.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rsvp")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    #[sea_orm(unique)]
    pub reference: Option<String>,
    /// SHA-256 of the manage-link token; the token itself is only in the person's email.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub party_size: i32,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub zip: Option<String>,
    /// Comma-separated accommodation codes (asl, cart, spanish, russian, wheelchair, childcare, other).
    pub accommodations: String,
    pub accommodation_other: Option<String>,
    pub reminder_consent: bool,
    /// registered, waitlisted, cancelled or checked_in.
    pub status: crate::domain::status::RsvpStatus,
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub reminder_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
