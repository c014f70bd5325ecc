use crate::helpers::{TestApp, location, spawn_app};
use app::backend::entity::{audit_log, comment, consultation, outbox_message};
use app::domain::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Statement};

const PASSWORD: &str = "correct horse battery staple";
pub(crate) const SECTION: &str = "neighborhood-livability";

/// Tests must not depend on today's date: the comment period is moved to surround it.
pub(crate) async fn open_period(app: &TestApp, open: bool) {
    let today = chrono::Utc::now().date_naive();
    let (from, to) = if open {
        (
            today - chrono::Duration::days(1),
            today + chrono::Duration::days(1),
        )
    } else {
        (
            today - chrono::Duration::days(10),
            today - chrono::Duration::days(1),
        )
    };
    let sql =
        format!("UPDATE consultation SET phase_opens_on = '{from}', phase_closes_on = '{to}'");
    app.db
        .execute_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = consultation::Entity::find().one(&app.db).await;
}

pub(crate) async fn send(app: &TestApp, overrides: &[(&str, &str)]) -> reqwest::Response {
    let mut form: Vec<(&str, String)> = vec![
        ("slug", SECTION.into()),
        ("paragraph", String::new()),
        ("body", "More lighting on the alleys, please.".into()),
        ("stakeholder_group", "resident".into()),
        ("stakeholder_other", String::new()),
        ("display_name", "Ana".into()),
        ("zip", "90069".into()),
        ("email", String::new()),
        ("consent_public", "on".into()),
        ("website", String::new()),
        ("form_stamp", app.form_stamp()),
    ];
    for (key, value) in overrides {
        form.retain(|(k, _)| k != key);
        if *value != "<absent>" {
            form.push((key, value.to_string()));
        }
    }
    app.client
        .post(app.url("/api/strategy/comments/send"))
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/strategy/{SECTION}")))
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Opens the comment period, sends one comment with `body`, publishes it and returns its id.
pub(crate) async fn published_comment(app: &TestApp, body: &str) -> i32 {
    open_period(app, true).await;
    send(app, &[("body", body)]).await;
    approve_all(app).await;
    comment::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map_or_else(|| panic!("no comment stored"), |c| c.id)
}

pub(crate) async fn approve_all(app: &TestApp) {
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;
    let pending = comment::Entity::find()
        .filter(comment::Column::Status.eq("pending"))
        .all(&app.db)
        .await
        .unwrap_or_default();
    for c in pending {
        let response = app
            .post_form(
                "/api/staff/moderation/decide",
                &[("id", &c.id.to_string()), ("decision", "approve")],
            )
            .await;
        assert_eq!(location(&response), "/staff/moderation");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_waits_for_review_then_appears_once_approved() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    let response = send(
        &app,
        &[("body", "Light the alley <script>alert(1)</script> please")],
    )
    .await;
    let received = location(&response);
    assert!(
        received.starts_with(&format!("/strategy/{SECTION}/received?ref=CSWB-C-")),
        "{received}"
    );
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        !page.contains("Light the alley"),
        "pending comments are not public"
    );
    assert!(page.contains("0 published comments"));

    approve_all(&app).await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        page.contains("Light the alley &lt;script&gt;alert(1)&lt;/script&gt; please"),
        "shown as text"
    );
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(page.contains("1 published comment, page 1 of 1"));
    let actions: Vec<String> = audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.action)
        .filter(|a| a.starts_with("comment."))
        .collect();
    assert_eq!(actions, ["comment.approved"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_long_comments_are_refused_with_the_text_kept_and_nothing_stored() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    let long = "a".repeat(2_001);
    let response = send(&app, &[("body", &long)]).await;
    let page = app.follow(&response).await;
    assert!(page.contains("Shorten your comment to 2,000 characters or fewer"));
    assert!(page.contains(&long), "the text is kept");
    assert_eq!(comment::Entity::find().count(&app.db).await.unwrap_or(9), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paragraph_comment_is_tied_to_its_paragraph_and_a_forged_one_is_refused() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    let anchor = page
        .split("?paragraph=")
        .nth(1)
        .and_then(|s| s.split('#').next())
        .unwrap_or_default()
        .to_string();
    assert!(
        anchor.starts_with("p-"),
        "the page links each paragraph: {anchor}"
    );
    send(&app, &[("paragraph", &anchor)]).await;
    let stored = comment::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .and_then(|c| c.paragraph_anchor);
    assert_eq!(stored.as_deref(), Some(anchor.as_str()));

    let response = send(
        &app,
        &[("paragraph", "p-forged"), ("body", "Another comment")],
    )
    .await;
    let page = app.follow(&response).await;
    assert!(page.contains("That paragraph is not part of this section"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_text_twice_is_caught() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(&app, &[]).await;
    let response = send(&app, &[("body", "MORE lighting on the   alleys, please.")]).await;
    let page = app.follow(&response).await;
    assert!(page.contains("We already received this comment"));
    assert_eq!(comment::Entity::find().count(&app.db).await.unwrap_or(9), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_gets_a_confirmation_and_a_publication_notice() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(&app, &[("email", "ana@example.org")]).await;
    let kinds = || async {
        outbox_message::Entity::find()
            .all(&app.db)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|m| m.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds().await, ["comment-received"]);
    approve_all(&app).await;
    assert_eq!(kinds().await, ["comment-received", "comment-published"]);
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        !page.contains("ana@example.org"),
        "the email is never shown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outside_the_comment_period_the_form_is_replaced_and_submissions_refused() {
    let app = spawn_app().await;
    open_period(&app, false).await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(page.contains("The comment period is closed"));
    assert!(!page.contains("Send comment"));
    let response = send(&app, &[]).await;
    assert!(
        app.follow(&response)
            .await
            .contains("The comment period is closed")
    );
    assert_eq!(comment::Entity::find().count(&app.db).await.unwrap_or(9), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_comments_stay_hidden_and_the_reason_is_audited() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(
        &app,
        &[("body", "Buy cheap watches at https://spam.example")],
    )
    .await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;
    let (status, queue) = app.get_html("/staff/moderation").await;
    assert_eq!(status, 200);
    assert!(queue.contains("contains a link"), "the URL flag is shown");
    let id = comment::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|c| c.id)
        .unwrap_or_default();
    app.post_form(
        "/api/staff/moderation/decide",
        &[
            ("id", &id.to_string()),
            ("decision", "reject"),
            ("reason", "spam"),
        ],
    )
    .await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(!page.contains("cheap watches"));
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.starts_with("comment."))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no audit"));
    assert_eq!(
        (audit.action.as_str(), audit.detail.as_deref()),
        ("comment.rejected", Some("spam"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysts_cannot_moderate() {
    let app = spawn_app().await;
    app.create_staff("analyst@weho.org", Role::Analyst, PASSWORD)
        .await;
    app.sign_in("analyst@weho.org", PASSWORD).await;
    assert_eq!(app.get("/staff/moderation").await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contents_count_published_comments_and_their_groups() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    let (_, toc) = app.get_html("/strategy").await;
    assert!(toc.contains("No published comments yet."));
    send(&app, &[]).await;
    send(
        &app,
        &[
            ("slug", "introduction"),
            ("body", "A business view."),
            ("stakeholder_group", "business"),
        ],
    )
    .await;
    send(&app, &[("body", "A second resident view.")]).await;
    approve_all(&app).await;
    send(
        &app,
        &[("body", "Sent after the approvals, so still pending.")],
    )
    .await;
    let (_, toc) = app.get_html("/strategy").await;
    assert!(
        toc.contains("3 comments so far from 2 stakeholder groups."),
        "{toc}"
    );
    assert!(toc.contains(">1 comment<"), "the introduction has one");
    assert!(
        toc.contains(">2 comments<"),
        "neighborhood livability has two"
    );
}

async fn report_from(app: &TestApp, ip: &str, id: i32, reason: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/strategy/comments/report"))
        .header("accept", "text/html")
        .header(
            "referer",
            app.url(&format!("/strategy/{SECTION}/report/{id}")),
        )
        .header("x-forwarded-for", ip)
        .form(&[
            ("slug", SECTION),
            ("id", &id.to_string()),
            ("reason", reason),
            ("note", ""),
            ("form_stamp", &app.form_stamp()),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn three_readers_reports_hide_a_comment_until_a_moderator_decides() {
    let app = crate::helpers::spawn_app_with(|s| s.trust_proxy = true).await;
    let id = published_comment(&app, "A comment some readers dislike.").await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        page.contains(&format!("/strategy/{SECTION}/report/{id}")),
        "each comment has a Report link"
    );

    let refused = report_from(&app, "203.0.113.1", id, "because").await;
    assert!(
        app.follow(&refused)
            .await
            .contains("Choose what is wrong with the comment")
    );
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.2"] {
        let response = report_from(&app, ip, id, "abusive").await;
        assert_eq!(
            location(&response),
            format!("/strategy/{SECTION}?reported=1#comments")
        );
    }
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        page.contains("A comment some readers dislike."),
        "two readers are not enough (one reported twice)"
    );

    report_from(&app, "203.0.113.3", id, "abusive").await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        !page.contains("A comment some readers dislike."),
        "hidden after three readers"
    );
    let (_, queue) = app.get_html("/staff/moderation").await;
    assert!(queue.contains("Hidden after 3 reports from readers."));

    app.post_form(
        "/api/staff/moderation/decide",
        &[("id", &id.to_string()), ("decision", "approve")],
    )
    .await;
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        page.contains("A comment some readers dislike."),
        "a moderator can put it back"
    );
}

#[tokio::test]
async fn the_report_page_works_without_javascript() {
    let app = spawn_app().await;
    let (status, page) = app.get_html(&format!("/strategy/{SECTION}/report/1")).await;
    assert_eq!(status, 200);
    assert!(page.contains("What is wrong with it?"));
    assert!(page.contains("action=\"/api/strategy/comments/report\""));
}

/// Many writes to one comment at the same moment: on SQLite a transaction that reads and then
/// writes must not fail with "database is locked" when another wrote in between.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_readers_reporting_at_once_all_get_through() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.trust_proxy = true;
        s.report_threshold = 100;
    })
    .await;
    let id = published_comment(&app, "A comment many people report at once.").await;
    let mut reports = tokio::task::JoinSet::new();
    for n in 0..20 {
        let request = app
            .client
            .post(app.url("/api/strategy/comments/report"))
            .header("accept", "text/html")
            .header(
                "referer",
                app.url(&format!("/strategy/{SECTION}/report/{id}")),
            )
            .header("x-forwarded-for", format!("203.0.113.{n}"))
            .form(&[
                ("slug", SECTION.to_string()),
                ("id", id.to_string()),
                ("reason", "off_topic".to_string()),
                ("form_stamp", app.form_stamp()),
            ]);
        reports.spawn(async move { request.send().await });
    }
    while let Some(sent) = reports.join_next().await {
        let response = sent
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let to = crate::helpers::location(&response);
        assert!(
            to.starts_with(&format!("/strategy/{SECTION}?reported=1")),
            "every report is stored: {to}"
        );
    }
    let stored = app::backend::entity::comment_report::Entity::find()
        .count(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(stored, 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_readers_of_one_slash_64_count_as_one_network() {
    let app = crate::helpers::spawn_app_with(|s| s.trust_proxy = true).await;
    let id = published_comment(&app, "A comment one network dislikes.").await;
    for host in ["1", "2", "3", "abcd:ef01", "ffff:ffff:ffff:fffe"] {
        report_from(&app, &format!("2001:db8:77:1::{host}"), id, "abusive").await;
    }
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        page.contains("A comment one network dislikes."),
        "five addresses of one /64 are one reader"
    );
    for net in ["2", "3"] {
        report_from(&app, &format!("2001:db8:77:{net}::1"), id, "abusive").await;
    }
    let (_, page) = app.get_html(&format!("/strategy/{SECTION}")).await;
    assert!(
        !page.contains("A comment one network dislikes."),
        "hidden after three networks"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_withdraws_then_deletes_a_comment_from_the_link_in_their_email() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    send(
        &app,
        &[
            ("email", "ana@example.org"),
            ("body", "Longer library hours would help teenagers."),
        ],
    )
    .await;
    let email = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("comment-received"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no confirmation"));
    let start = email
        .text_body
        .find("/your-comment/")
        .unwrap_or_else(|| panic!("no link in {}", email.text_body));
    let path = email.text_body[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let token = path.trim_start_matches("/your-comment/").to_string();

    let (status, page) = app.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Longer library hours would help teenagers."));
    assert!(page.contains("Waiting to be read by City staff"));
    let (status, _) = app.get_html("/your-comment/not-a-real-link-at-all").await;
    assert_eq!(status, 404);

    let withdrawn = app
        .post_form_from(
            &path,
            "/api/your-comment/change",
            &[("token", &token), ("request", "withdraw")],
        )
        .await;
    assert_eq!(location(&withdrawn), format!("{path}?done=withdraw"));
    let stored = comment::Entity::find().one(&app.db).await.ok().flatten();
    let stored = stored.unwrap_or_else(|| panic!("the comment stays"));
    assert_eq!(stored.status, app::domain::status::CommentStatus::Withdrawn);
    app.create_staff(
        "mod@weho.org",
        Role::Moderator,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("mod@weho.org", "correct horse battery staple")
        .await;
    let (_, queue) = app.get_html("/staff/moderation").await;
    assert!(!queue.contains("Longer library hours"), "out of the queue");

    app.post_form_from(
        &path,
        "/api/your-comment/change",
        &[("token", &token), ("request", "delete")],
    )
    .await;
    let stored = comment::Entity::find().one(&app.db).await.ok().flatten();
    let stored = stored.unwrap_or_else(|| panic!("the row stays, for the counts"));
    assert_eq!(
        (stored.body.as_str(), stored.email, stored.zip),
        ("", None, None)
    );
    let (_, page) = app.get_html(&path).await;
    assert!(page.contains("You deleted this comment."));
    assert!(!page.contains("Longer library hours"));
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.starts_with("comment."))
        .all(&app.db)
        .await
        .unwrap_or_default();
    let actions: Vec<(&str, Option<i32>, Option<&str>)> = audits
        .iter()
        .map(|a| (a.action.as_str(), a.staff_account_id, a.detail.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            ("comment.withdrawn_by_author", None, None),
            ("comment.deleted_by_author", None, None)
        ]
    );
}
