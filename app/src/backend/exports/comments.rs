//! Comments as files, a batch at a time: the open data (published comments only, no personal data)
//! as CSV and JSON, and the staff CSV (every status, filtered by group and dates, the email only
//! in an export that may carry contact details).

use super::writer::{batched_body, csv_head, csv_line};
use super::{ExportRequest, Filters};
use crate::backend::entity::{comment, section};
use crate::domain::status::CommentStatus;
use crate::error::AppError;
use axum::body::Body;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

const BATCH: u64 = 1_000;

/// The columns of the open data, also the first columns of the staff file.
pub const OPEN_COLUMNS: [&str; 8] = [
    "reference",
    "section",
    "paragraph",
    "stakeholder_group",
    "display_name",
    "posted_on",
    "comment",
    "channel",
];
const STAFF_COLUMNS: [&str; 6] = [
    "stakeholder_other",
    "zip",
    "status",
    "reject_reason",
    "language",
    "themes",
];

/// Which comments a file holds.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub published_only: bool,
    pub filters: Filters,
}

impl Selection {
    fn condition(&self) -> Condition {
        let mut condition = Condition::all();
        if self.published_only {
            condition = condition.add(comment::Column::Status.eq(CommentStatus::Published));
        }
        if let Some(group) = &self.filters.group {
            condition = condition.add(comment::Column::StakeholderGroup.eq(group.as_str()));
        }
        if let Some(from) = self.filters.from {
            condition = condition.add(comment::Column::CreatedAt.gte(from));
        }
        if let Some(until) = self.filters.until {
            condition = condition.add(comment::Column::CreatedAt.lt(until));
        }
        if let Some(language) = &self.filters.language {
            condition = condition.add(comment::Column::Locale.eq(language.as_str()));
        }
        condition
    }
}

/// The next comments after `after`, in id order.
pub async fn batch(
    conn: &impl ConnectionTrait,
    selection: &Selection,
    after: i32,
) -> Result<Vec<comment::Model>, DbErr> {
    comment::Entity::find()
        .filter(selection.condition())
        .filter(comment::Column::Id.gt(after))
        .order_by_asc(comment::Column::Id)
        .limit(BATCH)
        .all(conn)
        .await
}

/// Section ids and slugs, for the "section" column.
pub async fn section_slugs(conn: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    section::Entity::find()
        .select_only()
        .column(section::Column::Id)
        .column(section::Column::Slug)
        .into_tuple()
        .all(conn)
        .await
}

pub fn slug_of(sections: &[(i32, String)], section_id: i32) -> String {
    sections
        .iter()
        .find(|(id, _)| *id == section_id)
        .map(|(_, s)| s.clone())
        .unwrap_or_default()
}

/// The themes of each comment of a batch, by comment id (staff files only).
type Themes = std::collections::HashMap<i32, String>;

/// How one batch of comments becomes bytes.
type Format = fn(&[comment::Model], &[(i32, String)], Option<&ExportRequest>, &Themes) -> Vec<u8>;

fn body(
    db: DatabaseConnection,
    selection: Selection,
    sections: Vec<(i32, String)>,
    request: Option<ExportRequest>,
    (head, tail): (Vec<u8>, Vec<u8>),
    format: Format,
) -> Body {
    let shared = std::sync::Arc::new((db, selection, sections, request));
    batched_body(head, tail, (0, true), move |(after, first)| {
        let shared = shared.clone();
        async move {
            let (db, selection, sections, request) = &*shared;
            let found = batch(db, selection, after).await?;
            let Some(last) = found.last().map(|c| c.id) else {
                return Ok(None);
            };
            let themes = if request.is_some() {
                let ids: Vec<i32> = found.iter().map(|c| c.id).collect();
                crate::backend::services::themes::names_by_source(
                    db,
                    crate::domain::feedback::FeedbackKind::Comment,
                    &ids,
                )
                .await?
            } else {
                Themes::new()
            };
            let mut chunk = format(&found, sections, request.as_ref(), &themes);
            // JSON objects after the first batch are separated by a comma.
            if !first && chunk.first() == Some(&b'{') {
                chunk.insert(0, b',');
            }
            Ok(Some((chunk, (last, false))))
        }
    })
}

fn csv_rows(
    comments: &[comment::Model],
    sections: &[(i32, String)],
    request: Option<&ExportRequest>,
    themes: &Themes,
) -> Vec<u8> {
    let mut out = Vec::new();
    for c in comments {
        let mut cells = vec![
            c.reference.clone().unwrap_or_default(),
            slug_of(sections, c.section_id),
            c.paragraph_anchor.clone().unwrap_or_default(),
            c.stakeholder_group.clone(),
            c.display_name.clone(),
            c.created_at.date_naive().to_string(),
            c.body.clone(),
            c.channel.clone(),
        ];
        if let Some(request) = request {
            cells.extend([
                c.stakeholder_other.clone().unwrap_or_default(),
                c.zip.clone().unwrap_or_default(),
                c.status.as_str().to_string(),
                c.reject_reason.clone().unwrap_or_default(),
                c.locale.clone(),
                themes.get(&c.id).cloned().unwrap_or_default(),
            ]);
            if request.with_contact {
                cells.push(c.email.clone().unwrap_or_default());
            }
        }
        match csv_line(&cells) {
            Ok(line) => out.extend(line),
            Err(err) => tracing::error!(%err, "comment export row"),
        }
    }
    out
}

fn json_rows(
    comments: &[comment::Model],
    sections: &[(i32, String)],
    _: Option<&ExportRequest>,
    _: &Themes,
) -> Vec<u8> {
    let objects: Vec<String> = comments
        .iter()
        .map(|c| {
            serde_json::json!({
                "reference": c.reference,
                "section": slug_of(sections, c.section_id),
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

fn published() -> Selection {
    Selection {
        published_only: true,
        filters: Filters::default(),
    }
}

/// `/open-data/comments.csv`.
pub async fn open_csv(db: DatabaseConnection) -> Result<Body, AppError> {
    let sections = section_slugs(&db).await?;
    let head = csv_head(&OPEN_COLUMNS);
    Ok(body(
        db,
        published(),
        sections,
        None,
        (head, Vec::new()),
        csv_rows,
    ))
}

/// `/open-data/comments.json`: the consultation, when the file was made, and the comments.
pub async fn open_json(db: DatabaseConnection, consultation: &str) -> Result<Body, AppError> {
    let sections = section_slugs(&db).await?;
    let head = format!(
        "{{\"consultation\":{},\"generated_at\":\"{}\",\"license\":\"Public comments as published on the portal\",\"comments\":[",
        serde_json::Value::String(consultation.to_string()),
        Utc::now().to_rfc3339()
    );
    let tail = b"]}".to_vec();
    Ok(body(
        db,
        published(),
        sections,
        None,
        (head.into_bytes(), tail),
        json_rows,
    ))
}

/// `/staff/exports/comments.csv`: every status, with the staff columns.
pub async fn staff_csv(db: DatabaseConnection, request: ExportRequest) -> Result<Body, AppError> {
    let sections = section_slugs(&db).await?;
    let mut columns = OPEN_COLUMNS.to_vec();
    columns.extend(STAFF_COLUMNS);
    if request.with_contact {
        columns.push("email");
    }
    let selection = Selection {
        published_only: false,
        filters: request.filters.clone(),
    };
    let head = csv_head(&columns);
    Ok(body(
        db,
        selection,
        sections,
        Some(request),
        (head, Vec::new()),
        csv_rows,
    ))
}
