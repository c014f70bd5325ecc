//! Opening the database: SQLite tuned for durability (WAL, synchronous=FULL) or a PostgreSQL pool.

use crate::config::Settings;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Statements taking longer than this are logged (SQL text only: values can be personal data).
const SLOW_QUERY: Duration = Duration::from_millis(250);

/// How many statements a connection pool has run: tests use it to prove that a page's queries do
/// not grow with the number of comments.
#[derive(Clone, Debug, Default)]
pub struct QueryCounter(Arc<AtomicU64>);

impl QueryCounter {
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    connect_counted(settings, &QueryCounter::default()).await
}

pub async fn connect_counted(
    settings: &Settings,
    counter: &QueryCounter,
) -> Result<DatabaseConnection, DbErr> {
    let url = settings.database_url.expose_secret();
    if let Some(path) = sqlite_file(url)
        && let Some(parent) = std::path::Path::new(&path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display())))?;
    }
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(settings.db_max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let mut db = Database::connect(options).await?;
    let counter = counter.0.clone();
    db.set_metric_callback(move |info| {
        counter.fetch_add(1, Ordering::Relaxed);
        if info.elapsed > SLOW_QUERY {
            tracing::warn!(elapsed_ms = info.elapsed.as_millis() as u64, sql = %info.statement.sql, "slow query");
        }
    });
    Ok(db)
}

/// The file behind a `sqlite://` URL, if it is one (and not in memory).
/// An arbitrary constant naming Engage's migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK: i64 = 0x656e_6761_6765;

/// Applies the migrations once, however many instances start at the same moment: on PostgreSQL
/// under a session advisory lock held on a connection of its own (every statement of the
/// migrations runs in that one session); on SQLite under an exclusive lock on a file beside the
/// database (the migrations are several transactions, which SQLite's own lock does not cover).
pub async fn migrate(settings: &Settings, db: &DatabaseConnection) -> Result<(), DbErr> {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        let Some(file) = sqlite_file(settings.database_url.expose_secret()) else {
            return Migrator::up(db, None).await;
        };
        let lock_path = format!("{file}.migrate-lock");
        let lock = tokio::task::spawn_blocking(move || {
            let lock = std::fs::File::create(&lock_path)?;
            lock.lock()?;
            Ok::<_, std::io::Error>(lock)
        })
        .await
        .map_err(|e| DbErr::Custom(format!("migration lock: {e}")))?
        .map_err(|e| DbErr::Custom(format!("migration lock: {e}")))?;
        let applied = Migrator::up(db, None).await;
        // Closing the file releases the lock.
        drop(lock);
        return applied;
    }
    let mut options = ConnectOptions::new(settings.database_url.expose_secret().to_string());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let session = Database::connect(options).await?;
    session
        .execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
        .await?;
    let applied = Migrator::up(&session, None).await;
    let unlocked = session
        .execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
        .await;
    session.close().await?;
    applied.and(unlocked.map(|_| ()))
}

/// The file behind a `sqlite:` URL (not an in-memory database).
pub fn sqlite_file(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn finds_the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite://data/engage.db?mode=rwc").as_deref(),
            Some("data/engage.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/test"), None);
    }
}
