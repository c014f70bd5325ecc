//! The survey builder's rules: settings are checked, the pages and questions are edited as TOML (the
//! same format as the content pack), and an edit may never break answers already given: a question
//! with answers keeps its key, type and options; it can be closed, not deleted or retyped.
use crate::domain::status::{ResponseStatus, SurveyStatus};

use super::{answers_of, definition};
use crate::backend::entity::{survey, survey_response};
use crate::backend::services::{audit, begin_write};
use crate::domain::survey::{SurveyDefinition, SurveyPage};
use crate::error::FormErrors;
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, TransactionSession, TransactionTrait,
};
use std::collections::BTreeSet;

#[derive(serde::Serialize, serde::Deserialize)]
struct PagesDocument {
    pages: Vec<SurveyPage>,
}

/// The pages and questions as the TOML an admin edits.
pub fn definition_to_toml(definition: &SurveyDefinition) -> String {
    toml::to_string(&PagesDocument {
        pages: definition.pages.clone(),
    })
    .unwrap_or_default()
}

/// The settings form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct SurveySettingsForm {
    pub title: String,
    pub intro: String,
    pub audience: String,
    pub opens_on: String,
    pub closes_on: String,
    pub status: String,
    pub ask_contact: bool,
    pub one_per_browser: bool,
    /// The pages and questions as TOML; `None` keeps them as they are (the settings form).
    pub definition: Option<String>,
}

/// The survey's settings as the form shows them: dates as days in the consultation's zone.
pub fn settings_of(found: &survey::Model, zone: chrono_tz::Tz) -> SurveySettingsForm {
    let day = |at: Option<chrono::DateTime<Utc>>| {
        at.map(|t| t.with_timezone(&zone).date_naive().to_string())
            .unwrap_or_default()
    };
    SurveySettingsForm {
        title: found.title.clone(),
        intro: found.intro_markdown.clone(),
        audience: found.audience.clone(),
        opens_on: day(found.opens_at),
        // Stored as the moment it closes (the end of the last day).
        closes_on: day(found.closes_at.map(|t| t - chrono::Duration::days(1))),
        status: found.status.to_string(),
        ask_contact: found.ask_contact,
        one_per_browser: found.one_per_browser,
        definition: None,
    }
}

pub fn keep_settings(form: &SurveySettingsForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("title", &form.title),
        ("intro", &form.intro),
        ("audience", &form.audience),
        ("opens_on", &form.opens_on),
        ("closes_on", &form.closes_on),
        ("status", &form.status),
    ] {
        errors.keep(field, value);
    }
    if let Some(definition) = &form.definition {
        errors.keep("definition", definition);
    }
    if form.ask_contact {
        errors.keep("ask_contact", "on");
    }
    if form.one_per_browser {
        errors.keep("one_per_browser", "on");
    }
    errors
}

/// Question keys that have at least one submitted answer.
pub async fn answered_keys(
    conn: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<BTreeSet<String>, DbErr> {
    let mut keys = BTreeSet::new();
    super::results::for_each_submitted(conn, survey_id, &Default::default(), |response| {
        keys.extend(answers_of(response).into_keys());
    })
    .await?;
    Ok(keys)
}

/// Why a new definition would break answers already given; empty when it would not.
pub fn breaks_answers(
    old: &SurveyDefinition,
    new: &SurveyDefinition,
    answered: &BTreeSet<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for key in answered {
        let Some(before) = old.question(key) else {
            continue;
        };
        match new.question(key) {
            None => problems.push(format!(
                "{key} has answers: close it (closed = true) instead of deleting it"
            )),
            Some(after) if after.kind.name() != before.kind.name() => problems.push(format!(
                "{key} has answers: its type stays {}",
                before.kind.name()
            )),
            Some(after) if before.kind.has_other() && !after.kind.has_other() => problems.push(
                format!("{key} has answers: its \"other, please specify\" choice stays"),
            ),
            Some(after) => {
                let kept: Vec<String> = after.kind.choices().into_iter().map(|c| c.key).collect();
                for option in before.kind.choices() {
                    if !kept.contains(&option.key) {
                        problems.push(format!(
                            "{key} has answers: its option {} stays",
                            option.key
                        ));
                    }
                }
            }
        }
    }
    problems
}

/// Midnight at the start of the day, in the consultation's zone.
fn date(text: &str, zone: chrono_tz::Tz) -> Result<Option<chrono::DateTime<Utc>>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| ())?;
    let midnight = day.and_hms_opt(0, 0, 0).ok_or(())?;
    zone.from_local_datetime(&midnight)
        .earliest()
        .map(|d| Some(d.with_timezone(&Utc)))
        .ok_or(())
}

