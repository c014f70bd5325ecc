//! The transactional outbox: messages are written in the same transaction as what caused them, and a
//! worker claims, sends and records them. Claims are leases, so a worker that dies mid-send lets
//! another one take over; the stored Message-ID makes a resend recognisably the same message.
use crate::domain::status::OutboxStatus;

use crate::backend::entity::{outbox_attempt, outbox_message};
use chrono::{DateTime, Duration, Utc};
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};
use rand::Rng;
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};

/// An email to be queued; every text field is plain text from our templates or from people.
#[derive(Clone, Debug)]
pub struct NewEmail {
    pub kind: &'static str,
    pub to_address: String,
    pub to_name: Option<String>,
    /// A full mailbox (`Name <address>`) answers go to.
    pub reply_to: Option<(Option<String>, String)>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attachment: Option<Attachment>,
}

/// A short email to a member of the public in their language: `{key}.subject` and `{key}.body`
/// filled with `args`; replies go to the City's mailbox.
pub fn resident_email(
    locale: crate::i18n::Locale,
    to: &str,
    kind: &'static str,
    key: &str,
    args: &[(&str, &str)],
    ctx: &crate::backend::MailContext,
) -> NewEmail {
    use crate::i18n::translate_with;
    let body = translate_with(locale, &format!("{key}.body"), args);
    NewEmail {
        kind,
        to_address: to.to_string(),
        to_name: None,
        reply_to: Some((None, ctx.inbox.clone())),
        subject: translate_with(locale, &format!("{key}.subject"), args),
        html_body: paragraphs_html(&body),
        text_body: body,
        attachment: None,
    }
}

/// A text attachment (an .ics invitation); `content_type` is the full MIME type with parameters.
#[derive(Clone, Debug)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub body: String,
}

/// How hard to try: attempts before a message is dead, and the backoff between them.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub max_attempts: i32,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
}

/// Header values never carry line breaks: a name like "Eve\r\nBcc: x" stays one line of text.
pub fn single_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn encode_reply_to(reply_to: &Option<(Option<String>, String)>) -> Option<String> {
    reply_to.as_ref().map(|(name, address)| match name {
        Some(name) => format!("{}\u{1f}{}", single_line(name), single_line(address)),
        None => single_line(address),
    })
}

fn decode_mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, String> {
    let address = address.parse().map_err(|e| format!("bad address: {e}"))?;
    Ok(Mailbox::new(
        name.map(single_line).filter(|n| !n.is_empty()),
        address,
    ))
}

/// The row an email is stored as; `list_unsubscribe` is the one-click address of a mailing.
fn queued_row(
    email: NewEmail,
    list_unsubscribe: Option<String>,
    host: &str,
    now: DateTime<Utc>,
) -> outbox_message::ActiveModel {
    let mut token = [0u8; 16];
    rand::thread_rng().fill(&mut token);
    outbox_message::ActiveModel {
        message_id: Set(format!("<{}.{}@{}>", email.kind, hex::encode(token), host)),
        kind: Set(email.kind.to_string()),
        to_address: Set(single_line(&email.to_address)),
        to_name: Set(email.to_name.as_deref().map(single_line)),
        reply_to: Set(encode_reply_to(&email.reply_to)),
        subject: Set(single_line(&email.subject)),
        text_body: Set(email.text_body),
        html_body: Set(email.html_body),
        status: Set(OutboxStatus::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        attachment_name: Set(email.attachment.as_ref().map(|a| single_line(&a.name))),
        attachment_type: Set(email
            .attachment
            .as_ref()
            .map(|a| single_line(&a.content_type))),
        attachment_body: Set(email.attachment.map(|a| a.body)),
        list_unsubscribe: Set(list_unsubscribe.as_deref().map(single_line)),
        ..Default::default()
    }
}

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    email: NewEmail,
    host: &str,
) -> Result<outbox_message::Model, DbErr> {
    queued_row(email, None, host, Utc::now()).insert(conn).await
}

