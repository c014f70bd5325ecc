//! The audit log every staff action writes to, in the same transaction as the action.

use crate::backend::entity::audit_log;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

pub async fn record(
    conn: &impl ConnectionTrait,
    staff_id: Option<i32>,
    action: &str,
    record_type: &str,
    record_id: i32,
    detail: Option<String>,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        staff_account_id: Set(staff_id),
        action: Set(action.to_string()),
        record_type: Set(record_type.to_string()),
        record_id: Set(record_id),
        detail: Set(detail),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Rows matching the filters, newest first, at most `limit` (the CSV asks for all).
pub async fn search(
    conn: &impl ConnectionTrait,
    filters: &crate::domain::audit::AuditFilters,
    zone: chrono_tz::Tz,
    limit: Option<u64>,
) -> Result<Vec<audit_log::Model>, DbErr> {
    use chrono::TimeZone;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let midnight = |text: &str| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|d| zone.from_local_datetime(&d).earliest())
            .map(|d| d.with_timezone(&Utc))
    };
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Ok(id) = filters.who.trim().parse::<i32>() {
        query = query.filter(audit_log::Column::StaffAccountId.eq(id));
    }
    if !filters.action.trim().is_empty() {
        query = query.filter(audit_log::Column::Action.eq(filters.action.trim()));
    }
    if !filters.object.trim().is_empty() {
        query = query.filter(audit_log::Column::RecordType.eq(filters.object.trim()));
    }
    if let Some(from) = midnight(&filters.from) {
        query = query.filter(audit_log::Column::CreatedAt.gte(from));
    }
    if let Some(to) = midnight(&filters.to) {
        query = query.filter(audit_log::Column::CreatedAt.lt(to + chrono::Duration::days(1)));
    }
    if let Some(limit) = limit {
        query = query.limit(limit);
    }
    query.all(conn).await
}

/// The actions and object kinds present, for the viewer's drop-downs.
pub async fn kinds(conn: &impl ConnectionTrait) -> Result<(Vec<String>, Vec<String>), DbErr> {
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    let actions: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Action)
        .distinct()
        .order_by_asc(audit_log::Column::Action)
        .into_tuple()
        .all(conn)
        .await?;
    let objects: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::RecordType)
        .distinct()
        .order_by_asc(audit_log::Column::RecordType)
        .into_tuple()
        .all(conn)
        .await?;
    Ok((actions, objects))
}
