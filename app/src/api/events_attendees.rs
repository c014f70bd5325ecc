//! Reaching the people coming to a meeting (admins): the printable sign-in sheet for the door, and
//! one message emailed to everyone registered or, separately, to the waitlist.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One registered party on the sign-in sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub name: String,
    pub reference: String,
    pub party_size: i32,
    /// Accommodation codes, in the form's order.
    pub accommodations: Vec<String>,
    pub accommodation_other: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInSheet {
    pub id: i32,
    pub title: String,
    /// Local date and time in the consultation's zone, with the zone's abbreviation.
    pub when: String,
    pub place: Option<String>,
    pub lines: Vec<SheetLine>,
    /// Seats held by the parties listed.
    pub seats: i64,
}

/// Everyone registered (checked in or not) for the door, by name; waitlisted and cancelled RSVPs
/// are left out. Names are contact details: reading them is audited.
#[server(endpoint = "staff/events/sign-in-sheet")]
pub async fn meeting_sign_in_sheet(id: i32) -> Result<SignInSheet, AppError> {
    use crate::backend::access::{Disclosure, require};
    use crate::backend::entity::event;
    use crate::backend::services::{content, events};
    use crate::domain::Permission;
    use crate::domain::status::RsvpStatus;
    use sea_orm::EntityTrait;
    let user = require(Permission::ManageMeetings).await?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let found = event::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|e| e.consultation_id == consultation.id)
        .ok_or(AppError::NotFound)?;
    user.disclose_contact_details(&state.db, Disclosure::View, "event", id, "sign-in sheet")
        .await?;
    let mut coming: Vec<_> = events::attendees(&state.db, id, None)
        .await?
        .into_iter()
        .filter(|r| [RsvpStatus::Registered, RsvpStatus::CheckedIn].contains(&r.status))
        .collect();
    coming.sort_by_key(|r| r.name.to_lowercase());
    let place = match (found.venue_name, found.venue_address) {
        (Some(name), Some(address)) => Some(format!("{name}, {address}")),
        (name, address) => name.or(address),
    };
    Ok(SignInSheet {
        id,
        title: found.title,
        when: found
            .starts_at
            .with_timezone(&state.mail.zone)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string(),
        place,
        seats: coming.iter().map(|r| i64::from(r.party_size)).sum(),
        lines: coming
            .into_iter()
            .map(|r| SheetLine {
                name: r.name,
                reference: r.reference.unwrap_or_default(),
                party_size: r.party_size,
                accommodations: r
                    .accommodations
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect(),
                accommodation_other: r.accommodation_other,
            })
            .collect(),
    })
}

/// Queues the message to everyone in the audience (`registered` or `waitlist`), one email each in
/// their language, and comes back to the meeting saying how many were queued.
#[server(endpoint = "staff/events/email")]
pub async fn email_attendees(
    id: i32,
    #[server(default)] audience: String,
    #[server(default)] subject: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{content, events};
    use crate::domain::Permission;
    let staff_id = require(Permission::ManageMeetings).await?.staff_id;
    let checked = events::check_message(&events::MessageForm {
        audience,
        subject,
        message,
    })
    .map_err(AppError::Invalid)?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = state.mail.clone();
    let queued = events::email_attendees(&state.db, consultation.id, id, &checked, staff_id, &ctx)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!(
        "/staff/events/{id}?emailed={queued}&to={}",
        checked.audience.as_str()
    ));
    Ok(())
}
