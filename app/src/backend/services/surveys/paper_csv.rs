//! Paper survey responses in a batch: the CSV template staff type paper forms into, and reading a
//! filled-in copy back, every row checked as one paper form is (nothing is stored here).

use super::AboutForm;
use super::paper::{PaperResponse, check_entry};
use crate::backend::entity::survey;
use crate::domain::survey::{OTHER, PagePost, QuestionKind, SurveyDefinition, other_key};
use std::collections::BTreeMap;

/// Rows past this are refused: a batch is what one pop-up or drop box collected.
const MAX_ROWS: usize = 2_000;

/// Problems listed in the import report at most; the count says how many more there were.
const MAX_PROBLEMS: usize = 200;

/// The columns of the import template: who answered, then one column per open question (and its
/// "other" text where it has one).
pub fn template_columns(definition: &SurveyDefinition) -> Vec<String> {
    let mut columns: Vec<String> = [
        "language",
        "stakeholder_group",
        "stakeholder_other",
        "zip",
        "identities",
    ]
    .map(String::from)
    .to_vec();
    for question in definition
        .pages
        .iter()
        .flat_map(|p| p.questions.iter())
        .filter(|q| !q.closed)
    {
        columns.push(question.key.clone());
        if question.kind.has_other() {
            columns.push(other_key(&question.key));
        }
    }
    columns
}

