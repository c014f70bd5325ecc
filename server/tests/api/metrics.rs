//! `/metrics`: Prometheus text behind a bearer token, by route template, never public by default.

use crate::helpers::{spawn_app, spawn_app_with};
use secrecy::SecretString;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_served_only_with_the_token_and_count_by_route_template() {
    let off = spawn_app().await;
    assert_eq!(
        off.get("/metrics").await.status(),
        404,
        "off without a token"
    );

    let app = spawn_app_with(|s| s.metrics_token = Some(SecretString::from("s3cret-token"))).await;
    assert_eq!(app.get("/strategy/introduction").await.status(), 200);
    app.submit_inquiry(&[("form_stamp", "made-up")]).await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .header("authorization", "Bearer guess")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wrong.status(), 401);
    let response = app
        .client
        .get(app.url("/metrics"))
        .header("authorization", "Bearer s3cret-token")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap_or_default();
    for expected in [
        "engage_http_requests_total{",
        "route=\"/strategy/{slug}\"",
        "engage_http_request_duration_seconds_bucket{",
        "engage_form_submissions_total{form=\"inquiry\",outcome=\"too_fast\"}",
        "engage_outbox_messages{state=\"queued\"}",
        "engage_db_pool_connections{state=\"open\"}",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("introduction"), "raw paths are never labels");
}
