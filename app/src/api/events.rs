//! Community meetings for the public: the list, one meeting with its RSVP form, and the manage
//! link behind every RSVP (no account: the token in the link is the key).
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use crate::domain::status::{EventStatus, RsvpStatus};

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A meeting as the public sees it; times are already in the consultation's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub slug: String,
    /// The language of title, description, languages and accessibility notes (English when
    /// they are not translated).
    pub lang: String,
    pub title: String,
    /// ISO date and `HH:MM` times, local to the consultation.
    pub date: String,
    pub starts: String,
    pub ends: String,
    /// The zone's abbreviation on that day (`PST`, `CET`).
    pub zone: String,
    /// in_person, online or hybrid.
    pub format: String,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    /// Sanitised when saved.
    pub description_html: String,
    pub languages: String,
    pub accessibility_notes: String,
    /// `None` when the meeting has no seat limit.
    pub seats_left: Option<i64>,
    pub waitlist: u64,
    pub past: bool,
    pub cancelled: bool,
    /// Why RSVPs are not taken (`cancelled`, `past`, `deadline`), or `None` while open.
    pub closed_reason: Option<String>,
    pub deadline_date: Option<String>,
    pub deadline_time: Option<String>,
    /// The signed stamp for the RSVP form (one meeting's page only; empty in the list).
    pub form_stamp: String,
}

/// One RSVP behind its manage link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpView {
    pub meeting: MeetingView,
    pub reference: String,
    pub name: String,
    pub party_size: i32,
    /// registered, waitlisted, cancelled or checked_in.
    pub status: String,
    pub waitlist_position: Option<u64>,
    pub accommodations: Vec<String>,
    /// Shown only to people with a seat.
    pub online_url: Option<String>,
    pub can_change: bool,
}

#[cfg(feature = "ssr")]
async fn meeting_view(
    conn: &impl sea_orm::ConnectionTrait,
    found: &crate::backend::entity::event::Model,
    zone: chrono_tz::Tz,
    words: &crate::backend::services::translations::Localized,
) -> Result<MeetingView, AppError> {
    let locale = crate::i18n::resolve_locale();
    let own = |field: &str, english: &str| words.of("event", &found.slug, field, english);
    let title = own("title", &found.title);
    let lang = if title.is_some() || locale == crate::i18n::Locale::En {
        locale.code()
    } else {
        "en"
    };
    use crate::backend::services::events;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let now = chrono::Utc::now();
    let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&zone);
    let seats_left = match found.capacity {
        Some(capacity) => {
            Some((i64::from(capacity) - events::seats_taken(conn, found.id).await?).max(0))
        }
        None => None,
    };
    let waitlist = crate::backend::entity::rsvp::Entity::find()
        .filter(crate::backend::entity::rsvp::Column::EventId.eq(found.id))
        .filter(crate::backend::entity::rsvp::Column::Status.eq(RsvpStatus::Waitlisted))
        .count(conn)
        .await?;
    let past = found.ends_at <= now;
    let closed_reason = if found.status == EventStatus::Cancelled {
        Some("cancelled")
    } else if found.starts_at <= now {
        Some("past")
    } else if !events::is_open(found) {
        Some("deadline")
    } else {
        None
    };
    Ok(MeetingView {
        slug: found.slug.clone(),
        lang: lang.to_string(),
        title: title.unwrap_or_else(|| found.title.clone()),
        date: local(found.starts_at).date_naive().to_string(),
        starts: local(found.starts_at).format("%H:%M").to_string(),
        ends: local(found.ends_at).format("%H:%M").to_string(),
        zone: local(found.starts_at).format("%Z").to_string(),
        format: found.format.clone(),
        venue_name: found.venue_name.clone(),
        venue_address: found.venue_address.clone(),
        description_html: own("description", &found.description_markdown).map_or_else(
            || found.description_html.clone(),
            |text| crate::backend::services::strategy::render_markdown(&text),
        ),
        languages: own("languages", &found.languages).unwrap_or_else(|| found.languages.clone()),
        accessibility_notes: own("accessibility_notes", &found.accessibility_notes)
            .unwrap_or_else(|| found.accessibility_notes.clone()),
        seats_left,
        waitlist,
        past,
        cancelled: found.status == EventStatus::Cancelled,
        closed_reason: closed_reason.map(str::to_string),
        deadline_date: found
            .rsvp_deadline
            .map(|d| local(d).date_naive().to_string()),
        deadline_time: found
            .rsvp_deadline
            .map(|d| local(d).format("%H:%M").to_string()),
        form_stamp: String::new(),
    })
}

/// The meetings' words in the reader's language.
#[cfg(feature = "ssr")]
async fn words_here(
    state: &crate::backend::AppState,
) -> Result<crate::backend::services::translations::Localized, AppError> {
    Ok(crate::backend::services::translations::Localized::load(
        &state.db,
        crate::i18n::resolve_locale(),
    )
    .await?)
}

/// The published meeting with this slug (cancelled ones stay visible with a notice).
#[cfg(feature = "ssr")]
async fn public_meeting(
    state: &crate::backend::AppState,
    slug: &str,
) -> Result<crate::backend::entity::event::Model, AppError> {
    use crate::backend::services::{content, events};
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    events::public_events(&state.db, consultation.id)
        .await?
        .into_iter()
        .find(|e| e.slug == slug)
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "events/list")]
pub async fn list_meetings() -> Result<Vec<MeetingView>, AppError> {
    use crate::backend::{app_state, services::content, services::events};
    let state = app_state()?;
    let Some(consultation) = content::current_consultation(&state.db).await? else {
        return Ok(Vec::new());
    };
    // The translations are read once for the whole list, not once per meeting.
    let words = words_here(&state).await?;
    let mut views = Vec::new();
    for found in events::public_events(&state.db, consultation.id).await? {
        views.push(meeting_view(&state.db, &found, state.mail.zone, &words).await?);
    }
    Ok(views)
}

