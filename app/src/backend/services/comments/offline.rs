//! Feedback gathered offline (focus groups, pop-ups, paper forms, phone calls) keyed in by staff as
//! comments on a section, tagged with its channel and the group's stakeholder group: published at
//! once (staff entered it), audited, counted and exported like every other comment.
use crate::domain::status::CommentStatus;

use super::text_hash;
use crate::backend::entity::{comment, section};
use crate::backend::services::{audit, begin_write};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, TransactionSession,
    TransactionTrait,
};

/// The offline channels, in the order the form lists them.
pub const OFFLINE_CHANNELS: [&str; 5] = ["focus_group", "pop_up", "paper_form", "phone", "other"];

#[derive(Clone, Debug)]
pub struct OfflineFeedback {
    pub channel: String,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub display_name: String,
    pub body: String,
}

/// Stores the feedback and returns its reference.
pub async fn record<C>(
    db: &C,
    found: &section::Model,
    feedback: &OfflineFeedback,
    staff_id: i32,
    reference_prefix: &str,
) -> Result<String, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let now = Utc::now();
    let stored = comment::ActiveModel {
        reference: Set(None),
        section_id: Set(found.id),
        section_version_id: Set(found.current_version_id.unwrap_or_default()),
        paragraph_anchor: Set(None),
        body: Set(feedback.body.clone()),
        text_hash: Set(text_hash(&feedback.body)),
        stakeholder_group: Set(feedback.stakeholder_group.clone()),
        stakeholder_other: Set(feedback.stakeholder_other.clone()),
        display_name: Set(feedback.display_name.clone()),
        zip: Set(None),
        email: Set(None),
        locale: Set("en".into()),
        status: Set(CommentStatus::Published),
        reject_reason: Set(None),
        created_at: Set(now),
        decided_at: Set(Some(now)),
        decided_by: Set(Some(staff_id)),
        highlighted: Set(false),
        channel: Set(feedback.channel.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let reference = format!("{reference_prefix}-C-{:05}", stored.id);
    let mut with_reference: comment::ActiveModel = stored.clone().into();
    with_reference.reference = Set(Some(reference.clone()));
    let indexed = with_reference.update(&txn).await?;
    crate::backend::services::search::index_comment(&txn, &indexed, found.consultation_id).await?;
    audit::record(
        &txn,
        Some(staff_id),
        "comment.offline_entry",
        "comment",
        stored.id,
        Some(feedback.channel.clone()),
    )
    .await?;
    txn.commit().await?;
    Ok(reference)
}
