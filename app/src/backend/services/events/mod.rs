//! RSVPs to community meetings: seats are never oversold, also when many people answer at once;
//! a full meeting puts people on a waitlist, and a cancellation promotes from it in order.
//!
//! Every change starts by bumping the event's `revision`: on PostgreSQL that takes the event row's
//! lock, on SQLite the transaction already holds the write lock (`begin_write`), so seat counts are
//! read and changed by one RSVP at a time.
use crate::domain::status::{EventStatus, RsvpStatus};

pub(crate) mod editor;
mod mail;
mod manage;
mod message;
mod pack;
mod receive;
mod staff;

pub use crate::domain::forms::rsvp::{
    ACCOMMODATIONS, MAX_PARTY, NewRsvp, RsvpForm, check, keep_all,
};
pub use editor::{
    EventForm, EventSaved, FORMATS, MAX_TITLE_CHARS, check_event, parse_local, to_local_input,
};
pub(crate) use manage::erase_found as erase_rsvp;
pub use manage::{ChangeRefused, by_token, cancel, change_party, erase};
pub use message::{Audience, MeetingMessage, MessageForm, check_message, email_attendees};
pub use pack::{EventPack, has_events, import_events, public_events};
pub use receive::receive_rsvp;
pub use staff::{
    AccommodationCount, accommodation_summary, all_events, attendees, cancel_event, check_in,
    duplicate_event, save_event,
};

use super::{begin_write, new_token, outbox, sha256_hex};
use crate::backend::MailContext;
use crate::backend::entity::{event, rsvp};
use chrono::Utc;
use mail::rsvp_email;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, TransactionSession, TransactionTrait,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Registered,
    /// 1 is next in line.
    Waitlisted {
        position: u64,
    },
}

#[derive(Clone, Debug)]
pub struct Placed {
    pub rsvp: rsvp::Model,
    /// For the manage link; only its hash is stored.
    pub token: String,
    pub placement: Placement,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RsvpRefused {
    #[error("no such meeting")]
    NotFound,
    #[error("RSVPs are closed for this meeting")]
    Closed,
}

/// Takes the event's lock for the rest of the transaction and returns the event.
pub(super) async fn lock_event(
    txn: &impl ConnectionTrait,
    event_id: i32,
) -> Result<Option<event::Model>, DbErr> {
    use sea_orm::ExprTrait;
    event::Entity::update_many()
        .col_expr(
            event::Column::Revision,
            Expr::col(event::Column::Revision).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .exec(txn)
        .await?;
    event::Entity::find_by_id(event_id).one(txn).await
}

/// Seats held by registered and checked-in parties.
pub async fn seats_taken(conn: &impl ConnectionTrait, event_id: i32) -> Result<i64, DbErr> {
    let taken: Option<Option<i64>> = rsvp::Entity::find()
        .select_only()
        .column_as(rsvp::Column::PartySize.sum(), "taken")
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.is_in([RsvpStatus::Registered, RsvpStatus::CheckedIn]))
        .into_tuple()
        .one(conn)
        .await?;
    Ok(taken.flatten().unwrap_or(0))
}

/// Where a waitlisted RSVP stands: 1 is next in line.
pub async fn waitlist_position(
    conn: &impl ConnectionTrait,
    found: &rsvp::Model,
) -> Result<u64, DbErr> {
    rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(found.event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted))
        .filter(rsvp::Column::Id.lte(found.id))
        .count(conn)
        .await
}

/// Whether the meeting still takes RSVPs.
pub fn is_open(found: &event::Model) -> bool {
    let now = Utc::now();
    found.status == EventStatus::Published
        && found.starts_at > now
        && found.rsvp_deadline.is_none_or(|deadline| deadline > now)
}

