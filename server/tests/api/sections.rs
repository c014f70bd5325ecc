//! Section versions: staff drafts, previews and publishing; the version pages; `engage content import`.

use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use app::backend::entity::{audit_log, comment, section, section_version};
use app::domain::Role;
use app::domain::status::CommentStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple";
const SLUG: &str = "neighborhood-livability";

async fn current_markdown(app: &TestApp) -> String {
    let found = section::Entity::find()
        .filter(section::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no section"));
    section_version::Entity::find_by_id(found.current_version_id.unwrap_or_default())
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no version"))
        .body_markdown
}

async fn save_draft(app: &TestApp, title: &str, markdown: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/sections/save"))
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/staff/sections/{SLUG}")))
        .form(&[
            ("slug", SLUG),
            ("title", title),
            ("summary", "Streets, parks and quality of life."),
            ("markdown", markdown),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn decide(app: &TestApp, decision: &str) -> reqwest::Response {
    app.post_form(
        "/api/staff/sections/publish",
        &[("slug", SLUG), ("decision", decision)],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_previews_a_draft_then_publishes_it_as_version_two_with_a_word_diff() {
    let app = spawn_app().await;
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    let original = current_markdown(&app).await;
    let first_paragraph = original
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .to_string();
    let (_, before) = app.get_html(&format!("/strategy/{SLUG}")).await;
    let kept_anchor = before
        .split("<p id=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();

    // A comment made on version 1, published later.
    let v1 = section::Entity::find()
        .filter(section::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .and_then(|s| s.current_version_id)
        .unwrap_or_default();
    let (status, editor) = app.get_html(&format!("/staff/sections/{SLUG}")).await;
    assert_eq!(status, 200);
    assert!(editor.contains("Readers see version 1."));

    // An empty title is refused next to the field, and the text typed is kept.
    let edited =
        format!("{original}\n\nA new paragraph about brighter streetlights on every block.");
    let refused = save_draft(&app, "  ", &edited).await;
    let back = app.follow(&refused).await;
    assert!(back.contains("Enter a title."), "no field error");
    assert!(
        back.contains("brighter streetlights on every block"),
        "text not kept"
    );

    let saved = save_draft(&app, "Neighborhood Livability", &edited).await;
    assert_eq!(
        location(&saved),
        format!("/staff/sections/{SLUG}?saved=1#preview")
    );
    let (_, editor) = app
        .get_html(&format!("/staff/sections/{SLUG}?saved=1"))
        .await;
    assert!(editor.contains("Preview of the saved draft"));
    assert!(editor.contains("brighter streetlights"));
    let (_, public) = app.get_html(&format!("/strategy/{SLUG}")).await;
    assert!(
        !public.contains("brighter streetlights"),
        "a draft is not public"
    );

    let published = decide(&app, "publish").await;
    assert_eq!(
        location(&published),
        format!("/staff/sections/{SLUG}?published=2")
    );
    let (_, public) = app.get_html(&format!("/strategy/{SLUG}")).await;
    assert!(public.contains("brighter streetlights"));
    assert!(public.contains("Version 2,"));
    assert!(public.contains(&format!("href=\"/strategy/{SLUG}/versions\"")));
    assert!(
        public.contains(&format!("<p id=\"{kept_anchor}\"")),
        "an unchanged paragraph keeps its anchor"
    );

    let (status, versions) = app.get_html(&format!("/strategy/{SLUG}/versions")).await;
    assert_eq!(status, 200);
    assert!(versions.contains(&format!("href=\"/strategy/{SLUG}/versions/1\"")));
    let (status, v2) = app.get_html(&format!("/strategy/{SLUG}/versions/2")).await;
    assert_eq!(status, 200);
    assert!(v2.contains("What changed since version 1"));
    let inserted = v2.split("<ins>").nth(1).unwrap_or_default();
    assert!(
        inserted.contains("brighter"),
        "added words are marked: {inserted}"
    );
    let (status, v1_page) = app.get_html(&format!("/strategy/{SLUG}/versions/1")).await;
    assert_eq!(status, 200);
    assert!(v1_page.contains("This is an earlier version"));
    assert!(v1_page.contains(&first_paragraph[..first_paragraph.len().min(40)]));
    let (status, _) = app.get_html(&format!("/strategy/{SLUG}/versions/9")).await;
    assert_eq!(status, 404);

    // Publishing is audited; a comment made on version 1 says so under version 2.
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("section.published"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audited.and_then(|a| a.detail).as_deref(), Some("version 2"));
    let old = comment::ActiveModel {
        reference: sea_orm::ActiveValue::Set(Some("CSWB-2026-C-00001".into())),
        section_id: sea_orm::ActiveValue::Set(audited_section(&app).await),
        section_version_id: sea_orm::ActiveValue::Set(v1),
        paragraph_anchor: sea_orm::ActiveValue::Set(None),
        body: sea_orm::ActiveValue::Set("Said about the first draft.".into()),
        text_hash: sea_orm::ActiveValue::Set("h".into()),
        stakeholder_group: sea_orm::ActiveValue::Set("resident".into()),
        stakeholder_other: sea_orm::ActiveValue::Set(None),
        display_name: sea_orm::ActiveValue::Set("Ana".into()),
        zip: sea_orm::ActiveValue::Set(None),
        email: sea_orm::ActiveValue::Set(None),
        locale: sea_orm::ActiveValue::Set("en".into()),
        status: sea_orm::ActiveValue::Set(CommentStatus::Published),
        reject_reason: sea_orm::ActiveValue::Set(None),
        created_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
        decided_at: sea_orm::ActiveValue::Set(Some(chrono::Utc::now())),
        decided_by: sea_orm::ActiveValue::Set(None),
        ..Default::default()
    };
    comment::Entity::insert(old)
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, public) = app.get_html(&format!("/strategy/{SLUG}")).await;
    assert!(public.contains("Said about the first draft."));
    assert!(
        public.contains("comment-version"),
        "the older-version note is shown"
    );
}

async fn audited_section(app: &TestApp) -> i32 {
    section::Entity::find()
        .filter(section::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |s| s.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_the_same_text_publishes_no_new_version_and_discarding_leaves_the_page_alone() {
    let app = spawn_app().await;
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    let original = current_markdown(&app).await;
    // Browsers send CR LF line endings: the same text that way is still the same text.
    save_draft(&app, "Livability", &original.replace('\n', "\r\n")).await;
    let published = decide(&app, "publish").await;
    assert_eq!(
        location(&published),
        format!("/staff/sections/{SLUG}?published=1")
    );
    let (_, public) = app.get_html(&format!("/strategy/{SLUG}")).await;
    assert!(
        public.contains("<h1 id=\"section-title\">Livability</h1>"),
        "the title changed in place"
    );

    save_draft(&app, "Livability", "Something else entirely.").await;
    let discarded = decide(&app, "discard").await;
    assert_eq!(
        location(&discarded),
        format!("/staff/sections/{SLUG}?discarded=1")
    );
    assert_eq!(current_markdown(&app).await, original);
    let (_, editor) = app.get_html(&format!("/staff/sections/{SLUG}")).await;
    assert!(!editor.contains("Preview of the saved draft"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_edit_sections() {
    let app = spawn_app().await;
    let (status, _) = app.get_html("/staff/sections").await;
    assert_eq!(status, 303, "signed out goes to sign-in");
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;
    let (status, _) = app.get_html(&format!("/staff/sections/{SLUG}")).await;
    assert_eq!(status, 403);
    // A form post without JavaScript goes back to the page it came from, which says 403.
    let refused = save_draft(&app, "Taken over", "New text.").await;
    assert!(
        !location(&refused).contains("saved=1"),
        "{}",
        location(&refused)
    );
    let draft = section::Entity::find()
        .filter(section::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .and_then(|s| s.draft_markdown);
    assert_eq!(draft, None, "nothing was saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_import_adds_sections_and_versions_only_what_changed() {
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sections = content.path().join("sections");
    std::fs::create_dir(&sections).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        content.path().join("consultation.toml"),
        engage::DEFAULT_CONSULTATION,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, slug: &str, body: &str| {
        std::fs::write(
            sections.join(name),
            format!(
                "---\ntitle: {slug}\nslug: {slug}\norder: 1\nsummary: About {slug}.\n---\n{body}\n"
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    };
    write(
        "01-parks.md",
        "parks",
        "Parks for all.\n\nOpen late in summer.",
    );
    write("02-streets.md", "streets", "Safe streets.");
    let dir = content.path().to_path_buf();
    let app = spawn_app_with({
        let dir = dir.clone();
        move |s| s.content_dir = Some(dir)
    })
    .await;
    let (_, before) = app.get_html("/strategy/parks").await;

    write(
        "01-parks.md",
        "parks",
        "Parks for all.\n\nOpen until 10 pm in summer.",
    );
    write("03-shelters.md", "shelters", "Cooling centers.");
    let mut settings = engage::config::Settings::defaults();
    settings.content_dir = Some(dir);
    let summary = engage::startup::import_content(&app.db, &settings)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.sections.created, ["shelters"]);
    assert_eq!(summary.sections.new_versions, ["parks"]);
    assert_eq!(summary.sections.unchanged, ["streets"]);

    let (_, after) = app.get_html("/strategy/parks").await;
    assert!(after.contains("Open until 10 pm"));
    assert!(after.contains("Version 2,"));
    let anchor = |html: &str| {
        html.split("<p id=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        anchor(&before),
        anchor(&after),
        "the unchanged paragraph keeps its anchor"
    );
    let (status, _) = app.get_html("/strategy/shelters").await;
    assert_eq!(status, 200);

    // A second run changes nothing.
    let again = engage::startup::import_content(&app.db, &settings)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(again.sections.created.is_empty() && again.sections.new_versions.is_empty());
}
