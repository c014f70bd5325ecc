//! The themes staff put on what people wrote: one item at a time or every result of a search at
//! once, each change audited and undone the same way; and the themes of items and sources.

use super::full_name;
use crate::backend::entity::{feedback_item, theme, theme_tag};
use crate::backend::services::audit;
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// How a tagging came about, for the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// From the item itself.
    One,
    /// Every result of a search.
    Bulk,
    /// A suggestion confirmed in the review queue.
    Suggestion,
}

/// Puts a theme on items that do not carry it yet; returns how many gained it. Audited once per
/// call: the item when one, the theme and the count when many.
pub async fn tag(
    conn: &impl ConnectionTrait,
    found: &theme::Model,
    item_ids: &[i32],
    staff_id: i32,
    how: Tagging,
) -> Result<u64, DbErr> {
    // In chunks: a search can match more items than a statement may carry parameters.
    let mut valid: Vec<i32> = Vec::new();
    for chunk in item_ids.chunks(500) {
        let existing: std::collections::HashSet<i32> = theme_tag::Entity::find()
            .filter(theme_tag::Column::ThemeId.eq(found.id))
            .filter(theme_tag::Column::ItemId.is_in(chunk.to_vec()))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| t.item_id)
            .collect();
        valid.extend(
            feedback_item::Entity::find()
                .filter(feedback_item::Column::Id.is_in(chunk.to_vec()))
                .filter(feedback_item::Column::ConsultationId.eq(found.consultation_id))
                .all(conn)
                .await?
                .into_iter()
                .map(|i| i.id)
                .filter(|id| !existing.contains(id)),
        );
    }
    let now = Utc::now();
    for chunk in valid.chunks(500) {
        theme_tag::Entity::insert_many(chunk.iter().map(|item| theme_tag::ActiveModel {
            theme_id: Set(found.id),
            item_id: Set(*item),
            staff_account_id: Set(Some(staff_id)),
            created_at: Set(now),
            ..Default::default()
        }))
        .exec(conn)
        .await?;
    }
    let added = valid.len() as u64;
    if added > 0 {
        let (action, record_type, record_id) = match (how, valid.as_slice()) {
            (Tagging::One, [item]) => ("theme.tagged", "feedback_item", *item),
            (Tagging::Suggestion, [item]) => ("theme.suggestion_confirmed", "feedback_item", *item),
            _ => ("theme.tagged_bulk", "theme", found.id),
        };
        let detail = if record_type == "theme" {
            format!("{added} items")
        } else {
            format!("theme {}", found.id)
        };
        audit::record(
            conn,
            Some(staff_id),
            action,
            record_type,
            record_id,
            Some(detail),
        )
        .await?;
    }
    Ok(added)
}

/// Takes a theme off items; returns how many lost it. Audited like `tag`.
pub async fn untag(
    conn: &impl ConnectionTrait,
    found: &theme::Model,
    item_ids: &[i32],
    staff_id: i32,
    how: Tagging,
) -> Result<u64, DbErr> {
    let mut removed = 0;
    for chunk in item_ids.chunks(500) {
        removed += theme_tag::Entity::delete_many()
            .filter(theme_tag::Column::ThemeId.eq(found.id))
            .filter(theme_tag::Column::ItemId.is_in(chunk.to_vec()))
            .exec(conn)
            .await?
            .rows_affected;
    }
    if removed > 0 {
        let (action, record_type, record_id, detail) = match (how, item_ids) {
            (Tagging::One, [item]) => (
                "theme.untagged",
                "feedback_item",
                *item,
                format!("theme {}", found.id),
            ),
            _ => (
                "theme.untagged_bulk",
                "theme",
                found.id,
                format!("{removed} items"),
            ),
        };
        audit::record(
            conn,
            Some(staff_id),
            action,
            record_type,
            record_id,
            Some(detail),
        )
        .await?;
    }
    Ok(removed)
}

/// The themes on each of `item_ids`.
pub async fn themes_of(
    conn: &impl ConnectionTrait,
    item_ids: &[i32],
) -> Result<HashMap<i32, Vec<i32>>, DbErr> {
    let mut found: HashMap<i32, Vec<i32>> = HashMap::new();
    for chunk in item_ids.chunks(500) {
        for tag in theme_tag::Entity::find()
            .filter(theme_tag::Column::ItemId.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            found.entry(tag.item_id).or_default().push(tag.theme_id);
        }
    }
    Ok(found)
}

/// The theme ids on each source of a kind: a survey response gathers those of all its answers.
pub async fn theme_ids_by_source(
    conn: &impl ConnectionTrait,
    kind: crate::domain::feedback::FeedbackKind,
    source_ids: &[i32],
) -> Result<HashMap<i32, Vec<i32>>, DbErr> {
    let mut items: Vec<(i32, i32)> = Vec::new();
    for chunk in source_ids.chunks(500) {
        items.extend(
            feedback_item::Entity::find()
                .filter(feedback_item::Column::Kind.eq(kind.as_str()))
                .filter(feedback_item::Column::SourceId.is_in(chunk.to_vec()))
                .all(conn)
                .await?
                .into_iter()
                .map(|i| (i.id, i.source_id)),
        );
    }
    let ids: Vec<i32> = items.iter().map(|(id, _)| *id).collect();
    let tags = themes_of(conn, &ids).await?;
    let mut found: HashMap<i32, Vec<i32>> = HashMap::new();
    for (item, source) in items {
        for theme_id in tags.get(&item).into_iter().flatten() {
            let list = found.entry(source).or_default();
            if !list.contains(theme_id) {
                list.push(*theme_id);
            }
        }
    }
    Ok(found)
}

/// The names of the themes on each source of a kind ("Lighting; Safety"), for the exports.
pub async fn names_by_source(
    conn: &impl ConnectionTrait,
    kind: crate::domain::feedback::FeedbackKind,
    source_ids: &[i32],
) -> Result<HashMap<i32, String>, DbErr> {
    let ids = theme_ids_by_source(conn, kind, source_ids).await?;
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let themes = theme::Entity::find().all(conn).await?;
    Ok(ids
        .into_iter()
        .map(|(source, list)| {
            let mut names: Vec<String> = list
                .iter()
                .filter_map(|id| themes.iter().find(|t| t.id == *id))
                .map(|t| full_name(&themes, t))
                .collect();
            names.sort();
            (source, names.join("; "))
        })
        .collect())
}
