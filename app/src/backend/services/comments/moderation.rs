//! Moderators' side of comments: the queue with its filters, repeated-text detection, and
//! decisions (approve, reject, redact and approve) with their audit entries and emails.
use crate::domain::status::CommentStatus;

use super::text_hash;
use crate::backend::MailContext;
use crate::backend::entity::comment;
use crate::backend::services::{audit, outbox};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

/// What a moderator narrows the queue to; flags are matched after loading (they are computed).
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub section_id: Option<i32>,
    pub group: Option<StakeholderGroup>,
    pub received_from: Option<chrono::NaiveDate>,
    pub received_to: Option<chrono::NaiveDate>,
    /// The language the comment was written in.
    pub locale: Option<crate::i18n::Locale>,
}

/// Comments waiting for a moderator's decision: new ones, and (under post-moderation) published
/// ones nobody has reviewed yet. The dashboard and the daily digest count these.
pub fn awaiting_decision() -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(comment::Column::Status.eq(CommentStatus::Pending))
        .add(
            sea_orm::Condition::all()
                .add(comment::Column::Status.eq(CommentStatus::Published))
                .add(comment::Column::DecidedAt.is_null()),
        )
}

/// Everything in the moderation queue: what awaits a decision, and comments hidden by reports.
pub fn in_queue() -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(awaiting_decision())
        .add(comment::Column::Status.eq(CommentStatus::Hidden))
}

/// The moderation queue, oldest first: new comments, those hidden by readers' reports, and (under
/// post-moderation) published comments no moderator has reviewed yet.
pub async fn pending(
    conn: &impl ConnectionTrait,
    filter: &QueueFilter,
) -> Result<Vec<comment::Model>, DbErr> {
    let mut query = comment::Entity::find().filter(in_queue());
    if let Some(section_id) = filter.section_id {
        query = query.filter(comment::Column::SectionId.eq(section_id));
    }
    if let Some(group) = filter.group {
        query = query.filter(comment::Column::StakeholderGroup.eq(group.as_str()));
    }
    if let Some(locale) = filter.locale {
        query = query.filter(comment::Column::Locale.eq(locale.code()));
    }
    if let Some(from) = filter.received_from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        query = query.filter(comment::Column::CreatedAt.gte(from.and_utc()));
    }
    if let Some(to) = filter
        .received_to
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        query = query.filter(comment::Column::CreatedAt.lt(to.and_utc()));
    }
    query
        .order_by_asc(comment::Column::CreatedAt)
        .order_by_asc(comment::Column::Id)
        .all(conn)
        .await
}

/// Of these fingerprints, the ones more than one comment carries (text already seen).
pub async fn repeated_texts(
    conn: &impl ConnectionTrait,
    hashes: &[String],
) -> Result<std::collections::HashSet<String>, DbErr> {
    use sea_orm::{ExprTrait, QuerySelect};
    if hashes.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(String, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::TextHash)
        .column_as(comment::Column::Id.count(), "seen")
        .filter(comment::Column::TextHash.is_in(hashes.to_vec()))
        .group_by(comment::Column::TextHash)
        .having(comment::Column::Id.count().gt(1))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|(hash, _)| hash).collect())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject {
        reason: String,
        note: Option<String>,
    },
    /// Approve with personal information taken out of the text.
    RedactAndApprove {
        body: String,
    },
}

/// Records a moderator's decision with its audit entry; an approval emails the author when they asked.
pub async fn decide<C>(
    db: &C,
    id: i32,
    staff_id: i32,
    decision: &Decision,
    section_url: impl Fn(i32) -> String,
    ctx: &MailContext,
) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::backend::services::begin_write(db).await?;
    let Some(found) = comment::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    let (status, reason, action, detail) = match decision {
        Decision::Approve => (CommentStatus::Published, None, "comment.approved", None),
        Decision::Reject { reason, note } => (
            CommentStatus::Rejected,
            Some(reason.clone()),
            "comment.rejected",
            Some(match note {
                Some(note) => format!("{reason}: {note}"),
                None => reason.clone(),
            }),
        ),
        // That a redaction happened and how much went, never what: the removed text is usually
        // the personal data the redaction exists to remove.
        Decision::RedactAndApprove { body } => (
            CommentStatus::Published,
            None,
            "comment.redacted_and_approved",
            Some(format!(
                "{} characters before, {} after",
                found.body.chars().count(),
                body.chars().count()
            )),
        ),
    };
    // Under post-moderation an approval only marks the comment reviewed: its author already knows.
    let already_public = found.status == CommentStatus::Published;
    let email = found.email.clone().filter(|_| !already_public);
    let locale = Locale::from_code(&found.locale).unwrap_or_default();
    let reference = found.reference.clone().unwrap_or_default();
    let section_id = found.section_id;
    let mut active: comment::ActiveModel = found.into();
    if let Decision::RedactAndApprove { body } = decision {
        active.text_hash = Set(text_hash(body));
        active.body = Set(body.clone());
    }
    active.status = Set(status);
    active.reject_reason = Set(reason);
    active.decided_at = Set(Some(Utc::now()));
    active.decided_by = Set(Some(staff_id));
    let stored = active.update(&txn).await?;
    if matches!(decision, Decision::RedactAndApprove { .. }) {
        // What was redacted must not stay findable in the search index.
        if let Some(found) = crate::backend::entity::section::Entity::find_by_id(section_id)
            .one(&txn)
            .await?
        {
            crate::backend::services::search::index_comment(&txn, &stored, found.consultation_id)
                .await?;
        }
    }
    audit::record(&txn, Some(staff_id), action, "comment", id, detail).await?;
    if let (CommentStatus::Published, Some(email)) = (status, email) {
        let link = section_url(section_id);
        let args = [("reference", reference.as_str()), ("link", link.as_str())];
        let message = outbox::resident_email(
            locale,
            &email,
            "comment-published",
            "mail.comment_published",
            &args,
            ctx,
        );
        outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    }
    txn.commit().await?;
    Ok(true)
}
