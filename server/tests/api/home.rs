use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_presents_the_cswb_draft_without_javascript() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Community Safety and Well-Being Strategy"));
    for area in [
        "Law Enforcement and Emergency Response",
        "Neighborhood Livability",
        "Health and Human Services",
    ] {
        assert!(html.contains(area), "missing service area {area}");
    }
    assert!(html.contains("November 2, 2026"), "phase dates are shown");
    assert!(html.contains("mailto:cswb@weho.org"));
    assert!(html.contains("TTY (323) 848-6496"));
    // Essential content is in the HTML itself, not in a template only JavaScript would swap in.
    assert!(!html.contains("<template"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_content_is_imported_once_even_when_the_app_starts_twice() {
    let app = spawn_app().await;
    let count = |db| async move {
        use sea_orm::{EntityTrait, PaginatorTrait};
        app::backend::entity::consultation::Entity::find()
            .count(db)
            .await
            .unwrap_or(0)
    };
    assert_eq!(count(&app.db).await, 1);
    let pack =
        app::backend::services::content::ConsultationPack::from_toml(engage::DEFAULT_CONSULTATION)
            .unwrap_or_else(|e| panic!("{e}"));
    let imported = app::backend::services::content::import_if_missing(&app.db, &pack).await;
    assert!(matches!(imported, Ok(false)));
    assert_eq!(count(&app.db).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_city_brings_its_own_content_and_inbox() {
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pack = engage::DEFAULT_CONSULTATION
        .replace("West Hollywood", "Springfield")
        .replace("slug = \"cswb\"", "slug = \"safety\"");
    std::fs::write(content.path().join("consultation.toml"), pack)
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = content.path().to_path_buf();
    let app = spawn_app_with(move |s| {
        s.content_dir = Some(dir);
        s.inquiry_inbox = "safety@springfield.example".into();
        s.tty_number = "(555) 010-0100".into();
    })
    .await;
    let (_, html) = app.get_html("/").await;
    assert!(html.contains("City of Springfield"));
    assert!(!html.contains("West Hollywood"));
    assert!(html.contains("mailto:safety@springfield.example"));
    assert!(html.contains("TTY (555) 010-0100"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_get_a_404_page_with_the_layout() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    assert!(html.contains("Skip to main content"));
}
