//! Comments as files, streamed a batch at a time: the open data (`/open-data/comments.csv` and
//! `.json`, published comments only, no personal data) and the staff export
//! (`/staff/exports/comments.csv`, every status, filtered by group and dates, contact details
//! only for admins who ask, audited).

use crate::routes::exports::{csv_response_headers, signed_in};
use app::domain::Role;
use app::server::AppState;
use app::server::entity::{comment, section};
use app::server::services::export::{UTF8_BOM, guard_cell};
use app::server::services::{audit, content};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

const BATCH: u64 = 1_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/open-data/comments.csv", get(open_csv))
        .route("/open-data/comments.json", get(open_json))
        .route("/staff/exports/comments.csv", get(staff_csv))
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct CommentQuery {
    #[serde(default)]
    group: String,
    /// ISO dates, inclusive.
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    contact: String,
}

/// Which comments a file holds.
#[derive(Clone, Debug)]
struct Selection {
    published_only: bool,
    group: Option<String>,
    from: Option<chrono::DateTime<Utc>>,
    until: Option<chrono::DateTime<Utc>>,
}

impl Selection {
    fn condition(&self) -> Condition {
        let mut condition = Condition::all();
        if self.published_only {
            condition = condition.add(comment::Column::Status.eq("published"));
        }
        if let Some(group) = &self.group {
            condition = condition.add(comment::Column::StakeholderGroup.eq(group.as_str()));
        }
        if let Some(from) = self.from {
            condition = condition.add(comment::Column::CreatedAt.gte(from));
        }
        if let Some(until) = self.until {
            condition = condition.add(comment::Column::CreatedAt.lt(until));
        }
        condition
    }
}

async fn batch(
    db: &DatabaseConnection,
    selection: &Selection,
    after: i32,
) -> Result<Vec<comment::Model>, sea_orm::DbErr> {
    comment::Entity::find()
        .filter(selection.condition())
        .filter(comment::Column::Id.gt(after))
        .order_by_asc(comment::Column::Id)
        .limit(BATCH)
        .all(db)
        .await
}

async fn section_slugs(db: &DatabaseConnection) -> Result<Vec<(i32, String)>, sea_orm::DbErr> {
    section::Entity::find()
        .select_only()
        .column(section::Column::Id)
        .column(section::Column::Slug)
        .into_tuple()
        .all(db)
        .await
}

fn failed(err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "comment export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// One line of a file; `format` writes a batch of comments, a batch at a time.
type Format = fn(&[comment::Model], &[(i32, String)], bool) -> Vec<u8>;

fn stream(
    db: DatabaseConnection,
    selection: Selection,
    sections: Vec<(i32, String)>,
    with_contact: bool,
    head: Vec<u8>,
    tail: Vec<u8>,
    format: Format,
) -> Body {
    let rows = futures_util::stream::unfold(Some((0, true)), move |state| {
        let (db, selection, sections) = (db.clone(), selection.clone(), sections.clone());
        async move {
            let (after, first) = state?;
            match batch(&db, &selection, after).await {
                Ok(found) if found.is_empty() => None,
                Ok(found) => {
                    let last = found.last().map_or(after, |c| c.id);
                    let mut chunk = format(&found, &sections, with_contact);
                    // JSON objects after the first are separated by commas.
                    if !first && !chunk.is_empty() && chunk[0] == b'{' {
                        chunk.insert(0, b',');
                    }
                    Some((
                        Ok::<Bytes, std::io::Error>(Bytes::from(chunk)),
                        Some((last, false)),
                    ))
                }
                Err(err) => {
                    tracing::error!(%err, "comment export stopped");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
            }
        }
    });
    let head = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(Bytes::from(head))]);
    let tail = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(Bytes::from(tail))]);
    Body::from_stream(futures_util::StreamExt::chain(
        futures_util::StreamExt::chain(head, rows),
        tail,
    ))
}

const OPEN_COLUMNS: [&str; 8] = [
    "reference",
    "section",
    "paragraph",
    "stakeholder_group",
    "display_name",
    "posted_on",
    "comment",
    "channel",
];

