//! Survey results on the public pages: only surveys an admin published, only everyone's answers
//! (no breakdown), never free text, and nothing of a survey or question fewer than k answered.

use crate::api::what_we_heard::{AnswerResult, QuestionResult, SurveyResult};
use crate::backend::entity::survey;
use crate::backend::services::audit;
use crate::backend::services::surveys::{self, results};
use crate::backend::services::translations::Localized;
use crate::domain::survey::{OTHER, QuestionKind};
use crate::i18n::{Locale, translate};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// Shows a survey's results on the public pages, or takes them off; audited. `None` when there is
/// no such survey.
pub async fn set_results_published<C>(
    db: &C,
    survey_id: i32,
    publish: bool,
    staff_id: i32,
    ctx: &crate::backend::MailContext,
) -> Result<Option<survey::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::backend::services::begin_write(db).await?;
    let Some(found) = survey::Entity::find_by_id(survey_id).one(&txn).await? else {
        return Ok(None);
    };
    if found.results_published == publish {
        // Sent twice (a reload): nothing changes and nothing more is audited.
        return Ok(Some(found));
    }
    let mut changed: survey::ActiveModel = found.into();
    changed.results_published = Set(publish);
    changed.results_published_at = Set(publish.then(Utc::now));
    let stored = changed.update(&txn).await?;
    let action = if publish {
        "survey.results_published"
    } else {
        "survey.results_unpublished"
    };
    audit::record(&txn, Some(staff_id), action, "survey", survey_id, None).await?;
    if publish {
        crate::backend::services::followers::announce_results(&txn, ctx, &stored, Some(staff_id))
            .await?;
    }
    txn.commit().await?;
    Ok(Some(stored))
}

/// The results of every published survey of the consultation, in the reader's language where the
/// survey is translated (English otherwise, marked with its language).
pub async fn published_results(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    locale: Locale,
    k: u64,
) -> Result<Vec<SurveyResult>, DbErr> {
    let published = survey::Entity::find()
        .filter(survey::Column::ConsultationId.eq(consultation_id))
        .filter(survey::Column::ResultsPublished.eq(true))
        .order_by_asc(survey::Column::Id)
        .all(conn)
        .await?;
    if published.is_empty() {
        return Ok(Vec::new());
    }
    let localized = Localized::load(conn, locale).await?;
    let mut out = Vec::with_capacity(published.len());
    for found in published {
        let definition = surveys::definition(&found)?;
        let words = localized.survey(&found, &definition);
        let tally = results::tally(
            conn,
            found.id,
            &definition,
            &results::Respondents::default(),
            None,
        )
        .await?;
        // Prompts and labels of the translated pages, by question and option key.
        let translated = words.pages.as_ref();
        // One language per survey, so the page can mark it once.
        let lang = if translated.is_some() {
            locale
        } else {
            Locale::En
        };
        let mut prompts: HashMap<&str, &str> = HashMap::new();
        let mut labels: HashMap<(&str, String), String> = HashMap::new();
        for question in translated.into_iter().flatten().flat_map(|p| &p.questions) {
            prompts.insert(&question.key, &question.prompt);
            for choice in question.kind.choices() {
                labels.insert((&question.key, choice.key), choice.label);
            }
        }
        let kinds: HashMap<&str, &QuestionKind> = definition
            .pages
            .iter()
            .flat_map(|p| &p.questions)
            .map(|q| (q.key.as_str(), &q.kind))
            .collect();
        let enough = tally.respondents >= k;
        let questions = if !enough {
            Vec::new()
        } else {
            tally
                .questions
                .into_iter()
                // Free text stays with staff: it can name people and places.
                .filter(|q| !q.options.is_empty() || q.kind == "number")
                .map(|q| {
                    let kind = kinds.get(q.key.as_str()).copied();
                    let small = q.answered < k;
                    let answers = if small {
                        Vec::new()
                    } else {
                        q.options
                            .iter()
                            .map(|o| AnswerResult {
                                label: answer_label(lang, kind, &q.key, o, &labels),
                                percent: if q.answered > 0 {
                                    o.count as f64 * 100.0 / q.answered as f64
                                } else {
                                    0.0
                                },
                                key: o.key.clone(),
                                count: o.count,
                                average_rank: o.average_rank,
                            })
                            .collect()
                    };
                    QuestionResult {
                        prompt: prompts
                            .get(q.key.as_str())
                            .map_or_else(|| q.prompt.clone(), |p| p.to_string()),
                        answered: (!small).then_some(q.answered),
                        mean: q.mean.filter(|_| !small),
                        answers,
                        key: q.key,
                        kind: q.kind.to_string(),
                    }
                })
                .collect()
        };
        out.push(SurveyResult {
            title: words.title.unwrap_or_else(|| found.title.clone()),
            slug: found.slug,
            lang: lang.code().to_string(),
            respondents: enough.then_some(tally.respondents),
            questions,
        });
    }
    Ok(out)
}

/// An answer's label as the survey page shows it: yes, no and "other" from the catalogue, the rest
/// from the translated pages when there are some.
fn answer_label(
    locale: Locale,
    kind: Option<&QuestionKind>,
    question: &str,
    option: &results::OptionTally,
    labels: &HashMap<(&str, String), String>,
) -> String {
    if option.key == OTHER {
        return translate(locale, "surveys.other");
    }
    if matches!(kind, Some(QuestionKind::YesNo)) {
        return translate(locale, &format!("surveys.{}", option.key));
    }
    labels
        .get(&(question, option.key.clone()))
        .cloned()
        .unwrap_or_else(|| option.label.clone())
}
