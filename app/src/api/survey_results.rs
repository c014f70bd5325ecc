//! Survey results for analysts and admins: every question's counts, percentages, means, rankings
//! and free text, filtered by stakeholder group or identity, and one question side by side across
//! groups. Outside the admin role, breakdown cells under k respondents read "fewer than k".

use crate::domain::survey::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSurveyRow {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub audience: String,
    pub status: String,
    pub responses: u64,
}

/// A number in a breakdown; `None` when suppressed (fewer than k respondents).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub count: Option<u64>,
    pub percent: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionView {
    pub key: String,
    pub label: String,
    pub cell: Cell,
    pub average_rank: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub key: String,
    pub prompt: String,
    pub kind: String,
    pub answered: Cell,
    pub options: Vec<OptionView>,
    pub mean: Option<f64>,
    pub texts: Vec<String>,
    /// Free text withheld because too few people in the breakdown wrote it.
    pub texts_suppressed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparisonView {
    pub key: String,
    pub prompt: String,
    /// Stakeholder group codes, in the portal's order, with their respondents.
    pub groups: Vec<(String, Cell)>,
    /// One row per option: its label and a cell per group.
    pub rows: Vec<(String, Vec<Cell>)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub respondents: Cell,
    pub k: u64,
    pub is_admin: bool,
    pub identities: Vec<Choice>,
    /// Choice questions that can be compared across groups, as (key, prompt).
    pub comparable: Vec<(String, String)>,
    pub questions: Vec<QuestionView>,
    pub comparison: Option<ComparisonView>,
}

/// A count shown as is, or suppressed when it is small and the viewer is not an admin.
pub fn breakdown_cell(count: u64, base: u64, k: u64, suppress: bool) -> Cell {
    if suppress && count > 0 && count < k {
        return Cell {
            count: None,
            percent: None,
        };
    }
    Cell {
        count: Some(count),
        percent: (base > 0).then(|| count as f64 * 100.0 / base as f64),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSurveyList {
    pub rows: Vec<StaffSurveyRow>,
    pub can_edit: bool,
}

#[server(endpoint = "staff/surveys/list")]
pub async fn staff_surveys() -> Result<StaffSurveyList, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::{survey, survey_response};
    use crate::domain::Permission;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let user = require(Permission::Analyse).await?;
    let state = crate::backend::app_state()?;
    let mut rows = Vec::new();
    for found in survey::Entity::find()
        .order_by_asc(survey::Column::Id)
        .all(&state.db)
        .await?
    {
        let responses = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(found.id))
            .filter(
                survey_response::Column::Status
                    .eq(crate::domain::status::ResponseStatus::Submitted),
            )
            .count(&state.db)
            .await?;
        rows.push(StaffSurveyRow {
            id: found.id,
            slug: found.slug,
            title: found.title,
            audience: found.audience,
            status: found.status.to_string(),
            responses,
        });
    }
    Ok(StaffSurveyList {
        rows,
        can_edit: user.can(Permission::EditContent),
    })
}

#[server(endpoint = "staff/surveys/results")]
pub async fn survey_results(
    id: i32,
    group: Option<String>,
    identity: Option<String>,
    q: Option<String>,
    compare: Option<String>,
) -> Result<ResultsView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::{self, results};
    use crate::domain::Permission;
    use crate::domain::stakeholder::StakeholderGroup;
    use sea_orm::EntityTrait;
    let user = require(Permission::Analyse).await?;
    let is_admin = user.can(Permission::SeeSmallCells);
    let state = crate::backend::app_state()?;
    let k = state.portal.small_cell_k;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let pick = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let who = results::Respondents {
        group: pick(group).filter(|g| StakeholderGroup::parse(g).is_some()),
        identity: pick(identity).filter(|i| definition.identities.iter().any(|c| &c.key == i)),
        ..Default::default()
    };
    let suppress = !is_admin && (who.group.is_some() || who.identity.is_some());
    let search = pick(q);
    let tally = results::tally(&state.db, found.id, &definition, &who, search.as_deref()).await?;
    let questions = tally
        .questions
        .into_iter()
        .map(|t| {
            let small = suppress && t.answered < k;
            QuestionView {
                answered: breakdown_cell(t.answered, tally.respondents, k, suppress),
                options: t
                    .options
                    .into_iter()
                    .map(|o| OptionView {
                        cell: breakdown_cell(o.count, t.answered, k, suppress),
                        average_rank: o.average_rank.filter(|_| !small),
                        key: o.key,
                        label: o.label,
                    })
                    .collect(),
                mean: t.mean.filter(|_| !small),
                texts_suppressed: small && !t.texts.is_empty(),
                texts: if small { Vec::new() } else { t.texts },
                key: t.key,
                prompt: t.prompt,
                kind: t.kind.to_string(),
            }
        })
        .collect();
    let comparable: Vec<(String, String)> = definition
        .pages
        .iter()
        .flat_map(|p| p.questions.iter())
        .filter(|q| !q.kind.choices().is_empty())
        .map(|q| (q.key.clone(), q.prompt.clone()))
        .collect();
    let comparison = match pick(compare).and_then(|key| definition.question(&key).cloned()) {
        Some(question) if !question.kind.choices().is_empty() => {
            let mut groups = Vec::new();
            let mut columns = Vec::new();
            for group in StakeholderGroup::ALL {
                let by_group = results::Respondents {
                    group: Some(group.as_str().to_string()),
                    identity: who.identity.clone(),
                    ..Default::default()
                };
                let part =
                    results::tally(&state.db, found.id, &definition, &by_group, None).await?;
                let one = part.questions.into_iter().find(|t| t.key == question.key);
                let answered = one.as_ref().map_or(0, |t| t.answered);
                groups.push((
                    group.as_str().to_string(),
                    breakdown_cell(part.respondents, 0, k, !is_admin),
                ));
                columns.push((answered, one.map(|t| t.options).unwrap_or_default()));
            }
            let labels: Vec<(String, String)> = columns
                .first()
                .map(|(_, options)| {
                    options
                        .iter()
                        .map(|o| (o.key.clone(), o.label.clone()))
                        .collect()
                })
                .unwrap_or_default();
            let rows = labels
                .into_iter()
                .map(|(key, label)| {
                    let cells = columns
                        .iter()
                        .map(|(answered, options)| {
                            let count =
                                options.iter().find(|o| o.key == key).map_or(0, |o| o.count);
                            breakdown_cell(count, *answered, k, !is_admin)
                        })
                        .collect();
                    (label, cells)
                })
                .collect();
            Some(ComparisonView {
                key: question.key.clone(),
                prompt: question.prompt.clone(),
                groups,
                rows,
            })
        }
        _ => None,
    };
    Ok(ResultsView {
        id: found.id,
        slug: found.slug.clone(),
        title: found.title.clone(),
        respondents: breakdown_cell(tally.respondents, 0, k, suppress),
        k,
        is_admin,
        identities: definition.identities.clone(),
        comparable,
        questions,
        comparison,
    })
}

#[cfg(test)]
mod tests {
    use super::breakdown_cell;

    #[test]
    fn small_cells_are_suppressed_only_when_asked_and_zero_stays_zero() {
        assert_eq!(breakdown_cell(3, 10, 5, true).count, None);
        assert_eq!(breakdown_cell(3, 10, 5, false).count, Some(3));
        assert_eq!(breakdown_cell(5, 10, 5, true).percent, Some(50.0));
        assert_eq!(breakdown_cell(0, 10, 5, true).count, Some(0));
    }
}
