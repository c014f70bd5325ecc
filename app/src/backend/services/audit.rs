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