/// An email of a mailing list (an update to followers) with its one-click unsubscribe address:
/// the message carries `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058).
#[derive(Clone, Debug)]
pub struct ListEmail {
    pub email: NewEmail,
    pub unsubscribe_url: String,
}

/// Rows per INSERT when a mailing is queued: a few thousand bound values, well under the limits
/// of SQLite (32,766) and PostgreSQL (65,535).
pub const LIST_BATCH: usize = 200;

/// Queues a mailing in the caller's transaction, `LIST_BATCH` rows per statement; returns how
/// many were queued.
pub async fn enqueue_list(
    conn: &impl ConnectionTrait,
    emails: Vec<ListEmail>,
    host: &str,
) -> Result<u64, DbErr> {
    let now = Utc::now();
    let mut queued = 0u64;
    let mut rows = emails
        .into_iter()
        .map(|e| queued_row(e.email, Some(e.unsubscribe_url), host, now))
        .peekable();
    while rows.peek().is_some() {
        let batch: Vec<_> = rows.by_ref().take(LIST_BATCH).collect();
        queued += outbox_message::Entity::insert_many(batch)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(queued)
}

/// Claims up to `limit` due messages for `claim` (unique per claim) until `now + lease`.
/// One statement: PostgreSQL skips rows another worker has locked; SQLite serialises writers.
pub async fn claim_due(
    conn: &impl ConnectionTrait,
    claim: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, DbErr> {
    use outbox_message::Column;
    // Scoped here: the trait's blanket impl would shadow `Ord::min` elsewhere in this file.
    use sea_orm::ExprTrait;
    let free = Expr::col(Column::LockedUntil)
        .is_null()
        .or(Expr::col(Column::LockedUntil).lt(now));
    let mut due = Query::select();
    due.column(Column::Id)
        .from(outbox_message::Entity)
        .and_where(Expr::col(Column::Status).eq(OutboxStatus::Queued))
        .and_where(Expr::col(Column::NextAttemptAt).lte(now))
        .and_where(free.clone())
        .order_by(Column::Id, sea_orm::Order::Asc)
        .limit(limit);
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    outbox_message::Entity::update_many()
        .col_expr(Column::LockedBy, Expr::value(claim))
        .col_expr(Column::LockedUntil, Expr::value(now + lease))
        .filter(Column::Id.in_subquery(due))
        // Checked again on the row itself, so a row claimed meanwhile is never claimed twice.
        .filter(free)
        .exec(conn)
        .await?;
    outbox_message::Entity::find()
        .filter(Column::LockedBy.eq(claim))
        .filter(Column::Status.eq(OutboxStatus::Queued))
        .order_by_asc(Column::Id)
        .all(conn)
        .await
}

async fn record_attempt(
    conn: &impl ConnectionTrait,
    message_id: i32,
    worker: &str,
    now: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), DbErr> {
    outbox_attempt::ActiveModel {
        outbox_message_id: Set(message_id),
        worker: Set(worker.to_string()),
        attempted_at: Set(now),
        succeeded: Set(error.is_none()),
        error: Set(error),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn mark_sent(
    conn: &impl ConnectionTrait,
    message: &outbox_message::Model,
    claim: &str,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use outbox_message::Column;
    outbox_message::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Sent))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::Attempts, Expr::value(message.attempts + 1))
        .col_expr(Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(Column::Id.eq(message.id))
        .filter(Column::LockedBy.eq(claim))
        .exec(conn)
        .await?;
    record_attempt(conn, message.id, worker, now, None).await
}

/// Exponential backoff with "equal jitter": half the delay fixed, half random, so workers spread out.
pub fn backoff(policy: &RetryPolicy, attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let full = policy
        .backoff_base
        .num_milliseconds()
        .saturating_mul(1_i64 << exponent);
    let capped = full.min(policy.backoff_max.num_milliseconds()).max(1);
    let half = capped / 2;
    Duration::milliseconds(half + rand::thread_rng().gen_range(0..=half.max(0)))
}

pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    message: &outbox_message::Model,
    claim: &str,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
    policy: &RetryPolicy,
) -> Result<(), DbErr> {
    use outbox_message::Column;
    let attempts = message.attempts + 1;
    let status = if attempts >= policy.max_attempts {
        OutboxStatus::Dead
    } else {
        OutboxStatus::Queued
    };
    outbox_message::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::Attempts, Expr::value(attempts))
        .col_expr(
            Column::NextAttemptAt,
            Expr::value(now + backoff(policy, attempts)),
        )
        .col_expr(Column::LastError, Expr::value(error.to_string()))
        .col_expr(Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(Column::Id.eq(message.id))
        .filter(Column::LockedBy.eq(claim))
        .exec(conn)
        .await?;
    record_attempt(conn, message.id, worker, now, Some(error.to_string())).await
}

/// Puts a dead message back in the queue with a fresh set of attempts; returns whether it was dead.
pub async fn retry_dead(conn: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    use outbox_message::Column;
    let result = outbox_message::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Queued))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(Utc::now()))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(OutboxStatus::Dead))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Builds the email exactly as stored; the same row always gives the same Message-ID.
