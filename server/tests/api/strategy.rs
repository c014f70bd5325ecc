use crate::helpers::{spawn_app, spawn_app_with};
use app::domain::status::CommentStatus;

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

/// Publishes `count` comments on the section straight in the database (as if approved over weeks).
async fn seed_published_comments(app: &crate::helpers::TestApp, slug: &str, count: usize) {
    use app::backend::entity::{comment, section};
    use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    let found = section::Entity::find()
        .filter(section::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no section {slug}"));
    let groups = [
        "resident",
        "business",
        "first_responder",
        "social_service_provider",
    ];
    let existing = comment::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .len();
    let rows: Vec<comment::ActiveModel> = (existing..existing + count)
        .map(|n| comment::ActiveModel {
            reference: Set(Some(format!("CSWB-2026-C-{n:05}"))),
            section_id: Set(found.id),
            section_version_id: Set(found.current_version_id.unwrap_or_default()),
            paragraph_anchor: Set(None),
            body: Set(format!("Comment number {n} about lighting and safety.")),
            text_hash: Set(format!("hash-{n}")),
            stakeholder_group: Set(groups[n % groups.len()].into()),
            stakeholder_other: Set(None),
            display_name: Set(format!("Neighbour {n}")),
            zip: Set(None),
            email: Set(None),
            locale: Set("en".into()),
            status: Set(CommentStatus::Published),
            reject_reason: Set(None),
            created_at: Set(chrono::Utc::now() - chrono::Duration::minutes(n as i64)),
            decided_at: Set(Some(chrono::Utc::now())),
            decided_by: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(200) {
        comment::Entity::insert_many(chunk.to_vec())
            .exec(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The number of statements the app runs for one request of `path`.
async fn queries_for(app: &crate::helpers::TestApp, path: &str) -> (u64, String) {
    let before = app.queries.count();
    let (status, html) = app.get_html(path).await;
    assert_eq!(status, 200, "{path}");
    (app.queries.count() - before, html)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_with_a_thousand_comments_costs_the_same_queries_as_one_with_one() {
    // No background delivery: every statement counted here is the page's own.
    let app = spawn_app_with(|s| s.outbox_worker = false).await;
    let path = "/strategy/neighborhood-livability";
    seed_published_comments(&app, "neighborhood-livability", 1).await;
    let (with_one, _) = queries_for(&app, path).await;

    seed_published_comments(&app, "neighborhood-livability", 999).await;
    let (with_thousand, html) = queries_for(&app, path).await;

    assert_eq!(
        with_one, with_thousand,
        "queries grew with the comments: {with_one} for 1, {with_thousand} for 1,000"
    );
    assert!(with_thousand <= 12, "{with_thousand} queries for one page");
    assert!(html.contains("1000"), "the total is shown");
    assert_eq!(
        html.matches("class=\"comment\"").count(),
        50,
        "page 1 holds 50"
    );

    let (last_page, html) = queries_for(&app, &format!("{path}?page=20")).await;
    assert_eq!(last_page, with_thousand);
    assert_eq!(html.matches("class=\"comment\"").count(), 50);
}
