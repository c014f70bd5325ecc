//! Survey results: counts per option, means, rankings as average position and free text, for all
//! respondents or one stakeholder group or identity. Responses are read in batches by id, so the
//! memory used does not grow with the number of responses.
use crate::domain::status::ResponseStatus;

use super::answers_of;
use crate::backend::entity::survey_response;
use crate::domain::survey::{OTHER, QuestionKind, SurveyDefinition, other_key};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

const BATCH: u64 = 500;

/// Which respondents to count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Respondents {
    pub group: Option<String>,
    pub identity: Option<String>,
    /// Submitted at or after this moment.
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// Submitted before this moment.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// The language the respondent answered in (a locale code).
    pub language: Option<String>,
}

impl Respondents {
    fn includes(&self, response: &survey_response::Model) -> bool {
        self.identity
            .as_deref()
            .is_none_or(|wanted| response.identities.split(',').any(|i| i == wanted))
    }
}

/// The next batch of submitted responses after id `after` that match, and the last id read
/// (`None` when there are no more).
pub async fn submitted_batch(
    conn: &impl ConnectionTrait,
    survey_id: i32,
    who: &Respondents,
    after: i32,
) -> Result<(Vec<survey_response::Model>, Option<i32>), DbErr> {
    let mut query = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(survey_response::Column::Id.gt(after));
    if let Some(group) = &who.group {
        query = query.filter(survey_response::Column::StakeholderGroup.eq(group.as_str()));
    }
    if let Some(from) = who.from {
        query = query.filter(survey_response::Column::SubmittedAt.gte(from));
    }
    if let Some(until) = who.until {
        query = query.filter(survey_response::Column::SubmittedAt.lt(until));
    }
    if let Some(language) = &who.language {
        query = query.filter(survey_response::Column::Locale.eq(language.as_str()));
    }
    let batch = query
        .order_by_asc(survey_response::Column::Id)
        .limit(BATCH)
        .all(conn)
        .await?;
    let last = batch.last().map(|r| r.id);
    Ok((
        batch.into_iter().filter(|r| who.includes(r)).collect(),
        last,
    ))
}

/// How many submitted responses a stakeholder group sent (one counting query).
pub async fn submitted_by_group(
    conn: &impl ConnectionTrait,
    survey_id: i32,
    group: &str,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(survey_response::Column::StakeholderGroup.eq(group))
        .count(conn)
        .await
}

/// Calls `each` for every submitted response that matches, in id order, a batch at a time.
pub async fn for_each_submitted<F>(
    conn: &impl ConnectionTrait,
    survey_id: i32,
    who: &Respondents,
    mut each: F,
) -> Result<(), DbErr>
where
    F: FnMut(&survey_response::Model),
{
    let mut after = 0;
    loop {
        let (batch, last) = submitted_batch(conn, survey_id, who, after).await?;
        let Some(last) = last else {
            return Ok(());
        };
        after = last;
        for response in &batch {
            each(response);
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptionTally {
    pub key: String,
    pub label: String,
    pub count: u64,
    /// Ranking questions: the average rank given (1 is first).
    pub average_rank: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionTally {
    pub key: String,
    pub prompt: String,
    pub kind: &'static str,
    /// Respondents who answered this question.
    pub answered: u64,
    pub options: Vec<OptionTally>,
    pub mean: Option<f64>,
    /// Free text (text questions and "other" texts), newest last.
    pub texts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SurveyTally {
    pub respondents: u64,
    pub questions: Vec<QuestionTally>,
}

/// Tallies every question for the chosen respondents; free text is kept only when it contains
/// `search` (case-insensitive), when one is given.
pub async fn tally(
    conn: &impl ConnectionTrait,
    survey_id: i32,
    definition: &SurveyDefinition,
    who: &Respondents,
    search: Option<&str>,
) -> Result<SurveyTally, DbErr> {
    let questions: Vec<_> = definition
        .pages
        .iter()
        .flat_map(|p| p.questions.iter())
        .collect();
    let mut tallies: Vec<QuestionTally> = questions
        .iter()
        .map(|q| {
            let mut options: Vec<OptionTally> = q
                .kind
                .choices()
                .into_iter()
                .map(|c| OptionTally {
                    key: c.key,
                    label: c.label,
                    count: 0,
                    average_rank: None,
                })
                .collect();
            if q.kind.has_other() {
                options.push(OptionTally {
                    key: OTHER.into(),
                    label: "Other".into(),
                    count: 0,
                    average_rank: None,
                });
            }
            QuestionTally {
                key: q.key.clone(),
                prompt: q.prompt.clone(),
                kind: q.kind.name(),
                answered: 0,
                options,
                mean: None,
                texts: Vec::new(),
            }
        })
        .collect();
    let mut sums = vec![0f64; questions.len()];
    let mut rank_sums: Vec<Vec<f64>> = tallies.iter().map(|t| vec![0.0; t.options.len()]).collect();
    let needle = search.map(str::to_lowercase).filter(|s| !s.is_empty());
    let keep_text = |text: &str| {
        needle
            .as_deref()
            .is_none_or(|n| text.to_lowercase().contains(n))
    };
    let mut respondents = 0;
    for_each_submitted(conn, survey_id, who, |response| {
        respondents += 1;
        let answers = answers_of(response);
        for (index, question) in questions.iter().enumerate() {
            let Some(given) = answers.get(&question.key) else {
                continue;
            };
            let tally = &mut tallies[index];
            tally.answered += 1;
            match &question.kind {
                QuestionKind::Ranking { .. } => {
                    for (position, key) in given.iter().enumerate() {
                        if let Some(i) = tally.options.iter().position(|o| &o.key == key) {
                            tally.options[i].count += 1;
                            rank_sums[index][i] += (position + 1) as f64;
                        }
                    }
                }
                QuestionKind::ShortText { .. }
                | QuestionKind::LongText { .. }
                | QuestionKind::Zip => {
                    if let Some(text) = given.first().filter(|t| keep_text(t)) {
                        tally.texts.push(text.clone());
                    }
                }
                QuestionKind::Number { .. } => {
                    if let Some(n) = given.first().and_then(|v| v.parse::<f64>().ok()) {
                        sums[index] += n;
                    }
                }
                _ => {
                    for key in given {
                        if let Some(option) = tally.options.iter_mut().find(|o| &o.key == key) {
                            option.count += 1;
                        }
                    }
                    if matches!(question.kind, QuestionKind::Rating { .. })
                        && let Some(n) = given.first().and_then(|v| v.parse::<f64>().ok())
                    {
                        sums[index] += n;
                    }
                }
            }
            if let Some(text) = answers
                .get(&other_key(&question.key))
                .and_then(|t| t.first())
                .filter(|t| keep_text(t))
            {
                tally.texts.push(text.clone());
            }
        }
    })
    .await?;
    for (index, tally) in tallies.iter_mut().enumerate() {
        if tally.answered > 0 && matches!(tally.kind, "rating" | "number") {
            tally.mean = Some(sums[index] / tally.answered as f64);
        }
        if tally.kind == "ranking" {
            for (i, option) in tally.options.iter_mut().enumerate() {
                if option.count > 0 {
                    option.average_rank = Some(rank_sums[index][i] / option.count as f64);
                }
            }
        }
    }
    Ok(SurveyTally {
        respondents,
        questions: tallies,
    })
}
