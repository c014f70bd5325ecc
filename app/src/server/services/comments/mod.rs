//! Comments on the draft: storing them pending (pre-moderation) with their confirmation email in one
//! transaction, reading the published ones, and moderators' decisions.

mod check;

pub use check::{CommentForm, NewComment, check, flags, keep_all, suggest_redaction, text_hash};

use super::inquiry::MailContext;
use super::{audit, outbox};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{Locale, translate_with};
use crate::server::entity::comment;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

pub const MAX_COMMENT_CHARS: usize = 2_000;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
pub const PAGE_SIZE: u64 = 50;
pub const STATUS_PENDING: &str = "pending";
pub const STATUS_PUBLISHED: &str = "published";
pub const STATUS_REJECTED: &str = "rejected";
/// Taken down by readers' reports until a moderator decides.
pub const STATUS_HIDDEN: &str = "hidden";

/// What a reader may report a comment for.
pub const REPORT_REASONS: [&str; 4] = ["spam", "abusive", "personal_information", "off_topic"];

/// Reasons a moderator may give for rejecting a comment.
pub const REJECT_REASONS: [&str; 6] = [
    "spam",
    "abusive",
    "personal_information",
    "off_topic",
    "duplicate",
    "other",
];

/// True when the same text arrived in the last day (a double submit, or a copy-paste campaign).
pub async fn seen_recently(conn: &impl ConnectionTrait, hash: &str) -> Result<bool, DbErr> {
    Ok(comment::Entity::find()
        .filter(comment::Column::TextHash.eq(hash))
        .filter(comment::Column::CreatedAt.gt(Utc::now() - Duration::days(1)))
        .count(conn)
        .await?
        > 0)
}

fn comment_email(
    locale: Locale,
    to: &str,
    kind: &'static str,
    key: &str,
    args: &[(&str, &str)],
    ctx: &MailContext,
) -> outbox::NewEmail {
    let body = translate_with(locale, &format!("{key}.body"), args);
    outbox::NewEmail {
        kind,
        to_address: to.to_string(),
        to_name: None,
        reply_to: Some((None, ctx.inbox.clone())),
        subject: translate_with(locale, &format!("{key}.subject"), args),
        html_body: outbox::paragraphs_html(&body),
        text_body: body,
        attachment: None,
    }
}

