//! The staff digest: moderators and admins who ask for it get one email a day (from 7:00 in the
//! consultation's time zone, on days when something waits) with what waits for them, each line
//! only if their role can act on it. Sent through the outbox; claimed by a conditional update, so
//! one instance sends it however many run.

use crate::backend::MailContext;
use crate::backend::entity::{comment, event, inquiry, rsvp, staff_account, staff_digest};
use crate::backend::services::{begin_write, outbox};
use crate::domain::status::{CommentStatus, EventStatus, InquiryStatus, RsvpStatus};
use crate::domain::{Permission, Role};
use crate::i18n::{Locale, format_number, translate, translate_count};
use chrono::{DateTime, Duration, Timelike, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionSession, TransactionTrait,
};

/// The digest goes out from this local hour.
const SEND_FROM_HOUR: u32 = 7;

/// Whether this person asked for the digest.
pub async fn subscribed(conn: &impl ConnectionTrait, staff_id: i32) -> Result<bool, DbErr> {
    Ok(staff_digest::Entity::find_by_id(staff_id)
        .one(conn)
        .await?
        .is_some())
}

/// Turns the digest on (in `locale`) or off for one person.
pub async fn set(
    conn: &impl ConnectionTrait,
    staff_id: i32,
    on: bool,
    locale: Locale,
) -> Result<(), DbErr> {
    staff_digest::Entity::delete_by_id(staff_id)
        .exec(conn)
        .await?;
    if on {
        staff_digest::ActiveModel {
            staff_account_id: Set(staff_id),
            subscribed_at: Set(Utc::now()),
            locale: Set(locale.code().to_string()),
            last_sent_on: Set(None),
        }
        .insert(conn)
        .await?;
    }
    crate::backend::services::audit::record(
        conn,
        Some(staff_id),
        if on {
            "digest.subscribed"
        } else {
            "digest.unsubscribed"
        },
        "staff_account",
        staff_id,
        None,
    )
    .await
}

/// What waits, as of `now`; a count is `None` when the role cannot act on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waiting {
    pub to_moderate: Option<u64>,
    pub reported: Option<u64>,
    pub open_inquiries: Option<u64>,
    pub accommodations: Option<u64>,
}

impl Waiting {
    fn anything(&self) -> bool {
        [
            self.to_moderate,
            self.reported,
            self.open_inquiries,
            self.accommodations,
        ]
        .into_iter()
        .flatten()
        .any(|n| n > 0)
    }
}

pub async fn waiting(
    conn: &impl ConnectionTrait,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Waiting, DbErr> {
    let mut found = Waiting::default();
    if role.can(Permission::Moderate) {
        found.to_moderate = Some(
            comment::Entity::find()
                .filter(crate::backend::services::comments::moderation::awaiting_decision())
                .count(conn)
                .await?,
        );
        found.reported = Some(
            comment::Entity::find()
                .filter(comment::Column::Status.eq(CommentStatus::Hidden))
                .count(conn)
                .await?,
        );
    }
    if role.can(Permission::AnswerInquiries) {
        found.open_inquiries = Some(
            inquiry::Entity::find()
                .filter(
                    inquiry::Column::Status.is_in([InquiryStatus::New, InquiryStatus::InProgress]),
                )
                .count(conn)
                .await?,
        );
    }
    if role.can(Permission::ManageMeetings) {
        let soon: Vec<i32> = event::Entity::find()
            .filter(event::Column::Status.eq(EventStatus::Published))
            .filter(event::Column::StartsAt.gte(now))
            .filter(event::Column::StartsAt.lt(now + Duration::days(7)))
            .all(conn)
            .await?
            .into_iter()
            .map(|e| e.id)
            .collect();
        found.accommodations = Some(
            rsvp::Entity::find()
                .filter(rsvp::Column::EventId.is_in(soon))
                .filter(rsvp::Column::Status.eq(RsvpStatus::Registered))
                .filter(
                    Condition::any()
                        .add(rsvp::Column::Accommodations.ne(""))
                        .add(rsvp::Column::AccommodationOther.is_not_null()),
                )
                .count(conn)
                .await?,
        );
    }
    Ok(found)
}

fn body(locale: Locale, waiting: &Waiting, ctx: &MailContext) -> String {
    let lines: Vec<String> = [
        (
            waiting.to_moderate,
            "digest.to_moderate",
            "/staff/moderation",
        ),
        (waiting.reported, "digest.reported", "/staff/moderation"),
        (
            waiting.open_inquiries,
            "digest.open_inquiries",
            "/staff/inquiries",
        ),
        (
            waiting.accommodations,
            "digest.accommodations",
            "/staff/events",
        ),
    ]
    .into_iter()
    .filter_map(|(count, key, path)| {
        count.map(|n| {
            let counted = translate_count(locale, key, n, &[("count", format_number(locale, n))]);
            format!("- {counted}: {}{path}", ctx.public_url)
        })
    })
    .collect();
    format!(
        "{}\n\n{}\n\n{}",
        translate(locale, "digest.intro"),
        lines.join("\n"),
        crate::i18n::translate_with(
            locale,
            "digest.footer",
            &[("account", &format!("{}/staff/account", ctx.public_url))]
        )
    )
}

/// Queues today's digest for everyone who asked and has not had it; returns how many.
pub async fn queue_due<C>(db: &C, now: DateTime<Utc>, ctx: &MailContext) -> Result<usize, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let local = now.with_timezone(&ctx.zone);
    if local.hour() < SEND_FROM_HOUR {
        return Ok(0);
    }
    let today = local.date_naive().to_string();
    let due = staff_digest::Entity::find()
        .filter(
            Condition::any()
                .add(staff_digest::Column::LastSentOn.is_null())
                .add(staff_digest::Column::LastSentOn.ne(today.as_str())),
        )
        .all(db)
        .await?;
    let mut queued = 0;
    for subscription in due {
        let txn = begin_write(db).await?;
        let claimed = staff_digest::Entity::update_many()
            .col_expr(
                staff_digest::Column::LastSentOn,
                Expr::value(today.as_str()),
            )
            .filter(staff_digest::Column::StaffAccountId.eq(subscription.staff_account_id))
            .filter(
                Condition::any()
                    .add(staff_digest::Column::LastSentOn.is_null())
                    .add(staff_digest::Column::LastSentOn.ne(today.as_str())),
            )
            .exec(&txn)
            .await?
            .rows_affected;
        let account = staff_account::Entity::find_by_id(subscription.staff_account_id)
            .one(&txn)
            .await?
            .filter(|a| a.active);
        let role = account.as_ref().and_then(|a| Role::parse(&a.role));
        if let (1, Some(account), Some(role)) = (claimed, account, role) {
            let waiting = waiting(&txn, role, now).await?;
            if waiting.anything() {
                let locale = Locale::from_code(&subscription.locale).unwrap_or_default();
                let text = body(locale, &waiting, ctx);
                let message = outbox::NewEmail {
                    kind: "staff-digest",
                    to_address: account.email.clone(),
                    to_name: None,
                    reply_to: None,
                    subject: translate(locale, "digest.subject"),
                    html_body: outbox::paragraphs_html(&text),
                    text_body: text,
                    attachment: None,
                };
                outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}
