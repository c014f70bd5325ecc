//! Suggestions, never decisions: items whose words match a theme's keywords in their own language,
//! not yet carrying the theme and not turned down for it, wait for staff to confirm or dismiss.

use super::{Tagging, keywords, tag};
use crate::backend::entity::{feedback_item, theme, theme_dismissal, theme_tag};
use crate::backend::services::audit;
use crate::backend::services::search::query::{Filters, matching_with};
use chrono::Utc;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter,
};

/// One item offered for one theme.
#[derive(Clone, Debug)]
pub struct Suggestion {
    pub theme: theme::Model,
    pub item: feedback_item::Model,
}

const LANGUAGES: [&str; 3] = ["en", "es", "ru"];

/// Up to `limit` suggestions, theme by theme in codebook order, newest items first.
pub async fn pending(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    limit: usize,
) -> Result<Vec<Suggestion>, DbErr> {
    let themes = super::codebook(conn, consultation_id).await?;
    let mut found = Vec::new();
    for candidate in themes {
        for language in LANGUAGES {
            let phrases = keywords(&candidate, language);
            if phrases.is_empty() || found.len() >= limit {
                continue;
            }
            let filters = Filters {
                language: Some(language.to_string()),
                any_phrase: phrases,
                ..Filters::default()
            };
            let not_yet = Condition::all()
                .add(
                    feedback_item::Column::Id.not_in_subquery(
                        Query::select()
                            .column(theme_tag::Column::ItemId)
                            .from(theme_tag::Entity)
                            .and_where(theme_tag::Column::ThemeId.eq(candidate.id))
                            .to_owned(),
                    ),
                )
                .add(
                    feedback_item::Column::Id.not_in_subquery(
                        Query::select()
                            .column(theme_dismissal::Column::ItemId)
                            .from(theme_dismissal::Entity)
                            .and_where(theme_dismissal::Column::ThemeId.eq(candidate.id))
                            .to_owned(),
                    ),
                );
            let room = (limit - found.len()) as u64;
            for item in matching_with(conn, consultation_id, &filters, not_yet, room).await? {
                found.push(Suggestion {
                    theme: candidate.clone(),
                    item,
                });
            }
        }
    }
    Ok(found)
}

/// The item and theme of a suggestion, if both belong to the consultation.
async fn pair(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    theme_id: i32,
    item_id: i32,
) -> Result<Option<(theme::Model, feedback_item::Model)>, DbErr> {
    let Some(found) = super::find(conn, consultation_id, theme_id).await? else {
        return Ok(None);
    };
    let item = feedback_item::Entity::find_by_id(item_id)
        .one(conn)
        .await?
        .filter(|i| i.consultation_id == consultation_id);
    Ok(item.map(|i| (found, i)))
}

/// Staff agree: the item gets the theme. `false` when the pair is unknown.
pub async fn confirm(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    theme_id: i32,
    item_id: i32,
    staff_id: i32,
) -> Result<bool, DbErr> {
    let Some((found, item)) = pair(conn, consultation_id, theme_id, item_id).await? else {
        return Ok(false);
    };
    tag(conn, &found, &[item.id], staff_id, Tagging::Suggestion).await?;
    Ok(true)
}

/// Staff disagree: the item is not offered for the theme again. `false` when the pair is unknown.
pub async fn dismiss(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    theme_id: i32,
    item_id: i32,
    staff_id: i32,
) -> Result<bool, DbErr> {
    let Some((found, item)) = pair(conn, consultation_id, theme_id, item_id).await? else {
        return Ok(false);
    };
    let already = theme_dismissal::Entity::find()
        .filter(theme_dismissal::Column::ThemeId.eq(found.id))
        .filter(theme_dismissal::Column::ItemId.eq(item.id))
        .one(conn)
        .await?;
    if already.is_none() {
        theme_dismissal::ActiveModel {
            theme_id: Set(found.id),
            item_id: Set(item.id),
            staff_account_id: Set(Some(staff_id)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        audit::record(
            conn,
            Some(staff_id),
            "theme.suggestion_dismissed",
            "feedback_item",
            item.id,
            Some(format!("theme {}", found.id)),
        )
        .await?;
    }
    Ok(true)
}
