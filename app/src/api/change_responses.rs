//! "You said, we did": what readers see of an explained change, and the staff pages that link a
//! new version's changed passages to the comments and themes that prompted them.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The passage segment in addresses and forms that stands for the section as a whole.
pub const WHOLE_SECTION: &str = "whole";

/// An explained change as readers see it on the version page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    pub id: i32,
    /// Empty for the section as a whole.
    pub passage: String,
    pub explanation: String,
    /// The language the explanation is in (`en` when not translated).
    pub explanation_lang: String,
    /// The first linked comments: (id, reference).
    pub comments: Vec<(i32, String)>,
    pub comment_total: usize,
    pub themes: Vec<String>,
}

/// A version's changed passages and whether each is explained yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageRow {
    /// The paragraph anchor, or `WHOLE_SECTION`.
    pub key: String,
    pub text: String,
    pub explained: bool,
    pub comments: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesOverview {
    pub slug: String,
    pub title: String,
    pub number: i32,
    pub passages: Vec<PassageRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateComment {
    pub id: i32,
    pub reference: String,
    pub stakeholder_group: String,
    /// The paragraph it was made on, as the person read it.
    pub paragraph_text: Option<String>,
    pub body: String,
    pub linked: bool,
    /// Made on a paragraph this version rewrote or removed.
    pub on_changed_text: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEditor {
    pub slug: String,
    pub title: String,
    pub number: i32,
    pub key: String,
    pub passage: String,
    pub exists: bool,
    pub explanation_en: String,
    pub explanation_es: String,
    pub explanation_ru: String,
    pub candidates: Vec<CandidateComment>,
    /// (id, name, linked)
    pub themes: Vec<(i32, String, bool)>,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::backend::entity::{section, section_version};
    use crate::backend::services::{change_responses, strategy};

    pub async fn section_version(
        db: &sea_orm::DatabaseConnection,
        slug: &str,
        number: i32,
    ) -> Result<
        (
            section::Model,
            section_version::Model,
            Option<section_version::Model>,
        ),
        AppError,
    > {
        let found = crate::api::sections::find_section(db, slug).await?;
        let (version, previous) = strategy::version_with_previous(db, found.id, number)
            .await?
            .ok_or(AppError::NotFound)?;
        // The first version is the draft people commented on: nothing in it changed.
        if previous.is_none() {
            return Err(AppError::NotFound);
        }
        Ok((found, version, previous))
    }

    pub fn anchor_of(key: &str) -> &str {
        if key == WHOLE_SECTION { "" } else { key }
    }

    /// What readers see: every explained change of a version in their language.
    pub async fn views(
        db: &sea_orm::DatabaseConnection,
        version_id: i32,
        locale: crate::i18n::Locale,
    ) -> Result<Vec<ChangeView>, AppError> {
        Ok(change_responses::for_version(db, version_id)
            .await?
            .into_iter()
            .map(|detail| {
                let (explanation, lang) =
                    change_responses::explanation_in(&detail.response, locale);
                ChangeView {
                    id: detail.response.id,
                    passage: detail.response.passage_text.clone(),
                    explanation,
                    explanation_lang: lang.code().to_string(),
                    comment_total: detail.comments.len(),
                    comments: detail
                        .comments
                        .into_iter()
                        .take(change_responses::LISTED_COMMENTS)
                        .map(|c| (c.id, c.reference))
                        .collect(),
                    themes: detail.themes.into_iter().map(|t| t.name).collect(),
                }
            })
            .collect())
    }
}

#[cfg(feature = "ssr")]
pub use server::views as change_views;

#[server(endpoint = "staff/sections/changes")]
pub async fn get_changes_overview(slug: String, number: i32) -> Result<ChangesOverview, AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::change_responses, services::strategy};
    use crate::domain::Permission;
    require(Permission::EditContent).await?;
    let state = app_state()?;
    let (found, version, previous) = server::section_version(&state.db, &slug, number).await?;
    let explained = change_responses::for_version(&state.db, version.id).await?;
    let changed = strategy::changed_passages(
        previous.as_ref().map_or("", |p| p.body_markdown.as_str()),
        &version.body_markdown,
    );
    let row = |key: String, text: String, anchor: &str| {
        let detail = explained
            .iter()
            .find(|d| d.response.paragraph_anchor == anchor);
        PassageRow {
            key,
            text,
            explained: detail.is_some(),
            comments: detail.map_or(0, |d| d.comments.len()),
        }
    };
    let mut passages = vec![row(WHOLE_SECTION.to_string(), String::new(), "")];
    passages.extend(
        changed
            .into_iter()
            .map(|p| row(p.anchor.clone(), p.text, &p.anchor)),
    );
    Ok(ChangesOverview {
        slug: found.slug,
        title: found.title,
        number: version.number,
        passages,
    })
}

