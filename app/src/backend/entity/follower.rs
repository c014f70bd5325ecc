//! A person following the consultation, or one section of it, by email: pending until they
//! confirm from their mailbox, active until they unsubscribe.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follower")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// `None`: the whole consultation.
    pub section_id: Option<i32>,
    /// Emptied when the person unsubscribes.
    pub email: String,
    /// The language their emails are written in.
    pub locale: String,
    #[sea_orm(unique)]
    pub confirm_token_hash: Option<String>,
    /// Set when they confirm; the token itself is derived again for every email.
    #[sea_orm(unique)]
    pub unsubscribe_token_hash: Option<String>,
    /// When they asked (asking again while pending sends a fresh link and moves this on).
    pub created_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    pub unsubscribed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// Written by hand so that the address never reaches a log line.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Follower")
            .field("id", &self.id)
            .field("consultation_id", &self.consultation_id)
            .field("section_id", &self.section_id)
            .field("confirmed", &self.confirmed_at.is_some())
            .field("unsubscribed", &self.unsubscribed_at.is_some())
            .finish_non_exhaustive()
    }
}