/// The template as CSV: the header row, then one row saying what goes in each column.
pub fn template_csv(definition: &SurveyDefinition) -> String {
    let columns = template_columns(definition);
    let guide: Vec<String> = columns
        .iter()
        .map(|column| match definition.question(column) {
            Some(question) => match &question.kind {
                QuestionKind::MultipleChoice { .. } => format!(
                    "# one or more of: {} (separated by ;)",
                    keys(&question.kind)
                ),
                QuestionKind::Ranking { .. } => {
                    format!(
                        "# all of, first choice first: {} (separated by ;)",
                        keys(&question.kind)
                    )
                }
                kind if !kind.choices().is_empty() => {
                    format!("# one of: {}", keys(&question.kind))
                }
                QuestionKind::Number { .. } => "# a number".into(),
                QuestionKind::Zip => "# a ZIP code".into(),
                _ => "# text".into(),
            },
            None => match column.as_str() {
                "language" => "# en, es or ru".into(),
                "stakeholder_group" => format!(
                    "# one of: {}",
                    crate::domain::stakeholder::StakeholderGroup::ALL
                        .iter()
                        .map(|g| g.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "identities" => format!(
                    "# any of: {} (separated by ;)",
                    definition
                        .identities
                        .iter()
                        .map(|c| c.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "zip" => "# a ZIP code".into(),
                _ => "# text".into(),
            },
        })
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(&columns);
    let _ = writer.write_record(&guide);
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

fn keys(kind: &QuestionKind) -> String {
    kind.choices()
        .iter()
        .map(|c| c.key.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One thing wrong in an import: the spreadsheet row (the header is row 1), the column and the
/// message key.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportProblem {
    pub row: usize,
    pub column: String,
    pub message: String,
}

/// The option a cell names, by key or by its label as printed on the form (any case).
fn option_key(kind: &QuestionKind, cell: &str) -> String {
    let cell = cell.trim();
    kind.choices()
        .into_iter()
        .find(|c| c.key == cell || c.label.eq_ignore_ascii_case(cell))
        .map(|c| c.key)
        .unwrap_or_else(|| cell.to_string())
}

/// Reads a batch: every row is checked as a paper form is; the batch is returned whole, or every
/// problem (up to a limit) with where it is.
pub fn read_batch(
    found: &survey::Model,
    definition: &SurveyDefinition,
    bytes: &[u8],
) -> Result<Vec<PaperResponse>, (Vec<ImportProblem>, usize)> {
    let mut problems = Vec::new();
    let mut total = 0usize;
    let mut note = |problems: &mut Vec<ImportProblem>, row: usize, column: &str, message: &str| {
        total += 1;
        if problems.len() < MAX_PROBLEMS {
            problems.push(ImportProblem {
                row,
                column: column.to_string(),
                message: message.to_string(),
            });
        }
    };
    // A spreadsheet saved in another encoding would store mangled names and answers.
    let Ok(text) = std::str::from_utf8(bytes) else {
        note(&mut problems, 1, "", "paper.import.error.encoding");
        return Err((problems, total));
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_string()).collect(),
        Err(_) => {
            note(&mut problems, 1, "", "paper.import.error.unreadable");
            return Err((problems, total));
        }
    };
    let known = template_columns(definition);
    for header in &headers {
        if !known.contains(header) {
            note(
                &mut problems,
                1,
                header,
                "paper.import.error.unknown_column",
            );
        }
    }
    if !headers.iter().any(|h| h == "stakeholder_group") {
        note(
            &mut problems,
            1,
            "stakeholder_group",
            "paper.import.error.missing_column",
        );
    }
    let mut responses = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let Ok(record) = record else {
            note(
                &mut problems,
                index + 2,
                "",
                "paper.import.error.unreadable",
            );
            continue;
        };
        // The file's own line number: blank lines are skipped by the reader but count for people.
        let row = record
            .position()
            .and_then(|p| usize::try_from(p.line()).ok())
            .unwrap_or(index + 2);
        let cells: BTreeMap<&str, &str> = headers
            .iter()
            .map(String::as_str)
            .zip(record.iter().map(str::trim))
            .collect();
        // Blank rows, and the template's guide row (every cell a "# ..." note), are not responses.
        if cells.values().all(|c| c.is_empty() || c.starts_with("# ")) {
            continue;
        }
        if responses.len() >= MAX_ROWS {
            note(&mut problems, row, "", "paper.import.error.too_many");
            break;
        }
        let cell = |column: &str| cells.get(column).copied().unwrap_or_default();
        let list = |column: &str| -> Vec<String> {
            cell(column)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut post = PagePost::default();
        for question in definition.pages.iter().flat_map(|p| p.questions.iter()) {
            let key = question.key.as_str();
            match &question.kind {
                QuestionKind::Ranking { .. } => {
                    let ranks = list(key)
                        .iter()
                        .enumerate()
                        .map(|(i, option)| {
                            (option_key(&question.kind, option), (i + 1).to_string())
                        })
                        .collect();
                    post.ranks.insert(key.to_string(), ranks);
                }
                QuestionKind::MultipleChoice { .. } => {
                    let mut values: Vec<String> = list(key)
                        .iter()
                        .map(|o| option_key(&question.kind, o))
                        .collect();
                    if !cell(&other_key(key)).is_empty() && !values.iter().any(|v| v == OTHER) {
                        values.push(OTHER.to_string());
                    }
                    post.values.insert(key.to_string(), values);
                }
                kind => {
                    let mut value = option_key(kind, cell(key));
                    if value.is_empty() && kind.has_other() && !cell(&other_key(key)).is_empty() {
                        value = OTHER.to_string();
                    }
                    post.values.insert(key.to_string(), vec![value]);
                }
            }
            if question.kind.has_other() {
                post.others
                    .insert(key.to_string(), cell(&other_key(key)).to_string());
            }
        }
        let about = AboutForm {
            stakeholder_group: cell("stakeholder_group").to_ascii_lowercase(),
            stakeholder_other: cell("stakeholder_other").to_string(),
            zip: cell("zip").to_string(),
            identities: list("identities"),
            contact_name: String::new(),
            contact_email: String::new(),
        };
        let language = match cell("language") {
            "" => "en".to_string(),
            given => given.to_ascii_lowercase(),
        };
        match check_entry(found, definition, &post, &about, &language) {
            Ok(response) => responses.push(response),
            Err(errors) => {
                for error in errors.fields {
                    let column = error.field.strip_prefix("q-").unwrap_or(&error.field);
                    note(&mut problems, row, column, &error.message);
                }
            }
        }
    }
    if responses.is_empty() && problems.is_empty() {
        note(&mut problems, 1, "", "paper.import.error.empty");
    }
    if problems.is_empty() {
        Ok(responses)
    } else {
        Err((problems, total))
    }
}
