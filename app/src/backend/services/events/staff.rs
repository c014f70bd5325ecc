//! The staff side of meetings: saving the editor's meeting, the attendee list, the accommodation
//! summary, check-in at the door, copying a meeting and cancelling one with a notice to everyone.
use crate::domain::status::{EventStatus, RsvpStatus};

use super::editor::EventSaved;
use super::mail::rsvp_email;
use super::manage::promote;
use super::{ACCOMMODATIONS, lock_event};
use crate::backend::MailContext;
use crate::backend::entity::{event, rsvp};
use crate::backend::services::strategy::render_markdown;
use crate::backend::services::{audit, begin_write, outbox};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait, TryIntoModel,
};

fn slug_from(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        "meeting".into()
    } else {
        slug
    }
}

async fn free_slug(conn: &impl ConnectionTrait, title: &str) -> Result<String, DbErr> {
    let base = slug_from(title);
    let mut candidate = base.clone();
    let mut n = 2;
    while event::Entity::find()
        .filter(event::Column::Slug.eq(&candidate))
        .count(conn)
        .await?
        > 0
    {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

/// Creates (no `id`) or updates a meeting, audited. More seats promote from the waitlist at once;
/// a cancelled meeting stays cancelled.
pub async fn save_event<C>(
    db: &C,
    consultation_id: i32,
    id: Option<i32>,
    saved: &EventSaved,
    staff_id: i32,
    ctx: &MailContext,
) -> Result<Option<event::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let mut was_published = false;
    let mut model = match id {
        Some(id) => match lock_event(&txn, id).await? {
            Some(found) if found.consultation_id == consultation_id => {
                was_published = found.status == EventStatus::Published;
                let status = if found.status == EventStatus::Cancelled {
                    EventStatus::Cancelled
                } else {
                    saved.status
                };
                let mut model: event::ActiveModel = found.into();
                model.status = Set(status);
                model
            }
            _ => return Ok(None),
        },
        None => event::ActiveModel {
            consultation_id: Set(consultation_id),
            slug: Set(free_slug(&txn, &saved.title).await?),
            status: Set(saved.status),
            revision: Set(0),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    };
    model.title = Set(saved.title.clone());
    model.description_html = Set(render_markdown(&saved.description));
    model.description_markdown = Set(saved.description.clone());
    model.starts_at = Set(saved.starts_at);
    model.ends_at = Set(saved.ends_at);
    model.format = Set(saved.format.clone());
    model.venue_name = Set(saved.venue_name.clone());
    model.venue_address = Set(saved.venue_address.clone());
    model.online_url = Set(saved.online_url.clone());
    model.capacity = Set(saved.capacity);
    model.rsvp_deadline = Set(saved.rsvp_deadline);
    model.languages = Set(saved.languages.clone());
    model.accessibility_notes = Set(saved.accessibility_notes.clone());
    let stored = model.save(&txn).await?.try_into_model()?;
    if stored.status == EventStatus::Published {
        for moved in promote(&txn, &stored).await? {
            let notice = rsvp_email(&stored, &moved, None, "rsvp-promoted", &[], ctx);
            outbox::enqueue(&txn, notice, &ctx.message_id_host).await?;
        }
        // Followers of the consultation hear of a meeting when it is published.
        if !was_published {
            crate::backend::services::followers::announce_meeting(
                &txn,
                ctx,
                &stored,
                Some(staff_id),
            )
            .await?;
        }
    }
    let action = if id.is_some() {
        "event.updated"
    } else {
        "event.created"
    };
    audit::record(&txn, Some(staff_id), action, "event", stored.id, None).await?;
    txn.commit().await?;
    Ok(Some(stored))
}

/// Copies a meeting of this consultation as a new draft under `title`, with a slug of its own:
/// everything the editor holds comes along, its RSVPs do not. Audited; `None` for an unknown
/// meeting.
pub async fn duplicate_event<C>(
    db: &C,
    consultation_id: i32,
    event_id: i32,
    title: &str,
    staff_id: i32,
) -> Result<Option<event::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = event::Entity::find_by_id(event_id)
        .one(&txn)
        .await?
        .filter(|e| e.consultation_id == consultation_id)
    else {
        return Ok(None);
    };
    let copy = event::ActiveModel {
        consultation_id: Set(consultation_id),
        slug: Set(free_slug(&txn, title).await?),
        title: Set(title.to_string()),
        description_markdown: Set(found.description_markdown),
        description_html: Set(found.description_html),
        starts_at: Set(found.starts_at),
        ends_at: Set(found.ends_at),
        format: Set(found.format),
        venue_name: Set(found.venue_name),
        venue_address: Set(found.venue_address),
        online_url: Set(found.online_url),
        capacity: Set(found.capacity),
        rsvp_deadline: Set(found.rsvp_deadline),
        languages: Set(found.languages),
        accessibility_notes: Set(found.accessibility_notes),
        // Nobody sees the copy until staff have set its date and published it.
        status: Set(EventStatus::Draft),
        revision: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "event.duplicated",
        "event",
        copy.id,
        Some(format!("copy of event {event_id}")),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(copy))
}

/// Cancels the meeting and tells everyone registered or waiting, with a calendar withdrawal.
/// Returns how many were told, or `None` for an unknown meeting.
pub async fn cancel_event<C>(
    db: &C,
    event_id: i32,
    staff_id: i32,
    ctx: &MailContext,
) -> Result<Option<usize>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = lock_event(&txn, event_id).await? else {
        return Ok(None);
    };
    if found.status == EventStatus::Cancelled {
        return Ok(Some(0));
    }
    let mut cancelled: event::ActiveModel = found.into();
    cancelled.status = Set(EventStatus::Cancelled);
    let cancelled = cancelled.update(&txn).await?;
    let people = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.is_in([
            RsvpStatus::Registered,
            RsvpStatus::CheckedIn,
            RsvpStatus::Waitlisted,
        ]))
        .all(&txn)
        .await?;
    for person in &people {
        let notice = rsvp_email(&cancelled, person, None, "event-cancelled", &[], ctx);
        outbox::enqueue(&txn, notice, &ctx.message_id_host).await?;
    }
    audit::record(
        &txn,
        Some(staff_id),
        "event.cancelled",
        "event",
        event_id,
        Some(format!("{} people told", people.len())),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(people.len()))
}

