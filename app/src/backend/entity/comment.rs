//! A public comment on a section of the draft, pending until a moderator decides.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub reference: Option<String>,
    pub section_id: i32,
    /// The version the person read when commenting.
    pub section_version_id: i32,
    pub paragraph_anchor: Option<String>,
    /// The paragraph's text as the person read it, so what they commented on survives later edits.
    pub paragraph_text: Option<String>,
    pub body: String,
    /// SHA-256 of the normalised text, to spot the same comment sent again.
    pub text_hash: String,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub display_name: String,
    pub zip: Option<String>,
    /// Never shown; used only for the confirmation emails.
    pub email: Option<String>,
    pub locale: String,
    pub status: crate::domain::status::CommentStatus,
    pub reject_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    /// Chosen by staff as a representative quote for the report.
    pub highlighted: bool,
    /// online, or the offline channel staff keyed it in from (focus_group, pop_up, paper_form,
    /// phone, other).
    pub channel: String,
    /// SHA-256 of the link sent to the author to see, withdraw or delete the comment.
    pub manage_token_hash: Option<String>,
    /// The author asked to be emailed when the section changes in response to this comment.
    pub notify_on_change: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
