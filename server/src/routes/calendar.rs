//! Calendar files for the meetings: `/events.ics` (every public meeting, for subscribing) and
//! `/events/{slug}/calendar.ics` ("Add to calendar"). Online links are never in these public files.

use app::backend::AppState;
use app::backend::entity::event;
use app::backend::services::calendar::{self, CalendarContext, Method};
use app::backend::services::{content, events};
use app::error::AppError;
use app::paths;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::MEETINGS_ICS, get(feed))
        .route(paths::MEETING_ICS, get(one))
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

async fn public_events(state: &AppState) -> Result<Vec<event::Model>, AppError> {
    let Some(consultation) = content::current_consultation(&state.db).await? else {
        return Ok(Vec::new());
    };
    Ok(events::public_events(&state.db, consultation.id).await?)
}

fn context(state: &AppState) -> CalendarContext<'_> {
    CalendarContext {
        host: &state.portal.message_id_host,
        public_url: &state.portal.public_url,
        include_online_link: false,
        zone: state.mail.zone,
    }
}

async fn feed(State(state): State<AppState>) -> Result<Response, AppError> {
    let found = public_events(&state).await?;
    let body = calendar::calendar(&found, Method::Publish, &context(&state));
    Ok(ics(body, "meetings.ics"))
}

async fn one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let event = public_events(&state)
        .await?
        .into_iter()
        .find(|e| e.slug == slug)
        .ok_or(AppError::NotFound)?;
    let body = calendar::calendar(
        std::slice::from_ref(&event),
        Method::Publish,
        &context(&state),
    );
    // Slugs are lower-case letters, digits and dashes, so they are safe in a file name.
    Ok(ics(body, &format!("{}.ics", event.slug)))
}
