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

/// The start script the container and the systemd unit both run refuses to serve as root.
#[test]
fn the_start_script_refuses_to_run_as_root() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/start.sh");
    let whoami = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let uid = String::from_utf8_lossy(&whoami.stdout).trim().to_string();
    // A PATH without the engage binary: the script must stop before it would need it.
    let run = std::process::Command::new("/bin/sh")
        .arg(script)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let said = String::from_utf8_lossy(&run.stderr);
    if uid == "0" {
        assert!(!run.status.success());
        assert!(said.contains("refusing to run as root"), "{said}");
    } else {
        // Not root: it goes on to check the settings (and fails here only for want of the binary).
        assert!(!said.contains("refusing to run as root"), "{said}");
    }
}
