//! `engage backup` and `engage restore` for the embedded SQLite database. A backup is taken with
//! `VACUUM INTO` on the live database: one consistent snapshot while the portal keeps serving.
//! PostgreSQL is backed up with its own tools (`pg_dump`), as the README explains.

use sea_orm::{ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr, Statement};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file")]
    Exists(PathBuf),
    #[error("this is a PostgreSQL database: back it up with pg_dump (see the README)")]
    NotSqlite,
    #[error("{0} is not an Engage backup: {1}")]
    NotABackup(PathBuf, String),
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes a consistent copy of the live database to `target` (a new file).
pub async fn backup(db: &DatabaseConnection, target: &Path) -> Result<(), BackupError> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    if target.exists() {
        return Err(BackupError::Exists(target.to_path_buf()));
    }
    let quoted = target.display().to_string().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await?;
    Ok(())
}

/// Checks that `source` is a sound Engage database, then puts it in place of `database` (the
/// portal must be stopped). The file it replaces is kept beside it as `.before-restore`.
pub async fn restore(source: &Path, database: &Path) -> Result<(), BackupError> {
    let url = format!("sqlite://{}?mode=ro", source.display());
    let check = Database::connect(&url)
        .await
        .map_err(|e| BackupError::NotABackup(source.to_path_buf(), e.to_string()))?;
    let row = check
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "PRAGMA integrity_check".to_string(),
        ))
        .await?;
    let verdict: String = row
        .and_then(|r| r.try_get_by_index::<String>(0).ok())
        .unwrap_or_default();
    if verdict != "ok" {
        return Err(BackupError::NotABackup(source.to_path_buf(), verdict));
    }
    let migrated = check
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "SELECT count(*) FROM seaql_migrations".to_string(),
        ))
        .await
        .map_err(|e| BackupError::NotABackup(source.to_path_buf(), e.to_string()))?;
    if migrated.is_none() {
        return Err(BackupError::NotABackup(
            source.to_path_buf(),
            "no migrations table".into(),
        ));
    }
    check.close().await?;
    if database.exists() {
        std::fs::rename(database, database.with_extension("db.before-restore"))?;
    }
    // A write-ahead log of the old database must not be replayed onto the restored one.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", database.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::copy(source, database)?;
    Ok(())
}
