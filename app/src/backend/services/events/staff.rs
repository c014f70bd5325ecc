//! The staff side of meetings: the editor (times in the city's zone), the attendee list, the
//! accommodation summary, check-in at the door and cancelling a meeting with a notice to everyone.
use crate::domain::status::{EventStatus, RsvpStatus};

use super::mail::rsvp_email;
use super::manage::promote;
use super::{ACCOMMODATIONS, lock_event};
use crate::backend::MailContext;
use crate::backend::entity::{event, rsvp};
use crate::backend::services::calendar::CITY_ZONE;
use crate::backend::services::strategy::render_markdown;
use crate::backend::services::{audit, begin_write, outbox};
use crate::error::FormErrors;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait, TryIntoModel,
};

pub const FORMATS: [&str; 3] = ["in_person", "online", "hybrid"];
const MAX_TITLE_CHARS: usize = 200;
const MAX_CAPACITY: i32 = 100_000;

/// The editor's form as it arrives; times are local (`datetime-local`, America/Los_Angeles).
#[derive(Clone, Debug, Default)]
pub struct EventForm {
    pub title: String,
    pub description: String,
    pub starts_local: String,
    pub ends_local: String,
    pub format: String,
    pub venue_name: String,
    pub venue_address: String,
    pub online_url: String,
    pub capacity: String,
    pub deadline_local: String,
    pub languages: String,
    pub accessibility_notes: String,
    pub status: String,
}