#[server(endpoint = "staff/sections/changes/editor")]
pub async fn get_change_editor(
    slug: String,
    number: i32,
    passage: String,
) -> Result<ChangeEditor, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{change_responses, strategy, themes};
    use crate::domain::Permission;
    require(Permission::EditContent).await?;
    let state = crate::backend::app_state()?;
    let (found, version, previous) = server::section_version(&state.db, &slug, number).await?;
    let anchor = server::anchor_of(&passage);
    let text = match anchor {
        "" => String::new(),
        anchor => {
            strategy::passage_text(&version.body_markdown, anchor).ok_or(AppError::NotFound)?
        }
    };
    let detail = change_responses::for_version(&state.db, version.id)
        .await?
        .into_iter()
        .find(|d| d.response.paragraph_anchor == anchor);
    let linked: Vec<i32> = detail
        .as_ref()
        .map(|d| d.comments.iter().map(|c| c.id).collect())
        .unwrap_or_default();
    let candidates =
        change_responses::candidates(&state.db, &found, &version, previous.as_ref(), &linked)
            .await?;
    let linked_themes: Vec<i32> = detail
        .as_ref()
        .map(|d| d.themes.iter().map(|t| t.id).collect())
        .unwrap_or_default();
    let codebook = themes::codebook(&state.db, found.consultation_id).await?;
    let response = detail.map(|d| d.response);
    Ok(ChangeEditor {
        slug: found.slug,
        title: found.title,
        number: version.number,
        key: passage,
        passage: text,
        exists: response.is_some(),
        explanation_en: response
            .as_ref()
            .map(|r| r.explanation_en.clone())
            .unwrap_or_default(),
        explanation_es: response
            .as_ref()
            .and_then(|r| r.explanation_es.clone())
            .unwrap_or_default(),
        explanation_ru: response
            .as_ref()
            .and_then(|r| r.explanation_ru.clone())
            .unwrap_or_default(),
        candidates: candidates
            .into_iter()
            .map(|(c, on_changed_text)| CandidateComment {
                linked: linked.contains(&c.id),
                on_changed_text,
                id: c.id,
                reference: c.reference.unwrap_or_default(),
                stakeholder_group: c.stakeholder_group,
                paragraph_text: c.paragraph_text,
                body: c.body,
            })
            .collect(),
        themes: codebook
            .into_iter()
            .map(|t| (t.id, t.name, linked_themes.contains(&t.id)))
            .collect(),
    })
}

#[server(endpoint = "staff/sections/changes/save")]
pub async fn save_change_explanation(
    slug: String,
    number: i32,
    passage: String,
    #[server(default)] explanation_en: String,
    #[server(default)] explanation_es: String,
    #[server(default)] explanation_ru: String,
    #[server(default)] comments: Vec<i32>,
    #[server(default)] comment_references: String,
    #[server(default)] themes: Vec<i32>,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::change_responses::{self, Explanation};
    use crate::domain::Permission;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    let (found, version, _) = server::section_version(&state.db, &slug, number).await?;
    let form = Explanation {
        paragraph_anchor: server::anchor_of(&passage).to_string(),
        explanation_en,
        explanation_es,
        explanation_ru,
        comment_ids: comments,
        comment_references,
        theme_ids: themes,
    };
    let emailed =
        change_responses::explain(&state.db, &state.mail, &found, &version, &form, staff_id)
            .await?;
    crate::backend::request::redirect(&format!(
        "/staff/sections/{slug}/versions/{number}?saved={emailed}"
    ));
    Ok(())
}

#[server(endpoint = "staff/sections/changes/remove")]
pub async fn remove_change_explanation(
    slug: String,
    number: i32,
    passage: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::change_responses;
    use crate::domain::Permission;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    let (found, version, _) = server::section_version(&state.db, &slug, number).await?;
    if !change_responses::remove(
        &state.db,
        &found,
        &version,
        server::anchor_of(&passage),
        staff_id,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    crate::backend::request::redirect(&format!(
        "/staff/sections/{slug}/versions/{number}?removed=1"
    ));
    Ok(())
}
