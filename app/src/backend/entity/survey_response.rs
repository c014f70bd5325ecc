//! One response to a survey: a draft under a secret token until it is submitted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    #[sea_orm(unique)]
    pub reference: Option<String>,
    /// SHA-256 of the draft token in the person's address bar.
    #[sea_orm(unique)]
    pub draft_token_hash: String,
    /// SHA-256 of the browser cookie, for "one response per browser".
    pub browser_hash: Option<String>,
    /// draft or submitted.
    pub status: crate::domain::status::ResponseStatus,
    /// `domain::survey::Answers` as JSON.
    pub answers: String,
    pub stakeholder_group: Option<String>,
    pub stakeholder_other: Option<String>,
    pub zip: Option<String>,
    /// Comma-separated community identity codes.
    pub identities: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// SHA-256 of the respondent's own link, made at submission.
    #[sea_orm(unique)]
    pub manage_token_hash: Option<String>,
    /// online, or paper_form for a response keyed in by staff.
    pub channel: String,
    /// The staff member who keyed in a paper response.
    pub entered_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
