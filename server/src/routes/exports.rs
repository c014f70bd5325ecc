//! Every file download as a plain route: parse, ask `exports::authorise`, call the export, respond.
//! The queries, columns and writers live in `app::backend::exports`.

use app::backend::AppState;
use app::backend::access::Staff;
use app::backend::entity::{event, survey};
use app::backend::exports::{self, ExportQuery, comments, datasets, workbook, writer};
use app::backend::services::content;
use app::domain::stakeholder::StakeholderGroup;
use app::error::AppError;
use app::paths;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::EntityTrait;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::OPEN_COMMENTS_CSV, get(open_comments_csv))
        .route(paths::OPEN_COMMENTS_JSON, get(open_comments_json))
        .route(paths::COMMENTS_CSV, get(comments_csv))
        .route(paths::RSVPS_CSV, get(rsvps_csv))
        .route(paths::INQUIRIES_CSV, get(inquiries_csv))
        .route(paths::AUDIT_CSV, get(audit_csv))
        .route(paths::GROUP_WORKBOOK, get(group_xlsx))
        .route(paths::SURVEY_RESPONSES_CSV, get(responses_csv))
        .route(paths::SURVEY_RESPONSES_XLSX, get(responses_xlsx))
        .route(paths::ATTENDEES_CSV, get(attendees_csv))
        .route(paths::PAPER_TEMPLATE_CSV, get(paper_template_csv))
}

const CSV: &str = "text/csv; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A download; files that may hold personal data are never kept by a shared cache.
fn file(content_type: &'static str, filename: &str, body: impl Into<Body>) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body.into(),
    )
        .into_response()
}

fn csv_table(table: datasets::Table, filename: &str) -> Result<Response, AppError> {
    let (header, rows) = table;
    let body = writer::csv_document(&header, rows).map_err(|e| AppError::internal("csv", e))?;
    Ok(file(CSV, filename, body))
}

async fn open_comments_csv(State(state): State<AppState>) -> Result<Response, AppError> {
    Ok(file(
        CSV,
        "comments.csv",
        comments::open_csv(state.db).await?,
    ))
}

async fn open_comments_json(State(state): State<AppState>) -> Result<Response, AppError> {
    let consultation = content::current_consultation(&state.db)
        .await?
        .map(|c| c.slug)
        .unwrap_or_default();
    let body = comments::open_json(state.db, &consultation).await?;
    // Open data: shown in the browser, not downloaded.
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(JSON))],
        body,
    )
        .into_response())
}

async fn comments_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let k = state.portal.small_cell_k;
    let request =
        exports::authorise(&state.db, &staff, &query, k, "comment", 0, "comments.csv").await?;
    Ok(file(
        CSV,
        "comments.csv",
        comments::staff_csv(state.db, request).await?,
    ))
}

async fn rsvps_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let k = state.portal.small_cell_k;
    let request = exports::authorise(&state.db, &staff, &query, k, "rsvp", 0, "rsvps.csv").await?;
    csv_table(datasets::rsvps(&state.db, &request).await?, "rsvps.csv")
}

async fn inquiries_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let k = state.portal.small_cell_k;
    let request =
        exports::authorise(&state.db, &staff, &query, k, "inquiry", 0, "inquiries.csv").await?;
    csv_table(
        datasets::inquiries(&state.db, &request).await?,
        "inquiries.csv",
    )
}

/// Every audit row matching the viewer's filters; admins only, and the download is itself audited.
async fn audit_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(filters): Query<app::api::audit::AuditFilters>,
) -> Result<Response, AppError> {
    use app::domain::Permission;
    staff.require(Permission::Administer)?;
    let (rows, _) = app::api::audit::audit_rows(&state.db, &filters, &state.mail, None).await?;
    app::backend::services::audit::record(
        &state.db,
        Some(staff.staff_id),
        "export.audit_log",
        "audit_log",
        0,
        Some(format!("{} rows", rows.len())),
    )
    .await?;
    let header = vec!["when", "who", "action", "object", "object_id", "detail"];
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                r.at,
                r.who,
                r.action,
                r.object,
                r.object_id.to_string(),
                r.detail,
            ]
        })
        .collect();
    csv_table((header, rows), "audit-log.csv")
}

async fn group_xlsx(
    State(state): State<AppState>,
    staff: Staff,
    Path(group): Path<String>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let group = StakeholderGroup::parse(&group).ok_or(AppError::NotFound)?;
    let filename = format!("{}.xlsx", group.as_str());
    let k = state.portal.small_cell_k;
    let request =
        exports::authorise(&state.db, &staff, &query, k, "group_workbook", 0, &filename).await?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let bytes =
        workbook::group_workbook(&state.db, consultation.id, group.as_str(), &request).await?;
    let filename = format!("{}-{}.xlsx", consultation.slug, group.as_str());
    Ok(file(XLSX, &filename, bytes))
}

/// The survey a responses file is asked for, and what the asker may have in it.
async fn survey_export(
    state: &AppState,
    staff: &Staff,
    id: i32,
    query: &ExportQuery,
    file: &str,
) -> Result<(survey::Model, exports::ExportRequest), AppError> {
    staff.require(app::domain::Permission::Analyse)?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let k = state.portal.small_cell_k;
    let request = exports::authorise(&state.db, staff, query, k, "survey", id, file).await?;
    Ok((found, request))
}

async fn responses_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i32>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let (found, request) = survey_export(&state, &staff, id, &query, "responses.csv").await?;
    let body = exports::surveys::responses_csv(state.db, &found, request)?;
    Ok(file(CSV, &format!("{}-responses.csv", found.slug), body))
}

async fn responses_xlsx(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i32>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let (found, request) = survey_export(&state, &staff, id, &query, "responses.xlsx").await?;
    let bytes = workbook::survey_workbook(&state.db, &found, &request).await?;
    Ok(file(XLSX, &format!("{}-responses.xlsx", found.slug), bytes))
}

/// The empty template for keying in paper responses: no one's data, but staff-only like the rest.
async fn paper_template_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i32>,
) -> Result<Response, AppError> {
    staff.require(app::domain::Permission::Analyse)?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = app::backend::services::surveys::definition(&found)?;
    let body = app::backend::services::surveys::paper::template_csv(&definition);
    Ok(file(
        CSV,
        &format!("{}-paper-template.csv", found.slug),
        body,
    ))
}

async fn attendees_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i32>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    staff.require(app::domain::Permission::Analyse)?;
    let meeting = event::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let group = query.group.trim();
    let detail = format!(
        "attendees.csv, group {}",
        if group.is_empty() { "all" } else { group }
    );
    let k = state.portal.small_cell_k;
    let request = exports::authorise(&state.db, &staff, &query, k, "event", id, &detail).await?;
    let table = datasets::attendees(&state.db, id, &request).await?;
    csv_table(table, &format!("{}-attendees.csv", meeting.slug))
}
