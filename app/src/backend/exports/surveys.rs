//! Survey responses as a file: the CSV streamed a batch at a time, so a survey with 100,000
//! responses is sent in constant memory. The columns of a survey export: one row per response, one column per question (a 0/1 column per
//! option of a multiple-choice question, a rank column per option of a ranking), plus who answered.

use super::ExportRequest;
use super::writer::{UTF8_BOM, batched_body, csv_line};
use crate::backend::entity::{survey, survey_response};
use crate::backend::services::surveys::{self, answers_of, results::submitted_batch};
use crate::domain::survey::{OTHER, QuestionKind, SurveyDefinition, other_key};
use crate::error::AppError;
use sea_orm::DatabaseConnection;

/// What one column holds, for the codebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub question: String,
    pub kind: String,
    /// Allowed values and their meaning, for the codebook.
    pub values: String,
}

const FIXED: [&str; 10] = [
    "response_id",
    "reference",
    "submitted_at",
    "stakeholder_group",
    "stakeholder_other",
    "zip",
    "identities",
    "language",
    // online, or paper_form for a paper survey keyed in by staff.
    "channel",
    "themes",
];

fn fixed(name: &str, meaning: &str) -> Column {
    Column {
        name: name.into(),
        question: meaning.into(),
        kind: "respondent".into(),
        values: String::new(),
    }
}

/// Every column, in order; contact details last and only when asked for.
pub fn columns(definition: &SurveyDefinition, with_contact: bool) -> Vec<Column> {
    let mut out: Vec<Column> = FIXED.iter().map(|name| fixed(name, name)).collect();
    for question in definition.pages.iter().flat_map(|p| p.questions.iter()) {
        let kind = question.kind.name().to_string();
        let options = question.kind.choices();
        match &question.kind {
            QuestionKind::MultipleChoice { .. } | QuestionKind::Ranking { .. } => {
                let ranking = matches!(question.kind, QuestionKind::Ranking { .. });
                for option in &options {
                    out.push(Column {
                        name: format!("{}:{}", question.key, option.key),
                        question: format!("{} [{}]", question.prompt, option.label),
                        kind: kind.clone(),
                        values: if ranking {
                            format!("rank 1-{}; empty: not ranked", options.len())
                        } else {
                            "1 chosen, 0 not chosen".into()
                        },
                    });
                }
                if question.kind.has_other() {
                    out.push(Column {
                        name: format!("{}:{OTHER}", question.key),
                        question: format!("{} [Other]", question.prompt),
                        kind: kind.clone(),
                        values: "1 chosen, 0 not chosen".into(),
                    });
                }
            }
            _ => out.push(Column {
                name: question.key.clone(),
                question: question.prompt.clone(),
                kind: kind.clone(),
                values: options
                    .iter()
                    .map(|o| format!("{}={}", o.key, o.label))
                    .collect::<Vec<_>>()
                    .join("; "),
            }),
        }
        if question.kind.has_other() {
            out.push(Column {
                name: other_key(&question.key),
                question: format!("{} [Other, in their words]", question.prompt),
                kind: "text".into(),
                values: String::new(),
            });
        }
    }
    if with_contact {
        out.push(fixed("contact_name", "name given (optional)"));
        out.push(fixed("contact_email", "email given (optional)"));
    }
    out
}

/// One response as cells matching `columns` (not yet guarded: the writer guards every cell).
pub fn row(
    definition: &SurveyDefinition,
    response: &survey_response::Model,
    with_contact: bool,
    themes: &str,
) -> Vec<String> {
    let answers = answers_of(response);
    let mut cells = vec![
        response.id.to_string(),
        response.reference.clone().unwrap_or_default(),
        response
            .submitted_at
            .map(|t| t.to_rfc3339())
            .unwrap_or_default(),
        response.stakeholder_group.clone().unwrap_or_default(),
        response.stakeholder_other.clone().unwrap_or_default(),
        response.zip.clone().unwrap_or_default(),
        response.identities.replace(',', ";"),
        response.locale.clone(),
        response.channel.clone(),
        themes.to_string(),
    ];
    for question in definition.pages.iter().flat_map(|p| p.questions.iter()) {
        let given = answers.get(&question.key).cloned().unwrap_or_default();
        match &question.kind {
            QuestionKind::MultipleChoice { .. } => {
                for option in question.kind.choices() {
                    cells.push(u8::from(given.contains(&option.key)).to_string());
                }
                if question.kind.has_other() {
                    cells.push(u8::from(given.iter().any(|v| v == OTHER)).to_string());
                }
            }
            QuestionKind::Ranking { .. } => {
                for option in question.kind.choices() {
                    cells.push(
                        given
                            .iter()
                            .position(|k| *k == option.key)
                            .map(|p| (p + 1).to_string())
                            .unwrap_or_default(),
                    );
                }
            }
            _ => cells.push(given.first().cloned().unwrap_or_default()),
        }
        if question.kind.has_other() {
            cells.push(
                answers
                    .get(&other_key(&question.key))
                    .and_then(|t| t.first().cloned())
                    .unwrap_or_default(),
            );
        }
    }
    if with_contact {
        cells.push(response.contact_name.clone().unwrap_or_default());
        cells.push(response.contact_email.clone().unwrap_or_default());
    }
    cells
}

/// The responses CSV body: header, then one batch of responses at a time.
pub fn responses_csv(
    db: DatabaseConnection,
    found: &survey::Model,
    request: ExportRequest,
) -> Result<axum::body::Body, AppError> {
    let definition = surveys::definition(found)?;
    let names: Vec<String> = columns(&definition, request.with_contact)
        .into_iter()
        .map(|c| c.name)
        .collect();
    let head = [UTF8_BOM.as_bytes(), &csv_line(&names).map_err(failed)?].concat();
    let survey_id = found.id;
    let shared = std::sync::Arc::new((db, definition, request));
    Ok(batched_body(head, Vec::new(), 0, move |after| {
        let shared = shared.clone();
        async move {
            let (db, definition, request) = &*shared;
            let (responses, last) = submitted_batch(db, survey_id, &request.filters, after).await?;
            let Some(last) = last else { return Ok(None) };
            let themes = themes_of(db, &responses).await?;
            let mut chunk = Vec::new();
            for response in &responses {
                let themes = themes
                    .get(&response.id)
                    .map(String::as_str)
                    .unwrap_or_default();
                chunk.extend(
                    csv_line(&row(definition, response, request.with_contact, themes))
                        .map_err(failed)?,
                );
            }
            Ok(Some((chunk, last)))
        }
    }))
}

/// The themes on the written answers of each response of a batch.
pub async fn themes_of(
    db: &DatabaseConnection,
    responses: &[survey_response::Model],
) -> Result<std::collections::HashMap<i32, String>, sea_orm::DbErr> {
    let ids: Vec<i32> = responses.iter().map(|r| r.id).collect();
    crate::backend::services::themes::names_by_source(
        db,
        crate::domain::feedback::FeedbackKind::SurveyAnswer,
        &ids,
    )
    .await
}

fn failed(err: csv::Error) -> AppError {
    AppError::internal("survey export", err)
}
