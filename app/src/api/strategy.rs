//! The draft strategy for readers: the table of contents and one section at a time.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLink {
    pub slug: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub published_comments: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyToc {
    pub title: String,
    /// ISO dates of the comment period.
    pub opens_on: String,
    pub closes_on: String,
    pub sections: Vec<SectionSummary>,
    pub total_comments: i64,
    pub stakeholder_groups: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Sanitised on the server when the version was published.
    pub html: String,
    pub version: i32,
    pub published_on: String,
    pub previous: Option<SectionLink>,
    pub next: Option<SectionLink>,
}

#[server(endpoint = "strategy/toc")]
pub async fn get_strategy() -> Result<StrategyToc, AppError> {
    use crate::backend::{app_state, services::comments, services::content, services::strategy};
    let state = app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sections = strategy::sections(&state.db, consultation.id).await?;
    let ids: Vec<i32> = sections.iter().map(|s| s.id).collect();
    let (counts, stakeholder_groups) = comments::published_counts(&state.db, &ids).await?;
    let count_of = |id: i32| counts.iter().find(|(s, _)| *s == id).map_or(0, |(_, n)| *n);
    Ok(StrategyToc {
        title: consultation.title,
        opens_on: consultation.phase_opens_on.to_string(),
        closes_on: consultation.phase_closes_on.to_string(),
        total_comments: counts.iter().map(|(_, n)| n).sum(),
        stakeholder_groups,
        sections: sections
            .into_iter()
            .map(|s| SectionSummary {
                published_comments: count_of(s.id),
                slug: s.slug,
                title: s.title,
                summary: s.summary,
            })
            .collect(),
    })
}

#[server(endpoint = "strategy/section")]
pub async fn get_section(slug: String) -> Result<SectionView, AppError> {
    use crate::backend::{app_state, services::content, services::strategy};
    let state = app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (section, version) = strategy::section_with_version(&state.db, consultation.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = strategy::sections(&state.db, consultation.id).await?;
    let here = all.iter().position(|s| s.id == section.id);
    let link = |s: &crate::backend::entity::section::Model| SectionLink {
        slug: s.slug.clone(),
        title: s.title.clone(),
    };
    Ok(SectionView {
        previous: here
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| all.get(i))
            .map(link),
        next: here.and_then(|i| all.get(i + 1)).map(link),
        slug: section.slug,
        title: section.title,
        summary: section.summary,
        html: version.body_html,
        version: version.number,
        published_on: version.published_at.date_naive().to_string(),
    })
}
