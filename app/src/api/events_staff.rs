//! Meetings for staff: the list, the editor (admins), attendees with the accommodation summary and
//! check-in (admins; analysts read), copying a meeting, and cancelling one with a notice to everyone.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use crate::domain::status::{EventStatus, RsvpStatus};

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMeetingRow {
    pub id: i32,
    pub slug: String,
    pub title: String,
    /// Local date and time in the consultation's zone.
    pub starts: String,
    pub status: String,
    pub seats_taken: i64,
    pub capacity: Option<i32>,
    pub waitlisted: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMeetingList {
    pub meetings: Vec<StaffMeetingRow>,
    pub can_edit: bool,
    /// The consultation's zone (IANA name) the times are in.
    pub zone: String,
}

/// The editor's values, times as `datetime-local` strings in the consultation's zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFields {
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    pub id: i32,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub party_size: i32,
    pub stakeholder_group: String,
    pub status: String,
    pub accommodations: Vec<String>,
    pub accommodation_other: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccommodationLine {
    pub code: String,
    pub coming: usize,
    pub waiting: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMeetingDetail {
    pub id: i32,
    pub slug: String,
    pub fields: MeetingFields,
    pub can_edit: bool,
    pub attendees: Vec<AttendeeRow>,
    pub accommodations: Vec<AccommodationLine>,
    pub seats_taken: i64,
    pub checked_in: i64,
    /// The consultation's zone (IANA name) the times are entered in.
    pub zone: String,
}

#[cfg(feature = "ssr")]
async fn consultation_id(state: &crate::backend::AppState) -> Result<i32, AppError> {
    crate::backend::services::content::current_consultation(&state.db)
        .await?
        .map(|c| c.id)
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "staff/events/list")]
pub async fn staff_meetings() -> Result<StaffMeetingList, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::events;
    use crate::domain::Permission;
    let user = require(Permission::SeeMeetings).await?;
    let state = crate::backend::app_state()?;
    let consultation = consultation_id(&state).await?;
    use crate::backend::entity::rsvp;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let all = events::all_events(&state.db, consultation).await?;
    // Every meeting's RSVPs in one query, not one per meeting.
    let every_rsvp = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.is_in(all.iter().map(|e| e.id).collect::<Vec<_>>()))
        .all(&state.db)
        .await?;
    let mut meetings = Vec::new();
    for found in all {
        let rsvps: Vec<&rsvp::Model> = every_rsvp
            .iter()
            .filter(|r| r.event_id == found.id)
            .collect();
        meetings.push(StaffMeetingRow {
            id: found.id,
            slug: found.slug.clone(),
            title: found.title.clone(),
            starts: events::to_local_input(found.starts_at, state.mail.zone).replace('T', " "),
            status: found.status.to_string(),
            seats_taken: rsvps
                .iter()
                .filter(|r| [RsvpStatus::Registered, RsvpStatus::CheckedIn].contains(&r.status))
                .map(|r| i64::from(r.party_size))
                .sum(),
            capacity: found.capacity,
            waitlisted: rsvps
                .iter()
                .filter(|r| r.status == RsvpStatus::Waitlisted)
                .count(),
        });
    }
    Ok(StaffMeetingList {
        meetings,
        can_edit: user.can(Permission::ManageMeetings),
        zone: state.mail.zone.name().to_string(),
    })
}

/// One meeting for staff; `id` 0 is the empty form for a new meeting.
#[server(endpoint = "staff/events/one")]
pub async fn staff_meeting(id: i32) -> Result<StaffMeetingDetail, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::event;
    use crate::backend::services::events;
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    let user = require(Permission::SeeMeetings).await?;
    let can_edit = user.can(Permission::ManageMeetings);
    let state = crate::backend::app_state()?;
    let consultation = consultation_id(&state).await?;
    if id == 0 {
        if !can_edit {
            return Err(AppError::Forbidden);
        }
        return Ok(StaffMeetingDetail {
            id: 0,
            slug: String::new(),
            fields: MeetingFields {
                format: "in_person".into(),
                status: EventStatus::Draft.as_str().into(),
                languages: "English".into(),
                ..Default::default()
            },
            can_edit,
            attendees: Vec::new(),
            accommodations: Vec::new(),
            seats_taken: 0,
            checked_in: 0,
            zone: state.mail.zone.name().to_string(),
        });
    }
    let found = event::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|e| e.consultation_id == consultation)
        .ok_or(AppError::NotFound)?;
    let rsvps = events::attendees(&state.db, id, None).await?;
    let contact = user.can(Permission::SeeContactDetails);
    if contact {
        use crate::backend::access::Disclosure;
        user.disclose_contact_details(&state.db, Disclosure::View, "event", id, "attendee list")
            .await?;
    }
    let seats = |status: RsvpStatus| -> i64 {
        rsvps
            .iter()
            .filter(|r| r.status == status)
            .map(|r| i64::from(r.party_size))
            .sum()
    };
    let checked_in = seats(RsvpStatus::CheckedIn);
    let seats_taken = seats(RsvpStatus::Registered) + checked_in;
    Ok(StaffMeetingDetail {
        id,
        slug: found.slug.clone(),
        accommodations: events::accommodation_summary(&rsvps)
            .into_iter()
            .map(|c| AccommodationLine {
                code: c.code.to_string(),
                coming: c.coming,
                waiting: c.waiting,
            })
            .collect(),
        attendees: rsvps
            .into_iter()
            .map(|r| AttendeeRow {
                id: r.id,
                reference: r.reference.unwrap_or_default(),
                // Names, emails and phones only for those who may see them (the audited rule).
                name: if contact { r.name } else { String::new() },
                email: if contact { r.email } else { String::new() },
                phone: r.phone.filter(|_| contact),
                party_size: r.party_size,
                stakeholder_group: r.stakeholder_group,
                status: r.status.to_string(),
                accommodations: r
                    .accommodations
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect(),
                accommodation_other: r.accommodation_other,
            })
            .collect(),
        fields: MeetingFields {
            title: found.title,
            description: found.description_markdown,
            starts_local: events::to_local_input(found.starts_at, state.mail.zone),
            ends_local: events::to_local_input(found.ends_at, state.mail.zone),
            format: found.format,
            venue_name: found.venue_name.unwrap_or_default(),
            venue_address: found.venue_address.unwrap_or_default(),
            online_url: found.online_url.unwrap_or_default(),
            capacity: found.capacity.map(|c| c.to_string()).unwrap_or_default(),
            deadline_local: found
                .rsvp_deadline
                .map(|at| events::to_local_input(at, state.mail.zone))
                .unwrap_or_default(),
            languages: found.languages,
            accessibility_notes: found.accessibility_notes,
            status: found.status.to_string(),
        },
        can_edit,
        seats_taken,
        checked_in,
        zone: state.mail.zone.name().to_string(),
    })
}

