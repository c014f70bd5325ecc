//! One field of the consultation's content (a title, a meeting's description) in another language.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_translation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub locale: String,
    /// `consultation`, `service_area`, `event` or `identity`.
    pub subject: String,
    /// The consultation's slug, the service area's position, the meeting's slug, the identity's key.
    pub subject_key: String,
    pub field: String,
    pub text: String,
    /// SHA-256 of the English text translated; a different English text means out of date.
    pub source_hash: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
