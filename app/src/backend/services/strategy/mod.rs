//! The draft strategy: section files with front matter, Markdown rendered once (at import or publish)
//! into sanitised HTML whose paragraphs carry stable anchors, and the reads the public pages need.
//! Versions, drafts and diffs live in `versions`.

mod passages;
mod translated;
mod versions;

pub use passages::{Passage, changed_passages, passage_text, passages};
pub(crate) use translated::save_translations;
pub use translated::{TranslatedText, save_translation, titles, translations_for};
pub use versions::*;

use super::sha256_hex;
use crate::backend::entity::{section, section_version};
use chrono::Utc;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// A section as written in the repository: front matter, then Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionPack {
    pub title: String,
    pub slug: String,
    pub order: i32,
    pub summary: String,
    pub body: String,
    /// The same section in other languages (`NN-name.es.md` beside `NN-name.md`).
    pub translations: Vec<SectionTranslationPack>,
}

/// A section's file in another language: the same slug and the same paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionTranslationPack {
    pub locale: crate::i18n::Locale,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// The language of a section file named `NN-name.<code>.md`; `None` for the English `NN-name.md`.
pub fn translation_locale(file_name: &str) -> Option<crate::i18n::Locale> {
    let stem = file_name.strip_suffix(".md")?;
    let (_, code) = stem.rsplit_once('.')?;
    crate::i18n::Locale::from_code(code).filter(|l| *l != crate::i18n::Locale::En)
}

/// How many paragraphs a section's Markdown has (what comments are anchored to).
pub fn paragraph_count(markdown: &str) -> usize {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
        .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .count()
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SectionFileError {
    #[error("{0}: the file must start with a front matter block between two --- lines")]
    NoFrontMatter(String),
    #[error("{file}: front matter lacks `{key}`")]
    Missing { file: String, key: &'static str },
    #[error("{0}: `order` must be a whole number")]
    Order(String),
    #[error("{0}: `slug` may hold only lower-case letters, digits and dashes")]
    Slug(String),
}

impl SectionPack {
    /// Parses `---\nkey: value\n---\nMarkdown`; `name` only labels errors.
    pub fn parse(name: &str, text: &str) -> Result<SectionPack, SectionFileError> {
        let text = text.trim_start_matches('\u{feff}');
        let rest = text
            .strip_prefix("---")
            .ok_or_else(|| SectionFileError::NoFrontMatter(name.into()))?;
        let (front, body) = rest
            .split_once("\n---")
            .ok_or_else(|| SectionFileError::NoFrontMatter(name.into()))?;
        let fields: HashMap<&str, &str> = front
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| (k.trim(), v.trim()))
            .collect();
        let get = |key: &'static str| {
            fields
                .get(key)
                .map(|v| v.to_string())
                .filter(|v| !v.is_empty())
                .ok_or(SectionFileError::Missing {
                    file: name.into(),
                    key,
                })
        };
        let slug = get("slug")?;
        if !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(SectionFileError::Slug(name.into()));
        }
        Ok(SectionPack {
            title: get("title")?,
            order: get("order")?
                .parse()
                .map_err(|_| SectionFileError::Order(name.into()))?,
            summary: get("summary")?,
            slug,
            translations: Vec::new(),
            body: body
                .trim_start_matches(['\r', '\n'])
                .trim_start_matches("---")
                .trim()
                .to_string(),
        })
    }
}

/// The anchor of a paragraph: derived from its own text, so it survives edits elsewhere in the section.
pub fn paragraph_anchor(text: &str) -> String {
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("p-{}", &sha256_hex(&[&normalised])[..10])
}

/// Markdown to sanitised HTML; every paragraph gets an `id` for "comment on this paragraph" links.
pub fn render_markdown(markdown: &str) -> String {
    render_with_anchors(markdown, &[])
}

/// A translation rendered with the English version's paragraph ids, in order, so a comment on
/// paragraph 3 of the Russian text is a comment on paragraph 3 of the section.
pub fn render_translation(markdown: &str, english_html: &str) -> String {
    render_with_anchors(markdown, &paragraph_anchors(english_html))
}

fn render_with_anchors(markdown: &str, anchors: &[String]) -> String {
    let mut namer = passages::AnchorNamer::default();
    let mut events = Vec::new();
    let mut index = 0;
    for (event, range) in passages::parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => {
                let id = anchors
                    .get(index)
                    .cloned()
                    .unwrap_or_else(|| namer.name(&markdown[range]));
                index += 1;
                events.push(Event::Html(format!("<p id=\"{id}\">").into()));
            }
            Event::End(TagEnd::Paragraph) => events.push(Event::Html("</p>\n".into())),
            other => events.push(other),
        }
    }
    let mut raw = String::new();
    html::push_html(&mut raw, events.into_iter());
    ammonia::Builder::default()
        .add_tag_attributes("p", &["id"])
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

