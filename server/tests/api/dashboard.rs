//! The staff dashboard's counts per role, and the staff header on staff pages (not on public ones).

use crate::comments::{SECTION, send};
use crate::events::{mail, meeting_in_days, person};
use crate::helpers::{TestApp, new_browser, spawn_app_with};
use app::backend::entity::{
    comment, comment_report, consultation, inquiry, outbox_message, staff_account,
};
use app::backend::services::{content, events, outbox};
use app::domain::Role;
use app::domain::status::{CommentStatus, InquiryStatus, OutboxStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    Statement,
};

const PASSWORD: &str = "correct horse battery staple";

/// A fresh browser signed in as a new account with `role`.
async fn signed_in_as(app: &mut TestApp, email: &str, role: Role) {
    app.create_staff(email, role, PASSWORD).await;
    app.client = new_browser();
    app.sign_in(email, PASSWORD).await;
}

async fn comment_with(app: &TestApp, text: &str) -> comment::Model {
    comment::Entity::find()
        .filter(comment::Column::Body.contains(text))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no comment with {text}"))
}

async fn set_comment(app: &TestApp, text: &str, column: comment::Column, value: Expr) {
    let id = comment_with(app, text).await.id;
    comment::Entity::update_many()
        .col_expr(column, value)
        .filter(comment::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn report(app: &TestApp, text: &str) {
    comment_report::ActiveModel {
        comment_id: Set(comment_with(app, text).await.id),
        reason: Set("offensive".into()),
        note: Set(None),
        reporter_hash: Set(format!("reader-of-{text}")),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The comment period from today (in the consultation's zone) to ten days on.
async fn period_closing_in_ten_days(app: &TestApp) {
    let found = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no consultation"));
    let today = chrono::Utc::now()
        .with_timezone(&content::zone_named(&found.time_zone))
        .date_naive();
    // A day of margin on each side of the comment form's own (UTC) check.
    let (from, to) = (
        today - chrono::Duration::days(1),
        today + chrono::Duration::days(10),
    );
    let sql =
        format!("UPDATE consultation SET phase_opens_on = '{from}', phase_closes_on = '{to}'");
    app.db
        .execute_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn queue_email(app: &TestApp, to: &str) -> outbox_message::Model {
    outbox::enqueue(
        &app.db,
        outbox::NewEmail {
            kind: "test",
            to_address: to.into(),
            to_name: None,
            reply_to: None,
            subject: "Test".into(),
            text_body: "Test".into(),
            html_body: "<p>Test</p>".into(),
            attachment: None,
        },
        "127.0.0.1",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Comments in every state, a report, inquiries, RSVPs with accommodations 5 and 30 days ahead, a
/// failing and a dead email.
async fn known_data(app: &TestApp) {
    period_closing_in_ten_days(app).await;
    for body in [
        "Alpha: more benches on the boulevard.",
        "Bravo: longer library hours.",
        "Charlie: wider sidewalks on Robertson.",
        "Delta: a focus group asked for shade trees.",
        "Echo: a comment its author withdrew.",
    ] {
        let response = send(app, &[("body", body)]).await;
        assert!(
            crate::helpers::location(&response)
                .starts_with(&format!("/strategy/{SECTION}/received")),
            "comment {body} stored"
        );
    }
    // Bravo waits with one report; Charlie was hidden by reports; Delta was reviewed and published
    // (its report no longer in the queue) and came from a focus group; Echo was withdrawn.
    report(app, "Bravo").await;
    report(app, "Charlie").await;
    set_comment(
        app,
        "Charlie",
        comment::Column::Status,
        Expr::value(CommentStatus::Hidden.as_str()),
    )
    .await;
    report(app, "Delta").await;
    set_comment(
        app,
        "Delta",
        comment::Column::Status,
        Expr::value(CommentStatus::Published.as_str()),
    )
    .await;
    set_comment(
        app,
        "Delta",
        comment::Column::DecidedAt,
        Expr::value(chrono::Utc::now()),
    )
    .await;
    set_comment(
        app,
        "Delta",
        comment::Column::Channel,
        Expr::value("focus_group"),
    )
    .await;
    set_comment(
        app,
        "Echo",
        comment::Column::Status,
        Expr::value(CommentStatus::Withdrawn.as_str()),
    )
    .await;

    for email in ["one@example.org", "two@example.org", "three@example.org"] {
        let response = app.submit_inquiry(&[("email", email)]).await;
        assert!(
            crate::helpers::location(&response).starts_with("/contact/thanks"),
            "inquiry from {email} sent"
        );
    }
    let assigned = inquiry::Entity::find()
        .filter(inquiry::Column::Email.eq("two@example.org"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no inquiry"));
    app.create_staff("clerk@weho.org", Role::Moderator, PASSWORD)
        .await;
    let clerk = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq("clerk@weho.org"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no clerk"));
    let mut assigned: inquiry::ActiveModel = assigned.into();
    assigned.status = Set(InquiryStatus::InProgress);
    assigned.assignee_id = Set(Some(clerk.id));
    assigned
        .update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    inquiry::Entity::update_many()
        .col_expr(
            inquiry::Column::Status,
            Expr::value(InquiryStatus::Answered.as_str()),
        )
        .filter(inquiry::Column::Email.eq("three@example.org"))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let soon = meeting_in_days(app, Some(40), 24, 5).await;
    let later = meeting_in_days(app, Some(30), 24, 30).await;
    let mut without = person(2, 2);
    without.accommodations = Vec::new();
    for (meeting, who) in [
        (&soon, person(1, 3)),
        (&soon, without),
        (&later, person(3, 1)),
    ] {
        events::rsvp(&app.db, meeting.id, &who, &mail())
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    let dead = queue_email(app, "gone@example.org").await;
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::Status,
            Expr::value(OutboxStatus::Dead.as_str()),
        )
        .col_expr(outbox_message::Column::Attempts, Expr::value(8))
        .filter(outbox_message::Column::Id.eq(dead.id))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let failing = queue_email(app, "slow@example.org").await;
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Attempts, Expr::value(2))
        .filter(outbox_message::Column::Id.eq(failing.id))
        .exec(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

fn assert_shows(page: &str, expected: &[&str]) {
    for text in expected {
        assert!(page.contains(text), "the dashboard lacks {text:?}");
    }
}

fn assert_hides(page: &str, unexpected: &[&str]) {
    for text in unexpected {
        assert!(!page.contains(text), "the dashboard shows {text:?}");
    }
}

const MODERATION: [&str; 5] = [
    "<a href=\"/staff/moderation\">2 comments waiting for moderation</a>",
    "<a href=\"/staff/moderation?flag=reported\">2 reported comments to review</a>",
    "reports have hidden 1 comment until a moderator decides.",
    "<a href=\"/staff/inquiries\">2 open inquiries</a>",
    "<a href=\"/staff/inquiries\">1 open inquiry with nobody assigned</a>",
];
const ADMINISTRATION: [&str; 3] = [
    "<a href=\"/staff/events\">1 accommodation request for meetings in the next 14 days</a>",
    "<a href=\"/staff/outbox?status=failed\">1 email failing and being retried</a>",
    "<a href=\"/staff/outbox?status=dead\">1 undelivered email the outbox gave up on</a>",
];
const GLANCE: [&str; 6] = [
    "The consultation at a glance",
    "10 days left in the comment period",
    // Three comments and two open inquiries plus the answered one came in online.
    "<th scope=\"row\">Online</th><td>6</td>",
    "<th scope=\"row\">Focus group</th><td>1</td>",
    "<th scope=\"row\">All channels</th><td>7</td>",
    "5 of 40 seats taken",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_sees_the_counts_it_can_act_on() {
    let mut app = spawn_app_with(|s| s.outbox_worker = false).await;
    known_data(&app).await;

    signed_in_as(&mut app, "mod@weho.org", Role::Moderator).await;
    let (status, page) = app.get_html("/staff").await;
    assert_eq!(status, 200);
    assert_shows(&page, &MODERATION);
    assert_hides(&page, &ADMINISTRATION);
    assert_hides(
        &page,
        &[
            "The consultation at a glance",
            "accommodation request",
            "emails failing",
        ],
    );

    signed_in_as(&mut app, "analyst@weho.org", Role::Analyst).await;
    let (_, page) = app.get_html("/staff").await;
    assert_shows(&page, &GLANCE);
    assert!(
        page.contains("class=\"chart\"") && page.contains("aria-label=\"Inputs in the last 7 days by channel: Online: 6; Focus group: 1; Pop-up event: 0"),
        "the chart names its numbers"
    );
    assert!(
        page.contains("Phase II community session</a>"),
        "the next meeting, 5 days ahead"
    );
    assert_hides(
        &page,
        &[
            "What needs you now",
            "waiting for moderation",
            "open inquir",
        ],
    );

    signed_in_as(&mut app, "admin@weho.org", Role::Admin).await;
    let (_, page) = app.get_html("/staff").await;
    assert_shows(&page, &MODERATION);
    assert_shows(&page, &ADMINISTRATION);
    assert_shows(&page, &GLANCE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_counts_say_so_in_words_in_every_language() {
    let mut app = spawn_app_with(|s| s.outbox_worker = false).await;
    period_closing_in_ten_days(&app).await;
    signed_in_as(&mut app, "admin@weho.org", Role::Admin).await;
    let (_, page) = app.get_html("/staff?lang=en").await;
    assert_shows(
        &page,
        &[
            "Nothing is waiting for you right now.",
            "No comments waiting for moderation",
            "No reported comments to review",
            "No open inquiries",
            "No accommodation requests for meetings in the next 14 days",
            "No emails failing",
            "No undelivered emails",
            "No inputs in the last 7 days.",
        ],
    );
    let (_, page) = app.get_html("/staff?lang=es").await;
    assert_shows(
        &page,
        &[
            "Lo que requiere su atención",
            "Ningún comentario pendiente de moderación",
            "Quedan 10 días del período de comentarios",
            "Área del personal",
        ],
    );
    let (_, page) = app.get_html("/staff?lang=ru").await;
    assert_shows(
        &page,
        &[
            "Нет комментариев, ожидающих модерации",
            "осталось 10 дней",
            "Раздел для сотрудников",
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn russian_counts_take_the_plural_their_number_needs() {
    let mut app = spawn_app_with(|s| s.outbox_worker = false).await;
    known_data(&app).await;
    signed_in_as(&mut app, "admin@weho.org", Role::Admin).await;
    let (_, page) = app.get_html("/staff?lang=ru").await;
    assert_shows(
        &page,
        &[
            "2 комментария ожидают модерации",
            "2 открытых обращения",
            "1 открытое обращение без ответственного",
            "Занято 5 мест из 40",
        ],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_carry_the_staff_header_and_public_pages_the_public_one() {
    let mut app = spawn_app_with(|s| s.outbox_worker = false).await;
    let (_, sign_in) = app.get_html("/staff/sign-in").await;
    assert!(
        sign_in.contains("aria-label=\"Main\""),
        "sign-in keeps the public header"
    );
    assert!(!sign_in.contains("Staff tools"));

    signed_in_as(&mut app, "mod@weho.org", Role::Moderator).await;
    for path in [
        "/staff",
        "/staff/moderation",
        "/staff/inquiries",
        "/staff/account",
    ] {
        let (status, page) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(page.matches("<header").count(), 1, "one banner on {path}");
        assert!(page.contains("class=\"skip-link\""), "skip link on {path}");
        assert!(
            page.contains("<nav aria-label=\"Staff tools\" class=\"wrap staff-nav\">"),
            "staff navigation on {path}"
        );
        assert!(
            page.contains("aria-label=\"Language\""),
            "language switcher on {path}"
        );
        assert!(
            !page.contains("aria-label=\"Main\""),
            "no public navigation on {path}"
        );
        assert_shows(
            &page,
            &[
                "Staff area",
                "Signed in as mod@weho.org (Moderator).",
                "href=\"/staff/account\"",
                "action=\"/api/staff/sign-out\"",
                "<a href=\"/\">View the public site</a>",
                "href=\"/staff/moderation\"",
                "href=\"/staff/inquiries\"",
            ],
        );
        // A moderator's header offers only a moderator's tools.
        assert_hides(
            &page,
            &[
                "href=\"/staff/accounts\"",
                "href=\"/staff/feedback\"",
                "href=\"/staff/outbox\"",
            ],
        );
    }
    let (_, page) = app.get_html("/staff/moderation").await;
    assert!(
        page.contains("<a href=\"/staff/moderation\" aria-current=\"page\">Moderation queue</a>"),
        "the current tool is marked"
    );

    for path in ["/", "/strategy", "/contact"] {
        let (_, page) = app.get_html(path).await;
        assert!(
            page.contains("aria-label=\"Main\""),
            "public navigation on {path}"
        );
        assert!(
            !page.contains("Staff tools"),
            "no staff navigation on {path}"
        );
        assert!(!page.contains("Staff area"), "no staff mark on {path}");
    }

    signed_in_as(&mut app, "analyst@weho.org", Role::Analyst).await;
    let (_, page) = app.get_html("/staff/feedback").await;
    assert_shows(
        &page,
        &[
            "href=\"/staff/feedback\"",
            "href=\"/staff/search\"",
            "href=\"/staff/events\"",
        ],
    );
    assert_hides(
        &page,
        &["href=\"/staff/moderation\"", "href=\"/staff/accounts\""],
    );
}
