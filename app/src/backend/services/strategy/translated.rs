//! A section in Spanish and Russian: storing a translation of one English version, and reading
//! what a reader of each language gets (a translation only while it follows the current text).

use super::{SectionPack, render_translation};
use crate::backend::entity::{section, section_translation, section_version};
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Stores the pack's translations of a section as translations of `version` (replacing earlier
/// ones of the same language).
pub(crate) async fn save_translations(
    conn: &impl ConnectionTrait,
    pack: &SectionPack,
    version: &section_version::Model,
) -> Result<(), DbErr> {
    for translation in &pack.translations {
        let text = TranslatedText {
            title: &translation.title,
            summary: &translation.summary,
            markdown: &translation.body,
        };
        save_translation(conn, version, translation.locale, &text, None).await?;
    }
    Ok(())
}

/// A section's words in one language, as a translator writes them.
pub struct TranslatedText<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub markdown: &'a str,
}

/// Stores one language's text as the translation of `version` (the English it was made from),
/// rendered with that version's paragraph ids. The caller has checked the paragraphs match.
pub async fn save_translation(
    conn: &impl ConnectionTrait,
    version: &section_version::Model,
    locale: Locale,
    text: &TranslatedText<'_>,
    by: Option<i32>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::OnConflict;
    section_translation::Entity::insert(section_translation::ActiveModel {
        section_id: Set(version.section_id),
        locale: Set(locale.code().to_string()),
        title: Set(text.title.to_string()),
        summary: Set(text.summary.to_string()),
        body_html: Set(render_translation(text.markdown, &version.body_html)),
        body_markdown: Set(text.markdown.to_string()),
        source_version_id: Set(version.id),
        updated_at: Set(Utc::now()),
        updated_by: Set(by),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            section_translation::Column::SectionId,
            section_translation::Column::Locale,
        ])
        .update_columns([
            section_translation::Column::Title,
            section_translation::Column::Summary,
            section_translation::Column::BodyHtml,
            section_translation::Column::BodyMarkdown,
            section_translation::Column::SourceVersionId,
            section_translation::Column::UpdatedAt,
            section_translation::Column::UpdatedBy,
        ])
        .to_owned(),
    )
    .exec(conn)
    .await?;
    Ok(())
}

/// The sections' words as a reader of `locale` gets them, in one query: for each section the
/// translation of its current version, or `None` (English, marked `lang="en"` on the page).
pub async fn translations_for(
    conn: &impl ConnectionTrait,
    found: &[section::Model],
    locale: Locale,
) -> Result<Vec<Option<section_translation::Model>>, DbErr> {
    if locale == Locale::En || found.is_empty() {
        return Ok(vec![None; found.len()]);
    }
    let mut translations = section_translation::Entity::find()
        .filter(section_translation::Column::SectionId.is_in(found.iter().map(|s| s.id)))
        .filter(section_translation::Column::Locale.eq(locale.code()))
        .all(conn)
        .await?;
    Ok(found
        .iter()
        .map(|s| {
            let at = translations.iter().position(|t| {
                t.section_id == s.id && Some(t.source_version_id) == s.current_version_id
            })?;
            Some(translations.swap_remove(at))
        })
        .collect())
}

/// A section's title for a reader of each language: the translation's while it follows the
/// current text, else the English; in one query.
pub async fn titles(
    conn: &impl ConnectionTrait,
    found: &section::Model,
) -> Result<Vec<(Locale, String)>, DbErr> {
    let current = section_translation::Entity::find()
        .filter(section_translation::Column::SectionId.eq(found.id))
        .filter(
            section_translation::Column::SourceVersionId
                .eq(found.current_version_id.unwrap_or_default()),
        )
        .all(conn)
        .await?;
    Ok(Locale::ALL
        .iter()
        .map(|locale| {
            let title = current
                .iter()
                .find(|t| t.locale == locale.code())
                .map_or_else(|| found.title.clone(), |t| t.title.clone());
            (*locale, title)
        })
        .collect())
}