#[server(endpoint = "staff/events/save")]
pub async fn save_meeting(
    id: i32,
    title: String,
    #[server(default)] description: String,
    starts_local: String,
    ends_local: String,
    format: String,
    #[server(default)] venue_name: String,
    #[server(default)] venue_address: String,
    #[server(default)] online_url: String,
    #[server(default)] capacity: String,
    #[server(default)] deadline_local: String,
    #[server(default)] languages: String,
    #[server(default)] accessibility_notes: String,
    status: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::events;
    use crate::domain::Permission;
    let staff_id = require(Permission::ManageMeetings).await?.staff_id;
    let state = crate::backend::app_state()?;
    let consultation = consultation_id(&state).await?;
    let form = events::EventForm {
        title,
        description,
        starts_local,
        ends_local,
        format,
        venue_name,
        venue_address,
        online_url,
        capacity,
        deadline_local,
        languages,
        accessibility_notes,
        status,
    };
    let checked = events::check_event(&form, state.mail.zone).map_err(AppError::Invalid)?;
    let ctx = state.mail.clone();
    let saved = events::save_event(
        &state.db,
        consultation,
        (id != 0).then_some(id),
        &checked,
        staff_id,
        &ctx,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!("/staff/events/{}?saved=1", saved.id));
    Ok(())
}

#[server(endpoint = "staff/events/cancel")]
pub async fn cancel_meeting(
    id: i32,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::events;
    use crate::domain::Permission;
    let staff_id = require(Permission::ManageMeetings).await?.staff_id;
    if confirm.is_none() {
        let mut errors = crate::error::FormErrors::default();
        errors.add("confirm", "staff.events.cancel_confirm_required");
        return Err(AppError::Invalid(errors));
    }
    let state = crate::backend::app_state()?;
    let ctx = state.mail.clone();
    let told = events::cancel_event(&state.db, id, staff_id, &ctx)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!("/staff/events/{id}?told={told}"));
    Ok(())
}

/// One click at the door: `arrived` "1" checks the party in, "0" undoes it.
#[server(endpoint = "staff/events/check-in")]
pub async fn check_in_attendee(id: i32, rsvp_id: i32, arrived: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::events;
    use crate::domain::Permission;
    let staff_id = require(Permission::ManageMeetings).await?.staff_id;
    let state = crate::backend::app_state()?;
    events::check_in(&state.db, id, rsvp_id, arrived == "1", staff_id).await?;
    crate::backend::request::redirect(&format!("/staff/events/{id}#attendee-{rsvp_id}"));
    Ok(())
}

/// Copies the meeting as a new draft (its RSVPs stay behind) and opens the copy in the editor.
#[server(endpoint = "staff/events/duplicate")]
pub async fn duplicate_meeting(id: i32) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::events;
    use crate::domain::Permission;
    use crate::i18n::{resolve_locale, translate, translate_with};
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::ManageMeetings).await?.staff_id;
    let state = crate::backend::app_state()?;
    let consultation = consultation_id(&state).await?;
    let original = crate::backend::entity::event::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // The marker in the staff member's language; the original title is shortened, never the
    // marker, so the copy still passes the editor's length check.
    let locale = resolve_locale();
    let marker_length = translate(locale, "staff.events.copy_title")
        .replace("{title}", "")
        .chars()
        .count();
    let kept: String = original
        .title
        .chars()
        .take(events::MAX_TITLE_CHARS.saturating_sub(marker_length))
        .collect();
    let title = translate_with(
        locale,
        "staff.events.copy_title",
        &[("title", kept.trim_end())],
    );
    let copy = events::duplicate_event(&state.db, consultation, id, &title, staff_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!("/staff/events/{}?copied=1", copy.id));
    Ok(())
}
