//! Retention by policy: personal data is erased a set time after it stops being needed; counts,
//! published comments and what people wrote stay. Run daily by the worker and by `engage purge`.
//!
//! Erasure overwrites the columns in place (no copy is kept elsewhere: the audit log never holds
//! contact details, and email bodies, which quote them, are erased on a shorter clock).

use crate::backend::entity::{
    comment, comment_report, consultation, event, inquiry, outbox_message, rate_limit_event, rsvp,
    survey, survey_response,
};
use crate::domain::status::OutboxStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    TransactionSession, TransactionTrait,
};

/// How long personal data is kept; set in `engage.toml` or the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Names, email addresses, phone numbers, ZIP codes, community identities and accommodation
    /// needs: this many days after the consultation closes (RSVPs: after their meeting).
    pub contact_days: i64,
    /// Bodies and recipients of sent (or given-up) emails: this many days after sending.
    pub email_days: i64,
    /// Keys that tell readers' reports apart: this many days after the report.
    pub report_key_days: i64,
    /// The audit log (who on staff did what, and failed sign-ins with the address typed):
    /// this many days after the entry.
    pub audit_days: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            contact_days: 180,
            email_days: 30,
            report_key_days: 30,
            audit_days: 730,
        }
    }
}

/// Rate-limit events are only read within their window (an hour at most); a day is generous.
const RATE_LIMIT_KEEP: Duration = Duration::days(1);

/// What a purge erased (or, in a dry run, would erase), row by row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub comments: u64,
    pub inquiries: u64,
    pub survey_responses: u64,
    pub rsvps: u64,
    pub emails: u64,
    pub report_keys: u64,
    pub rate_limit_events: u64,
    /// Requests by email address never confirmed from the mailbox.
    pub privacy_requests: u64,
    /// Email subscriptions never confirmed: the address goes once the link has expired.
    pub unconfirmed_followers: u64,
    pub audit_entries: u64,
}

impl PurgeReport {
    pub fn total(&self) -> u64 {
        self.comments
            + self.inquiries
            + self.survey_responses
            + self.rsvps
            + self.emails
            + self.report_keys
            + self.rate_limit_events
            + self.privacy_requests
            + self.unconfirmed_followers
            + self.audit_entries
    }
}

impl std::fmt::Display for PurgeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "comments (email, ZIP): {}", self.comments)?;
        writeln!(f, "inquiries (name, email, phone, ZIP): {}", self.inquiries)?;
        writeln!(
            f,
            "survey responses (contact, ZIP, identities): {}",
            self.survey_responses
        )?;
        writeln!(
            f,
            "RSVPs (name, email, phone, ZIP, accommodations): {}",
            self.rsvps
        )?;
        writeln!(f, "sent emails (recipient and body): {}", self.emails)?;
        writeln!(f, "report keys: {}", self.report_keys)?;
        writeln!(f, "rate-limit events: {}", self.rate_limit_events)?;
        writeln!(f, "unconfirmed privacy requests: {}", self.privacy_requests)?;
        writeln!(
            f,
            "unconfirmed email subscriptions: {}",
            self.unconfirmed_followers
        )?;
        write!(f, "audit log entries: {}", self.audit_entries)
    }
}

/// The moment contact details of the consultation's inputs are due for erasure.
fn contact_deadline(found: &consultation::Model, policy: &Policy) -> Option<DateTime<Utc>> {
    let closes = found.phase_closes_on.and_hms_opt(0, 0, 0)?.and_utc();
    // The closing day counts in full.
    Some(closes + Duration::days(1 + policy.contact_days))
}

