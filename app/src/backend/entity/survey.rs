//! A survey of the consultation: settings, and its pages and questions as a JSON definition.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub intro_markdown: String,
    /// Sanitised when saved.
    pub intro_html: String,
    /// Who it is for, in the city's words ("Businesses").
    pub audience: String,
    pub opens_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    /// draft, open or closed.
    pub status: crate::domain::status::SurveyStatus,
    /// Whether contact details are asked for (never required).
    pub ask_contact: bool,
    pub one_per_browser: bool,
    /// `domain::survey::SurveyDefinition` as JSON.
    pub definition: String,
    /// Whether the results are on the public "What we heard" pages (an admin's choice).
    pub results_published: bool,
    pub results_published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
