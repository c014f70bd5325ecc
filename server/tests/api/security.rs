use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_strict_csp_with_a_fresh_nonce() {
    let app = spawn_app().await;
    let first = app.get("/").await;
    let csp = first
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(csp.contains("script-src 'self' 'nonce-"), "csp was {csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert!(csp.contains("frame-ancestors 'none'"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap_or_default()
        .to_string();
    let html = first.text().await.unwrap_or_default();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the header's nonce"
    );

    let second = app.get("/").await;
    let csp2 = second
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(!csp2.contains(&nonce), "every response gets its own nonce");
    for header in [
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
    ] {
        assert!(second.headers().contains_key(header), "{header} missing");
    }
    assert!(
        !second.headers().contains_key("strict-transport-security"),
        "no HSTS over plain http"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_public_url_turns_on_hsts_and_secure_cookies() {
    let app =
        crate::helpers::spawn_app_with(|s| s.public_url = "https://engage.example".into()).await;
    app.create_staff(
        "admin@weho.org",
        app::domain::Role::Admin,
        "a long enough password",
    )
    .await;
    let response = app.get("/").await;
    assert!(response.headers().contains_key("strict-transport-security"));
    let signed_in = app
        .sign_in("admin@weho.org", "a long enough password")
        .await;
    let cookie = signed_in
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.contains("; Secure"), "cookie was {cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused() {
    let app = spawn_app().await;
    app.create_staff(
        "admin@weho.org",
        app::domain::Role::Admin,
        "a long enough password",
    )
    .await;
    let from_elsewhere = app
        .client
        .post(app.url("/api/staff/sign-in"))
        .header("origin", "https://attacker.example")
        .form(&[
            ("email", "admin@weho.org"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_elsewhere.status(), 403);
    assert!(from_elsewhere.headers().get("set-cookie").is_none());

    let fetch_metadata = app
        .client
        .post(app.url("/api/staff/sign-out"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fetch_metadata.status(), 403);

    let same_origin = app
        .client
        .post(app.url("/api/staff/sign-in"))
        .header("origin", app.address.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "admin@weho.org"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(same_origin.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_refused() {
    let app = spawn_app().await;
    let huge = "x".repeat(300 * 1024);
    let response = app
        .client
        .post(app.url("/api/staff/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email=a%40b.org&password={huge}"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 413);
}

/// Everything the application logs in this test process, at debug level.
fn captured_logs() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    static LOGS: std::sync::OnceLock<std::sync::Arc<std::sync::Mutex<Vec<u8>>>> =
        std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug,sqlx=warn,sea_orm=warn,hyper=warn,hyper_util=warn,reqwest=warn")
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .try_init();
        buffer
    })
    .clone()
}

struct LogWriter(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manage_link_tokens_never_reach_the_log() {
    let logs = captured_logs();
    let app = spawn_app().await;
    let meeting = crate::events::meeting(&app, Some(30), 48).await;
    let placed = app::backend::services::events::rsvp(
        &app.db,
        meeting.id,
        &crate::events::person(3, 1),
        &crate::events::mail(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_else(|e| panic!("{e}"));
    let path = format!("/events/{}/rsvp/{}", meeting.slug, placed.token);
    let (status, page) = app.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Person 3"));
    let text =
        String::from_utf8_lossy(&logs.lock().map(|l| l.clone()).unwrap_or_default()).to_string();
    assert!(
        text.contains(&format!("/events/{}/rsvp/{{token}}", meeting.slug)),
        "the request was logged"
    );
    assert!(!text.contains(&placed.token), "the token is in the log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manage_link_stops_working_a_month_after_its_meeting() {
    let app = spawn_app().await;
    let meeting = crate::events::meeting(&app, Some(30), 48).await;
    let placed = app::backend::services::events::rsvp(
        &app.db,
        meeting.id,
        &crate::events::person(4, 1),
        &crate::events::mail(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_else(|e| panic!("{e}"));
    let path = format!("/events/{}/rsvp/{}", meeting.slug, placed.token);
    assert_eq!(app.get_html(&path).await.0, 200);
    let mut long_ago: app::backend::entity::event::ActiveModel = meeting.into();
    long_ago.starts_at = sea_orm::ActiveValue::Set(chrono::Utc::now() - chrono::Duration::days(32));
    long_ago.ends_at = sea_orm::ActiveValue::Set(chrono::Utc::now() - chrono::Duration::days(31));
    sea_orm::ActiveModelTrait::update(long_ago, &app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.get_html(&path).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_leaves_one_access_log_line_without_its_query() {
    let logs = captured_logs();
    let app = spawn_app().await;
    let (status, _) = app
        .get_html("/strategy?group=business&email=ana@example.org")
        .await;
    assert_eq!(status, 200);
    let text =
        String::from_utf8_lossy(&logs.lock().map(|l| l.clone()).unwrap_or_default()).to_string();
    let line = text
        .lines()
        .find(|l| l.contains("path=/strategy ") && l.contains("finished processing request"))
        .unwrap_or_else(|| panic!("no access log line"));
    assert!(line.contains(" INFO "), "{line}");
    assert!(
        line.contains("status=200") && line.contains("latency="),
        "{line}"
    );
    assert!(line.contains("request_id="), "{line}");
    assert!(
        !text.contains("ana@example.org"),
        "the query string was logged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_keep_only_keyed_hashes_of_addresses() {
    use app::backend::entity::rate_limit_event;
    use app::backend::privacy_key::PrivacyKey;
    use app::backend::services::sha256_hex;
    use sea_orm::EntityTrait;
    let secret = "a configured secret key of forty characters!";
    let app = crate::helpers::spawn_app_with(|s| {
        s.secret_key = Some(secrecy::SecretString::from(secret.to_string()));
    })
    .await;
    app.submit_inquiry(&[]).await;
    let stored: Vec<String> = rate_limit_event::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|e| e.key_hash)
        .collect();
    let keyed = PrivacyKey::from_secret(secret).hash("ana@example.org");
    assert!(
        stored.contains(&sha256_hex(&["inquiry-email", &keyed])),
        "the sender's address, keyed: {stored:?}"
    );
    assert!(
        !stored.contains(&sha256_hex(&["inquiry-email", "ana@example.org"])),
        "never a bare hash a list of addresses could be matched against"
    );
}
