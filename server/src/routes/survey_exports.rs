//! Survey exports for analysts and admins: the responses as CSV, streamed a batch at a time so a
//! survey with 100,000 responses is sent in constant memory, and as an XLSX workbook with a codebook.

use crate::routes::exports::{csv_response_headers, signed_in};
use app::domain::Role;
use app::server::AppState;
use app::server::entity::survey;
use app::server::services::surveys::{self, export, results::Respondents};
use app::server::services::{audit, export::UTF8_BOM, export::guard_cell};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::{DatabaseConnection, EntityTrait};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/surveys/{id}/responses.csv", get(responses_csv))
        .route("/staff/surveys/{id}/responses.xlsx", get(responses_xlsx))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SurveyExportQuery {
    #[serde(default)]
    group: String,
    #[serde(default)]
    identity: String,
    /// ISO dates, inclusive.
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// "1" asks for the optional contact details (admins only, audited).
    #[serde(default)]
    contact: String,
}

fn failed(err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "survey export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// Checks access, records a contact-details export, and returns the survey and the choices made.
async fn prepare(
    state: &AppState,
    headers: &HeaderMap,
    id: i32,
    query: &SurveyExportQuery,
    format: &str,
) -> Result<(survey::Model, Respondents, bool), Response> {
    let staff = signed_in(state, headers, &[Role::Admin, Role::Analyst]).await?;
    let with_contact = query.contact == "1";
    if with_contact && staff.role != Role::Admin {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .map_err(failed)?
        .ok_or_else(|| StatusCode::NOT_FOUND.into_response())?;
    let pick = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let day = |text: &str| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    };
    let who = Respondents {
        group: pick(&query.group),
        identity: pick(&query.identity),
        from: day(&query.from),
        until: day(&query.to).map(|d| d + chrono::Duration::days(1)),
    };
    if with_contact {
        audit::record(
            &state.db,
            Some(staff.staff_id),
            "export.contact_details",
            "survey",
            id,
            Some(format!("responses.{format}")),
        )
        .await
        .map_err(failed)?;
    }
    Ok((found, who, with_contact))
}

fn csv_line(cells: &[String]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let guarded: Vec<String> = cells.iter().map(|c| guard_cell(c).into_owned()).collect();
    writer.write_record(&guarded)?;
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The stream's state: where the last batch ended, or `None` once everything is sent.
struct Cursor {
    db: DatabaseConnection,
    survey_id: i32,
    who: Respondents,
    definition: app::domain::survey::SurveyDefinition,
    with_contact: bool,
    after: Option<i32>,
}

async fn responses_csv(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    Query(query): Query<SurveyExportQuery>,
    headers: HeaderMap,
) -> Response {
    let (found, who, with_contact) = match prepare(&state, &headers, id, &query, "csv").await {
        Ok(prepared) => prepared,
        Err(refusal) => return refusal,
    };
    let definition = match surveys::definition(&found) {
        Ok(definition) => definition,
        Err(err) => return failed(err),
    };
    let names: Vec<String> = export::columns(&definition, with_contact)
        .into_iter()
        .map(|c| c.name)
        .collect();
    let head = match csv_line(&names) {
        Ok(line) => [UTF8_BOM.as_bytes(), &line].concat(),
        Err(err) => return failed(err),
    };
    let cursor = Cursor {
        db: state.db.clone(),
        survey_id: found.id,
        who,
        definition,
        with_contact,
        after: Some(0),
    };
    let rows = futures_util::stream::unfold(cursor, |mut cursor| async move {
        let after = cursor.after?;
        let batch =
            surveys::results::submitted_batch(&cursor.db, cursor.survey_id, &cursor.who, after)
                .await;
        let (responses, last) = match batch {
            Ok(batch) => batch,
            Err(err) => {
                tracing::error!(%err, "survey export stopped");
                return Some((
                    Err(std::io::Error::other("export failed")),
                    Cursor {
                        after: None,
                        ..cursor
                    },
                ));
            }
        };
        let last = last?;
        let mut chunk = Vec::new();
        for response in &responses {
            match csv_line(&export::row(
                &cursor.definition,
                response,
                cursor.with_contact,
            )) {
                Ok(line) => chunk.extend_from_slice(&line),
                Err(err) => {
                    tracing::error!(%err, "survey export row");
                    return Some((
                        Err(std::io::Error::other("export failed")),
                        Cursor {
                            after: None,
                            ..cursor
                        },
                    ));
                }
            }
        }
        cursor.after = Some(last);
        Some((Ok(Bytes::from(chunk)), cursor))
    });
    let body = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(Bytes::from(head))]);
    let filename = format!("{}-responses.csv", found.slug);
    (
        csv_response_headers(&filename),
        Body::from_stream(futures_util::StreamExt::chain(body, rows)),
    )
        .into_response()
}

async fn responses_xlsx(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    Query(query): Query<SurveyExportQuery>,
    headers: HeaderMap,
) -> Response {
    let (found, who, with_contact) = match prepare(&state, &headers, id, &query, "xlsx").await {
        Ok(prepared) => prepared,
        Err(refusal) => return refusal,
    };
    match crate::routes::workbook::survey_workbook(&state.db, &found, &who, with_contact).await {
        Ok(bytes) => {
            crate::routes::workbook::xlsx_response(bytes, &format!("{}-responses.xlsx", found.slug))
        }
        Err(err) => failed(err),
    }
}
