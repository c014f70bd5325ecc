//! The worker's side of the outbox: claiming due messages under a lease, recording each attempt,
//! backing off after a failure and giving up after the last, and retrying a dead message.

use crate::backend::entity::{outbox_attempt, outbox_message};
use crate::domain::status::OutboxStatus;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};

/// How hard to try: attempts before a message is dead, and the backoff between them.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub max_attempts: i32,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
}

/// Claims up to `limit` due messages for `claim` (unique per claim) until `now + lease`.
/// One statement: PostgreSQL skips rows another worker has locked; SQLite serialises writers.
pub async fn claim_due(
    conn: &impl ConnectionTrait,
    claim: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<outbox_message::Model>, DbErr> {
    use outbox_message::Column;
    // Scoped here: the trait's blanket impl would shadow `Ord::min` elsewhere in this file.
    use sea_orm::ExprTrait;
    let free = Expr::col(Column::LockedUntil)
        .is_null()
        .or(Expr::col(Column::LockedUntil).lt(now));
    let mut due = Query::select();
    due.column(Column::Id)
        .from(outbox_message::Entity)
        .and_where(Expr::col(Column::Status).eq(OutboxStatus::Queued))
        .and_where(Expr::col(Column::NextAttemptAt).lte(now))
        .and_where(free.clone())
        .order_by(Column::Id, sea_orm::Order::Asc)
        .limit(limit);
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    outbox_message::Entity::update_many()
        .col_expr(Column::LockedBy, Expr::value(claim))
        .col_expr(Column::LockedUntil, Expr::value(now + lease))
        .filter(Column::Id.in_subquery(due))
        // Checked again on the row itself, so a row claimed meanwhile is never claimed twice.
        .filter(free)
        .exec(conn)
        .await?;
    outbox_message::Entity::find()
        .filter(Column::LockedBy.eq(claim))
        .filter(Column::Status.eq(OutboxStatus::Queued))
        .order_by_asc(Column::Id)
        .all(conn)
        .await
}

async fn record_attempt(
    conn: &impl ConnectionTrait,
    message_id: i32,
    worker: &str,
    now: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), DbErr> {
    outbox_attempt::ActiveModel {
        outbox_message_id: Set(message_id),
        worker: Set(worker.to_string()),
        attempted_at: Set(now),
        succeeded: Set(error.is_none()),
        error: Set(error),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn mark_sent(
    conn: &impl ConnectionTrait,
    message: &outbox_message::Model,
    claim: &str,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use outbox_message::Column;
    outbox_message::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Sent))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::Attempts, Expr::value(message.attempts + 1))
        .col_expr(Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(Column::Id.eq(message.id))
        .filter(Column::LockedBy.eq(claim))
        .exec(conn)
        .await?;
    record_attempt(conn, message.id, worker, now, None).await
}

/// Exponential backoff with "equal jitter": half the delay fixed, half random, so workers spread out.
pub fn backoff(policy: &RetryPolicy, attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let full = policy
        .backoff_base
        .num_milliseconds()
        .saturating_mul(1_i64 << exponent);
    let capped = full.min(policy.backoff_max.num_milliseconds()).max(1);
    let half = capped / 2;
    Duration::milliseconds(half + rand::thread_rng().gen_range(0..=half.max(0)))
}

pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    message: &outbox_message::Model,
    claim: &str,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
    policy: &RetryPolicy,
) -> Result<(), DbErr> {
    use outbox_message::Column;
    let attempts = message.attempts + 1;
    let status = if attempts >= policy.max_attempts {
        OutboxStatus::Dead
    } else {
        OutboxStatus::Queued
    };
    outbox_message::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::Attempts, Expr::value(attempts))
        .col_expr(
            Column::NextAttemptAt,
            Expr::value(now + backoff(policy, attempts)),
        )
        .col_expr(Column::LastError, Expr::value(error.to_string()))
        .col_expr(Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(
            Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(Column::Id.eq(message.id))
        .filter(Column::LockedBy.eq(claim))
        .exec(conn)
        .await?;
    record_attempt(conn, message.id, worker, now, Some(error.to_string())).await
}

/// Puts a dead message back in the queue with a fresh set of attempts; returns whether it was dead.
pub async fn retry_dead(conn: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    use outbox_message::Column;
    let result = outbox_message::Entity::update_many()
        .col_expr(Column::Status, Expr::value(OutboxStatus::Queued))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(Utc::now()))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(OutboxStatus::Dead))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_within_bounds() {
        let policy = RetryPolicy {
            max_attempts: 8,
            backoff_base: Duration::seconds(30),
            backoff_max: Duration::minutes(30),
        };
        let first = backoff(&policy, 1);
        assert!(
            first >= Duration::seconds(15) && first <= Duration::seconds(30),
            "{first}"
        );
        let fourth = backoff(&policy, 4);
        assert!(
            fourth >= Duration::seconds(120) && fourth <= Duration::seconds(240),
            "{fourth}"
        );
        let late = backoff(&policy, 30);
        assert!(
            late <= Duration::minutes(30) && late >= Duration::minutes(15),
            "{late}"
        );
    }
}
