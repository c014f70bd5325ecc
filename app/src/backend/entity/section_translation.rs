//! A section's title, summary and text in another language, translated from one English version.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "section_translation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub section_id: i32,
    /// `es`, `ru`.
    pub locale: String,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    /// Paragraph ids are the English version's, in the same order.
    pub body_html: String,
    /// The English version this translates; out of date once the section has a newer one.
    pub source_version_id: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