fn csv_rows(
    comments: &[comment::Model],
    sections: &[(i32, String)],
    staff: bool,
    contact: bool,
) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for c in comments {
        let slug = sections
            .iter()
            .find(|(id, _)| *id == c.section_id)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        let mut cells = vec![
            c.reference.clone().unwrap_or_default(),
            slug,
            c.paragraph_anchor.clone().unwrap_or_default(),
            c.stakeholder_group.clone(),
            c.display_name.clone(),
            c.created_at.date_naive().to_string(),
            c.body.clone(),
            c.channel.clone(),
        ];
        if staff {
            cells.extend([
                c.stakeholder_other.clone().unwrap_or_default(),
                c.zip.clone().unwrap_or_default(),
                c.status.clone(),
                c.reject_reason.clone().unwrap_or_default(),
                c.locale.clone(),
            ]);
            if contact {
                cells.push(c.email.clone().unwrap_or_default());
            }
        }
        let guarded: Vec<String> = cells.iter().map(|v| guard_cell(v).into_owned()).collect();
        if let Err(err) = writer.write_record(&guarded) {
            tracing::error!(%err, "comment export row");
        }
    }
    writer.into_inner().unwrap_or_default()
}

fn csv_head(columns: &[&str]) -> Vec<u8> {
    let mut head = UTF8_BOM.as_bytes().to_vec();
    head.extend_from_slice(columns.join(",").as_bytes());
    head.extend_from_slice(b"\r\n");
    head
}

fn open_selection() -> Selection {
    Selection {
        published_only: true,
        group: None,
        from: None,
        until: None,
    }
}

async fn open_csv(State(state): State<AppState>) -> Response {
    let sections = match section_slugs(&state.db).await {
        Ok(sections) => sections,
        Err(err) => return failed(err),
    };
    let body = stream(
        state.db.clone(),
        open_selection(),
        sections,
        false,
        csv_head(&OPEN_COLUMNS),
        Vec::new(),
        |c, s, _| csv_rows(c, s, false, false),
    );
    (csv_response_headers("comments.csv"), body).into_response()
}

fn json_rows(comments: &[comment::Model], sections: &[(i32, String)], _: bool) -> Vec<u8> {
    let objects: Vec<String> = comments
        .iter()
        .map(|c| {
            serde_json::json!({
                "reference": c.reference,
                "section": sections.iter().find(|(id, _)| *id == c.section_id).map(|(_, s)| s),
                "paragraph": c.paragraph_anchor,
                "stakeholder_group": c.stakeholder_group,
                "display_name": c.display_name,
                "posted_on": c.created_at.date_naive().to_string(),
                "comment": c.body,
                "channel": c.channel,
            })
            .to_string()
        })
        .collect();
    objects.join(",").into_bytes()
}

async fn open_json(State(state): State<AppState>) -> Response {
    let consultation = match content::current_consultation(&state.db).await {
        Ok(found) => found.map(|c| c.slug).unwrap_or_default(),
        Err(err) => return failed(err),
    };
    let sections = match section_slugs(&state.db).await {
        Ok(sections) => sections,
        Err(err) => return failed(err),
    };
    let head = format!(
        "{{\"consultation\":{},\"generated_at\":\"{}\",\"license\":\"Public comments as published on the portal\",\"comments\":[",
        serde_json::Value::String(consultation),
        Utc::now().to_rfc3339()
    );
    let body = stream(
        state.db.clone(),
        open_selection(),
        sections,
        false,
        head.into_bytes(),
        b"]}".to_vec(),
        json_rows,
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

fn day(text: &str) -> Option<chrono::DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

async fn staff_csv(
    State(state): State<AppState>,
    Query(query): Query<CommentQuery>,
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
    if with_contact
        && let Err(err) = audit::record(
            &state.db,
            Some(staff.staff_id),
            "export.contact_details",
            "comment",
            0,
            Some("comments.csv".into()),
        )
        .await
    {
        return failed(err);
    }
    let selection = Selection {
        published_only: false,
        group: Some(query.group.trim().to_string()).filter(|g| !g.is_empty()),
        from: day(&query.from),
        until: day(&query.to).map(|d| d + chrono::Duration::days(1)),
    };
    let sections = match section_slugs(&state.db).await {
        Ok(sections) => sections,
        Err(err) => return failed(err),
    };
    let mut columns = OPEN_COLUMNS.to_vec();
    columns.extend([
        "stakeholder_other",
        "zip",
        "status",
        "reject_reason",
        "language",
    ]);
    if with_contact {
        columns.push("email");
    }
    let format: Format = if with_contact {
        |c, s, _| csv_rows(c, s, true, true)
    } else {
        |c, s, _| csv_rows(c, s, true, false)
    };
    let body = stream(
        state.db.clone(),
        selection,
        sections,
        with_contact,
        csv_head(&columns),
        Vec::new(),
        format,
    );
    (csv_response_headers("comments.csv"), body).into_response()
}
