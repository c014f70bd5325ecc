//! "You said, we did": the City's account of why a section changed, linked to the comments and
//! themes that prompted the change, explained in each language. Writing (and telling the
//! commenters) is in `explain`.

mod explain;

pub use explain::{Explanation, explain, remove};

use crate::backend::entity::{
    change_response, change_response_comment, change_response_theme, comment, section,
    section_version, theme,
};
use crate::domain::status::CommentStatus;
use crate::i18n::Locale;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// How many linked comments a version page lists under one change before "and N more".
pub const LISTED_COMMENTS: usize = 50;

/// One explained change, as the public pages list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeSummary {
    pub section_slug: String,
    pub section_title: String,
    pub version_number: i32,
    pub published_at: DateTime<Utc>,
    /// The City's explanation in the reader's language (English when not translated).
    pub explanation: String,
    /// The language `explanation` is written in.
    pub explanation_lang: Locale,
    /// Published comments linked to the change.
    pub comment_count: i64,
    /// Names of the linked themes.
    pub themes: Vec<String>,
}

/// A published comment linked to a change, as the version page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkedComment {
    pub id: i32,
    pub reference: String,
    pub stakeholder_group: String,
}

/// One explained change of a version, for its page and the staff editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeDetail {
    pub response: change_response::Model,
    /// Published comments only, oldest first.
    pub comments: Vec<LinkedComment>,
    pub themes: Vec<theme::Model>,
}

/// The explanation in `locale`, or English when that translation is missing.
pub fn explanation_in(response: &change_response::Model, locale: Locale) -> (String, Locale) {
    let written = |text: &Option<String>| text.clone().filter(|t| !t.trim().is_empty());
    locale.pick(
        response.explanation_en.clone(),
        written(&response.explanation_es),
        written(&response.explanation_ru),
    )
}

/// Every explained change of a version with its published comments and themes.
pub async fn for_version(
    conn: &impl ConnectionTrait,
    version_id: i32,
) -> Result<Vec<ChangeDetail>, DbErr> {
    let responses = change_response::Entity::find()
        .filter(change_response::Column::SectionVersionId.eq(version_id))
        .order_by_asc(change_response::Column::Id)
        .all(conn)
        .await?;
    details(conn, responses).await
}

