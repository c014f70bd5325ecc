//! The one-click unsubscribe of RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the
//! address in an update's `List-Unsubscribe` header, with no cookies and no page stamp. The
//! token in the address is the whole authority, so nothing else is asked for. The answer is the
//! unsubscribe page itself (not a redirect, which RFC 8058 senders must not send), now saying
//! the subscription has ended; the page's own button posts here too.

use app::api::follow::UNSUBSCRIBE_PATH;
use app::backend::AppState;
use app::backend::services::followers;
use app::error::AppError;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use leptos::prelude::provide_context;

pub fn router() -> Router<AppState> {
    Router::new().route(UNSUBSCRIBE_PATH, post(one_click))
}

async fn one_click(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    // An unknown token changes nothing; the page says the link does not work.
    if let Err(err) = followers::unsubscribe(&state.db, &token).await {
        return AppError::from(err).into_response();
    }
    let (mut parts, _) = request.into_parts();
    parts.method = http::Method::GET;
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || app::shell(options.clone()),
    );
    render(Request::from_parts(parts, Body::empty())).await
}
