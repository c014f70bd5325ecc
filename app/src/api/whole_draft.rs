//! The whole current draft on one page, for reading in one go and for printing.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSectionView {
    pub slug: String,
    pub title: String,
    /// The language of title and text: the reader's, or English when not translated.
    pub lang: String,
    /// Sanitised when saved; headings one level down and no paragraph ids, for this page.
    pub html: String,
    pub version: i32,
    /// ISO date.
    pub published_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WholeDraftView {
    pub city_name: String,
    /// The consultation's title and its language.
    pub title: String,
    pub title_lang: String,
    /// ISO dates of the comment period.
    pub opens_on: String,
    pub closes_on: String,
    pub sections: Vec<DraftSectionView>,
}

#[server(endpoint = "strategy/whole")]
pub async fn get_whole_draft() -> Result<WholeDraftView, AppError> {
    use crate::backend::services::{content, translations::Localized, whole_draft};
    let state = crate::backend::app_state()?;
    let found = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let locale = crate::i18n::resolve_locale();
    let words = Localized::load(&state.db, locale).await?;
    let (title, translated) = words.or_english("consultation", &found.slug, "title", &found.title);
    let sections = whole_draft::sections(&state.db, found.id, locale).await?;
    Ok(WholeDraftView {
        city_name: found.city_name.clone(),
        title,
        title_lang: if translated { locale.code() } else { "en" }.to_string(),
        opens_on: found.phase_opens_on.to_string(),
        closes_on: found.phase_closes_on.to_string(),
        sections: sections
            .into_iter()
            .map(|s| DraftSectionView {
                html: whole_draft::html_for_page(&s.html),
                slug: s.slug,
                title: s.title,
                lang: s.locale.code().to_string(),
                version: s.version,
                published_on: s.published_on.to_string(),
            })
            .collect(),
    })
}
