//! Sliding-window limits kept in the database, so every instance behind a load balancer counts the same events.

use super::sha256_hex;
use crate::backend::entity::rate_limit_event::{self, Column, Entity};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub bucket: &'static str,
    pub max_events: u64,
    pub window: Duration,
}

/// Failed staff sign-ins per account: after five, the account is locked for the window.
pub const SIGN_IN_PER_EMAIL: Limit = Limit {
    bucket: "sign-in-email",
    max_events: 5,
    window: Duration::minutes(15),
};
/// Failed staff sign-ins per client address.
pub const SIGN_IN_PER_IP: Limit = Limit {
    bucket: "sign-in-ip",
    max_events: 20,
    window: Duration::minutes(15),
};

/// Inquiries per client address: generous enough for a shared library computer.
pub const INQUIRY_PER_IP: Limit = Limit {
    bucket: "inquiry-ip",
    max_events: 10,
    window: Duration::hours(1),
};
/// Inquiries per sender address.
pub const INQUIRY_PER_EMAIL: Limit = Limit {
    bucket: "inquiry-email",
    max_events: 5,
    window: Duration::hours(1),
};

/// Comments per client address and per (optional) email address.
pub const COMMENT_PER_IP: Limit = Limit {
    bucket: "comment-ip",
    max_events: 20,
    window: Duration::hours(1),
};
pub const COMMENT_PER_EMAIL: Limit = Limit {
    bucket: "comment-email",
    max_events: 10,
    window: Duration::hours(1),
};

/// RSVPs per client address and per email address.
pub const RSVP_PER_IP: Limit = Limit {
    bucket: "rsvp-ip",
    max_events: 20,
    window: Duration::hours(1),
};
pub const RSVP_PER_EMAIL: Limit = Limit {
    bucket: "rsvp-email",
    max_events: 10,
    window: Duration::hours(1),
};

/// Survey drafts started, and responses submitted, per client address.
pub const SURVEY_START_PER_IP: Limit = Limit {
    bucket: "survey-start-ip",
    max_events: 30,
    window: Duration::hours(1),
};
pub const SURVEY_SUBMIT_PER_IP: Limit = Limit {
    bucket: "survey-submit-ip",
    max_events: 20,
    window: Duration::hours(1),
};

/// Privacy requests by email address, per client address and per address asked about: each one
/// sends an email to that address, so the limits keep the form from becoming a mail cannon.
pub const PRIVACY_REQUEST_PER_IP: Limit = Limit {
    bucket: "privacy-request-ip",
    max_events: 10,
    window: Duration::hours(1),
};
pub const PRIVACY_REQUEST_PER_EMAIL: Limit = Limit {
    bucket: "privacy-request-email",
    max_events: 3,
    window: Duration::hours(1),
};

/// Reports per client address.
pub const REPORT_PER_IP: Limit = Limit {
    bucket: "report-ip",
    max_events: 30,
    window: Duration::hours(1),
};

/// `Err(minutes)` says how long until the next event is allowed.
pub async fn check(
    conn: &impl ConnectionTrait,
    limit: &Limit,
    key: &str,
) -> Result<Result<(), u32>, DbErr> {
    let since = Utc::now() - limit.window;
    let recent = Entity::find()
        .filter(Column::Bucket.eq(limit.bucket))
        .filter(Column::KeyHash.eq(sha256_hex(&[limit.bucket, key])))
        .filter(Column::OccurredAt.gt(since))
        .order_by_asc(Column::OccurredAt)
        .all(conn)
        .await?;
    if (recent.len() as u64) < limit.max_events {
        return Ok(Ok(()));
    }
    metrics::counter!("engage_rate_limit_refusals_total", "bucket" => limit.bucket).increment(1);
    let oldest_counted = recent.len() - limit.max_events as usize;
    let frees_at = recent
        .get(oldest_counted)
        .map_or(Utc::now() + limit.window, |e| e.occurred_at + limit.window);
    let seconds = (frees_at - Utc::now()).num_seconds().max(1);
    Ok(Err(u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)))
}

/// Counts one event and says whether it was allowed, as one step: concurrent callers for the same
/// key are serialised (SQLite's write lock, taken at BEGIN; a transaction-scoped advisory lock on
/// PostgreSQL), so a burst lets at most `max_events` through. `Err(minutes)` when refused.
pub async fn take<C>(db: &C, limit: &Limit, key: &str) -> Result<Result<(), u32>, DbErr>
where
    C: ConnectionTrait + sea_orm::TransactionTrait,
{
    use sea_orm::TransactionSession;
    let txn = super::begin_write(db).await?;
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let lock_key =
            i64::from_str_radix(&sha256_hex(&[limit.bucket, key])[..15], 16).unwrap_or_default();
        txn.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [lock_key.into()],
        ))
        .await?;
    }
    let verdict = check(&txn, limit, key).await?;
    if verdict.is_ok() {
        record(&txn, limit, key).await?;
    }
    txn.commit().await?;
    Ok(verdict)
}

pub async fn record(conn: &impl ConnectionTrait, limit: &Limit, key: &str) -> Result<(), DbErr> {
    let key_hash = sha256_hex(&[limit.bucket, key]);
    // Events older than the window no longer count; dropping them keeps the table small.
    Entity::delete_many()
        .filter(Column::Bucket.eq(limit.bucket))
        .filter(Column::KeyHash.eq(key_hash.clone()))
        .filter(Column::OccurredAt.lt(Utc::now() - limit.window))
        .exec(conn)
        .await?;
    rate_limit_event::ActiveModel {
        bucket: Set(limit.bucket.to_string()),
        key_hash: Set(key_hash),
        occurred_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn clear(conn: &impl ConnectionTrait, limit: &Limit, key: &str) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Bucket.eq(limit.bucket))
        .filter(Column::KeyHash.eq(sha256_hex(&[limit.bucket, key])))
        .exec(conn)
        .await?;
    Ok(())
}

use sea_orm::ActiveModelTrait;
