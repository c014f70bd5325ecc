//! "You said, we did": a resident comments, an admin publishes a new version and links the changed
//! passage to that comment; the resident is emailed once in their language and the comment and
//! the version page link to each other.

use crate::comments::{SECTION, approve_all, open_period, send};
use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use crate::smtp::SmtpSink;
use app::backend::entity::{change_response, comment, outbox_message};
use app::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const PASSWORD: &str = "correct horse battery staple";

fn anchors(html: &str) -> Vec<String> {
    html.split("<p id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

async fn comments(app: &TestApp) -> Vec<comment::Model> {
    comment::Entity::find()
        .order_by_asc(comment::Column::Id)
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Signs in an admin and publishes the section with its first paragraph rewritten; returns the
/// new paragraph's anchor.
async fn publish_rewritten_first_paragraph(app: &TestApp) -> String {
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    let (_, editor) = app.get_html(&format!("/staff/sections/{SECTION}")).await;
    let markdown = editor
        .split("name=\"markdown\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split("</textarea>").next())
        .map(|m| {
            m.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#39;", "'")
        })
        .unwrap_or_else(|| panic!("no markdown in the editor"));
    let mut paragraphs: Vec<&str> = markdown.split("\n\n").collect();
    paragraphs[0] =
        "Alleys and side streets get brighter lighting, added in response to residents.";
    let rewritten = paragraphs.join("\n\n");
    let saved = app
        .post_form_from(
            &format!("/staff/sections/{SECTION}"),
            "/api/staff/sections/save",
            &[
                ("slug", SECTION),
                ("title", "Neighborhood Livability"),
                ("summary", "Streets, parks and quality of life."),
                ("markdown", &rewritten),
            ],
        )
        .await;
    assert!(location(&saved).contains("saved"), "{}", location(&saved));
    let published = app
        .post_form(
            "/api/staff/sections/publish",
            &[("slug", SECTION), ("decision", "publish")],
        )
        .await;
    assert_eq!(
        location(&published),
        format!("/staff/sections/{SECTION}?published=2")
    );
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    anchors(&page)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no paragraphs"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_that_shaped_a_new_version_is_linked_both_ways_and_its_author_told_once() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    open_period(&app, true).await;
    // A Spanish-speaking resident comments on the first paragraph and asks to be told.
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}?lang=es")).await;
    let first = anchors(&page)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no paragraphs"));
    let sent = send(
        &app,
        &[
            ("paragraph", &first),
            ("body", "Las callejuelas necesitan más luz por la noche."),
            ("email", "rosa@example.org"),
            ("notify_on_change", "on"),
        ],
    )
    .await;
    assert!(location(&sent).contains("/received"), "{}", location(&sent));
    // Another gives an address but does not ask; a third asks but is not linked.
    send(
        &app,
        &[
            ("body", "Please keep the benches on the boulevard."),
            ("email", "ben@example.org"),
        ],
    )
    .await;
    send(
        &app,
        &[
            ("body", "Street trees matter more than lighting."),
            ("email", "cy@example.org"),
            ("notify_on_change", "on"),
        ],
    )
    .await;
    approve_all(&app).await;
    let stored = comments(&app).await;
    let (rosa, ben) = (&stored[0], &stored[1]);
    assert!(rosa.notify_on_change && !ben.notify_on_change);
    let kept_paragraph = rosa
        .paragraph_text
        .clone()
        .unwrap_or_else(|| panic!("the paragraph's text was not kept"));
    assert!(kept_paragraph.len() > 20, "{kept_paragraph}");

    let new_anchor = publish_rewritten_first_paragraph(&app).await;
    assert_ne!(new_anchor, first);
    let (status, overview) = app
        .get_html(&format!("/staff/sections/{SECTION}/versions/2"))
        .await;
    assert_eq!(status, 200);
    assert!(overview.contains("Alleys and side streets get brighter lighting"));
    let editor_path = format!("/staff/sections/{SECTION}/versions/2/{new_anchor}");
    assert!(
        overview.contains(&editor_path),
        "no link to explain the passage"
    );
    let (status, editor) = app.get_html(&format!("{editor_path}?lang=en")).await;
    assert_eq!(status, 200);
    let reference = rosa.reference.clone().unwrap_or_default();
    assert!(editor.contains(&reference));
    assert!(editor.contains("on text this version changed"));

    let rosa_id = rosa.id.to_string();
    let ben_id = ben.id.to_string();
    let ben_reference = ben.reference.clone().unwrap_or_default();
    let saved = app
        .post_form_from(
            &editor_path,
            "/api/staff/sections/changes/save",
            &[
                ("slug", SECTION),
                ("number", "2"),
                ("passage", &new_anchor),
                (
                    "explanation_en",
                    "Many asked for light in the alleys, so we added it.",
                ),
                (
                    "explanation_es",
                    "Muchas personas pidieron luz en las callejuelas; la añadimos.",
                ),
                ("explanation_ru", ""),
                ("comments[0]", &rosa_id),
                ("comment_references", &ben_reference.to_lowercase()),
            ],
        )
        .await;
    assert_eq!(
        location(&saved),
        format!("/staff/sections/{SECTION}/versions/2?saved=1")
    );

    // Rosa hears once, in Spanish, with the link to the change; Ben never asked.
    let emailed = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("change-response"))
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(emailed.len(), 1);
    assert_eq!(emailed[0].to_address, "rosa@example.org");
    let received = sink.wait_for(7).await;
    let told = received
        .iter()
        .find(|m| m.to == ["rosa@example.org"] && m.subject().contains("ayudó a cambiar"))
        .unwrap_or_else(|| panic!("no change email reached Rosa: {received:?}"));
    let text = told.text();
    assert!(text.contains("Muchas personas pidieron luz"), "{text}");
    let change = change_response::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no change stored"));
    let change_link = format!("/strategy/{SECTION}/versions/2#change-{}", change.id);
    assert!(text.contains(&change_link), "{text}");

    // The version page says why, with links to both comments.
    let (_, version) = app
        .get_html(&format!("/strategy/{SECTION}/versions/2?lang=en"))
        .await;
    assert!(
        version.contains("Changed in response to 2 comments"),
        "{version}"
    );
    assert!(version.contains("Many asked for light in the alleys"));
    assert!(version.contains(&format!("/strategy/{SECTION}/comments/{rosa_id}")));
    assert!(version.contains(&format!("/strategy/{SECTION}/comments/{ben_id}")));
    let (_, spanish) = app
        .get_html(&format!("/strategy/{SECTION}/versions/2?lang=es"))
        .await;
    assert!(spanish.contains("Muchas personas pidieron luz"));
    let (_, russian) = app
        .get_html(&format!("/strategy/{SECTION}/versions/2?lang=ru"))
        .await;
    assert!(
        russian.contains("<span lang=\"en\">Many asked for light"),
        "an untranslated explanation says it is English"
    );

    // The comment links to the change, on the section and on its own page, quoting its paragraph.
    let (_, section) = app.get_html(&format!("/strategy/{SECTION}?lang=en")).await;
    assert!(section.contains(&change_link));
    assert!(section.contains("This comment shaped version 2 of the section"));
    let (status, own) = app
        .get_html(&format!("/strategy/{SECTION}/comments/{rosa_id}"))
        .await;
    assert_eq!(status, 200);
    assert!(own.contains(&change_link));
    let first_words: String = kept_paragraph.chars().take(30).collect();
    assert!(own.contains(&first_words), "the old paragraph is quoted");

    // Saving again changes the words but never emails twice.
    app.post_form_from(
        &editor_path,
        "/api/staff/sections/changes/save",
        &[
            ("slug", SECTION),
            ("number", "2"),
            ("passage", &new_anchor),
            (
                "explanation_en",
                "Many of you asked for light in the alleys.",
            ),
            ("comments[0]", &rosa_id),
        ],
    )
    .await;
    let emailed = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("change-response"))
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(emailed, 1);
    let (_, version) = app
        .get_html(&format!("/strategy/{SECTION}/versions/2?lang=en"))
        .await;
    assert!(version.contains("Changed in response to 1 comment<"));
    assert_eq!(app.audit_actions("section.change_explained").await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_explanation_is_refused_whole_and_only_editors_may_explain() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(
        &app,
        &[("body", "Please keep the benches on the boulevard.")],
    )
    .await;
    approve_all(&app).await;
    let id = comments(&app).await[0].id.to_string();
    // A moderator may not explain changes.
    let (status, _) = app
        .get_html(&format!("/staff/sections/{SECTION}/versions/1"))
        .await;
    assert_eq!(status, 403);

    publish_rewritten_first_paragraph(&app).await;
    let editor_path = format!("/staff/sections/{SECTION}/versions/2/whole");
    let refused = app
        .post_form_from(
            &editor_path,
            "/api/staff/sections/changes/save",
            &[
                ("slug", SECTION),
                ("number", "2"),
                ("passage", "whole"),
                ("explanation_en", "  "),
                ("explanation_es", "Texto guardado"),
                ("comments[0]", &id),
                ("comment_references", "CSWB-C-99999"),
            ],
        )
        .await;
    assert_eq!(location(&refused), app.url(&editor_path));
    let page = app.follow(&refused).await;
    assert!(page.contains("Write the explanation in English."), "{page}");
    assert!(page.contains("One of these references is not a published comment"));
    assert!(page.contains("Texto guardado"), "the input is kept");
    assert_eq!(
        change_response::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0,
        "nothing stored half-way"
    );
    // A passage the version does not have is not found.
    let missing = app
        .post_form_from(
            &editor_path,
            "/api/staff/sections/changes/save",
            &[
                ("slug", SECTION),
                ("number", "2"),
                ("passage", "p-0000000000"),
                ("explanation_en", "Why"),
            ],
        )
        .await;
    assert_ne!(
        location(&missing),
        format!("/staff/sections/{SECTION}/versions/2?saved=0")
    );
    assert_eq!(
        change_response::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_to_be_told_without_an_address_is_a_field_error_with_the_text_kept() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    let refused = send(
        &app,
        &[
            ("body", "Tell me what happens to this."),
            ("notify_on_change", "on"),
        ],
    )
    .await;
    let page = app.follow(&refused).await;
    assert!(
        page.contains("Give your email address so we can tell you when the section changes."),
        "{page}"
    );
    assert!(page.contains("Tell me what happens to this."));
    assert!(comments(&app).await.is_empty());
}
