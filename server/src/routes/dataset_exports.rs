//! The RSVP and inquiry datasets as CSV for analysts and admins, filtered by stakeholder group and
//! date range; names, emails and phones only for admins who ask, written to the audit log.

use crate::routes::exports::{csv_response, signed_in};
use app::domain::Role;
use app::server::AppState;
use app::server::entity::{event, inquiry, rsvp};
use app::server::services::{audit, export};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/exports/rsvps.csv", get(rsvps_csv))
        .route("/staff/exports/inquiries.csv", get(inquiries_csv))
        .route("/staff/exports/groups/{group}", get(group_xlsx))
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct DatasetQuery {
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub contact: String,
}

fn day(text: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

fn failed(err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "dataset export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// Checks the role and the contact-details rule, auditing a contact export; returns whether
/// contact details go in.
async fn allowed(
    state: &AppState,
    headers: &HeaderMap,
    query: &DatasetQuery,
    dataset: &str,
) -> Result<bool, Response> {
    let staff = signed_in(state, headers, &[Role::Admin, Role::Analyst]).await?;
    let with_contact = query.contact == "1";
    if with_contact && staff.role != Role::Admin {
        return Err(StatusCode::FORBIDDEN.into_response());
    }
    if with_contact {
        audit::record(
            &state.db,
            Some(staff.staff_id),
            "export.contact_details",
            dataset,
            0,
            Some(format!("{dataset}s.csv")),
        )
        .await
        .map_err(failed)?;
    }
    Ok(with_contact)
}

/// Group and date conditions on a table's group and time columns.
fn filters<C: ColumnTrait>(query: &DatasetQuery, group: C, at: C) -> Condition {
    let mut condition = Condition::all();
    if !query.group.trim().is_empty() {
        condition = condition.add(group.eq(query.group.trim()));
    }
    if let Some(from) = day(&query.from) {
        condition = condition.add(at.gte(from));
    }
    if let Some(to) = day(&query.to) {
        condition = condition.add(at.lt(to + chrono::Duration::days(1)));
    }
    condition
}

/// A dataset as a header and rows of cells (not yet guarded: the writers guard every cell).
pub type Table = (Vec<&'static str>, Vec<Vec<String>>);

pub async fn rsvp_table(
    db: &DatabaseConnection,
    query: &DatasetQuery,
    with_contact: bool,
) -> Result<Table, sea_orm::DbErr> {
    let meetings = event::Entity::find().all(db).await?;
    let rows = rsvp::Entity::find()
        .filter(filters(
            query,
            rsvp::Column::StakeholderGroup,
            rsvp::Column::CreatedAt,
        ))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?;
    let mut header = vec![
        "meeting",
        "reference",
        "status",
        "party_size",
        "stakeholder_group",
        "stakeholder_other",
        "zip",
        "accommodations",
        "accommodation_other",
        "rsvp_at",
    ];
    if with_contact {
        header.extend(["name", "email", "phone"]);
    }
    let cells = rows
        .into_iter()
        .map(|r| {
            let meeting = meetings
                .iter()
                .find(|m| m.id == r.event_id)
                .map(|m| m.slug.clone())
                .unwrap_or_default();
            let mut row = vec![
                meeting,
                r.reference.unwrap_or_default(),
                r.status,
                r.party_size.to_string(),
                r.stakeholder_group,
                r.stakeholder_other.unwrap_or_default(),
                r.zip.unwrap_or_default(),
                r.accommodations.replace(',', ";"),
                r.accommodation_other.unwrap_or_default(),
                r.created_at.to_rfc3339(),
            ];
            if with_contact {
                row.extend([r.name, r.email, r.phone.unwrap_or_default()]);
            }
            row
        })
        .collect();
    Ok((header, cells))
}

pub async fn inquiry_table(
    db: &DatabaseConnection,
    query: &DatasetQuery,
    with_contact: bool,
) -> Result<Table, sea_orm::DbErr> {
    let rows = inquiry::Entity::find()
        .filter(filters(
            query,
            inquiry::Column::StakeholderGroup,
            inquiry::Column::CreatedAt,
        ))
        .order_by_asc(inquiry::Column::Id)
        .all(db)
        .await?;
    let mut header = vec![
        "reference",
        "received_at",
        "topic",
        "stakeholder_group",
        "stakeholder_other",
        "zip",
        "status",
        "message",
    ];
    if with_contact {
        header.extend(["name", "email", "phone"]);
    }
    let cells = rows
        .into_iter()
        .map(|i| {
            let mut row = vec![
                i.reference.unwrap_or_default(),
                i.created_at.to_rfc3339(),
                i.topic,
                i.stakeholder_group,
                i.stakeholder_other.unwrap_or_default(),
                i.zip.unwrap_or_default(),
                i.status,
                i.message,
            ];
            if with_contact {
                row.extend([i.name, i.email, i.phone.unwrap_or_default()]);
            }
            row
        })
        .collect();
    Ok((header, cells))
}

async fn rsvps_csv(
    State(state): State<AppState>,
    Query(query): Query<DatasetQuery>,
    headers: HeaderMap,
) -> Response {
    let with_contact = match allowed(&state, &headers, &query, "rsvp").await {
        Ok(with_contact) => with_contact,
        Err(refusal) => return refusal,
    };
    match rsvp_table(&state.db, &query, with_contact).await {
        Ok((header, rows)) => match export::csv_document(&header, rows) {
            Ok(body) => csv_response(body, "rsvps.csv"),
            Err(err) => failed(err),
        },
        Err(err) => failed(err),
    }
}

async fn inquiries_csv(
    State(state): State<AppState>,
    Query(query): Query<DatasetQuery>,
    headers: HeaderMap,
) -> Response {
    let with_contact = match allowed(&state, &headers, &query, "inquiry").await {
        Ok(with_contact) => with_contact,
        Err(refusal) => return refusal,
    };
    match inquiry_table(&state.db, &query, with_contact).await {
        Ok((header, rows)) => match export::csv_document(&header, rows) {
            Ok(body) => csv_response(body, "inquiries.csv"),
            Err(err) => failed(err),
        },
        Err(err) => failed(err),
    }
}

/// One stakeholder group's XLSX workbook: summary, comments, survey responses, RSVPs, inquiries.
async fn group_xlsx(
    State(state): State<AppState>,
    axum::extract::Path(group): axum::extract::Path<String>,
    Query(query): Query<DatasetQuery>,
    headers: HeaderMap,
) -> Response {
    let Some(group) = app::domain::stakeholder::StakeholderGroup::parse(&group) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let staff = match signed_in(&state, &headers, &[Role::Admin, Role::Analyst]).await {
        Ok(staff) => staff,
        Err(refusal) => return refusal,
    };
    let with_contact = match allowed(&state, &headers, &query, "group_workbook").await {
        Ok(with_contact) => with_contact,
        Err(refusal) => return refusal,
    };
    let consultation = match app::server::services::content::current_consultation(&state.db).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(err),
    };
    let k = (staff.role != Role::Admin).then_some(state.portal.small_cell_k);
    match crate::routes::workbook::group_workbook(
        &state.db,
        consultation.id,
        group.as_str(),
        with_contact,
        k,
    )
    .await
    {
        Ok(bytes) => crate::routes::workbook::xlsx_response(
            bytes,
            &format!("{}-{}.xlsx", consultation.slug, group.as_str()),
        ),
        Err(err) => failed(err),
    }
}
