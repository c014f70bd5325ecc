//! Comments on the draft: storing them pending (pre-moderation) with their confirmation email in one
//! transaction, reading the published ones, and moderators' decisions.
use crate::domain::status::CommentStatus;

pub mod moderation;
pub mod offline;
mod receive;
mod screening;
pub mod withdraw;

pub use crate::domain::forms::comment::{CommentForm, NewComment, check, keep_all};
pub use moderation::{Decision, QueueFilter, decide, pending, repeated_texts};
pub use receive::{OpenSection, Received, receive, receive_report};
pub use screening::{flags, suggest_redaction, text_hash};

use super::{audit, outbox};
use crate::backend::MailContext;
use crate::backend::entity::comment;
use crate::domain::stakeholder::StakeholderGroup;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

pub use crate::domain::comment::{MAX_COMMENT_CHARS, MAX_DISPLAY_NAME_CHARS};
pub const PAGE_SIZE: u64 = 50;

/// Reasons a moderator may give for rejecting a comment.
pub use crate::domain::comment::REJECT_REASONS;

/// True when the same text arrived in the last day (a double submit, or a copy-paste campaign).
pub async fn seen_recently(conn: &impl ConnectionTrait, hash: &str) -> Result<bool, DbErr> {
    Ok(comment::Entity::find()
        .filter(comment::Column::TextHash.eq(hash))
        .filter(comment::Column::CreatedAt.gt(Utc::now() - Duration::days(1)))
        .count(conn)
        .await?
        > 0)
}

/// Stores the comment pending review and, when an email was given, queues the confirmation.
pub async fn submit<C>(
    db: &C,
    section: &crate::backend::entity::section::Model,
    version: &crate::backend::entity::section_version::Model,
    new: &NewComment,
    post_moderation: bool,
    ctx: &MailContext,
) -> Result<String, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::backend::services::begin_write(db).await?;
    // Only an author we can write to gets a link to their comment.
    let manage_token = new
        .email
        .as_ref()
        .map(|_| crate::backend::services::new_token());
    let stored = comment::ActiveModel {
        manage_token_hash: Set(manage_token
            .as_deref()
            .map(|t| crate::backend::services::sha256_hex(&["comment-manage", t]))),
        reference: Set(None),
        section_id: Set(section.id),
        section_version_id: Set(version.id),
        paragraph_anchor: Set(new.paragraph.clone()),
        paragraph_text: Set(new.paragraph.as_deref().and_then(|anchor| {
            crate::backend::services::strategy::passage_text(&version.body_markdown, anchor)
        })),
        notify_on_change: Set(new.notify_on_change && new.email.is_some()),
        body: Set(new.body.clone()),
        text_hash: Set(text_hash(&new.body)),
        stakeholder_group: Set(new.group.as_str().into()),
        stakeholder_other: Set(new.group_other.clone()),
        display_name: Set(new.display_name.clone()),
        zip: Set(new.zip.clone()),
        email: Set(new.email.as_ref().map(|e| e.as_str().to_string())),
        locale: Set(new.locale.code().into()),
        // Post-moderation publishes at once; `decided_at` stays empty until a moderator reviews it.
        status: Set(if post_moderation {
            CommentStatus::Published
        } else {
            CommentStatus::Pending
        }),
        reject_reason: Set(None),
        created_at: Set(Utc::now()),
        decided_at: Set(None),
        decided_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let reference = format!("{}-C-{:05}", ctx.reference_prefix, stored.id);
    let mut with_reference: comment::ActiveModel = stored.into();
    with_reference.reference = Set(Some(reference.clone()));
    let stored = with_reference.update(&txn).await?;
    crate::backend::services::search::index_comment(&txn, &stored, section.consultation_id).await?;
    if let Some(email) = &new.email {
        let manage = format!(
            "{}/your-comment/{}",
            ctx.public_url,
            manage_token.as_deref().unwrap_or_default()
        );
        let args = [
            ("reference", reference.as_str()),
            ("section", section.title.as_str()),
            ("manage", manage.as_str()),
        ];
        let message = outbox::resident_email(
            new.locale,
            email.as_str(),
            "comment-received",
            if post_moderation {
                "mail.comment_posted"
            } else {
                "mail.comment_received"
            },
            &args,
            ctx,
        );
        outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    }
    txn.commit().await?;
    Ok(reference)
}

#[derive(Clone, Debug, Default)]
pub struct CommentFilter {
    pub group: Option<StakeholderGroup>,
    pub paragraph: Option<String>,
    pub oldest_first: bool,
    /// Zero-based.
    pub page: u64,
}

