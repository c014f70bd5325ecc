//! How many items carry each theme, by stakeholder group and by community identity, within the
//! same filters as a search (dates, section, survey, channel, language).

use crate::backend::entity::{feedback_item, survey_response, theme_tag};
use crate::backend::services::search::query::{Filters, narrowed};
use crate::domain::feedback::FeedbackKind;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect,
    RelationTrait,
};
use std::collections::BTreeMap;

/// Inputs carrying each theme (a comment, a survey response, an inquiry: a response with several
/// tagged answers counts once): in all, per stakeholder group, per identity (survey responses).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeCounts {
    pub totals: BTreeMap<i32, i64>,
    pub by_group: BTreeMap<(i32, String), i64>,
    pub by_identity: BTreeMap<(i32, String), i64>,
}

pub async fn counts(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    filters: &Filters,
) -> Result<ThemeCounts, DbErr> {
    let rows: Vec<(i32, String, String, i32)> = narrowed(
        theme_tag::Entity::find().join(JoinType::InnerJoin, theme_tag::Relation::Item.def()),
        conn.get_database_backend(),
        consultation_id,
        filters,
    )
    .select_only()
    .column(theme_tag::Column::ThemeId)
    .column(feedback_item::Column::StakeholderGroup)
    .column(feedback_item::Column::Kind)
    .column(feedback_item::Column::SourceId)
    .into_tuple()
    .all(conn)
    .await?;
    let mut rows = rows;
    // One person's input counts once per theme however many of its answers carry it.
    rows.sort();
    rows.dedup();
    let mut counts = ThemeCounts::default();
    let mut responses: Vec<i32> = Vec::new();
    for (theme, group, kind, source) in &rows {
        *counts.totals.entry(*theme).or_default() += 1;
        *counts.by_group.entry((*theme, group.clone())).or_default() += 1;
        if kind == FeedbackKind::SurveyAnswer.as_str() {
            responses.push(*source);
        }
    }
    responses.sort_unstable();
    responses.dedup();
    let mut identities: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for chunk in responses.chunks(500) {
        let found: Vec<(i32, String)> = survey_response::Entity::find()
            .select_only()
            .column(survey_response::Column::Id)
            .column(survey_response::Column::Identities)
            .filter(survey_response::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(conn)
            .await?;
        for (id, list) in found {
            identities.insert(
                id,
                list.split(',')
                    .filter(|i| !i.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    for (theme, _, kind, source) in &rows {
        if kind != FeedbackKind::SurveyAnswer.as_str() {
            continue;
        }
        for identity in identities.get(source).into_iter().flatten() {
            *counts
                .by_identity
                .entry((*theme, identity.clone()))
                .or_default() += 1;
        }
    }
    Ok(counts)
}