/// Checks the settings and the edited definition against the survey's answers, and saves both in
/// one audited transaction. `Ok(Err(..))` carries the field errors with the input kept.
pub async fn save<C>(
    db: &C,
    found: &survey::Model,
    form: &SurveySettingsForm,
    staff_id: i32,
    zone: chrono_tz::Tz,
) -> Result<Result<(), FormErrors>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let mut errors = keep_settings(form);
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        errors.add("title", "field.event_title.required");
    }
    // A day left as it was keeps its exact moment (a content pack may open a survey mid-day).
    let shown = settings_of(found, zone);
    let opens = if form.opens_on.trim() == shown.opens_on {
        Ok(found.opens_at)
    } else {
        date(&form.opens_on, zone).map_err(|_| errors.add("opens_on", "field.date.invalid"))
    };
    // The last day counts: the survey closes at the end of it.
    let closes = if form.closes_on.trim() == shown.closes_on {
        Ok(found.closes_at)
    } else {
        date(&form.closes_on, zone)
            .map(|d| d.map(|d| d + chrono::Duration::days(1)))
            .map_err(|_| errors.add("closes_on", "field.date.invalid"))
    };
    if let (Ok(Some(opens)), Ok(Some(closes))) = (&opens, &closes)
        && closes <= opens
    {
        errors.add("closes_on", "field.closes.before_opens");
    }
    let status = SurveyStatus::parse(form.status.trim());
    if status.is_none() {
        errors.add("status", "field.survey_status.required");
    }
    let old = definition(found)?;
    let Some(text) = &form.definition else {
        return write(
            db, found, form, staff_id, None, opens, closes, status, errors,
        )
        .await;
    };
    let parsed: Result<PagesDocument, _> = toml::from_str(&text.replace("\r\n", "\n"));
    let new = match parsed {
        Ok(document) => {
            let new = SurveyDefinition {
                pages: document.pages,
                identities: old.identities.clone(),
            };
            let mut problems = new.problems();
            if new.pages.is_empty() {
                problems.push("a survey needs at least one page".into());
            }
            problems.extend(breaks_answers(
                &old,
                &new,
                &answered_keys(db, found.id).await?,
            ));
            if problems.is_empty() {
                Some(new)
            } else {
                errors.add("definition", "field.definition.invalid");
                errors.keep("definition_problems", &problems.join("\n"));
                None
            }
        }
        Err(err) => {
            errors.add("definition", "field.definition.invalid");
            errors.keep("definition_problems", &err.to_string());
            None
        }
    };
    let Some(new) = new else {
        return Ok(Err(errors));
    };
    write(
        db,
        found,
        form,
        staff_id,
        Some(&new),
        opens,
        closes,
        status,
        errors,
    )
    .await
}

