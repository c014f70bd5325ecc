//! What a person can do with the link from their RSVP email: change the party size or cancel.
//! A freed seat goes to the waitlist in order, and the promoted person is told.
use crate::domain::status::RsvpStatus;

use super::mail::rsvp_email;
use super::{is_open, lock_event, seats_taken};
use crate::backend::MailContext;
use crate::backend::entity::{event, rsvp};
use crate::backend::services::erasure::Emails;
use crate::backend::services::{begin_write, outbox, sha256_hex};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

/// The RSVP behind a manage link, with its meeting; `None` for an unknown token.
/// How long after its meeting an RSVP's manage link keeps working; after that it is "not found".
pub const LINK_DAYS_AFTER_MEETING: i64 = 30;

pub async fn by_token(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(rsvp::Model, event::Model)>, DbErr> {
    let Some(found) = rsvp::Entity::find()
        .filter(rsvp::Column::TokenHash.eq(sha256_hex(&["rsvp", token])))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let expired = |e: &event::Model| {
        e.ends_at + chrono::Duration::days(LINK_DAYS_AFTER_MEETING) < chrono::Utc::now()
    };
    Ok(event::Entity::find_by_id(found.event_id)
        .one(conn)
        .await?
        .filter(|e| !expired(e))
        .map(|e| (found, e)))
}

/// Cancels the RSVP behind the token and promotes waiting parties, in order, while their seats
/// fit. Returns the promoted RSVPs (to be told), or `None` for an unknown token.
pub async fn cancel<C>(
    db: &C,
    token: &str,
    ctx: &MailContext,
) -> Result<Option<Vec<rsvp::Model>>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    cancel_and(db, token, ctx, Afterwards::Confirm).await
}

/// What happens to the person once their RSVP is cancelled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Afterwards {
    /// They get a cancellation email.
    Confirm,
    /// Their details are erased in the same transaction (no email: it would be a new copy).
    Erase,
}

/// Cancels the RSVP (freeing its seats for the waitlist) and erases the person's details: name,
/// email, phone, ZIP code and accommodation needs, and the emails Engage sent them about this
/// meeting. The row stays for the counts; the link stops working. `false` for an unknown token.
pub async fn erase<C>(db: &C, token: &str, ctx: &MailContext) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    Ok(cancel_and(db, token, ctx, Afterwards::Erase)
        .await?
        .is_some())
}

async fn cancel_and<C>(
    db: &C,
    token: &str,
    ctx: &MailContext,
    afterwards: Afterwards,
) -> Result<Option<Vec<rsvp::Model>>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some((found, event)) = by_token(&txn, token).await? else {
        return Ok(None);
    };
    let promoted = cancel_found(&txn, found, &event, ctx, afterwards, None).await?;
    txn.commit().await?;
    Ok(Some(promoted))
}

/// Cancels and erases one RSVP in the caller's transaction (an admin acting on a confirmed
/// request by email); the waitlist moves up as it does from the link.
pub(crate) async fn erase_found(
    txn: &impl ConnectionTrait,
    found: rsvp::Model,
    ctx: &MailContext,
    by_staff: i32,
) -> Result<(), DbErr> {
    let Some(event) = event::Entity::find_by_id(found.event_id).one(txn).await? else {
        return Ok(());
    };
    cancel_found(txn, found, &event, ctx, Afterwards::Erase, Some(by_staff)).await?;
    Ok(())
}

async fn cancel_found(
    txn: &impl ConnectionTrait,
    found: rsvp::Model,
    event: &event::Model,
    ctx: &MailContext,
    afterwards: Afterwards,
    by_staff: Option<i32>,
) -> Result<Vec<rsvp::Model>, DbErr> {
    lock_event(txn, event.id).await?;
    if afterwards == Afterwards::Erase {
        if found.email.is_empty() {
            return Ok(Vec::new());
        }
        erase_details(txn, &found, by_staff).await?;
        // A meeting that has happened keeps its attendance: nobody moves up into the past.
        if event.ends_at < Utc::now() || found.status == RsvpStatus::CheckedIn {
            return Ok(Vec::new());
        }
    }
    if found.status == RsvpStatus::Cancelled {
        return Ok(Vec::new());
    }
    let mut cancelled: rsvp::ActiveModel = found.into();
    cancelled.status = Set(RsvpStatus::Cancelled);
    cancelled.updated_at = Set(Utc::now());
    let cancelled = cancelled.update(txn).await?;
    if afterwards == Afterwards::Confirm {
        let notice = rsvp_email(event, &cancelled, None, "rsvp-cancelled", &[], ctx);
        outbox::enqueue(txn, notice, &ctx.message_id_host).await?;
    }
    let promoted = promote(txn, event).await?;
    // The promoted keep the manage link of their first email; this one confirms and invites.
    for moved in &promoted {
        let notice = rsvp_email(event, moved, None, "rsvp-promoted", &[], ctx);
        outbox::enqueue(txn, notice, &ctx.message_id_host).await?;
    }
    Ok(promoted)
}

