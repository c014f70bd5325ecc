//! The draft strategy: section files with front matter, Markdown rendered once (at import or publish)
//! into sanitised HTML whose paragraphs carry stable anchors, and the reads the public pages need.

use super::{audit, sha256_hex};
use crate::domain::section::{Change, DiffPart};
use crate::server::entity::{section, section_version};
use chrono::Utc;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
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
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Paragraph) => {
                let base = paragraph_anchor(&markdown[range]);
                let count = seen.entry(base.clone()).or_insert(0);
                *count += 1;
                let id = if *count == 1 {
                    base
                } else {
                    format!("{base}-{count}")
                };
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

/// Publishes `markdown` as the section's next version unless it equals the current one.
/// Returns the new version, or `None` when nothing changed.
pub async fn publish_version(
    conn: &impl ConnectionTrait,
    found: &section::Model,
    markdown: &str,
    by: Option<i32>,
) -> Result<Option<section_version::Model>, DbErr> {
    let latest = section_version::Entity::find()
        .filter(section_version::Column::SectionId.eq(found.id))
        .order_by_desc(section_version::Column::Number)
        .one(conn)
        .await?;
    let current = match found.current_version_id {
        Some(id) => section_version::Entity::find_by_id(id).one(conn).await?,
        None => None,
    };
    if current.is_some_and(|v| v.body_markdown.trim() == markdown.trim()) {
        return Ok(None);
    }
    let version = section_version::ActiveModel {
        section_id: Set(found.id),
        number: Set(latest.map_or(1, |v| v.number + 1)),
        body_html: Set(render_markdown(markdown)),
        body_markdown: Set(markdown.trim().to_string()),
        published_at: Set(Utc::now()),
        published_by: Set(by),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let mut current: section::ActiveModel = found.clone().into();
    current.current_version_id = Set(Some(version.id));
    current.update(conn).await?;
    Ok(Some(version))
}

/// Every version of a section, newest first.
pub async fn versions(
    conn: &impl ConnectionTrait,
    section_id: i32,
) -> Result<Vec<section_version::Model>, DbErr> {
    section_version::Entity::find()
        .filter(section_version::Column::SectionId.eq(section_id))
        .order_by_desc(section_version::Column::Number)
        .all(conn)
        .await
}

/// A version and the one before it, by number.
pub async fn version_with_previous(
    conn: &impl ConnectionTrait,
    section_id: i32,
    number: i32,
) -> Result<Option<(section_version::Model, Option<section_version::Model>)>, DbErr> {
    let mut pair = section_version::Entity::find()
        .filter(section_version::Column::SectionId.eq(section_id))
        .filter(section_version::Column::Number.lte(number))
        .order_by_desc(section_version::Column::Number)
        .limit(2)
        .all(conn)
        .await?
        .into_iter();
    match pair.next() {
        Some(version) if version.number == number => Ok(Some((version, pair.next()))),
        _ => Ok(None),
    }
}

/// Word-level changes from `old` to `new` (Markdown source, compared as text).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => Change::Same,
            similar::ChangeTag::Insert => Change::Added,
            similar::ChangeTag::Delete => Change::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                change: kind,
                text: change.value().to_string(),
            }),
        }
    }
    parts
}

/// A draft as staff submit it, already checked.
pub struct Draft {
    pub title: String,
    pub summary: String,
    pub markdown: String,
}

pub async fn save_draft(
    conn: &impl ConnectionTrait,
    found: &section::Model,
    draft: &Draft,
    staff_id: i32,
) -> Result<(), DbErr> {
    let mut edited: section::ActiveModel = found.clone().into();
    edited.draft_title = Set(Some(draft.title.clone()));
    edited.draft_summary = Set(Some(draft.summary.clone()));
    edited.draft_markdown = Set(Some(draft.markdown.clone()));
    edited.draft_saved_at = Set(Some(Utc::now()));
    edited.draft_saved_by = Set(Some(staff_id));
    edited.update(conn).await?;
    audit::record(
        conn,
        Some(staff_id),
        "section.draft_saved",
        "section",
        found.id,
        None,
    )
    .await
}

/// Publishes the saved draft: title and summary change in place, the text becomes a new version
/// when it differs. Returns the version readers now see.
pub async fn publish_draft<C>(
    db: &C,
    found: &section::Model,
    staff_id: i32,
) -> Result<Option<i32>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let Some(markdown) = found.draft_markdown.clone() else {
        return Ok(None);
    };
    let txn = crate::server::services::begin_write(db).await?;
    let created = publish_version(&txn, found, &markdown, Some(staff_id)).await?;
    let mut edited: section::ActiveModel = section::Entity::find_by_id(found.id)
        .one(&txn)
        .await?
        .ok_or(DbErr::RecordNotFound("section".into()))?
        .into();
    if let Some(title) = &found.draft_title {
        edited.title = Set(title.clone());
    }
    if let Some(summary) = &found.draft_summary {
        edited.summary = Set(summary.clone());
    }
    clear_draft(&mut edited);
    edited.update(&txn).await?;
    let number = match &created {
        Some(version) => version.number,
        None => match found.current_version_id {
            Some(id) => section_version::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .map_or(0, |v| v.number),
            None => 0,
        },
    };
    audit::record(
        &txn,
        Some(staff_id),
        "section.published",
        "section",
        found.id,
        Some(format!("version {number}")),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(number))
}

pub async fn discard_draft(
    conn: &impl ConnectionTrait,
    found: &section::Model,
    staff_id: i32,
) -> Result<(), DbErr> {
    let mut edited: section::ActiveModel = found.clone().into();
    clear_draft(&mut edited);
    edited.update(conn).await?;
    audit::record(
        conn,
        Some(staff_id),
        "section.draft_discarded",
        "section",
        found.id,
        None,
    )
    .await
}

fn clear_draft(edited: &mut section::ActiveModel) {
    edited.draft_title = Set(None);
    edited.draft_summary = Set(None);
    edited.draft_markdown = Set(None);
    edited.draft_saved_at = Set(None);
    edited.draft_saved_by = Set(None);
}

/// What `engage content import` changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub created: Vec<String>,
    pub new_versions: Vec<String>,
    pub unchanged: Vec<String>,
}

/// Brings the consultation's sections in line with the files: new sections are created, changed
/// text becomes a new version, titles, summaries and order follow the files. Sections missing from
/// the files stay (their comments matter); drafts in the portal are left alone.
pub async fn reimport_sections(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    packs: &[SectionPack],
) -> Result<ImportReport, DbErr> {
    let mut report = ImportReport::default();
    let existing = sections(conn, consultation_id).await?;
    for pack in packs {
        let Some(found) = existing.iter().find(|s| s.slug == pack.slug) else {
            import_sections(conn, consultation_id, std::slice::from_ref(pack)).await?;
            report.created.push(pack.slug.clone());
            continue;
        };
        let changed = publish_version(conn, found, &pack.body, None).await?;
        let mut edited: section::ActiveModel = section::Entity::find_by_id(found.id)
            .one(conn)
            .await?
            .ok_or(DbErr::RecordNotFound("section".into()))?
            .into();
        edited.title = Set(pack.title.clone());
        edited.summary = Set(pack.summary.clone());
        edited.position = Set(pack.order);
        edited.update(conn).await?;
        match changed {
            Some(_) => report.new_versions.push(pack.slug.clone()),
            None => report.unchanged.push(pack.slug.clone()),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

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
