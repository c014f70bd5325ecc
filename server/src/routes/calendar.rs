//! Calendar files for the meetings: `/events.ics` (every public meeting, for subscribing) and
//! `/events/{slug}/calendar.ics` ("Add to calendar"). Online links are never in these public files.

use app::server::AppState;
use app::server::services::calendar::{self, CalendarContext, Method};
use app::server::services::{content, events};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events.ics", get(feed))
        .route("/events/{slug}/calendar.ics", get(one))
}

fn ics(body: String, filename: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

async fn public_events(
    state: &AppState,
) -> Result<Vec<app::server::entity::event::Model>, Response> {
    let failed = |err: sea_orm::DbErr| {
        tracing::error!(%err, "cannot read meetings");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    };
    let Some(consultation) = content::current_consultation(&state.db)
        .await
        .map_err(failed)?
    else {
        return Ok(Vec::new());
    };
    events::public_events(&state.db, consultation.id)
        .await
        .map_err(failed)
}

fn context(state: &AppState) -> CalendarContext<'_> {
    CalendarContext {
        host: &state.portal.message_id_host,
        public_url: &state.portal.public_url,
        include_online_link: false,
    }
}

async fn feed(State(state): State<AppState>) -> Response {
    match public_events(&state).await {
        Ok(found) => ics(
            calendar::calendar(&found, Method::Publish, &context(&state)),
            "meetings.ics",
        ),
        Err(response) => response,
    }
}

async fn one(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let found = match public_events(&state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    // Slugs are lower-case letters, digits and dashes, so they are safe in a file name.
    match found.into_iter().find(|e| e.slug == slug) {
        Some(event) => ics(
            calendar::calendar(
                std::slice::from_ref(&event),
                Method::Publish,
                &context(&state),
            ),
            &format!("{}.ics", event.slug),
        ),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
