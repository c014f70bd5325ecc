//! The moderation queue: flags, filters, redaction, bulk decisions and post-moderation.

use crate::comments::{open_period, send};
use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use app::backend::entity::{audit_log, comment, outbox_message};
use app::domain::Role;
use app::domain::status::CommentStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const PASSWORD: &str = "correct horse battery staple";
const SECTION: &str = "neighborhood-livability";

async fn moderator(app: &TestApp) {
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;
}

async fn comment_with(app: &TestApp, text: &str) -> comment::Model {
    comment::Entity::find()
        .filter(comment::Column::Body.contains(text))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no comment with {text}"))
}

/// Posts like the queue page's forms without JavaScript (errors go back to the queue).
async fn post_from_queue(app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("accept", "text/html")
        .header("referer", app.url("/staff/moderation"))
        .form(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path}: {e}"))
}

async fn decide(app: &TestApp, form: &[(&str, &str)]) -> reqwest::Response {
    post_from_queue(app, "/api/staff/moderation/decide", form).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_flags_profanity_and_repeated_text_and_filters_by_group_flag_and_section() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(&app, &[("body", "This plan is bullshit, start over.")]).await;
    send(
        &app,
        &[
            ("body", "Shops need safer loading zones."),
            ("stakeholder_group", "business"),
        ],
    )
    .await;
    // The same text as a comment from last week: a copy-paste campaign, flagged but not refused.
    let old = comment_with(&app, "loading zones").await;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::days(7)),
        )
        .filter(comment::Column::Id.eq(old.id))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    send(
        &app,
        &[
            ("body", "Shops need safer loading zones."),
            ("stakeholder_group", "business"),
        ],
    )
    .await;
    moderator(&app).await;

    let (_, queue) = app.get_html("/staff/moderation").await;
    assert!(queue.contains("3 comments waiting"));
    assert!(queue.contains("contains a word from the profanity list"));
    assert!(queue.contains("text already seen in another comment"));

    let (_, by_group) = app.get_html("/staff/moderation?group=business").await;
    assert!(by_group.contains("2 comments waiting"), "group filter");
    assert!(!by_group.contains("bullshit"));
    let (_, by_flag) = app.get_html("/staff/moderation?flag=profanity").await;
    assert!(by_flag.contains("1 comment waiting") && by_flag.contains("bullshit"));
    let (_, by_section) = app.get_html("/staff/moderation?section=introduction").await;
    assert!(by_section.contains("No comments are waiting"));
    let today = chrono::Utc::now().date_naive();
    let (_, by_date) = app
        .get_html(&format!("/staff/moderation?from={today}&to={today}"))
        .await;
    assert!(
        by_date.contains("2 comments waiting"),
        "the week-old one is outside"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redacting_publishes_the_cleaned_text_and_keeps_the_removed_text_out_of_the_audit_log() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(
        &app,
        &[(
            "body",
            "The alley light is out, call me at (323) 555-0123 about it.",
        )],
    )
    .await;
    moderator(&app).await;
    let (_, queue) = app.get_html("/staff/moderation").await;
    assert!(
        queue.contains("call me at [phone removed] about it."),
        "a redaction is suggested"
    );
    let found = comment_with(&app, "alley light").await;
    let response = decide(
        &app,
        &[
            ("id", &found.id.to_string()),
            ("decision", "redact"),
            (
                "body",
                "The alley light is out, call me at [phone removed] about it.",
            ),
        ],
    )
    .await;
    assert_eq!(location(&response), "/staff/moderation");
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(page.contains("[phone removed]"));
    assert!(!page.contains("555-0123"));
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("comment.redacted_and_approved"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no audit"));
    let detail = audit.detail.unwrap_or_default();
    assert!(!detail.contains("555-0123"), "{detail}");
    assert_eq!(detail, "59 characters before, 60 after");
    assert!(audit.staff_account_id.is_some(), "who redacted is recorded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejecting_for_other_needs_a_note_which_is_audited() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(&app, &[("body", "Please fix the crosswalk signal timing.")]).await;
    moderator(&app).await;
    let id = comment_with(&app, "crosswalk").await.id.to_string();
    let refused = decide(
        &app,
        &[("id", &id), ("decision", "reject"), ("reason", "other")],
    )
    .await;
    let back = app.follow(&refused).await;
    assert!(
        back.contains("Say why in the note"),
        "the missing note is named"
    );
    assert_eq!(
        comment_with(&app, "crosswalk").await.status,
        CommentStatus::Pending
    );

    decide(
        &app,
        &[
            ("id", &id),
            ("decision", "reject"),
            ("reason", "other"),
            ("note", "Sent to Public Works as a service request"),
        ],
    )
    .await;
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("comment.rejected"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .and_then(|a| a.detail);
    assert_eq!(
        audit.as_deref(),
        Some("other: Sent to Public Works as a service request")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_decisions_apply_to_the_selected_comments_only() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    for body in [
        "First idea on lighting.",
        "Second idea on parks.",
        "Third idea on buses.",
    ] {
        send(&app, &[("body", body)]).await;
    }
    moderator(&app).await;
    let first = comment_with(&app, "First idea").await.id.to_string();
    let third = comment_with(&app, "Third idea").await.id.to_string();

    let nothing = post_from_queue(
        &app,
        "/api/staff/moderation/bulk",
        &[("decision", "approve")],
    )
    .await;
    assert!(
        app.follow(&nothing)
            .await
            .contains("Select at least one comment.")
    );

    let response = app
        .post_form(
            "/api/staff/moderation/bulk",
            &[
                ("ids[0]", &first),
                ("ids[2]", &third),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/staff/moderation?decided=2");
    let published = comment::Entity::find()
        .filter(comment::Column::Status.eq("published"))
        .order_by_asc(comment::Column::Id)
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(published.len(), 2);
    assert_eq!(
        comment_with(&app, "Second idea").await.status,
        CommentStatus::Pending
    );
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("comment.approved"))
        .count(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(audits, 2, "one audit entry per comment");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_moderation_publishes_at_once_and_keeps_the_comment_in_the_queue_until_reviewed() {
    let app = spawn_app_with(|s| s.post_moderation = true).await;
    open_period(&app, true).await;
    let response = send(
        &app,
        &[
            ("body", "Publish me straight away."),
            ("email", "ana@example.org"),
        ],
    )
    .await;
    assert!(location(&response).contains("published=1"));
    let received = app.follow(&response).await;
    assert!(received.contains("Your comment is now public"));
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(page.contains("Publish me straight away."));

    moderator(&app).await;
    let (_, queue) = app.get_html("/staff/moderation").await;
    assert!(queue.contains("Already public (post-moderation)"));
    let id = comment_with(&app, "straight away").await.id.to_string();
    decide(&app, &[("id", &id), ("decision", "approve")]).await;
    let (_, queue) = app.get_html("/staff/moderation").await;
    assert!(
        queue.contains("No comments are waiting"),
        "reviewed comments leave the queue"
    );
    let mails = outbox_message::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(
        mails.len(),
        1,
        "one 'published' email, none again on review"
    );
    assert!(mails[0].subject.contains("published"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_post_an_official_reply_that_readers_see_under_the_comment() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(
        &app,
        &[("body", "When will the Plummer Park lights be fixed?")],
    )
    .await;
    send(&app, &[("body", "Still waiting for review.")]).await;
    moderator(&app).await;
    let asked = comment_with(&app, "Plummer Park").await.id.to_string();
    decide(&app, &[("id", &asked), ("decision", "approve")]).await;

    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        page.contains("Reply as the City"),
        "staff see the reply form"
    );
    let reply = |id: String, body: &'static str| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/strategy/comments/reply"))
                .header("accept", "text/html")
                .header("referer", app.url(&format!("/strategy/{SECTION}")))
                .form(&[("slug", SECTION), ("id", &id), ("body", body)])
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };
    let empty = reply(asked.clone(), "   ").await;
    assert!(
        app.follow(&empty)
            .await
            .contains("Enter a reply of 1 to 2,000 characters.")
    );
    let pending = comment_with(&app, "Still waiting").await.id.to_string();
    let refused = reply(pending, "Not yet public.").await;
    assert!(
        !location(&refused).contains("replied="),
        "no reply under an unpublished comment"
    );

    let posted = reply(
        asked.clone(),
        "Public Works replaces them the week of June 8.",
    )
    .await;
    assert_eq!(
        location(&posted),
        format!("/strategy/{SECTION}?replied={asked}#comment-{asked}")
    );

    // A reader (no session) sees the reply, labelled as the City's, and no reply form.
    let reader = reqwest::Client::new();
    let html = reader
        .get(app.url(&format!("/strategy/{SECTION}")))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    assert!(html.contains("Official reply from the City of West Hollywood"));
    assert!(html.contains("Public Works replaces them the week of June 8."));
    assert!(!html.contains("Reply as the City"));
    assert!(!html.contains("Not yet public."));
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("comment.replied"))
        .count(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(audits, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_see_and_filter_the_language_a_comment_was_written_in() {
    let app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    let form = [
        ("slug", crate::comments::SECTION),
        ("paragraph", ""),
        ("body", "Más luz en los callejones, por favor."),
        ("stakeholder_group", "resident"),
        ("display_name", "Lucía"),
        ("consent_public", "on"),
        ("website", ""),
    ];
    let stamp = app.form_stamp();
    let mut fields = form.to_vec();
    fields.push(("form_stamp", &stamp));
    app.client
        .post(app.url("/api/strategy/comments/send"))
        .header("accept", "text/html")
        .header("accept-language", "es")
        .header(
            "referer",
            app.url(&format!("/strategy/{}", crate::comments::SECTION)),
        )
        .form(&fields)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    crate::comments::send(&app, &[("body", "More light in the alleys, please.")]).await;
    moderator(&app).await;
    let (_, spanish) = app.get_html("/staff/moderation?language=es&lang=en").await;
    assert!(spanish.contains("Más luz en los callejones"));
    assert!(!spanish.contains("More light in the alleys"));
    assert!(spanish.contains("Written in Español"));
    let (_, english) = app.get_html("/staff/moderation?language=en&lang=en").await;
    assert!(english.contains("More light in the alleys"));
    assert!(!english.contains("Más luz"));
}
