//! The staff view of the email outbox: what is queued, sent or dead, with every attempt; dead messages can be retried.

#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
use crate::domain::status::OutboxStatus;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptRow {
    pub at: String,
    pub worker: String,
    pub succeeded: bool,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i32,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    /// True for a queued message that has failed at least once.
    pub failing: bool,
    pub created: String,
    pub sent: Option<String>,
    pub next_attempt: Option<String>,
    pub last_error: Option<String>,
    pub attempts: Vec<AttemptRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    /// `None` when mail goes to an SMTP server, else the folder .eml files are written to.
    pub files_folder: Option<String>,
    pub rows: Vec<OutboxRow>,
}

#[server(endpoint = "staff/outbox/list")]
pub async fn list_outbox(status: Option<String>) -> Result<OutboxView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::{outbox_attempt, outbox_message};
    use crate::backend::{MailDelivery, app_state};
    use crate::domain::Permission;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

    require(Permission::Administer).await?;
    let state = app_state()?;
    let mut query = outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::Id)
        .limit(200);
    match status.as_deref() {
        Some("failed") => {
            query = query
                .filter(outbox_message::Column::Status.eq(OutboxStatus::Queued))
                .filter(outbox_message::Column::Attempts.gt(0));
        }
        Some(s) => {
            if let Some(status) = OutboxStatus::parse(s) {
                query = query.filter(outbox_message::Column::Status.eq(status));
            }
        }
        _ => {}
    }
    let messages = query.all(&state.db).await?;
    let ids: Vec<i32> = messages.iter().map(|m| m.id).collect();
    let attempts = outbox_attempt::Entity::find()
        .filter(outbox_attempt::Column::OutboxMessageId.is_in(ids))
        .order_by_asc(outbox_attempt::Column::Id)
        .all(&state.db)
        .await?;
    let time = |t: chrono::DateTime<chrono::Utc>| state.mail.wall_clock(t);
    Ok(OutboxView {
        files_folder: match &state.portal.mail_delivery {
            MailDelivery::Files(folder) => Some(folder.clone()),
            MailDelivery::Smtp => None,
        },
        rows: messages
            .into_iter()
            .map(|m| OutboxRow {
                id: m.id,
                kind: m.kind,
                to: m.to_address,
                subject: m.subject,
                failing: m.status == OutboxStatus::Queued && m.attempts > 0,
                next_attempt: (m.status == OutboxStatus::Queued).then(|| time(m.next_attempt_at)),
                status: m.status.to_string(),
                created: time(m.created_at),
                sent: m.sent_at.map(time),
                last_error: m.last_error,
                attempts: attempts
                    .iter()
                    .filter(|a| a.outbox_message_id == m.id)
                    .map(|a| AttemptRow {
                        at: time(a.attempted_at),
                        worker: a.worker.clone(),
                        succeeded: a.succeeded,
                        error: a.error.clone(),
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[server(endpoint = "staff/outbox/retry")]
pub async fn retry_outbox_message(id: i32) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::app_state;
    use crate::backend::services::{audit, outbox};
    use crate::domain::Permission;

    let staff_id = require(Permission::Administer).await?.staff_id;
    let state = app_state()?;
    let txn = crate::backend::services::begin_write(&state.db).await?;
    if !outbox::retry_dead(&txn, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Some(staff_id),
        "outbox.retried",
        "outbox_message",
        id,
        None,
    )
    .await?;
    txn.commit().await?;
    crate::backend::request::redirect("/staff/outbox");
    Ok(())
}
