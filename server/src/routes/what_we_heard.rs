//! `/open-data/what-we-heard.csv` and `.json`: the public "What we heard" numbers as open data.
//! The report and its writers live in `app::backend::services::what_we_heard::open_data`.

use app::backend::AppState;
use app::backend::services::{content, what_we_heard::open_data};
use app::error::AppError;
use app::paths;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::WHAT_WE_HEARD_CSV, get(csv))
        .route(paths::WHAT_WE_HEARD_JSON, get(json))
}

async fn gathered(state: &AppState) -> Result<open_data::OpenData, AppError> {
    let found = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    open_data::gather(&state.db, &found, state.portal.small_cell_k).await
}

async fn csv(State(state): State<AppState>) -> Result<Response, AppError> {
    let body = open_data::csv(&gathered(&state).await?)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"what-we-heard.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}

async fn json(State(state): State<AppState>) -> Result<Response, AppError> {
    let body = open_data::json(&gathered(&state).await?)?;
    // Open data: shown in the browser, not downloaded.
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        body,
    )
        .into_response())
}
