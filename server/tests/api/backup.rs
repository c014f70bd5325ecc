//! `engage backup` on a database that is being written to, and `engage restore` from that file.

use crate::helpers::spawn_app;
use app::backend::entity::audit_log;
use app::backend::services::audit;
use engage::backup::{BackupError, backup, restore};
use sea_orm::{Database, EntityTrait, PaginatorTrait};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_busy_database_restores_with_every_row() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("engage-backup.db");
    if std::env::var("ENGAGE_TEST_DATABASE_URL").is_ok() {
        // PostgreSQL is backed up with pg_dump; the command says so instead of guessing.
        assert!(matches!(
            backup(&app.db, &file).await,
            Err(BackupError::NotSqlite)
        ));
        return;
    }
    let writer = {
        let db = app.db.clone();
        tokio::spawn(async move {
            for n in 0..400 {
                audit::record(&db, None, "test.write", "row", n, None)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        })
    };
    // Let the writer get going, then back up in the middle of it.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let before = audit_log::Entity::find()
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    backup(&app.db, &file)
        .await
        .unwrap_or_else(|e| panic!("backup: {e}"));
    writer.await.unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        backup(&app.db, &file).await,
        Err(BackupError::Exists(_))
    ));

    let restored = dir.path().join("restored.db");
    restore(&file, &restored)
        .await
        .unwrap_or_else(|e| panic!("restore: {e}"));
    let db = Database::connect(format!("sqlite://{}?mode=ro", restored.display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = audit_log::Entity::find()
        .all(&db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        rows.len() as u64 >= before,
        "{} rows, {before} before",
        rows.len()
    );
    // A snapshot: the rows it holds are the first ones written, with no gap.
    let mut ids: Vec<i32> = rows
        .iter()
        .filter(|r| r.action == "test.write")
        .map(|r| r.record_id)
        .collect();
    ids.sort_unstable();
    assert!(
        ids.iter().enumerate().all(|(i, id)| *id == i as i32),
        "a gap in {ids:?}"
    );

    let garbage = dir.path().join("not-a-backup.db");
    std::fs::write(&garbage, b"hello").unwrap_or_else(|e| panic!("{e}"));
    assert!(restore(&garbage, &dir.path().join("x.db")).await.is_err());
}
