//! The City's explanation of one changed passage of a new section version ("you said, we did").

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub section_version_id: i32,
    /// The changed paragraph of the new version; empty for the section as a whole.
    pub paragraph_anchor: String,
    /// The passage as published, plain text, for the pages that quote it.
    pub passage_text: String,
    pub explanation_en: String,
    pub explanation_es: Option<String>,
    pub explanation_ru: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