/// Stores the comment pending review and, when an email was given, queues the confirmation.
pub async fn submit<C>(
    db: &C,
    section: &crate::server::entity::section::Model,
    version_id: i32,
    new: &NewComment,
    post_moderation: bool,
    ctx: &MailContext,
) -> Result<String, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::server::services::begin_write(db).await?;
    let stored = comment::ActiveModel {
        reference: Set(None),
        section_id: Set(section.id),
        section_version_id: Set(version_id),
        paragraph_anchor: Set(new.paragraph.clone()),
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
            STATUS_PUBLISHED
        } else {
            STATUS_PENDING
        }
        .into()),
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
    with_reference.update(&txn).await?;
    if let Some(email) = &new.email {
        let args = [
            ("reference", reference.as_str()),
            ("section", section.title.as_str()),
        ];
        let message = comment_email(
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
        .filter(Column::Status.eq(STATUS_PUBLISHED));
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
        .filter(Column::Status.eq(STATUS_PUBLISHED))
        .filter(Column::SectionId.is_in(section_ids.to_vec()))
        .group_by(Column::SectionId)
        .into_tuple()
        .all(conn)
        .await?;
    let groups: Vec<String> = comment::Entity::find()
        .select_only()
        .column(Column::StakeholderGroup)
        .distinct()
        .filter(Column::Status.eq(STATUS_PUBLISHED))
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
    use crate::server::entity::comment_report;
    let txn = crate::server::services::begin_write(db).await?;
    let Some(found) = comment::Entity::find_by_id(comment_id)
        .filter(comment::Column::Status.eq(STATUS_PUBLISHED))
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
        active.status = Set(STATUS_HIDDEN.into());
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
    use crate::server::entity::comment_report::{Column, Entity};
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

/// What a moderator narrows the queue to; flags are matched after loading (they are computed).
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub section_id: Option<i32>,
    pub group: Option<StakeholderGroup>,
    pub received_from: Option<chrono::NaiveDate>,
    pub received_to: Option<chrono::NaiveDate>,
}

/// The moderation queue, oldest first: new comments, those hidden by readers' reports, and (under
/// post-moderation) published comments no moderator has reviewed yet.
pub async fn pending(
    conn: &impl ConnectionTrait,
    filter: &QueueFilter,
) -> Result<Vec<comment::Model>, DbErr> {
    use sea_orm::Condition;
    let mut query = comment::Entity::find().filter(
        Condition::any()
            .add(comment::Column::Status.is_in([STATUS_PENDING, STATUS_HIDDEN]))
            .add(
                Condition::all()
                    .add(comment::Column::Status.eq(STATUS_PUBLISHED))
                    .add(comment::Column::DecidedAt.is_null()),
            ),
    );
    if let Some(section_id) = filter.section_id {
        query = query.filter(comment::Column::SectionId.eq(section_id));
    }
    if let Some(group) = filter.group {
        query = query.filter(comment::Column::StakeholderGroup.eq(group.as_str()));
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
    let txn = crate::server::services::begin_write(db).await?;
    let Some(found) = comment::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    let (status, reason, action, detail) = match decision {
        Decision::Approve => (STATUS_PUBLISHED, None, "comment.approved", None),
        Decision::Reject { reason, note } => (
            STATUS_REJECTED,
            Some(reason.clone()),
            "comment.rejected",
            Some(match note {
                Some(note) => format!("{reason}: {note}"),
                None => reason.clone(),
            }),
        ),
        // The audit keeps the text as it was, so the redaction can be reviewed.
        Decision::RedactAndApprove { .. } => (
            STATUS_PUBLISHED,
            None,
            "comment.redacted_and_approved",
            Some(format!("text before: {}", found.body)),
        ),
    };
    // Under post-moderation an approval only marks the comment reviewed: its author already knows.
    let already_public = found.status == STATUS_PUBLISHED;
    let email = found.email.clone().filter(|_| !already_public);
    let locale = Locale::from_code(&found.locale).unwrap_or_default();
    let reference = found.reference.clone().unwrap_or_default();
    let section_id = found.section_id;
    let mut active: comment::ActiveModel = found.into();
    if let Decision::RedactAndApprove { body } = decision {
        active.text_hash = Set(text_hash(body));
        active.body = Set(body.clone());
    }
    active.status = Set(status.into());
    active.reject_reason = Set(reason);
    active.decided_at = Set(Some(Utc::now()));
    active.decided_by = Set(Some(staff_id));
    active.update(&txn).await?;
    audit::record(&txn, Some(staff_id), action, "comment", id, detail).await?;
    if let (STATUS_PUBLISHED, Some(email)) = (status, email) {
        let link = section_url(section_id);
        let args = [("reference", reference.as_str()), ("link", link.as_str())];
        let message = comment_email(
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

/// Adds the City's official reply under a published comment, audited. `None` when the comment is
/// not published (replies answer what readers can see).
pub async fn reply<C>(
    db: &C,
    comment_id: i32,
    staff_id: i32,
    body: &str,
) -> Result<Option<crate::server::entity::comment_reply::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    use crate::server::entity::comment_reply;
    let txn = crate::server::services::begin_write(db).await?;
    let published = comment::Entity::find_by_id(comment_id)
        .filter(comment::Column::Status.eq(STATUS_PUBLISHED))
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
) -> Result<Vec<crate::server::entity::comment_reply::Model>, DbErr> {
    use crate::server::entity::comment_reply;
    if comment_ids.is_empty() {
        return Ok(Vec::new());
    }
    comment_reply::Entity::find()
        .filter(comment_reply::Column::CommentId.is_in(comment_ids.to_vec()))
        .order_by_asc(comment_reply::Column::CreatedAt)
        .all(conn)
        .await
}
