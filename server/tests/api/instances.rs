//! Several instances against one database, as behind a load balancer: they start at the same
//! moment (the migrations run once), share sign-ins and share rate limits.

use crate::helpers::{database_url, location, spawn_app_on};
use crate::smtp::SmtpSink;
use app::domain::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_start_together_and_share_sessions_and_limits() {
    let first_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = database_url(&first_dir).await;
    let second_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Both instances run their email worker against one SMTP server.
    let sink = SmtpSink::start().await;
    let smtp = sink.url();
    let (a, b) = tokio::join!(
        spawn_app_on(first_dir, &url, |s| s.smtp_url = Some(smtp.clone().into())),
        spawn_app_on(second_dir, &url, |s| s.smtp_url = Some(smtp.clone().into()))
    );
    use sea_orm::{ConnectionTrait, Statement};
    let applied =
        a.db.query_all_raw(Statement::from_string(
            a.db.get_database_backend(),
            "SELECT version FROM seaql_migrations".to_string(),
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut versions: Vec<String> = applied
        .iter()
        .filter_map(|r| r.try_get::<String>("", "version").ok())
        .collect();
    let count = versions.len();
    versions.dedup();
    assert_eq!(versions.len(), count, "each migration once");
    assert_eq!(count, migrations::Migrator::migrations().len());

    // Signed in on one instance, recognised by the other.
    a.create_staff(
        "clerk@weho.org",
        Role::Admin,
        "correct horse battery staple",
    )
    .await;
    let signed_in = a
        .sign_in("clerk@weho.org", "correct horse battery staple")
        .await;
    assert!(signed_in.status().is_redirection());
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("engage_session="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_string();
    let on_b = b
        .client
        .get(b.url("/staff"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(on_b.status(), 200);

    // Rate limits are counted in the database: five inquiries on each instance from one sender
    // address, and the eleventh is refused wherever it arrives.
    let mut accepted = 0;
    for n in 0..10 {
        let app = if n % 2 == 0 { &a } else { &b };
        let email = format!("sender{n}@example.org");
        let response = app.submit_inquiry(&[("email", email.as_str())]).await;
        if location(&response).starts_with("/contact/thanks?ref=") {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 10);
    let eleventh = b.submit_inquiry(&[("email", "late@example.org")]).await;
    assert!(!location(&eleventh).starts_with("/contact/thanks?ref="));

    // Ten inquiries made twenty emails (the mailbox's and the sender's); the two workers
    // deliver each exactly once between them.
    let received = sink.wait_for(20).await;
    let ids: std::collections::HashSet<String> = received.iter().map(|m| m.message_id()).collect();
    assert_eq!(ids.len(), 20, "every message once");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sink.messages().len(), 20, "and none twice");
}

use migrations::MigratorTrait;
