//! Versions of a section for readers, and the editor for staff: save a draft, preview it, publish.

use crate::domain::section::DiffPart;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionLink {
    pub number: i32,
    pub published_on: String,
    pub current: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionList {
    pub slug: String,
    pub title: String,
    pub versions: Vec<VersionLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub slug: String,
    pub title: String,
    pub number: i32,
    pub published_on: String,
    pub current: bool,
    /// Sanitised when the version was published.
    pub html: String,
    /// Changes from the version before, word by word; empty for the first version.
    pub previous_number: Option<i32>,
    pub changes: Vec<DiffPart>,
    /// Why it changed, with the comments and themes that prompted it.
    pub explained: Vec<crate::api::change_responses::ChangeView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRow {
    pub slug: String,
    pub title: String,
    pub version: i32,
    pub has_draft: bool,
    /// For each other language: its code and `current`, `out_of_date` (the English text has a
    /// newer version) or `missing`.
    pub translations: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub markdown: String,
    pub version: i32,
    /// The saved draft rendered as readers would see it; `None` when there is no draft.
    pub draft_preview: Option<String>,
    pub draft_saved: Option<String>,
}

/// A section of the current consultation by slug, or `NotFound`.
#[cfg(feature = "ssr")]
pub(crate) async fn find_section(
    db: &sea_orm::DatabaseConnection,
    slug: &str,
) -> Result<crate::backend::entity::section::Model, AppError> {
    use crate::backend::entity::section;
    use crate::backend::services::content;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let consultation = content::current_consultation(db)
        .await?
        .ok_or(AppError::NotFound)?;
    section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation.id))
        .filter(section::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "strategy/versions")]
pub async fn get_versions(slug: String) -> Result<VersionList, AppError> {
    use crate::backend::{app_state, services::strategy};
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    let versions = strategy::versions(&state.db, found.id).await?;
    Ok(VersionList {
        versions: versions
            .into_iter()
            .map(|v| VersionLink {
                current: Some(v.id) == found.current_version_id,
                number: v.number,
                published_on: v.published_at.date_naive().to_string(),
            })
            .collect(),
        slug: found.slug,
        title: found.title,
    })
}

#[server(endpoint = "strategy/version")]
pub async fn get_version(slug: String, number: i32) -> Result<VersionView, AppError> {
    use crate::backend::{app_state, services::strategy};
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    let (version, previous) = strategy::version_with_previous(&state.db, found.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let explained = crate::api::change_responses::change_views(
        &state.db,
        version.id,
        crate::i18n::resolve_locale(),
    )
    .await?;
    Ok(VersionView {
        explained,
        current: Some(version.id) == found.current_version_id,
        previous_number: previous.as_ref().map(|p| p.number),
        changes: previous
            .map(|p| strategy::word_diff(&p.body_markdown, &version.body_markdown))
            .unwrap_or_default(),
        number: version.number,
        published_on: version.published_at.date_naive().to_string(),
        html: version.body_html,
        slug: found.slug,
        title: found.title,
    })
}

#[server(endpoint = "staff/sections")]
pub async fn staff_sections() -> Result<Vec<SectionRow>, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::section_version;
    use crate::backend::{app_state, services::content, services::strategy};
    use crate::domain::Permission;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    require(Permission::EditContent).await?;
    let state = app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sections = strategy::sections(&state.db, consultation.id).await?;
    let ids: Vec<i32> = sections
        .iter()
        .filter_map(|s| s.current_version_id)
        .collect();
    let versions = section_version::Entity::find()
        .filter(section_version::Column::Id.is_in(ids))
        .all(&state.db)
        .await?;
    let translations = crate::backend::entity::section_translation::Entity::find()
        .filter(
            crate::backend::entity::section_translation::Column::SectionId
                .is_in(sections.iter().map(|s| s.id)),
        )
        .all(&state.db)
        .await?;
    Ok(sections
        .into_iter()
        .map(|s| SectionRow {
            version: versions
                .iter()
                .find(|v| Some(v.id) == s.current_version_id)
                .map_or(0, |v| v.number),
            has_draft: s.draft_markdown.is_some(),
            translations: crate::i18n::Locale::ALL
                .into_iter()
                .filter(|l| *l != crate::i18n::Locale::En)
                .map(|l| {
                    let found = translations
                        .iter()
                        .find(|t| t.section_id == s.id && t.locale == l.code());
                    let state = match found {
                        None => "missing",
                        Some(t) if Some(t.source_version_id) == s.current_version_id => "current",
                        Some(_) => "out_of_date",
                    };
                    (l.code().to_string(), state.to_string())
                })
                .collect(),
            slug: s.slug,
            title: s.title,
        })
        .collect())
}

