//! An update sent to followers, kept as the public archive: what it said in each language, when,
//! by whom and to how many (never to whom).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follower_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// `None`: sent to the whole consultation's followers only; a section's also reaches its own.
    pub section_id: Option<i32>,
    pub kind: crate::domain::follow::UpdateKind,
    pub subject_en: String,
    pub body_en: String,
    /// Spanish and Russian are optional: followers of a missing language get the English.
    pub subject_es: Option<String>,
    pub body_es: Option<String>,
    pub subject_ru: Option<String>,
    pub body_ru: Option<String>,
    /// A page of the portal the update points to (`/events/town-hall`).
    pub link_path: Option<String>,
    pub sent_at: DateTimeUtc,
    pub sent_by: Option<i32>,
    pub recipient_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
