//! Staff downloads as plain routes (a file, not a page): the attendee list of a meeting as CSV.
//! The session cookie decides who may download; contact details only for admins who ask, audited.

use crate::middleware::cookie_value;
use app::domain::Role;
use app::server::AppState;
use app::server::entity::event;
use app::server::services::session::{self, SESSION_COOKIE, SignedIn};
use app::server::services::{audit, events, export};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::EntityTrait;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/events/{id}/attendees.csv", get(attendees_csv))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ExportQuery {
    /// A stakeholder group, or empty for everyone.
    #[serde(default)]
    group: String,
    /// "1" asks for names, emails and phones (admins only).
    #[serde(default)]
    contact: String,
}

fn failed(err: sea_orm::DbErr) -> Response {
    tracing::error!(%err, "export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The signed-in staff member with one of `allowed` roles, or the refusal to send.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    allowed: &[Role],
) -> Result<SignedIn, Response> {
    let Some(token) = cookie_value(headers, SESSION_COOKIE) else {
        return Err(StatusCode::UNAUTHORIZED.into_response());
    };
    match session::find(&state.db, &token).await.map_err(failed)? {
        Some(found) if allowed.contains(&found.role) => Ok(found),
        Some(_) => Err(StatusCode::FORBIDDEN.into_response()),
        None => Err(StatusCode::UNAUTHORIZED.into_response()),
    }
}

/// The headers of a CSV download; personal data is never kept by a shared cache.
pub fn csv_response_headers(filename: &str) -> [(header::HeaderName, HeaderValue); 3] {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        ),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ]
}

pub fn csv_response(body: Vec<u8>, filename: &str) -> Response {
    (csv_response_headers(filename), body).into_response()
}

async fn attendees_csv(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    let staff = match signed_in(&state, &headers, &[Role::Admin, Role::Analyst]).await {
        Ok(staff) => staff,
        Err(refusal) => return refusal,
    };
    let with_contact = query.contact == "1";
    if with_contact && staff.role != Role::Admin {
        return StatusCode::FORBIDDEN.into_response();
    }
    let meeting = match event::Entity::find_by_id(id).one(&state.db).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(err),
    };
    let group = Some(query.group.trim()).filter(|g| !g.is_empty());
    let rsvps = match events::attendees(&state.db, id, group).await {
        Ok(rsvps) => rsvps,
        Err(err) => return failed(err),
    };
    if with_contact
        && let Err(err) = audit::record(
            &state.db,
            Some(staff.staff_id),
            "export.contact_details",
            "event",
            id,
            Some(format!("attendees.csv, group {}", group.unwrap_or("all"))),
        )
        .await
    {
        return failed(err);
    }
    let mut header = vec![
        "reference",
        "status",
        "party_size",
        "stakeholder_group",
        "stakeholder_other",
        "zip",
    ];
    header.extend(events::ACCOMMODATIONS.iter().copied());
    header.push("accommodation_other");
    header.push("reminder_consent");
    header.push("rsvp_at");
    if with_contact {
        header.extend(["name", "email", "phone"]);
    }
    let rows = rsvps.into_iter().map(|r| {
        let asked: Vec<&str> = r.accommodations.split(',').collect();
        let mut row = vec![
            r.reference.clone().unwrap_or_default(),
            r.status.clone(),
            r.party_size.to_string(),
            r.stakeholder_group.clone(),
            r.stakeholder_other.clone().unwrap_or_default(),
            r.zip.clone().unwrap_or_default(),
        ];
        row.extend(
            events::ACCOMMODATIONS
                .iter()
                .map(|code| u8::from(asked.contains(code)).to_string()),
        );
        row.push(r.accommodation_other.clone().unwrap_or_default());
        row.push(u8::from(r.reminder_consent).to_string());
        row.push(r.created_at.to_rfc3339());
        if with_contact {
            row.extend([r.name, r.email, r.phone.unwrap_or_default()]);
        }
        row
    });
    match export::csv_document(&header, rows) {
        Ok(body) => csv_response(body, &format!("{}-attendees.csv", meeting.slug)),
        Err(err) => {
            tracing::error!(%err, "cannot write the attendee CSV");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