/// Stores checked settings and pages, audited, unless a check failed.
#[allow(clippy::too_many_arguments)]
async fn write<C>(
    db: &C,
    found: &survey::Model,
    form: &SurveySettingsForm,
    staff_id: i32,
    new: Option<&SurveyDefinition>,
    opens: Result<Option<chrono::DateTime<Utc>>, ()>,
    closes: Result<Option<chrono::DateTime<Utc>>, ()>,
    status: Option<SurveyStatus>,
    errors: FormErrors,
) -> Result<Result<(), FormErrors>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let (Ok(opens), Ok(closes)) = (opens, closes) else {
        return Ok(Err(errors));
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let title = form.title.trim();
    let txn = begin_write(db).await?;
    let mut edited: survey::ActiveModel = found.clone().into();
    edited.title = Set(title.to_string());
    edited.intro_markdown = Set(form.intro.replace("\r\n", "\n").trim().to_string());
    edited.intro_html = Set(crate::backend::services::strategy::render_markdown(
        form.intro.replace("\r\n", "\n").trim(),
    ));
    edited.audience = Set(form.audience.trim().to_string());
    edited.opens_at = Set(opens);
    edited.closes_at = Set(closes);
    edited.status = Set(status.unwrap_or(SurveyStatus::Draft));
    edited.ask_contact = Set(form.ask_contact);
    edited.one_per_browser = Set(form.one_per_browser);
    // The settings form leaves the pages alone, so a builder change made meanwhile stays.
    if let Some(new) = new {
        edited.definition =
            Set(serde_json::to_string(new).map_err(|e| DbErr::Custom(e.to_string()))?);
    }
    edited.updated_at = Set(Utc::now());
    edited.update(&txn).await?;
    audit::record(
        &txn,
        Some(staff_id),
        "survey.updated",
        "survey",
        found.id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// A new draft survey with one page and one question, to be shaped in the editor.
pub async fn create<C>(
    db: &C,
    consultation_id: i32,
    title: &str,
    identities: Vec<crate::domain::survey::Choice>,
    staff_id: i32,
) -> Result<survey::Model, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let starter: PagesDocument =
        toml::from_str(STARTER).map_err(|e| DbErr::Custom(e.to_string()))?;
    let definition = SurveyDefinition {
        pages: starter.pages,
        identities,
    };
    let mut slug: String = title
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(60)
        .collect();
    if slug.is_empty() {
        slug = "survey".into();
    }
    let txn = begin_write(db).await?;
    let taken = survey::Entity::find()
        .filter(survey::Column::Slug.starts_with(&slug))
        .count(&txn)
        .await?;
    if taken > 0 {
        slug = format!("{slug}-{}", taken + 1);
    }
    let created = survey::ActiveModel {
        consultation_id: Set(consultation_id),
        slug: Set(slug),
        title: Set(title.trim().to_string()),
        intro_markdown: Set(String::new()),
        intro_html: Set(String::new()),
        audience: Set("Everyone".into()),
        opens_at: Set(None),
        closes_at: Set(None),
        status: Set(SurveyStatus::Draft),
        ask_contact: Set(false),
        one_per_browser: Set(false),
        definition: Set(
            serde_json::to_string(&definition).map_err(|e| DbErr::Custom(e.to_string()))?
        ),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "survey.created",
        "survey",
        created.id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// How many responses were submitted (drafts do not count).
pub async fn submitted_count(conn: &impl ConnectionTrait, survey_id: i32) -> Result<u64, DbErr> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .select_only()
        .column(survey_response::Column::Id)
        .count(conn)
        .await
}

const STARTER: &str = r#"
[[pages]]
title = "Your views"

[[pages.questions]]
key = "overall"
type = "rating"
prompt = "How well does the draft reflect what matters to you?"
required = true
min = 1
max = 5
min_label = "Not at all"
max_label = "Very well"
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::{Choice, Question, QuestionKind};

    fn survey(kind: QuestionKind) -> SurveyDefinition {
        SurveyDefinition {
            pages: vec![SurveyPage {
                title: "Page".into(),
                show_if: None,
                questions: vec![Question {
                    key: "q".into(),
                    prompt: "Q?".into(),
                    help: None,
                    required: false,
                    closed: false,
                    kind,
                }],
            }],
            identities: Vec::new(),
        }
    }

    fn choices(keys: &[&str]) -> Vec<Choice> {
        keys.iter()
            .map(|k| Choice {
                key: k.to_string(),
                label: k.to_string(),
            })
            .collect()
    }

    #[test]
    fn an_answered_question_can_be_closed_but_not_deleted_retyped_or_lose_options() {
        let old = survey(QuestionKind::Dropdown {
            options: choices(&["a", "b"]),
        });
        let answered = BTreeSet::from(["q".to_string()]);
        let mut closed = old.clone();
        closed.pages[0].questions[0].closed = true;
        assert!(breaks_answers(&old, &closed, &answered).is_empty());
        let deleted = SurveyDefinition {
            pages: vec![SurveyPage {
                questions: Vec::new(),
                ..old.pages[0].clone()
            }],
            identities: Vec::new(),
        };
        assert_eq!(breaks_answers(&old, &deleted, &answered).len(), 1);
        let retyped = survey(QuestionKind::ShortText { max_chars: 10 });
        assert_eq!(breaks_answers(&old, &retyped, &answered).len(), 1);
        let fewer = survey(QuestionKind::Dropdown {
            options: choices(&["a", "c"]),
        });
        assert_eq!(breaks_answers(&old, &fewer, &answered).len(), 1);
        // Without answers anything goes.
        assert!(breaks_answers(&old, &retyped, &BTreeSet::new()).is_empty());
    }

    #[test]
    fn the_toml_an_admin_edits_reads_back_to_the_same_definition() {
        let original = survey(QuestionKind::MultipleChoice {
            options: choices(&["a", "b", "c"]),
            other: true,
            min: Some(1),
            max: Some(2),
        });
        let text = definition_to_toml(&original);
        let back: PagesDocument = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back.pages, original.pages);
        let starter: Result<PagesDocument, _> = toml::from_str(STARTER);
        assert!(starter.is_ok());
    }
}