/// Every RSVP of a meeting in the order they came, optionally of one stakeholder group.
pub async fn attendees(
    conn: &impl ConnectionTrait,
    event_id: i32,
    group: Option<&str>,
) -> Result<Vec<rsvp::Model>, DbErr> {
    let mut query = rsvp::Entity::find().filter(rsvp::Column::EventId.eq(event_id));
    if let Some(group) = group {
        query = query.filter(rsvp::Column::StakeholderGroup.eq(group));
    }
    query.order_by_asc(rsvp::Column::Id).all(conn).await
}

/// How many parties asked for one accommodation: coming (registered or checked in) and waiting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccommodationCount {
    pub code: &'static str,
    pub coming: usize,
    pub waiting: usize,
}

/// What staff must arrange, in the form's order; accommodations nobody asked for are left out.
pub fn accommodation_summary(rsvps: &[rsvp::Model]) -> Vec<AccommodationCount> {
    ACCOMMODATIONS
        .iter()
        .map(|code| {
            let asked = |status: &[RsvpStatus]| {
                rsvps
                    .iter()
                    .filter(|r| status.contains(&r.status))
                    .filter(|r| r.accommodations.split(',').any(|c| c == *code))
                    .count()
            };
            AccommodationCount {
                code,
                coming: asked(&[RsvpStatus::Registered, RsvpStatus::CheckedIn]),
                waiting: asked(&[RsvpStatus::Waitlisted]),
            }
        })
        .filter(|c| c.coming + c.waiting > 0)
        .collect()
}

/// Marks a registered party as arrived (or undoes it); audited. `false` when the RSVP is not a
/// registered one of this meeting.
pub async fn check_in<C>(
    db: &C,
    event_id: i32,
    rsvp_id: i32,
    arrived: bool,
    staff_id: i32,
) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let (from, to) = if arrived {
        (RsvpStatus::Registered, RsvpStatus::CheckedIn)
    } else {
        (RsvpStatus::CheckedIn, RsvpStatus::Registered)
    };
    let txn = begin_write(db).await?;
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, sea_orm::sea_query::Expr::value(to))
        .col_expr(
            rsvp::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(from))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if changed {
        let action = if arrived {
            "rsvp.checked_in"
        } else {
            "rsvp.check_in_undone"
        };
        audit::record(&txn, Some(staff_id), action, "rsvp", rsvp_id, None).await?;
    }
    txn.commit().await?;
    Ok(changed)
}

/// Every meeting of the consultation for staff, drafts included, soonest first.
pub async fn all_events(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::ConsultationId.eq(consultation_id))
        .order_by_asc(event::Column::StartsAt)
        .all(conn)
        .await
}

#[cfg(test)]
#[path = "staff_tests.rs"]
mod tests;