/// Applies the policy as of `now`; with `apply` false it only counts (`engage purge --dry-run`).
pub async fn purge<C>(
    db: &C,
    policy: &Policy,
    now: DateTime<Utc>,
    apply: bool,
) -> Result<PurgeReport, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = super::begin_write(db).await?;
    let mut report = PurgeReport::default();
    let consultations = consultation::Entity::find().all(&txn).await?;
    let due: Vec<&consultation::Model> = consultations
        .iter()
        .filter(|c| contact_deadline(c, policy).is_some_and(|d| d <= now))
        .collect();
    for found in &due {
        report.comments += erase_comments(&txn, found.id, apply).await?;
        report.survey_responses += erase_survey_responses(&txn, found.id, apply).await?;
    }
    // Inquiries belong to no consultation: they go once any consultation has closed long enough.
    if !due.is_empty() {
        report.inquiries = erase_inquiries(&txn, apply).await?;
    }
    report.privacy_requests = super::privacy_requests::forget_unconfirmed(&txn, now, apply).await?;
    report.unconfirmed_followers = super::followers::forget_unconfirmed(&txn, now, apply).await?;
    report.audit_entries =
        expire_audit_entries(&txn, now - Duration::days(policy.audit_days), apply).await?;
    report.rsvps = erase_rsvps(&txn, now - Duration::days(policy.contact_days), apply).await?;
    report.emails = erase_emails(&txn, now - Duration::days(policy.email_days), apply).await?;
    report.report_keys =
        expire_report_keys(&txn, now - Duration::days(policy.report_key_days), apply).await?;
    let old_events = rate_limit_event::Entity::find()
        .filter(rate_limit_event::Column::OccurredAt.lt(now - RATE_LIMIT_KEEP));
    report.rate_limit_events = old_events.clone().count(&txn).await?;
    if apply {
        rate_limit_event::Entity::delete_many()
            .filter(rate_limit_event::Column::OccurredAt.lt(now - RATE_LIMIT_KEEP))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(report)
}

async fn erase_comments(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    apply: bool,
) -> Result<u64, DbErr> {
    use crate::backend::entity::section;
    let sections: Vec<i32> = section::Entity::find()
        .select_only()
        .column(section::Column::Id)
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .into_tuple()
        .all(conn)
        .await?;
    let due = || {
        comment::Entity::find()
            .filter(comment::Column::SectionId.is_in(sections.clone()))
            .filter(
                comment::Column::Email
                    .is_not_null()
                    .or(comment::Column::Zip.is_not_null()),
            )
    };
    let count = due().count(conn).await?;
    if apply && count > 0 {
        comment::Entity::update_many()
            .col_expr(comment::Column::Email, Expr::value(Option::<String>::None))
            .col_expr(comment::Column::Zip, Expr::value(Option::<String>::None))
            .filter(comment::Column::SectionId.is_in(sections.clone()))
            .exec(conn)
            .await?;
    }
    Ok(count)
}

const ERASED: &str = "";

async fn erase_inquiries(conn: &impl ConnectionTrait, apply: bool) -> Result<u64, DbErr> {
    let count = inquiry::Entity::find()
        .filter(inquiry::Column::Email.ne(ERASED))
        .count(conn)
        .await?;
    if apply && count > 0 {
        inquiry::Entity::update_many()
            .col_expr(inquiry::Column::Name, Expr::value(ERASED))
            .col_expr(inquiry::Column::Email, Expr::value(ERASED))
            .col_expr(inquiry::Column::Phone, Expr::value(Option::<String>::None))
            .col_expr(inquiry::Column::Zip, Expr::value(Option::<String>::None))
            .filter(inquiry::Column::Email.ne(ERASED))
            .exec(conn)
            .await?;
    }
    Ok(count)
}

async fn erase_survey_responses(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    apply: bool,
) -> Result<u64, DbErr> {
    let surveys: Vec<i32> = survey::Entity::find()
        .select_only()
        .column(survey::Column::Id)
        .filter(survey::Column::ConsultationId.eq(consultation_id))
        .into_tuple()
        .all(conn)
        .await?;
    let holds_personal = || {
        survey_response::Column::ContactEmail
            .is_not_null()
            .or(survey_response::Column::ContactName.is_not_null())
            .or(survey_response::Column::Zip.is_not_null())
            .or(survey_response::Column::Identities.ne(ERASED))
            .or(survey_response::Column::BrowserHash.is_not_null())
    };
    let count = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.is_in(surveys.clone()))
        .filter(holds_personal())
        .count(conn)
        .await?;
    if apply && count > 0 {
        survey_response::Entity::update_many()
            .col_expr(
                survey_response::Column::ContactName,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                survey_response::Column::ContactEmail,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                survey_response::Column::Zip,
                Expr::value(Option::<String>::None),
            )
            .col_expr(survey_response::Column::Identities, Expr::value(ERASED))
            .col_expr(
                survey_response::Column::BrowserHash,
                Expr::value(Option::<String>::None),
            )
            .filter(survey_response::Column::SurveyId.is_in(surveys))
            .filter(holds_personal())
            .exec(conn)
            .await?;
    }
    Ok(count)
}