pub use crate::domain::section::paragraph_anchors;

/// Creates the sections of a freshly imported consultation, each with version 1.
pub async fn import_sections(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    packs: &[SectionPack],
) -> Result<(), DbErr> {
    for pack in packs {
        let created = section::ActiveModel {
            consultation_id: Set(consultation_id),
            slug: Set(pack.slug.clone()),
            position: Set(pack.order),
            title: Set(pack.title.clone()),
            summary: Set(pack.summary.clone()),
            current_version_id: Set(None),
            draft_title: Set(None),
            draft_summary: Set(None),
            draft_markdown: Set(None),
            draft_saved_at: Set(None),
            draft_saved_by: Set(None),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        let version = section_version::ActiveModel {
            section_id: Set(created.id),
            number: Set(1),
            body_html: Set(render_markdown(&pack.body)),
            body_markdown: Set(pack.body.clone()),
            published_at: Set(Utc::now()),
            published_by: Set(None),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        let mut current: section::ActiveModel = created.into();
        current.current_version_id = Set(Some(version.id));
        current.update(conn).await?;
        save_translations(conn, pack, &version).await?;
    }
    Ok(())
}

pub async fn sections(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<section::Model>, DbErr> {
    section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .order_by_asc(section::Column::Position)
        .order_by_asc(section::Column::Id)
        .all(conn)
        .await
}

/// A section with its current version, by slug.
pub async fn section_with_version(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    slug: &str,
) -> Result<Option<(section::Model, section_version::Model)>, DbErr> {
    let Some(found) = section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .filter(section::Column::Slug.eq(slug))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(version_id) = found.current_version_id else {
        return Ok(None);
    };
    Ok(section_version::Entity::find_by_id(version_id)
        .one(conn)
        .await?
        .map(|v| (found, v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section::Change;

    const FILE: &str = "---\ntitle: Neighborhood Livability\nslug: neighborhood-livability\norder: 3\nsummary: Streets and parks.\n---\nFirst paragraph.\n\nSecond paragraph.\n";

    #[test]
    fn front_matter_and_body_are_read() {
        let pack = SectionPack::parse("03.md", FILE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pack.slug, "neighborhood-livability");
        assert_eq!(pack.order, 3);
        assert_eq!(pack.body, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert_eq!(
            SectionPack::parse("x.md", "no front matter"),
            Err(SectionFileError::NoFrontMatter("x.md".into()))
        );
        let no_slug = FILE.replace("slug: neighborhood-livability\n", "");
        assert_eq!(
            SectionPack::parse("x.md", &no_slug),
            Err(SectionFileError::Missing {
                file: "x.md".into(),
                key: "slug"
            })
        );
        let bad_slug = FILE.replace("neighborhood-livability", "Bad Slug");
        assert_eq!(
            SectionPack::parse("x.md", &bad_slug),
            Err(SectionFileError::Slug("x.md".into()))
        );
    }

    #[test]
    fn scripts_and_handlers_never_survive_rendering() {
        let html = render_markdown(
            "Hello <script>alert(1)</script> <img src=x onerror=alert(1)> [link](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn unchanged_paragraphs_keep_their_anchor_when_others_change() {
        let before = paragraph_anchors(&render_markdown("Keep me.\n\nOld middle.\n\nAnd me."));
        let after = paragraph_anchors(&render_markdown("New first.\n\nKeep me.\n\nAnd me."));
        assert_eq!(before.len(), 3);
        assert_eq!(before[0], after[1]);
        assert_eq!(before[2], after[2]);
        assert_ne!(before[1], after[0]);
    }

    #[test]
    fn word_diff_marks_added_and_removed_words() {
        let parts = word_diff(
            "Lights on every alley.",
            "Brighter lights on every alley and street.",
        );
        let added: String = parts
            .iter()
            .filter(|p| p.change == Change::Added)
            .map(|p| p.text.as_str())
            .collect();
        let removed: String = parts
            .iter()
            .filter(|p| p.change == Change::Removed)
            .map(|p| p.text.as_str())
            .collect();
        assert!(
            added.contains("Brighter") && added.contains("street"),
            "{parts:?}"
        );
        assert!(
            removed.contains("Lights") && removed.contains("alley."),
            "{parts:?}"
        );
        let same: String = parts
            .iter()
            .filter(|p| p.change != Change::Added)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(same, "Lights on every alley.");
    }

    #[test]
    fn repeated_paragraphs_get_distinct_anchors() {
        let anchors = paragraph_anchors(&render_markdown("Same.\n\nSame."));
        assert_eq!(anchors.len(), 2);
        assert_ne!(anchors[0], anchors[1]);
    }
}
