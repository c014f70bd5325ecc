use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_ok() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap_or_default(), "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_checks_the_database() {
    let app = spawn_app().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_roll_back_and_apply_again() {
    use migrations::{Migrator, MigratorTrait};
    let app = spawn_app().await;
    Migrator::down(&app.db, None)
        .await
        .unwrap_or_else(|e| panic!("down: {e}"));
    assert!(
        Migrator::get_applied_migrations(&app.db)
            .await
            .unwrap_or_default()
            .is_empty()
    );
    Migrator::up(&app.db, None)
        .await
        .unwrap_or_else(|e| panic!("up: {e}"));
    assert!(
        Migrator::get_pending_migrations(&app.db)
            .await
            .unwrap_or_default()
            .is_empty()
    );
}
