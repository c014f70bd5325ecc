//! An email waiting to be sent, being sent, sent, or given up on ("dead").

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable `Message-ID` header, so a resend after a crash is recognisably the same message.
    #[sea_orm(unique)]
    pub message_id: String,
    pub kind: String,
    pub to_address: String,
    pub to_name: Option<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub status: crate::domain::status::OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// An optional attachment (a meeting's calendar invitation), stored as text.
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment_body: Option<String>,
    /// The one-click unsubscribe address (RFC 8058) of a mailing to followers.
    pub list_unsubscribe: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::outbox_attempt::Entity")]
    OutboxAttempt,
}

impl Related<super::outbox_attempt::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OutboxAttempt.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
