//! Versions of a section: publishing text as the next version, drafts staff preview before
//! publishing, word-level diffs between versions, and re-importing the section files.

use super::{SectionPack, import_sections, render_markdown, sections};
use crate::backend::entity::{section, section_version};
use crate::backend::services::audit;
use crate::domain::section::{Change, DiffPart};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};

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
/// when it differs, and followers are told of a new version in the same transaction. Returns the
/// version readers now see.
pub async fn publish_draft<C>(
    db: &C,
    found: &section::Model,
    staff_id: i32,
    ctx: &crate::backend::MailContext,
) -> Result<Option<i32>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let Some(markdown) = found.draft_markdown.clone() else {
        return Ok(None);
    };
    let txn = crate::backend::services::begin_write(db).await?;
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
    if let Some(version) = &created {
        crate::backend::services::followers::announce_version(
            &txn,
            ctx,
            found,
            version.number,
            Some(staff_id),
        )
        .await?;
    }
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
        let edited = edited.update(conn).await?;
        if let Some(current) = edited.current_version_id {
            let version = section_version::Entity::find_by_id(current)
                .one(conn)
                .await?
                .ok_or(DbErr::RecordNotFound("section version".into()))?;
            super::save_translations(conn, pack, &version).await?;
        }
        match changed {
            Some(_) => report.new_versions.push(pack.slug.clone()),
            None => report.unchanged.push(pack.slug.clone()),
        }
    }
    Ok(report)
}
