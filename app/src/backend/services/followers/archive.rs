//! Sent updates as the public archive keeps them, and who an update would reach, counted for
//! staff before they send (counts only: addresses never leave the service).

use crate::backend::entity::{follower, follower_update, section};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashSet;

/// Sent updates of the consultation, newest first.
pub async fn sent_updates(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    limit: u64,
) -> Result<Vec<follower_update::Model>, DbErr> {
    follower_update::Entity::find()
        .filter(follower_update::Column::ConsultationId.eq(consultation_id))
        .order_by_desc(follower_update::Column::SentAt)
        .order_by_desc(follower_update::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// One sent update of the consultation.
pub async fn update_by_id(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
) -> Result<Option<follower_update::Model>, DbErr> {
    follower_update::Entity::find_by_id(id)
        .filter(follower_update::Column::ConsultationId.eq(consultation_id))
        .one(conn)
        .await
}

/// Who an update can go to, and how many addresses it would reach now.
#[derive(Clone, Debug)]
pub struct Audience {
    /// `None`: the followers of the whole consultation.
    pub section: Option<section::Model>,
    pub followers: u64,
}

/// The whole consultation first, then each published section (whose updates also reach the
/// whole consultation's followers), each with its count of distinct confirmed addresses.
pub async fn audiences(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<Audience>, DbErr> {
    let confirmed: Vec<(Option<i32>, String)> = follower::Entity::find()
        .select_only()
        .column(follower::Column::SectionId)
        .column(follower::Column::Email)
        .filter(follower::Column::ConsultationId.eq(consultation_id))
        .filter(follower::Column::ConfirmedAt.is_not_null())
        .filter(follower::Column::UnsubscribedAt.is_null())
        .into_tuple()
        .all(conn)
        .await?;
    let count = |section_id: Option<i32>| {
        confirmed
            .iter()
            .filter(|(s, _)| s.is_none() || *s == section_id)
            .map(|(_, email)| email.as_str())
            .collect::<HashSet<_>>()
            .len() as u64
    };
    let sections = super::super::strategy::sections(conn, consultation_id).await?;
    let mut found = vec![Audience {
        section: None,
        followers: count(None),
    }];
    found.extend(
        sections
            .into_iter()
            .filter(|s| s.current_version_id.is_some())
            .map(|s| Audience {
                followers: count(Some(s.id)),
                section: Some(s),
            }),
    );
    Ok(found)
}