async fn details(
    conn: &impl ConnectionTrait,
    responses: Vec<change_response::Model>,
) -> Result<Vec<ChangeDetail>, DbErr> {
    let ids: Vec<i32> = responses.iter().map(|r| r.id).collect();
    let links = change_response_comment::Entity::find()
        .filter(change_response_comment::Column::ChangeResponseId.is_in(ids.clone()))
        .all(conn)
        .await?;
    let comments: HashMap<i32, comment::Model> = comment::Entity::find()
        .filter(comment::Column::Id.is_in(links.iter().map(|l| l.comment_id)))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let theme_links = change_response_theme::Entity::find()
        .filter(change_response_theme::Column::ChangeResponseId.is_in(ids))
        .all(conn)
        .await?;
    let themes: HashMap<i32, theme::Model> = theme::Entity::find()
        .filter(theme::Column::Id.is_in(theme_links.iter().map(|l| l.theme_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    Ok(responses
        .into_iter()
        .map(|response| {
            let mut linked: Vec<LinkedComment> = links
                .iter()
                .filter(|l| l.change_response_id == response.id)
                .filter_map(|l| comments.get(&l.comment_id))
                .map(|c| LinkedComment {
                    id: c.id,
                    reference: c.reference.clone().unwrap_or_default(),
                    stakeholder_group: c.stakeholder_group.clone(),
                })
                .collect();
            linked.sort_by_key(|c| c.id);
            let mut named: Vec<theme::Model> = theme_links
                .iter()
                .filter(|l| l.change_response_id == response.id)
                .filter_map(|l| themes.get(&l.theme_id).cloned())
                .collect();
            named.sort_by(|a, b| a.name.cmp(&b.name));
            ChangeDetail {
                response,
                comments: linked,
                themes: named,
            }
        })
        .collect())
}

/// For each comment, the versions it shaped: (version number, change id), oldest first. One
/// query, whatever the number of comments.
pub async fn shaped_by(
    conn: &impl ConnectionTrait,
    comment_ids: &[i32],
) -> Result<HashMap<i32, Vec<(i32, i32)>>, DbErr> {
    use sea_orm::{JoinType, QuerySelect};
    let to_response: sea_orm::RelationDef =
        change_response_comment::Entity::belongs_to(change_response::Entity)
            .from(change_response_comment::Column::ChangeResponseId)
            .to(change_response::Column::Id)
            .into();
    let to_version: sea_orm::RelationDef =
        change_response::Entity::belongs_to(section_version::Entity)
            .from(change_response::Column::SectionVersionId)
            .to(section_version::Column::Id)
            .into();
    let rows: Vec<(i32, i32, i32)> = change_response_comment::Entity::find()
        .select_only()
        .column(change_response_comment::Column::CommentId)
        .column(section_version::Column::Number)
        .column(change_response::Column::Id)
        .join(JoinType::InnerJoin, to_response)
        .join(JoinType::InnerJoin, to_version)
        .filter(change_response_comment::Column::CommentId.is_in(comment_ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut shaped: HashMap<i32, Vec<(i32, i32)>> = HashMap::new();
    for (comment_id, number, change) in rows {
        shaped.entry(comment_id).or_default().push((number, change));
    }
    for versions in shaped.values_mut() {
        versions.sort_unstable();
    }
    Ok(shaped)
}

/// Every explained change of the consultation, or of one section, newest first.
pub async fn summaries(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    section_id: Option<i32>,
    locale: Locale,
) -> Result<Vec<ChangeSummary>, DbErr> {
    let mut sections =
        section::Entity::find().filter(section::Column::ConsultationId.eq(consultation_id));
    if let Some(id) = section_id {
        sections = sections.filter(section::Column::Id.eq(id));
    }
    let found = sections.all(conn).await?;
    // Titles in the reader's language where the translation follows the current text.
    let translated =
        crate::backend::services::strategy::translations_for(conn, &found, locale).await?;
    let sections: HashMap<i32, section::Model> = found
        .into_iter()
        .zip(translated)
        .map(|(mut s, t)| {
            if let Some(t) = t {
                s.title = t.title;
            }
            (s.id, s)
        })
        .collect();
    let versions: HashMap<i32, section_version::Model> = section_version::Entity::find()
        .filter(section_version::Column::SectionId.is_in(sections.keys().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let responses = change_response::Entity::find()
        .filter(change_response::Column::SectionVersionId.is_in(versions.keys().copied()))
        .all(conn)
        .await?;
    let mut found: Vec<ChangeSummary> = details(conn, responses)
        .await?
        .into_iter()
        .filter_map(|detail| {
            let version = versions.get(&detail.response.section_version_id)?;
            let section = sections.get(&version.section_id)?;
            let (explanation, explanation_lang) = explanation_in(&detail.response, locale);
            Some(ChangeSummary {
                section_slug: section.slug.clone(),
                section_title: section.title.clone(),
                version_number: version.number,
                published_at: version.published_at,
                explanation,
                explanation_lang,
                comment_count: detail.comments.len() as i64,
                themes: detail.themes.into_iter().map(|t| t.name).collect(),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then(a.section_title.cmp(&b.section_title))
    });
    Ok(found)
}

/// How many comments the staff editor offers to tick; others are added by reference.
pub const CANDIDATES: u64 = 200;

/// Published comments on the section made before `version`, those on text it rewrote or removed
/// first, then newest first; the ones already `linked` are always included. Each comes with
/// whether it was made on changed text.
pub async fn candidates(
    conn: &impl ConnectionTrait,
    found: &section::Model,
    version: &section_version::Model,
    previous: Option<&section_version::Model>,
    linked: &[i32],
) -> Result<Vec<(comment::Model, bool)>, DbErr> {
    use crate::backend::services::strategy::passages;
    use sea_orm::{Condition, QuerySelect};
    let kept: Vec<String> = passages(&version.body_markdown)
        .into_iter()
        .map(|p| p.anchor)
        .collect();
    let changed: Vec<String> = previous
        .map(|p| passages(&p.body_markdown))
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.anchor)
        .filter(|a| !kept.contains(a))
        .collect();
    let base = || {
        comment::Entity::find()
            .filter(comment::Column::SectionId.eq(found.id))
            .filter(comment::Column::Status.eq(CommentStatus::Published))
    };
    let on_changed = base()
        .filter(comment::Column::ParagraphAnchor.is_in(changed.clone()))
        .filter(comment::Column::CreatedAt.lte(version.published_at))
        .order_by_desc(comment::Column::CreatedAt)
        .limit(CANDIDATES)
        .all(conn)
        .await?;
    let others = base()
        .filter(
            Condition::any()
                .add(comment::Column::ParagraphAnchor.is_null())
                .add(comment::Column::ParagraphAnchor.is_not_in(changed.clone())),
        )
        .filter(comment::Column::CreatedAt.lte(version.published_at))
        .order_by_desc(comment::Column::CreatedAt)
        .limit(CANDIDATES.saturating_sub(on_changed.len() as u64))
        .all(conn)
        .await?;
    let found_ids: Vec<i32> = on_changed.iter().chain(&others).map(|c| c.id).collect();
    let missing: Vec<i32> = linked
        .iter()
        .copied()
        .filter(|id| !found_ids.contains(id))
        .collect();
    let extra = base()
        .filter(comment::Column::Id.is_in(missing))
        .all(conn)
        .await?;
    let is_changed = |c: &comment::Model| {
        c.paragraph_anchor
            .as_ref()
            .is_some_and(|a| changed.contains(a))
    };
    Ok(on_changed
        .into_iter()
        .chain(extra)
        .chain(others)
        .map(|c| {
            let flag = is_changed(&c);
            (c, flag)
        })
        .collect())
}