/// Registers the party if its seats are free and nobody is waiting; otherwise waitlists it.
pub async fn rsvp<C>(
    db: &C,
    event_id: i32,
    new: &NewRsvp,
    ctx: &MailContext,
) -> Result<Result<Placed, RsvpRefused>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = lock_event(&txn, event_id).await? else {
        return Ok(Err(RsvpRefused::NotFound));
    };
    if !is_open(&found) {
        return Ok(Err(RsvpRefused::Closed));
    }
    let waiting = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted))
        .count(&txn)
        .await?;
    let fits = match found.capacity {
        None => true,
        Some(capacity) => {
            seats_taken(&txn, event_id).await? + i64::from(new.party_size) <= i64::from(capacity)
        }
    };
    // Nobody jumps the queue: with people waiting, a small party that would fit waits too.
    let status = if fits && waiting == 0 {
        RsvpStatus::Registered
    } else {
        RsvpStatus::Waitlisted
    };
    let token = new_token();
    let now = Utc::now();
    let stored = rsvp::ActiveModel {
        event_id: Set(event_id),
        reference: Set(None),
        token_hash: Set(sha256_hex(&["rsvp", &token])),
        name: Set(new.name.clone()),
        email: Set(new.email.clone()),
        phone: Set(new.phone.clone()),
        party_size: Set(new.party_size.clamp(1, MAX_PARTY)),
        stakeholder_group: Set(new.stakeholder_group.clone()),
        stakeholder_other: Set(new.stakeholder_other.clone()),
        zip: Set(new.zip.clone()),
        accommodations: Set(new.accommodations.join(",")),
        accommodation_other: Set(new.accommodation_other.clone()),
        reminder_consent: Set(new.reminder_consent),
        status: Set(status),
        locale: Set(new.locale.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        reminder_sent_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut with_reference: rsvp::ActiveModel = stored.clone().into();
    with_reference.reference = Set(Some(format!("{}-R-{:05}", ctx.reference_prefix, stored.id)));
    let stored = with_reference.update(&txn).await?;
    let placement = if status == RsvpStatus::Registered {
        Placement::Registered
    } else {
        Placement::Waitlisted {
            position: waitlist_position(&txn, &stored).await?,
        }
    };
    // Stored with the RSVP: the confirmation (with the invitation) or the waitlist notice.
    let email = match placement {
        Placement::Registered => {
            rsvp_email(&found, &stored, Some(&token), "rsvp-confirmed", &[], ctx)
        }
        Placement::Waitlisted { position } => rsvp_email(
            &found,
            &stored,
            Some(&token),
            "rsvp-waitlisted",
            &[("position", position.to_string())],
            ctx,
        ),
    };
    outbox::enqueue(&txn, email, &ctx.message_id_host).await?;
    txn.commit().await?;
    Ok(Ok(Placed {
        rsvp: stored,
        token,
        placement,
    }))
}

/// How long before a meeting its reminder goes out.
pub const REMINDER_BEFORE_HOURS: i64 = 48;

/// Queues the reminder for every consenting, registered party whose meeting starts within the next
/// 48 hours of `now`. Each RSVP is claimed by a conditional update, so with several instances
/// running each reminder is queued once. Returns how many were queued.
pub async fn queue_due_reminders<C>(
    db: &C,
    now: chrono::DateTime<Utc>,
    ctx: &MailContext,
) -> Result<usize, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let soon = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published))
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + chrono::Duration::hours(REMINDER_BEFORE_HOURS)))
        .all(db)
        .await?;
    if soon.is_empty() {
        return Ok(0);
    }
    let due = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.is_in(soon.iter().map(|e| e.id).collect::<Vec<_>>()))
        .filter(rsvp::Column::ReminderConsent.eq(true))
        .filter(rsvp::Column::Status.is_in([RsvpStatus::Registered, RsvpStatus::CheckedIn]))
        .filter(rsvp::Column::ReminderSentAt.is_null())
        .all(db)
        .await?;
    let mut queued = 0;
    for found in due {
        let Some(event) = soon.iter().find(|e| e.id == found.event_id) else {
            continue;
        };
        let txn = begin_write(db).await?;
        let claimed = rsvp::Entity::update_many()
            .col_expr(rsvp::Column::ReminderSentAt, Expr::value(now))
            .filter(rsvp::Column::Id.eq(found.id))
            .filter(rsvp::Column::ReminderSentAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if claimed {
            let reminder = rsvp_email(event, &found, None, "rsvp-reminder", &[], ctx);
            outbox::enqueue(&txn, reminder, &ctx.message_id_host).await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}
