//! One section of the draft strategy (e.g. Neighborhood Livability).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "section")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    pub slug: String,
    pub position: i32,
    pub title: String,
    pub summary: String,
    /// The published version readers see; older versions stay readable.
    pub current_version_id: Option<i32>,
    /// Saved in the editor, not yet published; readers never see it.
    pub draft_title: Option<String>,
    pub draft_summary: Option<String>,
    pub draft_markdown: Option<String>,
    pub draft_saved_at: Option<DateTimeUtc>,
    pub draft_saved_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