/// One page of a section's published comments and the total: two queries, whatever the page size.
pub async fn published(
    conn: &impl ConnectionTrait,
    section_id: i32,
    filter: &CommentFilter,
) -> Result<(Vec<comment::Model>, u64), DbErr> {
    use comment::Column;
    let mut query = comment::Entity::find()
        .filter(Column::SectionId.eq(section_id))
        .filter(Column::Status.eq(CommentStatus::Published));
    if let Some(group) = filter.group {
        query = query.filter(Column::StakeholderGroup.eq(group.as_str()));
    }
    if let Some(paragraph) = &filter.paragraph {
        query = query.filter(Column::ParagraphAnchor.eq(paragraph.as_str()));
    }
    query = if filter.oldest_first {
        query
            .order_by_asc(Column::CreatedAt)
            .order_by_asc(Column::Id)
    } else {
        query
            .order_by_desc(Column::CreatedAt)
            .order_by_desc(Column::Id)
    };
    let paginator = query.paginate(conn, PAGE_SIZE);
    let total = paginator.num_items().await?;
    Ok((paginator.fetch_page(filter.page).await?, total))
}

/// Published comments per section, and how many stakeholder groups they come from (two queries).
pub async fn published_counts(
    conn: &impl ConnectionTrait,
    section_ids: &[i32],
) -> Result<(Vec<(i32, i64)>, usize), DbErr> {
    use comment::Column;
    use sea_orm::QuerySelect;
    let per_section: Vec<(i32, i64)> = comment::Entity::find()
        .select_only()
        .column(Column::SectionId)
        .column_as(Column::Id.count(), "published")
        .filter(Column::Status.eq(CommentStatus::Published))
        .filter(Column::SectionId.is_in(section_ids.to_vec()))
        .group_by(Column::SectionId)
        .into_tuple()
        .all(conn)
        .await?;
    let groups: Vec<String> = comment::Entity::find()
        .select_only()
        .column(Column::StakeholderGroup)
        .distinct()
        .filter(Column::Status.eq(CommentStatus::Published))
        .filter(Column::SectionId.is_in(section_ids.to_vec()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok((per_section, groups.len()))
}

/// Records a reader's report (once per reader and comment); at `threshold` reports the comment is hidden.
/// Returns `None` when there is no published comment with that id.
pub async fn report<C>(
    db: &C,
    comment_id: i32,
    reason: &str,
    note: Option<String>,
    reporter: &str,
    threshold: u64,
) -> Result<Option<bool>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    use crate::backend::entity::comment_report;
    let txn = crate::backend::services::begin_write(db).await?;
    let Some(found) = comment::Entity::find_by_id(comment_id)
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .one(&txn)
        .await?
    else {
        return Ok(None);
    };
    let reporter_hash = super::sha256_hex(&["comment-report", reporter]);
    let already = comment_report::Entity::find()
        .filter(comment_report::Column::CommentId.eq(comment_id))
        .filter(comment_report::Column::ReporterHash.eq(reporter_hash.clone()))
        .count(&txn)
        .await?
        > 0;
    if !already {
        comment_report::ActiveModel {
            comment_id: Set(comment_id),
            reason: Set(reason.to_string()),
            note: Set(note),
            reporter_hash: Set(reporter_hash),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let reports = comment_report::Entity::find()
        .filter(comment_report::Column::CommentId.eq(comment_id))
        .count(&txn)
        .await?;
    let hidden = reports >= threshold.max(1);
    if hidden {
        let mut active: comment::ActiveModel = found.into();
        active.status = Set(CommentStatus::Hidden);
        active.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(Some(hidden))
}

/// How many reports each of these comments has.
pub async fn report_counts(
    conn: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<Vec<(i32, i64)>, DbErr> {
    use crate::backend::entity::comment_report::{Column, Entity};
    use sea_orm::QuerySelect;
    Entity::find()
        .select_only()
        .column(Column::CommentId)
        .column_as(Column::Id.count(), "reports")
        .filter(Column::CommentId.is_in(ids.to_vec()))
        .group_by(Column::CommentId)
        .into_tuple()
        .all(conn)
        .await
}

/// Adds the City's official reply under a published comment, audited. `None` when the comment is
/// not published (replies answer what readers can see).
pub async fn reply<C>(
    db: &C,
    comment_id: i32,
    staff_id: i32,
    body: &str,
) -> Result<Option<crate::backend::entity::comment_reply::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    use crate::backend::entity::comment_reply;
    let txn = crate::backend::services::begin_write(db).await?;
    let published = comment::Entity::find_by_id(comment_id)
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .one(&txn)
        .await?;
    if published.is_none() {
        return Ok(None);
    }
    let stored = comment_reply::ActiveModel {
        comment_id: Set(comment_id),
        staff_account_id: Set(Some(staff_id)),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "comment.replied",
        "comment",
        comment_id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Some(stored))
}

/// The City's replies to these comments, oldest first, in one query.
pub async fn replies(
    conn: &impl ConnectionTrait,
    comment_ids: &[i32],
) -> Result<Vec<crate::backend::entity::comment_reply::Model>, DbErr> {
    use crate::backend::entity::comment_reply;
    if comment_ids.is_empty() {
        return Ok(Vec::new());
    }
    comment_reply::Entity::find()
        .filter(comment_reply::Column::CommentId.is_in(comment_ids.to_vec()))
        .order_by_asc(comment_reply::Column::CreatedAt)
        .all(conn)
        .await
}
