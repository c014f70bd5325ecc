//! Emailing the people of one meeting: everyone registered, or separately its waitlist. Staff
//! write one subject and message; each person gets their own email through the outbox, all
//! queued in one transaction with the audit row (which keeps the count, never the addresses).

use super::lock_event;
use super::mail::staff_message_email;
use crate::backend::MailContext;
use crate::backend::entity::rsvp;
use crate::backend::services::{audit, begin_write, outbox};
use crate::domain::status::RsvpStatus;
use crate::error::FormErrors;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};

const MAX_SUBJECT_CHARS: usize = 200;
const MAX_MESSAGE_CHARS: usize = 10_000;

/// Who gets the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Registered parties, including those already checked in.
    Registered,
    Waitlist,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Registered, Audience::Waitlist];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Registered => "registered",
            Audience::Waitlist => "waitlist",
        }
    }

    pub fn parse(text: &str) -> Option<Audience> {
        Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == text.trim())
    }

    fn statuses(self) -> &'static [RsvpStatus] {
        match self {
            Audience::Registered => &[RsvpStatus::Registered, RsvpStatus::CheckedIn],
            Audience::Waitlist => &[RsvpStatus::Waitlisted],
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Audience::Registered => "event-message",
            Audience::Waitlist => "event-message-waitlist",
        }
    }
}

/// The form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct MessageForm {
    pub audience: String,
    pub subject: String,
    pub message: String,
}

/// A checked message, ready to queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingMessage {
    pub audience: Audience,
    pub subject: String,
    pub message: String,
}

/// Checks the form; every problem at once, the input kept.
pub fn check_message(form: &MessageForm) -> Result<MeetingMessage, FormErrors> {
    let mut errors = FormErrors::default();
    errors.keep("audience", &form.audience);
    errors.keep("subject", &form.subject);
    errors.keep("message", &form.message);
    let audience = Audience::parse(&form.audience);
    if audience.is_none() {
        errors.add("audience", "field.message_audience.required");
    }
    let subject = form.subject.trim();
    if subject.is_empty() {
        errors.add("subject", "field.message_subject.required");
    } else if subject.chars().count() > MAX_SUBJECT_CHARS {
        errors.add("subject", "field.message_subject.too_long");
    }
    let message = form.message.replace("\r\n", "\n").trim().to_string();
    if message.is_empty() {
        errors.add("message", "field.message_text.required");
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        errors.add("message", "field.message_text.too_long");
    }
    match audience {
        Some(audience) if errors.is_empty() => Ok(MeetingMessage {
            audience,
            subject: subject.to_string(),
            message,
        }),
        _ => Err(errors),
    }
}

/// Queues one email per person in the audience, in their language, and audits how many.
/// Returns that count, or `None` for a meeting not of this consultation.
pub async fn email_attendees<C>(
    db: &C,
    consultation_id: i32,
    event_id: i32,
    checked: &MeetingMessage,
    staff_id: i32,
    ctx: &MailContext,
) -> Result<Option<usize>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    // The event's lock: nobody moves between registered and waitlist while the list is read.
    let Some(found) = lock_event(&txn, event_id)
        .await?
        .filter(|e| e.consultation_id == consultation_id)
    else {
        return Ok(None);
    };
    let people = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.is_in(checked.audience.statuses().iter().copied()))
        // An erased RSVP keeps its row for the counts, but there is no one to write to.
        .filter(rsvp::Column::Email.ne(""))
        .order_by_asc(rsvp::Column::Id)
        .all(&txn)
        .await?;
    for person in &people {
        let email = staff_message_email(
            &found,
            person,
            checked.audience.kind(),
            &checked.subject,
            &checked.message,
            ctx,
        );
        outbox::enqueue(&txn, email, &ctx.message_id_host).await?;
    }
    audit::record(
        &txn,
        Some(staff_id),
        "event.emailed",
        "event",
        event_id,
        Some(format!(
            "{} queued for {}",
            people.len(),
            checked.audience.as_str()
        )),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(people.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(audience: &str, subject: &str, message: &str) -> MessageForm {
        MessageForm {
            audience: audience.into(),
            subject: subject.into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_good_message_is_trimmed_and_keeps_its_paragraphs() {
        let checked = check_message(&form(
            "waitlist",
            "  Room change ",
            "Hello\r\n\r\nRoom B.\n",
        ));
        assert_eq!(
            checked,
            Ok(MeetingMessage {
                audience: Audience::Waitlist,
                subject: "Room change".into(),
                message: "Hello\n\nRoom B.".into(),
            })
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_with_the_input_kept() {
        let Err(errors) = check_message(&form("everyone", " ", "")) else {
            panic!("accepted a bad form");
        };
        assert_eq!(
            errors.for_field("audience"),
            Some("field.message_audience.required")
        );
        assert_eq!(
            errors.for_field("subject"),
            Some("field.message_subject.required")
        );
        assert_eq!(
            errors.for_field("message"),
            Some("field.message_text.required")
        );
        assert_eq!(errors.kept("audience"), Some("everyone"));
        let long = "x".repeat(MAX_SUBJECT_CHARS + 1);
        let Err(errors) = check_message(&form("registered", &long, "Hi")) else {
            panic!("accepted a long subject");
        };
        assert_eq!(
            errors.for_field("subject"),
            Some("field.message_subject.too_long")
        );
        assert_eq!(errors.kept("subject"), Some(long.as_str()));
    }
}