/// Overwrites the person's details and the emails about this RSVP; audited without naming them.
async fn erase_details(
    txn: &impl ConnectionTrait,
    found: &rsvp::Model,
    by_staff: Option<i32>,
) -> Result<(), DbErr> {
    let mut erased: rsvp::ActiveModel = found.clone().into();
    erased.name = Set(String::new());
    erased.email = Set(String::new());
    erased.phone = Set(None);
    erased.zip = Set(None);
    erased.accommodations = Set(String::new());
    erased.accommodation_other = Set(None);
    erased.stakeholder_other = Set(None);
    erased.token_hash = Set(format!("erased-{}", found.id));
    erased.update(txn).await?;
    // Emails about this RSVP: recipient and body go, the row stays counted.
    let emails = Emails::Of {
        kinds: &["rsvp-%", "event-%"],
        reference: found.reference.as_deref().unwrap_or_default(),
    };
    crate::backend::services::erasure::erase_emails_of(txn, &found.email, emails).await?;
    let action = match by_staff {
        None => "rsvp.erased_by_attendee",
        Some(_) => "rsvp.erased_on_request",
    };
    crate::backend::services::audit::record(txn, by_staff, action, "rsvp", found.id, None).await
}

/// Moves waiting parties to registered in order while the next one fits.
pub(super) async fn promote(
    txn: &impl ConnectionTrait,
    event: &event::Model,
) -> Result<Vec<rsvp::Model>, DbErr> {
    let waiting = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event.id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted))
        .order_by_asc(rsvp::Column::Id)
        .all(txn)
        .await?;
    let mut taken = seats_taken(txn, event.id).await?;
    let mut promoted = Vec::new();
    for next in waiting {
        let fits = event
            .capacity
            .is_none_or(|capacity| taken + i64::from(next.party_size) <= i64::from(capacity));
        if !fits {
            break;
        }
        taken += i64::from(next.party_size);
        let mut moved: rsvp::ActiveModel = next.into();
        moved.status = Set(RsvpStatus::Registered);
        moved.updated_at = Set(Utc::now());
        promoted.push(moved.update(txn).await?);
    }
    Ok(promoted)
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChangeRefused {
    #[error("RSVPs are closed for this meeting")]
    Closed,
    #[error("this RSVP is cancelled")]
    Cancelled,
    /// The meeting has room for this many in the party, no more.
    #[error("only {0} seats are free")]
    NoSeats(i64),
}

/// Changes the party size behind the token. A registered party grows only into free seats; a
/// smaller party frees seats for the waitlist. `None` for an unknown token.
pub async fn change_party<C>(
    db: &C,
    token: &str,
    party_size: i32,
    ctx: &MailContext,
) -> Result<Option<Result<rsvp::Model, ChangeRefused>>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some((found, event)) = by_token(&txn, token).await? else {
        return Ok(None);
    };
    lock_event(&txn, event.id).await?;
    if found.status == RsvpStatus::Cancelled {
        return Ok(Some(Err(ChangeRefused::Cancelled)));
    }
    if !is_open(&event) {
        return Ok(Some(Err(ChangeRefused::Closed)));
    }
    let holds_seats = [RsvpStatus::Registered, RsvpStatus::CheckedIn].contains(&found.status);
    if holds_seats && let Some(capacity) = event.capacity {
        let free = i64::from(capacity)
            - (seats_taken(&txn, event.id).await? - i64::from(found.party_size));
        if i64::from(party_size) > free {
            return Ok(Some(Err(ChangeRefused::NoSeats(free.max(0)))));
        }
    }
    let mut changed: rsvp::ActiveModel = found.into();
    changed.party_size = Set(party_size);
    changed.updated_at = Set(Utc::now());
    let changed = changed.update(&txn).await?;
    for moved in promote(&txn, &event).await? {
        let notice = rsvp_email(&event, &moved, None, "rsvp-promoted", &[], ctx);
        outbox::enqueue(&txn, notice, &ctx.message_id_host).await?;
    }
    txn.commit().await?;
    // A waitlisted party that now fits was promoted above; read its status back.
    Ok(Some(Ok(rsvp::Entity::find_by_id(changed.id)
        .one(db)
        .await?
        .unwrap_or(changed))))
}
