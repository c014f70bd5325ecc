//! The transactional outbox: messages are written in the same transaction as what caused them, and a
//! worker claims, sends and records them. Claims are leases, so a worker that dies mid-send lets
//! another one take over; the stored Message-ID makes a resend recognisably the same message.
//! Queueing is here; the worker's bookkeeping (claims, attempts, backoff) is in `delivery`, and
//! turning a stored row into an email is in `message`.

mod delivery;
mod message;

pub use delivery::{RetryPolicy, backoff, claim_due, mark_failed, mark_sent, retry_dead};
pub use message::{build_message, html_escape, paragraphs_html};

use crate::backend::entity::outbox_message;
use crate::domain::status::OutboxStatus;
use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

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
}
