//! One step of the consultation's timeline (Phase I, Phase II, Council consideration), in English;
//! its Spanish and Russian are in `content_translation` under the subject `timeline_step`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "timeline_step")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// The pack's name for the step (`phase-ii`): its translations' key and its anchor.
    pub key: String,
    pub position: i32,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub what_happened: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    /// The step's dates are the consultation's comment period.
    pub phase_dates: bool,
    /// `past`, `current` or `upcoming` when set by the pack; otherwise worked out.
    pub status: Option<String>,
    /// JSON list of `{"label", "url"}`.
    pub links: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
