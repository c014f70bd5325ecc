//! The raw numbers and rows behind "What we heard": comments by group and channel, the themes each
//! group raised, published comments with the City's replies, and versions published since the
//! consultation opened. Nothing here is withheld yet; `report` applies the small-cell rule.

use crate::backend::entity::{comment, comment_reply, consultation, section_version, theme};
use crate::backend::services::search::query::Filters;
use crate::backend::services::themes;
use crate::domain::status::CommentStatus;
use sea_orm::sea_query::{Expr, ExprTrait as _, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::BTreeMap;

/// Comments received per (section id, stakeholder group, channel), in one grouped query.
pub async fn comments_by_group_and_channel(
    conn: &impl ConnectionTrait,
    section_ids: &[i32],
) -> Result<Vec<(i32, String, String, i64)>, DbErr> {
    comment::Entity::find()
        .select_only()
        .column(comment::Column::SectionId)
        .column(comment::Column::StakeholderGroup)
        .column(comment::Column::Channel)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::SectionId.is_in(section_ids.to_vec()))
        .group_by(comment::Column::SectionId)
        .group_by(comment::Column::StakeholderGroup)
        .group_by(comment::Column::Channel)
        .into_tuple()
        .all(conn)
        .await
}

/// Per stakeholder group, every theme its inputs carry with how many inputs (a theme's full name,
/// "Parent › Child" for a sub-theme), in the consultation or on one section's comments.
pub async fn themes_by_group(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    section_id: Option<i32>,
) -> Result<BTreeMap<String, Vec<(String, i64)>>, DbErr> {
    let filters = Filters {
        section_id,
        ..Default::default()
    };
    let counts = themes::counts::counts(conn, consultation_id, &filters).await?;
    let codebook = theme::Entity::find()
        .filter(theme::Column::ConsultationId.eq(consultation_id))
        .all(conn)
        .await?;
    let names: BTreeMap<i32, String> = codebook
        .iter()
        .map(|t| (t.id, themes::full_name(&codebook, t)))
        .collect();
    let mut by_group: BTreeMap<String, Vec<(String, i64)>> = BTreeMap::new();
    for ((theme_id, group), n) in counts.by_group {
        if let Some(name) = names.get(&theme_id) {
            by_group
                .entry(if group.is_empty() {
                    "unknown".into()
                } else {
                    group
                })
                .or_default()
                .push((name.clone(), n));
        }
    }
    Ok(by_group)
}

/// How many of these sections' published comments the City replied to, and one page of them
/// (newest first) with their replies, oldest reply first.
pub async fn official_responses(
    conn: &impl ConnectionTrait,
    section_ids: &[i32],
    page: u64,
    per_page: u64,
) -> Result<(Vec<(comment::Model, Vec<comment_reply::Model>)>, u64), DbErr> {
    let replied = Query::select()
        .column(comment_reply::Column::CommentId)
        .from(comment_reply::Entity)
        .to_owned();
    let paginator = comment::Entity::find()
        .filter(comment::Column::SectionId.is_in(section_ids.to_vec()))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(Expr::col((comment::Entity, comment::Column::Id)).in_subquery(replied))
        .order_by_desc(comment::Column::CreatedAt)
        .order_by_desc(comment::Column::Id)
        .paginate(conn, Ord::max(per_page, 1));
    let total = paginator.num_items().await?;
    let found = paginator.fetch_page(page).await?;
    let ids: Vec<i32> = found.iter().map(|c| c.id).collect();
    let replies = crate::backend::services::comments::replies(conn, &ids).await?;
    let rows = found
        .into_iter()
        .map(|c| {
            let own = replies
                .iter()
                .filter(|r| r.comment_id == c.id)
                .cloned()
                .collect();
            (c, own)
        })
        .collect();
    Ok((rows, total))
}

/// Versions after the first that were published since the comment period opened (midnight in the
/// consultation's zone), newest first: the first version is the draft people commented on.
pub async fn versions_since_opening(
    conn: &impl ConnectionTrait,
    found: &consultation::Model,
    section_ids: &[i32],
) -> Result<Vec<section_version::Model>, DbErr> {
    let zone = crate::backend::services::content::zone_named(&found.time_zone);
    let opened = found
        .phase_opens_on
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(zone).earliest())
        .map(|at| at.with_timezone(&chrono::Utc));
    let mut query = section_version::Entity::find()
        .filter(section_version::Column::SectionId.is_in(section_ids.to_vec()))
        .filter(section_version::Column::Number.gt(1));
    if let Some(opened) = opened {
        query = query.filter(section_version::Column::PublishedAt.gte(opened));
    }
    query
        .order_by_desc(section_version::Column::PublishedAt)
        .order_by_desc(section_version::Column::Id)
        .all(conn)
        .await
}