/// RSVPs of meetings that ended before `ended_before`.
async fn erase_rsvps(
    conn: &impl ConnectionTrait,
    ended_before: DateTime<Utc>,
    apply: bool,
) -> Result<u64, DbErr> {
    let events: Vec<i32> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::EndsAt.lt(ended_before))
        .into_tuple()
        .all(conn)
        .await?;
    let due = || {
        rsvp::Entity::find()
            .filter(rsvp::Column::EventId.is_in(events.clone()))
            .filter(rsvp::Column::Email.ne(ERASED))
    };
    let count = due().count(conn).await?;
    if apply && count > 0 {
        rsvp::Entity::update_many()
            .col_expr(rsvp::Column::Name, Expr::value(ERASED))
            .col_expr(rsvp::Column::Email, Expr::value(ERASED))
            .col_expr(rsvp::Column::Phone, Expr::value(Option::<String>::None))
            .col_expr(rsvp::Column::Zip, Expr::value(Option::<String>::None))
            .col_expr(rsvp::Column::Accommodations, Expr::value(ERASED))
            .col_expr(
                rsvp::Column::AccommodationOther,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                rsvp::Column::StakeholderOther,
                Expr::value(Option::<String>::None),
            )
            .filter(rsvp::Column::EventId.is_in(events))
            .filter(rsvp::Column::Email.ne(ERASED))
            .exec(conn)
            .await?;
    }
    Ok(count)
}

/// Emails sent (or given up on) before `done_before`: recipient, subject and body go; the row
/// stays so the outbox still counts what was sent.
async fn erase_emails(
    conn: &impl ConnectionTrait,
    done_before: DateTime<Utc>,
    apply: bool,
) -> Result<u64, DbErr> {
    let finished = || {
        outbox_message::Column::Status
            .eq(OutboxStatus::Sent)
            .and(outbox_message::Column::SentAt.lt(done_before))
            .or(outbox_message::Column::Status
                .eq(OutboxStatus::Dead)
                .and(outbox_message::Column::CreatedAt.lt(done_before)))
    };
    let count = outbox_message::Entity::find()
        .filter(finished())
        .filter(outbox_message::Column::ToAddress.ne(ERASED))
        .count(conn)
        .await?;
    if apply && count > 0 {
        outbox_message::Entity::update_many()
            .col_expr(outbox_message::Column::ToAddress, Expr::value(ERASED))
            .col_expr(
                outbox_message::Column::ToName,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                outbox_message::Column::ReplyTo,
                Expr::value(Option::<String>::None),
            )
            .col_expr(outbox_message::Column::Subject, Expr::value(ERASED))
            .col_expr(outbox_message::Column::TextBody, Expr::value(ERASED))
            .col_expr(outbox_message::Column::HtmlBody, Expr::value(ERASED))
            .col_expr(
                outbox_message::Column::AttachmentBody,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                outbox_message::Column::LastError,
                Expr::value(Option::<String>::None),
            )
            .filter(finished())
            .filter(outbox_message::Column::ToAddress.ne(ERASED))
            .exec(conn)
            .await?;
    }
    Ok(count)
}

/// Reports older than the cutoff keep their reason but lose the key that told reporters apart.
async fn expire_report_keys(
    conn: &impl ConnectionTrait,
    made_before: DateTime<Utc>,
    apply: bool,
) -> Result<u64, DbErr> {
    let due = comment_report::Entity::find()
        .filter(comment_report::Column::CreatedAt.lt(made_before))
        .filter(comment_report::Column::ReporterHash.not_like("expired-%"))
        .all(conn)
        .await?;
    if apply {
        // Unique per report, so the (comment, reporter) uniqueness still holds.
        for found in &due {
            comment_report::Entity::update_many()
                .col_expr(
                    comment_report::Column::ReporterHash,
                    Expr::value(format!("expired-{}", found.id)),
                )
                .filter(comment_report::Column::Id.eq(found.id))
                .exec(conn)
                .await?;
        }
    }
    Ok(due.len() as u64)
}

/// Audit entries older than the cutoff: the one place rows of the audit log are ever deleted.
async fn expire_audit_entries(
    conn: &impl ConnectionTrait,
    made_before: DateTime<Utc>,
    apply: bool,
) -> Result<u64, DbErr> {
    use crate::backend::entity::audit_log;
    let count = audit_log::Entity::find()
        .filter(audit_log::Column::CreatedAt.lt(made_before))
        .count(conn)
        .await?;
    if apply && count > 0 {
        audit_log::Entity::delete_many()
            .filter(audit_log::Column::CreatedAt.lt(made_before))
            .exec(conn)
            .await?;
    }
    Ok(count)
}