/// The checks a section's title, summary and Markdown pass in any language, with the input kept;
/// returns the Markdown with LF line ends (browsers send CR LF; versions compare by words).
#[cfg(feature = "ssr")]
fn check_section_text(
    title: &str,
    summary: &str,
    markdown: &str,
) -> (crate::error::FormErrors, String) {
    use crate::domain::section::{MAX_MARKDOWN_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS};
    let mut errors = crate::error::FormErrors::default();
    errors.keep("title", title);
    errors.keep("summary", summary);
    errors.keep("markdown", markdown);
    let markdown = markdown.replace("\r\n", "\n").trim().to_string();
    let (title, summary) = (title.trim(), summary.trim());
    if title.is_empty() {
        errors.add("title", "field.section_title.required");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.add("title", "field.section_title.too_long");
    }
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        errors.add("summary", "field.section_summary.too_long");
    }
    if markdown.is_empty() {
        errors.add("markdown", "field.section_markdown.required");
    } else if markdown.chars().count() > MAX_MARKDOWN_CHARS {
        errors.add("markdown", "field.section_markdown.too_long");
    }
    (errors, markdown)
}

#[server(endpoint = "staff/sections/editor")]
pub async fn get_section_editor(slug: String) -> Result<EditorView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::section_version;
    use crate::backend::{app_state, services::strategy};
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    require(Permission::EditContent).await?;
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    let current = match found.current_version_id {
        Some(id) => {
            section_version::Entity::find_by_id(id)
                .one(&state.db)
                .await?
        }
        None => None,
    };
    Ok(EditorView {
        draft_preview: found
            .draft_markdown
            .as_deref()
            .map(strategy::render_markdown),
        draft_saved: found.draft_saved_at.map(|at| state.mail.wall_clock(at)),
        title: found.draft_title.clone().unwrap_or(found.title.clone()),
        summary: found.draft_summary.clone().unwrap_or(found.summary.clone()),
        markdown: found
            .draft_markdown
            .clone()
            .or_else(|| current.as_ref().map(|v| v.body_markdown.clone()))
            .unwrap_or_default(),
        version: current.map_or(0, |v| v.number),
        slug: found.slug,
    })
}

#[server(endpoint = "staff/sections/save")]
pub async fn save_section_draft(
    slug: String,
    title: String,
    #[server(default)] summary: String,
    markdown: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::strategy};
    use crate::domain::Permission;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    let (errors, markdown) = check_section_text(&title, &summary, &markdown);
    let (title, summary, markdown) = (title.trim(), summary.trim(), markdown.as_str());
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let draft = strategy::Draft {
        title: title.to_string(),
        summary: summary.to_string(),
        markdown: markdown.to_string(),
    };
    strategy::save_draft(&state.db, &found, &draft, staff_id).await?;
    crate::backend::request::redirect(&format!("/staff/sections/{slug}?saved=1#preview"));
    Ok(())
}

