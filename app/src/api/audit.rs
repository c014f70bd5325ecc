//! The audit log viewer for admins: who did what to which record, filtered, newest first.

#[cfg(feature = "ssr")]
use crate::backend::access::require;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::audit::AuditFilters;

/// Rows shown on the page; the CSV has every match.
pub const PAGE_ROWS: u64 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    /// The staff member's address, or empty for the public and the system (a failed sign-in).
    pub who: String,
    pub action: String,
    pub object: String,
    pub object_id: i32,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub rows: Vec<AuditRow>,
    /// (id, email) of every staff account, for the "who" filter.
    pub staff: Vec<(i32, String)>,
    pub actions: Vec<String>,
    pub objects: Vec<String>,
    /// More rows matched than the page shows.
    pub truncated: bool,
}

/// The rows as the page and the CSV show them.
#[cfg(feature = "ssr")]
pub async fn audit_rows(
    conn: &impl sea_orm::ConnectionTrait,
    filters: &AuditFilters,
    mail: &crate::backend::MailContext,
    limit: Option<u64>,
) -> Result<(Vec<AuditRow>, Vec<(i32, String)>), AppError> {
    use crate::backend::services::{audit, staff};
    let staff: Vec<(i32, String)> = staff::list(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.email))
        .collect();
    let email_of = |id: Option<i32>| {
        id.and_then(|id| staff.iter().find(|(s, _)| *s == id))
            .map(|(_, e)| e.clone())
            .unwrap_or_default()
    };
    let rows = audit::search(conn, filters, mail.zone, limit)
        .await?
        .into_iter()
        .map(|r| AuditRow {
            at: mail.wall_clock(r.created_at),
            who: email_of(r.staff_account_id),
            action: r.action,
            object: r.record_type,
            object_id: r.record_id,
            detail: r.detail.unwrap_or_default(),
        })
        .collect();
    Ok((rows, staff))
}

#[server(endpoint = "staff/audit")]
pub async fn audit_log(filters: AuditFilters) -> Result<AuditView, AppError> {
    use crate::backend::{app_state, services::audit};
    require(Permission::Administer).await?;
    let state = app_state()?;
    let (mut rows, staff) =
        audit_rows(&state.db, &filters, &state.mail, Some(PAGE_ROWS + 1)).await?;
    let truncated = rows.len() as u64 > PAGE_ROWS;
    rows.truncate(PAGE_ROWS as usize);
    let (actions, objects) = audit::kinds(&state.db).await?;
    Ok(AuditView {
        rows,
        staff,
        actions,
        objects,
        truncated,
    })
}