#[server(endpoint = "events/one")]
pub async fn get_meeting(slug: String) -> Result<MeetingView, AppError> {
    let state = crate::backend::app_state()?;
    let found = public_meeting(&state, &slug).await?;
    let mut view = meeting_view(
        &state.db,
        &found,
        state.mail.zone,
        &words_here(&state).await?,
    )
    .await?;
    view.form_stamp = state.stamps.issue();
    Ok(view)
}

#[server(endpoint = "events/rsvp")]
pub async fn submit_rsvp(
    slug: String,
    name: String,
    email: String,
    #[server(default)] phone: String,
    party_size: String,
    stakeholder_group: String,
    #[server(default)] stakeholder_other: String,
    #[server(default)] zip: String,
    #[server(default)] accommodations: Vec<String>,
    #[server(default)] accommodation_other: String,
    #[server(default)] reminder_consent: Option<String>,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::{Admission, IntakeFields};
    use crate::backend::services::events;
    let state = crate::backend::app_state()?;
    let found = public_meeting(&state, &slug).await?;
    let form = events::RsvpForm {
        name,
        email,
        phone,
        party_size,
        stakeholder_group,
        stakeholder_other,
        zip,
        accommodations,
        accommodation_other,
        reminder_consent: reminder_consent.is_some(),
    };
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    let locale = crate::i18n::resolve_locale();
    match events::receive_rsvp(&state, &found, &form, &intake, locale).await? {
        Admission::Admitted(token) => {
            crate::backend::request::redirect(&format!("/events/{slug}/rsvp/{token}?new=1"));
        }
        Admission::Dropped => crate::backend::request::redirect(&format!("/events/{slug}")),
    }
    Ok(())
}

/// The RSVP behind a manage link; a wrong token or slug is "not found", nothing more.
#[server(endpoint = "events/rsvp/view")]
pub async fn get_rsvp(slug: String, token: String) -> Result<RsvpView, AppError> {
    use crate::backend::services::events;
    let state = crate::backend::app_state()?;
    let (found, meeting) = events::by_token(&state.db, &token)
        .await?
        .filter(|(_, e)| e.slug == slug)
        .ok_or(AppError::NotFound)?;
    let position = if found.status == RsvpStatus::Waitlisted {
        Some(events::waitlist_position(&state.db, &found).await?)
    } else {
        None
    };
    let has_seat = [RsvpStatus::Registered, RsvpStatus::CheckedIn].contains(&found.status);
    Ok(RsvpView {
        reference: found.reference.clone().unwrap_or_default(),
        name: found.name.clone(),
        party_size: found.party_size,
        status: found.status.to_string(),
        waitlist_position: position,
        accommodations: found
            .accommodations
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        online_url: meeting.online_url.clone().filter(|_| has_seat),
        can_change: found.status != RsvpStatus::Cancelled && events::is_open(&meeting),
        meeting: meeting_view(
            &state.db,
            &meeting,
            state.mail.zone,
            &words_here(&state).await?,
        )
        .await?,
    })
}

#[server(endpoint = "events/rsvp/change")]
pub async fn change_rsvp(slug: String, token: String, party_size: String) -> Result<(), AppError> {
    use crate::backend::services::events::{self, ChangeRefused};
    let state = crate::backend::app_state()?;
    let mut errors = crate::error::FormErrors::default();
    errors.keep("party_size", &party_size);
    let Some(size) = party_size
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=events::MAX_PARTY).contains(n))
    else {
        errors.add("party_size", "field.party_size.invalid");
        return Err(AppError::Invalid(errors));
    };
    let ctx = state.mail.clone();
    match events::change_party(&state.db, &token, size, &ctx).await? {
        None => Err(AppError::NotFound),
        Some(Ok(_)) => {
            crate::backend::request::redirect(&format!("/events/{slug}/rsvp/{token}?changed=1"));
            Ok(())
        }
        Some(Err(refused)) => {
            let key = match refused {
                ChangeRefused::NoSeats(_) => "events.manage.no_seats",
                ChangeRefused::Closed => "events.closed.deadline",
                ChangeRefused::Cancelled => "events.manage.already_cancelled",
            };
            errors.add("party_size", key);
            Err(AppError::Invalid(errors))
        }
    }
}

#[server(endpoint = "events/rsvp/cancel")]
pub async fn cancel_rsvp(slug: String, token: String) -> Result<(), AppError> {
    use crate::backend::services::events;
    let state = crate::backend::app_state()?;
    let ctx = state.mail.clone();
    if events::by_token(&state.db, &token)
        .await?
        .is_none_or(|(_, e)| e.slug != slug)
    {
        return Err(AppError::NotFound);
    }
    events::cancel(&state.db, &token, &ctx)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!("/events/{slug}/rsvp/{token}?cancelled=1"));
    Ok(())
}

/// Cancels the RSVP if needed and erases the person's details; the manage link stops working.
#[server(endpoint = "events/rsvp/erase")]
pub async fn erase_rsvp(slug: String, token: String) -> Result<(), AppError> {
    use crate::backend::services::events;
    let state = crate::backend::app_state()?;
    if events::by_token(&state.db, &token)
        .await?
        .is_none_or(|(_, e)| e.slug != slug)
    {
        return Err(AppError::NotFound);
    }
    if !events::erase(&state.db, &token, &state.mail).await? {
        return Err(AppError::NotFound);
    }
    crate::backend::request::redirect(&format!(
        "/events/{}?erased=1",
        crate::paths::query_value(&slug)
    ));
    Ok(())
}