#[server(endpoint = "staff/sections/publish")]
pub async fn publish_section(slug: String, decision: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::strategy};
    use crate::domain::Permission;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    match decision.as_str() {
        "publish" => {
            let number = strategy::publish_draft(&state.db, &found, staff_id, &state.mail)
                .await?
                .ok_or(AppError::NotFound)?;
            tracing::info!(section = %slug, version = number, "section published");
            crate::backend::request::redirect(&format!(
                "/staff/sections/{slug}?published={number}"
            ));
        }
        "discard" => {
            strategy::discard_draft(&state.db, &found, staff_id).await?;
            crate::backend::request::redirect(&format!("/staff/sections/{slug}?discarded=1"));
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(())
}

/// One language's text of a section beside the English it translates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationEditorView {
    pub slug: String,
    /// `es`, `ru`.
    pub code: String,
    pub english_title: String,
    pub english_summary: String,
    pub english_markdown: String,
    /// The English version translated from; the current one to translate now.
    pub english_version: i32,
    pub paragraphs: usize,
    pub title: String,
    pub summary: String,
    pub markdown: String,
    /// `current`, `out_of_date` or `missing`.
    pub state: String,
}

#[cfg(feature = "ssr")]
fn other_language(code: &str) -> Result<crate::i18n::Locale, AppError> {
    crate::i18n::Locale::from_code(code)
        .filter(|l| *l != crate::i18n::Locale::En && l.code() == code)
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "staff/sections/translation")]
pub async fn get_translation_editor(
    slug: String,
    code: String,
) -> Result<TranslationEditorView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::{section_translation, section_version};
    use crate::backend::{app_state, services::strategy};
    use crate::domain::Permission;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    require(Permission::EditContent).await?;
    let locale = other_language(&code)?;
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    let version_id = found.current_version_id.ok_or(AppError::NotFound)?;
    let version = section_version::Entity::find_by_id(version_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = section_translation::Entity::find()
        .filter(section_translation::Column::SectionId.eq(found.id))
        .filter(section_translation::Column::Locale.eq(locale.code()))
        .one(&state.db)
        .await?;
    let state_name = match &existing {
        None => "missing",
        Some(t) if t.source_version_id == version.id => "current",
        Some(_) => "out_of_date",
    };
    Ok(TranslationEditorView {
        paragraphs: strategy::paragraph_count(&version.body_markdown),
        english_version: version.number,
        english_markdown: version.body_markdown,
        english_title: found.title,
        english_summary: found.summary,
        slug: found.slug,
        code: locale.code().to_string(),
        state: state_name.to_string(),
        title: existing
            .as_ref()
            .map(|t| t.title.clone())
            .unwrap_or_default(),
        summary: existing
            .as_ref()
            .map(|t| t.summary.clone())
            .unwrap_or_default(),
        markdown: existing.map(|t| t.body_markdown).unwrap_or_default(),
    })
}

/// Saves one language's text as the translation of the current English version; it must have
/// the English paragraphs, one for one, so comments stay on their paragraph.
#[server(endpoint = "staff/sections/translation/save")]
pub async fn save_section_translation(
    slug: String,
    code: String,
    title: String,
    #[server(default)] summary: String,
    markdown: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::app_state;
    use crate::backend::entity::section_version;
    use crate::backend::services::{audit, begin_write, strategy};
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let locale = other_language(&code)?;
    let state = app_state()?;
    let found = find_section(&state.db, &slug).await?;
    let version_id = found.current_version_id.ok_or(AppError::NotFound)?;
    let version = section_version::Entity::find_by_id(version_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (mut errors, markdown) = check_section_text(&title, &summary, &markdown);
    let (title, summary, markdown) = (title.trim(), summary.trim(), markdown.as_str());
    if errors.for_field("markdown").is_none()
        && strategy::paragraph_count(markdown) != strategy::paragraph_count(&version.body_markdown)
    {
        errors.add("markdown", "field.section_translation.paragraphs");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = begin_write(&state.db).await?;
    let text = strategy::TranslatedText {
        title,
        summary,
        markdown,
    };
    strategy::save_translation(&txn, &version, locale, &text, Some(staff_id)).await?;
    audit::record(
        &txn,
        Some(staff_id),
        &format!("section.translation_saved.{}", locale.code()),
        "section",
        found.id,
        None,
    )
    .await?;
    txn.commit().await?;
    crate::backend::request::redirect(&format!("/staff/sections/{slug}/{code}?saved=1"));
    Ok(())
}
