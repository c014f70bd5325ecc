//! The server side of the search page: filter choices, the query checked into filters, and
//! results as the page shows them.

use super::*;
use crate::backend::entity::{comment, feedback_item, inquiry, survey_response};
use crate::backend::services::search::query::Filters;
use crate::backend::services::{content, strategy, surveys, themes};
use crate::domain::feedback::FeedbackKind;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Survey ids with titles, and every written question as ("survey:key", "Survey: prompt").
pub(super) async fn survey_choices(
    db: &DatabaseConnection,
    consultation_id: i32,
) -> Result<
    (
        Vec<(String, String)>,
        Vec<(String, String)>,
        Vec<(String, String)>,
    ),
    AppError,
> {
    let mut list = Vec::new();
    let mut questions = Vec::new();
    let mut identities = Vec::new();
    for found in surveys::public_surveys(db, consultation_id).await? {
        list.push((found.id.to_string(), found.title.clone()));
        let Ok(definition) = surveys::definition(&found) else {
            continue;
        };
        for question in definition.pages.iter().flat_map(|p| p.questions.iter()) {
            use crate::domain::survey::{QuestionKind, other_key};
            if matches!(
                question.kind,
                QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }
            ) {
                questions.push((
                    format!("{}:{}", found.id, question.key),
                    format!("{}: {}", found.title, question.prompt),
                ));
            }
            if question.kind.has_other() {
                questions.push((
                    format!("{}:{}", found.id, other_key(&question.key)),
                    format!("{}: {}", found.title, question.prompt),
                ));
            }
        }
        for identity in definition.identities {
            if !identities
                .iter()
                .any(|(k, _): &(String, String)| *k == identity.key)
            {
                identities.push((identity.key, identity.label));
            }
        }
    }
    Ok((list, questions, identities))
}

/// The search's filters, checked: unknown values are dropped, not errors.
pub(super) fn filters(
    query: &SearchQuery,
    sections: &[crate::backend::entity::section::Model],
) -> Filters {
    let day = |text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    };
    let (survey_id, question_key) = match query.question.split_once(':') {
        Some((survey, key)) => (survey.parse().ok(), Some(key.to_string())),
        None => (query.survey.parse().ok(), None),
    };
    Filters {
        text: query.q.chars().take(200).collect(),
        kind: FeedbackKind::parse(&query.kind),
        section_id: sections
            .iter()
            .find(|s| s.slug == query.section)
            .map(|s| s.id),
        survey_id,
        question_key,
        group: crate::domain::stakeholder::StakeholderGroup::parse(&query.group)
            .map(|g| g.as_str().to_string()),
        identity: Some(query.identity.clone()).filter(|i| !i.is_empty()),
        channel: Some(query.channel.clone()).filter(|c| !c.is_empty()),
        language: crate::i18n::Locale::from_code(&query.language).map(|l| l.code().to_string()),
        from: day(&query.from),
        until: day(&query.to).map(|d| d + chrono::Duration::days(1)),
        theme_id: query.theme.parse().ok(),
        untagged: query.theme == "none",
        any_phrase: Vec::new(),
    }
}

/// Search results as the page shows them.
pub(super) async fn hits(
    db: &DatabaseConnection,
    items: &[feedback_item::Model],
    terms: &[String],
    sections: &[crate::backend::entity::section::Model],
    questions: &[(String, String)],
    codebook: &[crate::backend::entity::theme::Model],
    can_open_inquiries: bool,
) -> Result<Vec<SearchHitView>, AppError> {
    let ids_of = |kind: FeedbackKind| -> Vec<i32> {
        items
            .iter()
            .filter(|i| i.kind == kind.as_str())
            .map(|i| i.source_id)
            .collect()
    };
    let comments = comment::Entity::find()
        .filter(comment::Column::Id.is_in(ids_of(FeedbackKind::Comment)))
        .all(db)
        .await?;
    let responses = survey_response::Entity::find()
        .filter(survey_response::Column::Id.is_in(ids_of(FeedbackKind::SurveyAnswer)))
        .all(db)
        .await?;
    let inquiries = inquiry::Entity::find()
        .filter(inquiry::Column::Id.is_in(ids_of(FeedbackKind::Inquiry)))
        .all(db)
        .await?;
    let ids: Vec<i32> = items.iter().map(|i| i.id).collect();
    let tags = themes::themes_of(db, &ids).await?;
    Ok(items
        .iter()
        .map(|item| {
            let (reference, context, status, link) = match FeedbackKind::parse(&item.kind) {
                Some(FeedbackKind::Comment) => {
                    let found = comments.iter().find(|c| c.id == item.source_id);
                    let section = sections
                        .iter()
                        .find(|s| Some(s.id) == item.section_id)
                        .map(|s| s.title.clone())
                        .unwrap_or_default();
                    (
                        found.and_then(|c| c.reference.clone()).unwrap_or_default(),
                        section,
                        found
                            .map(|c| c.status.label_key().to_string())
                            .unwrap_or_default(),
                        None,
                    )
                }
                Some(FeedbackKind::SurveyAnswer) => {
                    let found = responses.iter().find(|r| r.id == item.source_id);
                    let key = format!(
                        "{}:{}",
                        item.survey_id.unwrap_or_default(),
                        item.question_key
                    );
                    let question = questions
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, label)| label.clone())
                        .unwrap_or(item.question_key.clone());
                    (
                        found.and_then(|r| r.reference.clone()).unwrap_or_default(),
                        question,
                        String::new(),
                        None,
                    )
                }
                _ => {
                    let found = inquiries.iter().find(|i| i.id == item.source_id);
                    (
                        found.and_then(|i| i.reference.clone()).unwrap_or_default(),
                        found
                            .map(|i| format!("topic.{}", i.topic))
                            .unwrap_or_default(),
                        found
                            .map(|i| i.status.label_key().to_string())
                            .unwrap_or_default(),
                        can_open_inquiries.then(|| format!("/staff/inquiries/{}", item.source_id)),
                    )
                }
            };
            let themes = tags
                .get(&item.id)
                .into_iter()
                .flatten()
                .filter_map(|id| codebook.iter().find(|t| t.id == *id))
                .map(|t| ThemeChip {
                    id: t.id,
                    name: themes::full_name(codebook, t),
                    colour: t.colour.clone(),
                })
                .collect();
            SearchHitView {
                id: item.id,
                kind: item.kind.clone(),
                reference,
                context,
                group: item.stakeholder_group.clone(),
                channel: item.channel.clone(),
                language: item.language.clone(),
                date: item.created_at.date_naive().to_string(),
                status,
                pieces: crate::backend::services::search::words::marked_pieces(
                    &item.language,
                    &item.body,
                    terms,
                ),
                themes,
                link,
                question: item.question_key.clone(),
            }
        })
        .collect())
}

pub(super) async fn consultation_and_sections(
    db: &DatabaseConnection,
) -> Result<(i32, Vec<crate::backend::entity::section::Model>), AppError> {
    let consultation = content::current_consultation(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sections = strategy::sections(db, consultation.id).await?;
    Ok((consultation.id, sections))
}

pub(super) fn chips(codebook: &[crate::backend::entity::theme::Model]) -> Vec<ThemeChip> {
    codebook
        .iter()
        .map(|t| ThemeChip {
            id: t.id,
            name: themes::full_name(codebook, t),
            colour: t.colour.clone(),
        })
        .collect()
}
