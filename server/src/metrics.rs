//! `/metrics` in the Prometheus text format: requests by route template and status, their
//! latency, the database pool, the outbox, emails sent, form submissions and refusals by reason.
//! It is not public: it answers only with `Authorization: Bearer $ENGAGE_METRICS_TOKEN`, and not
//! at all when no token is set.

use app::backend::AppState;
use app::domain::status::OutboxStatus;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// Latency buckets in seconds: a page should answer in milliseconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's recorder, installed once (tests start many apps in one process).
pub fn handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets(&BUCKETS)
                .and_then(PrometheusBuilder::install_recorder)
                .map_err(|err| tracing::warn!(%err, "metrics recorder not installed"))
                .ok()
        })
        .clone()
}

/// Counts every request by method, route template (never the raw path) and status, with its latency.
pub async fn record_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("engage_http_requests_total", &labels).increment(1);
    metrics::histogram!("engage_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// What `/metrics` needs: the token, if metrics are on.
#[derive(Clone)]
pub struct MetricsAccess {
    pub token: Option<Arc<str>>,
}

pub async fn serve(
    State(state): State<AppState>,
    axum::Extension(access): axum::Extension<MetricsAccess>,
    headers: http::HeaderMap,
) -> Response {
    let Some(token) = access.token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given != Some(&*token) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(handle) = handle() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    record_gauges(&state).await;
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}

/// Gauges read when scraped: the outbox by state and the database pool.
async fn record_gauges(state: &AppState) {
    use app::backend::entity::outbox_message::{Column, Entity};
    let count = |status: OutboxStatus, failing: bool| {
        let mut query = Entity::find().filter(Column::Status.eq(status));
        if failing {
            query = query.filter(Column::Attempts.gt(0));
        }
        query.count(&state.db)
    };
    for (name, status, failing) in [
        ("queued", OutboxStatus::Queued, false),
        ("failing", OutboxStatus::Queued, true),
        ("dead", OutboxStatus::Dead, false),
    ] {
        match count(status, failing).await {
            Ok(n) => metrics::gauge!("engage_outbox_messages", "state" => name).set(n as f64),
            Err(err) => tracing::warn!(%err, "outbox gauge"),
        }
    }
    if let Some((size, idle)) = pool_use(&state.db) {
        metrics::gauge!("engage_db_pool_connections", "state" => "open").set(f64::from(size));
        metrics::gauge!("engage_db_pool_connections", "state" => "idle").set(idle as f64);
    }
}

fn pool_use(db: &sea_orm::DatabaseConnection) -> Option<(u32, usize)> {
    // The backend tells which pool this is; asking for the other one would panic.
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            Some((pool.size(), pool.num_idle()))
        }
        sea_orm::DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            Some((pool.size(), pool.num_idle()))
        }
        _ => None,
    }
}
