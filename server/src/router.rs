//! The axum router around the Leptos app: plain routes, static files, the pages, the fallback, and
//! the middleware every request passes (in the order below, outermost last).

use crate::config::Settings;
use crate::middleware::{self, MiddlewareSettings};
use crate::routes;
use app::backend::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::Request;
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use secrecy::ExposeSecret;
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Listing the routes renders the whole app once with resource loading suppressed through a
/// process-wide flag (leptos issue #4773): a page that starts loading meanwhile, in any app of the
/// same process, waits forever. Listing once per process, before any app serves, keeps renders
/// clear of that window; tests run dozens of apps in one process.
static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

/// Every page route the app serves (leptos paths, such as `/strategy/:slug`), for tests that
/// walk them all.
pub fn page_routes() -> Vec<String> {
    ROUTES.iter().map(|r| r.path().to_string()).collect()
}

pub fn build_router(settings: &Settings, state: AppState) -> Router {
    let middleware_settings = Arc::new(MiddlewareSettings {
        public_origin: settings.public_url.clone(),
        https: settings.is_https(),
        trust_proxy: settings.trust_proxy,
    });
    let routes = ROUTES.clone();
    let site_root = std::path::PathBuf::from(&settings.site_root);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };

    Router::new()
        .merge(routes::health::router())
        .merge(routes::calendar::router())
        .merge(routes::draft::router())
        .merge(routes::exports::router())
        .merge(routes::unsubscribe::router())
        .merge(routes::what_we_heard::router())
        .route("/metrics", axum::routing::get(crate::metrics::serve))
        // Static files are explicit routes so that the app's catch-all 404 route never shadows them.
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")).precompressed_gzip().precompressed_br())
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .route_service("/robots.txt", ServeFile::new(site_root.join("robots.txt")))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn(crate::metrics::record_request))
        .layer(axum::Extension(crate::metrics::MetricsAccess {
            token: settings.metrics_token.as_ref().map(|t| std::sync::Arc::from(t.expose_secret())),
        }))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::form_flash::keep_form_errors_off_the_url))
        .layer(axum::middleware::from_fn(middleware::refuse_malformed_uploads))
        .layer(axum::middleware::from_fn(middleware::read_body_first))
        .layer(axum::middleware::from_fn_with_state(middleware_settings.clone(), middleware::request_context))
        .layer(axum::middleware::from_fn_with_state(middleware_settings.clone(), middleware::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(middleware_settings, middleware::security_headers))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                // One INFO line per request (method, path with tokens hidden, request id, status,
                // latency): the access log. Query strings are never logged.
                .layer(TraceLayer::new_for_http()
                    .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(tower_http::LatencyUnit::Micros))
                    .make_span_with(|request: &Request| {
                    // Path only: query strings can carry personal data.
                    let request_id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("request", method = %request.method(), path = %middleware::loggable_path(request.uri().path()), request_id)
                }))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(RequestBodyLimitLayer::new(settings.body_limit_bytes))
                .layer(TimeoutLayer::with_status_code(
                    http::StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(settings.request_timeout_secs),
                )),
        )
        .with_state(state)
}
