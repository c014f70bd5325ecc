use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_table_of_contents_lists_every_section_of_the_draft() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/strategy").await;
    assert_eq!(status, 200);
    for (slug, title) in [
        ("introduction", "Introduction"),
        (
            "law-enforcement-and-emergency-response",
            "Law Enforcement and Emergency Response",
        ),
        ("neighborhood-livability", "Neighborhood Livability"),
        ("health-and-human-services", "Health and Human Services"),
        ("how-phase-ii-works", "How Phase II works"),
    ] {
        assert!(
            html.contains(&format!("href=\"/strategy/{slug}\"")),
            "no link to {slug}"
        );
        assert!(html.contains(title), "no title {title}");
    }
    assert!(html.contains("Comments are open from November 2, 2026 to January 29, 2027."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_page_shows_the_draft_with_paragraph_anchors_without_javascript() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/strategy/neighborhood-livability").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1 id=\"section-title\">Neighborhood Livability</h1>"));
    assert!(html.contains("Draft priority 1: security ambassadors"));
    assert!(
        html.matches("<p id=\"p-").count() >= 5,
        "every paragraph has an anchor"
    );
    assert!(html.contains("Version 1, published"));
    assert!(
        html.contains("rel=\"prev\" href=\"/strategy/law-enforcement-and-emergency-response\"")
    );
    assert!(html.contains("rel=\"next\" href=\"/strategy/health-and-human-services\""));
    assert!(!html.contains("<template"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_section_is_a_404() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/strategy/no-such-section").await;
    assert_eq!(status, 404);
    assert!(html.contains("Back to the draft strategy"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_content_pack_brings_its_own_sections_sanitised() {
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        content.path().join("consultation.toml"),
        engage::DEFAULT_CONSULTATION,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(content.path().join("sections")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        content.path().join("sections").join("01-parks.md"),
        "---\ntitle: Parks\nslug: parks\norder: 1\nsummary: Our parks.\n---\nParks for all. <script>alert(1)</script>\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = content.path().to_path_buf();
    let app = spawn_app_with(move |s| s.content_dir = Some(dir)).await;
    let (_, toc) = app.get_html("/strategy").await;
    assert!(toc.contains("href=\"/strategy/parks\""));
    assert!(!toc.contains("neighborhood-livability"));
    let (status, html) = app.get_html("/strategy/parks").await;
    assert_eq!(status, 200);
    assert!(html.contains("Parks for all."));
    assert!(!html.contains("<script>alert(1)</script>"));
}
