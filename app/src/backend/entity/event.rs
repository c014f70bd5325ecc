//! A community meeting of the consultation (in person, online or hybrid).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub description_markdown: String,
    /// Sanitised when saved.
    pub description_html: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// in_person, online or hybrid.
    pub format: String,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    /// Shown only to people who RSVPed (confirmation email and manage page).
    pub online_url: Option<String>,
    /// Seats; `None` means no limit.
    pub capacity: Option<i32>,
    pub rsvp_deadline: Option<DateTimeUtc>,
    pub languages: String,
    pub accessibility_notes: String,
    /// draft, published or cancelled.
    pub status: crate::domain::status::EventStatus,
    /// Bumped by every RSVP change so that change holds the row's write lock.
    pub revision: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