pub fn build_message(message: &outbox_message::Model, from: &Mailbox) -> Result<Message, String> {
    let to = decode_mailbox(message.to_name.as_deref(), &message.to_address)?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(single_line(&message.subject))
        .message_id(Some(message.message_id.clone()))
        .date(message.created_at.into());
    if let Some(encoded) = &message.reply_to {
        let (name, address) = match encoded.split_once('\u{1f}') {
            Some((name, address)) => (Some(name), address),
            None => (None, encoded.as_str()),
        };
        builder = builder.reply_to(decode_mailbox(name, address)?);
    }
    if let Some(url) = &message.list_unsubscribe {
        use lettre::message::header::{HeaderName, HeaderValue};
        // RFC 8058: mail clients offer "Unsubscribe" and POST `List-Unsubscribe=One-Click` there.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{}>", single_line(url)),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    let body =
        MultiPart::alternative_plain_html(message.text_body.clone(), message.html_body.clone());
    let body = match (
        &message.attachment_name,
        &message.attachment_type,
        &message.attachment_body,
    ) {
        (Some(name), Some(content_type), Some(content)) => {
            let content_type = lettre::message::header::ContentType::parse(content_type)
                .map_err(|e| format!("bad attachment type {content_type}: {e}"))?;
            MultiPart::mixed().multipart(body).singlepart(
                lettre::message::Attachment::new(name.clone()).body(content.clone(), content_type),
            )
        }
        _ => body,
    };
    builder
        .multipart(body)
        .map_err(|e| format!("cannot build message: {e}"))
}

/// Escapes text for the HTML part; every person-supplied string goes through this.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain paragraphs (blank-line separated) as escaped HTML, line breaks kept.
pub fn paragraphs_html(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", html_escape(p.trim()).replace('\n', "<br>")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_loses_its_line_breaks() {
        assert_eq!(
            single_line("Eve\r\nBcc: victim@example.org"),
            "Eve  Bcc: victim@example.org"
        );
    }

    #[test]
    fn backoff_grows_and_stays_within_bounds() {
        let policy = RetryPolicy {
            max_attempts: 8,
            backoff_base: Duration::seconds(30),
            backoff_max: Duration::minutes(30),
        };
        let first = backoff(&policy, 1);
        assert!(
            first >= Duration::seconds(15) && first <= Duration::seconds(30),
            "{first}"
        );
        let fourth = backoff(&policy, 4);
        assert!(
            fourth >= Duration::seconds(120) && fourth <= Duration::seconds(240),
            "{fourth}"
        );
        let late = backoff(&policy, 30);
        assert!(
            late <= Duration::minutes(30) && late >= Duration::minutes(15),
            "{late}"
        );
    }

    #[test]
    fn html_parts_escape_what_people_wrote() {
        assert_eq!(
            paragraphs_html("<script>x</script>\n\nsecond & \"last\""),
            "<p>&lt;script&gt;x&lt;/script&gt;</p>\n<p>second &amp; &quot;last&quot;</p>"
        );
    }
}
