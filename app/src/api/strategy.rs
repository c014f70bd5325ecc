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
    /// The language the title and summary are in (English when no translation is current).
    pub lang: String,
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
    /// The language title, summary and text are in: the reader's, or English when there is no
    /// translation of the current version (the page marks it and says so).
    pub lang: String,
    /// Sanitised on the server when the version (or its translation) was saved.
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
    let locale = crate::i18n::resolve_locale();
    let translations = strategy::translations_for(&state.db, &sections, locale).await?;
    Ok(StrategyToc {
        title: consultation.title,
        opens_on: consultation.phase_opens_on.to_string(),
        closes_on: consultation.phase_closes_on.to_string(),
        total_comments: counts.iter().map(|(_, n)| n).sum(),
        stakeholder_groups,
        sections: sections
            .into_iter()
            .zip(translations)
            .map(|(s, translated)| {
                let (title, summary, lang) = match translated {
                    Some(t) => (t.title, t.summary, t.locale),
                    None => (s.title, s.summary, "en".to_string()),
                };
                SectionSummary {
                    published_comments: count_of(s.id),
                    slug: s.slug,
                    title,
                    summary,
                    lang,
                }
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
    let locale = crate::i18n::resolve_locale();
    let translations = strategy::translations_for(&state.db, &all, locale).await?;
    let link = |i: usize| {
        let s = all.get(i)?;
        Some(SectionLink {
            slug: s.slug.clone(),
            title: translations
                .get(i)
                .cloned()
                .flatten()
                .map_or_else(|| s.title.clone(), |t| t.title),
        })
    };
    let translated = here.and_then(|i| translations.get(i).cloned().flatten());
    Ok(SectionView {
        previous: here.and_then(|i| i.checked_sub(1)).and_then(link),
        next: here.and_then(|i| link(i + 1)),
        slug: section.slug,
        lang: translated
            .as_ref()
            .map_or_else(|| "en".to_string(), |t| t.locale.clone()),
        title: translated
            .as_ref()
            .map_or(section.title, |t| t.title.clone()),
        summary: translated
            .as_ref()
            .map_or(section.summary, |t| t.summary.clone()),
        html: translated.map_or(version.body_html, |t| t.body_html),
        version: version.number,
        published_on: version.published_at.date_naive().to_string(),
    })
}
