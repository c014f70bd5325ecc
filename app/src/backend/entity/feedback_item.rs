//! One thing a person wrote, as staff search and tag it: a comment, one written survey answer, or
//! an inquiry. Written in the transaction that writes its source, deleted when the source's text
//! is erased.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// comment, survey_answer or inquiry
    pub kind: String,
    /// The comment's, survey response's or inquiry's id.
    pub source_id: i32,
    /// The survey question answered ("" for comments and inquiries).
    pub question_key: String,
    pub section_id: Option<i32>,
    pub survey_id: Option<i32>,
    pub stakeholder_group: String,
    pub channel: String,
    pub language: String,
    pub created_at: DateTimeUtc,
    pub body: String,
    /// The body's words as stems, for SQLite's full-text index.
    pub stems: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
