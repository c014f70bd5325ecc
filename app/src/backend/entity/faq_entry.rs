//! A question and its answer on the public FAQ, in English and optionally Spanish and Russian.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "faq_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// The entry's `id` on the public page; stays when the question changes.
    pub anchor: String,
    pub position: i32,
    pub question_en: String,
    /// Markdown.
    pub answer_en: String,
    /// Empty when not translated (readers get the English).
    pub question_es: String,
    pub answer_es: String,
    pub question_ru: String,
    pub answer_ru: String,
    pub published: bool,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