/// A checked event, ready to store.
#[derive(Clone, Debug)]
pub struct EventSaved {
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: String,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub rsvp_deadline: Option<DateTime<Utc>>,
    pub languages: String,
    pub accessibility_notes: String,
    pub status: EventStatus,
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A `datetime-local` value read as the city's wall-clock time.
pub fn parse_local(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?;
    CITY_ZONE
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The value a `datetime-local` input shows for a stored time.
pub fn to_local_input(at: DateTime<Utc>) -> String {
    at.with_timezone(&CITY_ZONE)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn keep_all(form: &EventForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("title", &form.title),
        ("description", &form.description),
        ("starts_local", &form.starts_local),
        ("ends_local", &form.ends_local),
        ("format", &form.format),
        ("venue_name", &form.venue_name),
        ("venue_address", &form.venue_address),
        ("online_url", &form.online_url),
        ("capacity", &form.capacity),
        ("deadline_local", &form.deadline_local),
        ("languages", &form.languages),
        ("accessibility_notes", &form.accessibility_notes),
        ("status", &form.status),
    ] {
        errors.keep(field, value);
    }
    errors
}

/// Checks the editor's form; every problem at once, the input kept.
pub fn check_event(form: &EventForm) -> Result<EventSaved, FormErrors> {
    let mut errors = keep_all(form);
    let title = form.title.trim();
    if title.is_empty() {
        errors.add("title", "field.event_title.required");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.add("title", "field.event_title.too_long");
    }
    let starts = parse_local(&form.starts_local);
    if starts.is_none() {
        errors.add("starts_local", "field.event_time.invalid");
    }
    let ends = parse_local(&form.ends_local);
    match (starts, ends) {
        (_, None) => errors.add("ends_local", "field.event_time.invalid"),
        (Some(s), Some(e)) if e <= s => errors.add("ends_local", "field.event_end.before_start"),
        _ => {}
    }
    let format = form.format.trim();
    if !FORMATS.contains(&format) {
        errors.add("format", "field.event_format.required");
    }
    let venue_name = optional(&form.venue_name);
    if format != "online" && venue_name.is_none() {
        errors.add("venue_name", "field.venue.required");
    }
    let online_url = optional(&form.online_url);
    if format != "in_person" {
        match &online_url {
            None => errors.add("online_url", "field.online_url.required"),
            Some(url) if !url.starts_with("https://") || url.contains(char::is_whitespace) => {
                errors.add("online_url", "field.online_url.invalid")
            }
            Some(_) => {}
        }
    }
    let capacity = match optional(&form.capacity) {
        None => None,
        Some(text) => match text.parse::<i32>() {
            Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
            _ => {
                errors.add("capacity", "field.capacity.invalid");
                None
            }
        },
    };
    let deadline = match optional(&form.deadline_local) {
        None => None,
        Some(text) => match (parse_local(&text), starts) {
            (Some(d), Some(s)) if d <= s => Some(d),
            (Some(_), Some(_)) => {
                errors.add("deadline_local", "field.deadline.after_start");
                None
            }
            _ => {
                errors.add("deadline_local", "field.event_time.invalid");
                None
            }
        },
    };
    // A meeting is cancelled only through its own action, never by the editor.
    let status = EventStatus::parse(form.status.trim())
        .filter(|s| [EventStatus::Draft, EventStatus::Published].contains(s));
    if status.is_none() {
        errors.add("status", "field.event_status.required");
    }
    match (starts, ends) {
        (Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(EventSaved {
            title: title.to_string(),
            description: form.description.replace("\r\n", "\n").trim().to_string(),
            starts_at,
            ends_at,
            format: format.to_string(),
            venue_name: venue_name.filter(|_| format != "online"),
            venue_address: optional(&form.venue_address).filter(|_| format != "online"),
            online_url: online_url.filter(|_| format != "in_person"),
            capacity,
            rsvp_deadline: deadline,
            languages: form.languages.trim().to_string(),
            accessibility_notes: form.accessibility_notes.trim().to_string(),
            status: status.unwrap_or(EventStatus::Draft),
        }),
        _ => Err(errors),
    }
}

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
    let mut model = match id {
        Some(id) => match lock_event(&txn, id).await? {
            Some(found) if found.consultation_id == consultation_id => {
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
mod tests {
    use super::*;

    fn valid_form() -> EventForm {
        EventForm {
            title: "Listening session, Plummer Park".into(),
            starts_local: "2027-01-14T18:30".into(),
            ends_local: "2027-01-14T20:00".into(),
            format: "hybrid".into(),
            venue_name: "Plummer Park".into(),
            online_url: "https://meet.example.org/x".into(),
            capacity: "40".into(),
            deadline_local: "2027-01-13T00:00".into(),
            status: "published".into(),
            ..Default::default()
        }
    }

    #[test]
    fn local_times_are_read_in_the_city_zone() {
        let Ok(saved) = check_event(&valid_form()) else {
            panic!("refused a good form")
        };
        // Pacific Standard Time in January: UTC-8.
        assert_eq!(saved.starts_at.to_rfc3339(), "2027-01-15T02:30:00+00:00");
        assert_eq!(to_local_input(saved.starts_at), "2027-01-14T18:30");
    }

    #[test]
    fn every_problem_is_reported_and_the_input_kept() {
        let form = EventForm {
            starts_local: "2027-01-14T18:30".into(),
            ends_local: "2027-01-14T17:00".into(),
            format: "hybrid".into(),
            online_url: "http://insecure.example.org".into(),
            capacity: "0".into(),
            deadline_local: "2027-01-15T00:00".into(),
            status: "cancelled".into(),
            ..Default::default()
        };
        let Err(errors) = check_event(&form) else {
            panic!("accepted a bad form")
        };
        for field in [
            "title",
            "ends_local",
            "venue_name",
            "online_url",
            "capacity",
            "deadline_local",
            "status",
        ] {
            assert!(errors.for_field(field).is_some(), "no error for {field}");
        }
        assert_eq!(errors.kept("capacity"), Some("0"));
    }

    #[test]
    fn slugs_are_made_of_the_titles_words() {
        assert_eq!(
            slug_from("Phase II: Plummer Park (in person)"),
            "phase-ii-plummer-park-in-person"
        );
        assert_eq!(slug_from("¿?"), "meeting");
    }
}
