use crate::helpers::{location, spawn_app, spawn_app_with};
use crate::smtp::SmtpSink;
use app::backend::entity::{audit_log, inquiry, outbox_message};
use app::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple";

async fn count<E>(db: &sea_orm::DatabaseConnection, _: E) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    PaginatorTrait::count(E::find(), db).await.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inquiry_reaches_the_inbox_with_reply_to_and_the_sender_gets_an_acknowledgement() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;

    let response = app
        .submit_inquiry(&[("name", "Ana Resident"), ("email", "Ana@Example.org")])
        .await;
    let thanks = location(&response);
    assert!(
        thanks.starts_with("/contact/thanks?ref=CSWB-"),
        "redirected to {thanks}"
    );
    let reference = thanks
        .trim_start_matches("/contact/thanks?ref=")
        .to_string();
    assert_eq!(reference.len(), "CSWB-2026-00001".len());
    let page = app.follow(&response).await;
    assert!(page.contains(&reference), "the page shows the reference");

    let received = sink.wait_for(2).await;
    assert_eq!(received.len(), 2, "one to the inbox, one acknowledgement");
    let inbox = received
        .iter()
        .find(|m| m.to == ["cswb@weho.org"])
        .unwrap_or_else(|| panic!("no inbox message"));
    assert_eq!(inbox.reply_to(), "ana@example.org");
    assert_eq!(
        inbox.from, "noreply@weho.org",
        "the envelope sender is the configured From"
    );
    assert!(inbox.subject().contains(&reference));
    let body = inbox.text();
    for expected in [
        "Ana Resident",
        "ana@example.org",
        "90069",
        "Resident",
        "The draft strategy",
        "alley behind Santa Monica",
    ] {
        assert!(
            body.contains(expected),
            "inbox body lacks {expected}: {body}"
        );
    }
    assert!(inbox.html().contains("alley behind Santa Monica"));

    let ack = received
        .iter()
        .find(|m| m.to == ["ana@example.org"])
        .unwrap_or_else(|| panic!("no acknowledgement"));
    assert!(ack.subject().contains(&reference));
    assert!(ack.text().contains(&reference));
    assert!(ack.text().contains("five working days"));

    let stored: Vec<String> = outbox_message::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|m| m.message_id.trim_matches(['<', '>']).to_string())
        .collect();
    for message in &received {
        assert!(
            stored.contains(&message.message_id()),
            "Message-ID {} is the stored one",
            message.message_id()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_acknowledgement_is_written_in_the_senders_language() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    app.get("/?lang=es").await;
    app.submit_inquiry(&[]).await;
    let received = sink.wait_for(2).await;
    let ack = received
        .iter()
        .find(|m| m.to == ["ana@example.org"])
        .unwrap_or_else(|| panic!("no acknowledgement"));
    assert!(
        ack.subject().starts_with("Recibimos su mensaje"),
        "subject was {}",
        ack.subject()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_email_gets_a_field_error_keeps_the_text_and_stores_nothing() {
    let app = spawn_app().await;
    let text = "My message about the <draft> & its priorities</textarea><b>injected</b>";
    let response = app
        .submit_inquiry(&[("email", "ana-at-example"), ("message", text)])
        .await;
    let page = app.follow(&response).await;
    assert!(page.contains("Enter an email address in the format"));
    let kept = page.split("<textarea").nth(1).unwrap_or_default();
    assert!(
        kept.contains(
            "My message about the &lt;draft&gt; &amp; its priorities&lt;/textarea&gt;&lt;b&gt;"
        ),
        "the text is kept, escaped: {kept}"
    );
    assert!(!page.contains("<b>injected</b>"));
    assert!(page.contains("value=\"ana-at-example\""));
    assert_eq!(count(&app.db, inquiry::Entity).await, 0);
    assert_eq!(count(&app.db, outbox_message::Entity).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_choices_are_refused_not_a_500() {
    let app = spawn_app().await;
    let response = app
        .submit_inquiry(&[
            ("stakeholder_group", "mayor"),
            ("topic", "'; DROP TABLE inquiry; --"),
        ])
        .await;
    assert!(response.status().is_redirection());
    let page = app.follow(&response).await;
    assert!(page.contains("Choose the group you belong to"));
    assert!(page.contains("Choose a topic"));
    assert_eq!(count(&app.db, inquiry::Entity).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn line_breaks_in_the_name_cannot_add_headers_or_recipients() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    app.submit_inquiry(&[("name", "Eve\r\nBcc: victim@example.org\r\nX-Injected: yes")])
        .await;
    let received = sink.wait_for(2).await;
    assert_eq!(received.len(), 2);
    for message in &received {
        assert_eq!(message.to.len(), 1, "one recipient only: {:?}", message.to);
        assert!(!message.to.iter().any(|r| r.contains("victim")));
        let names = message.header_names();
        assert!(
            !names
                .iter()
                .any(|n| n.eq_ignore_ascii_case("bcc") || n.eq_ignore_ascii_case("x-injected")),
            "{names:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_honeypot_drops_bots_quietly() {
    let app = spawn_app().await;
    let response = app
        .submit_inquiry(&[("website", "http://spam.example")])
        .await;
    assert_eq!(location(&response), "/contact/thanks");
    assert_eq!(count(&app.db, inquiry::Entity).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_sent_within_seconds_is_refused_with_the_input_kept() {
    let app = spawn_app().await;
    let fresh = app.stamps.issue();
    let response = app.submit_inquiry(&[("form_stamp", fresh.as_str())]).await;
    let page = app.follow(&response).await;
    assert!(page.contains("That was very quick"));
    assert!(page.contains("alley behind Santa Monica"));
    assert_eq!(count(&app.db, inquiry::Entity).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stamp_the_server_did_not_sign_counts_as_too_quick() {
    let app = spawn_app().await;
    // A client-made time (what the form used to send), and a real stamp with its time changed.
    let made_up = (chrono::Utc::now().timestamp() - 60).to_string();
    let real = app.form_stamp();
    let (_, mac) = real.split_once('.').unwrap_or_default();
    let moved = format!("{}.{mac}", chrono::Utc::now().timestamp() - 3600);
    for stamp in [made_up.as_str(), moved.as_str(), "", "x.y"] {
        let response = app.submit_inquiry(&[("form_stamp", stamp)]).await;
        let page = app.follow(&response).await;
        assert!(page.contains("That was very quick"), "stamp {stamp:?}");
    }
    assert_eq!(count(&app.db, inquiry::Entity).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_inquiries_from_one_address_say_when_to_try_again() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let response = app.submit_inquiry(&[]).await;
        assert!(location(&response).starts_with("/contact/thanks?ref="));
    }
    let response = app.submit_inquiry(&[]).await;
    let page = app.follow(&response).await;
    assert!(
        page.contains("Too many attempts. Please try again in"),
        "{page}"
    );
    assert!(page.contains("alley behind Santa Monica"), "input kept");
    assert_eq!(count(&app.db, inquiry::Entity).await, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_answer_from_the_portal_and_the_answer_arrives() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    let response = app.submit_inquiry(&[]).await;
    let reference = location(&response)
        .trim_start_matches("/contact/thanks?ref=")
        .to_string();
    sink.wait_for(2).await;

    app.create_staff("clerk@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("clerk@weho.org", PASSWORD).await;
    let (status, list) = app.get_html("/staff/inquiries?status=new").await;
    assert_eq!(status, 200);
    assert!(list.contains(&reference));
    let id = inquiry::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|i| i.id)
        .unwrap_or_default();

    let posted = app
        .post_form(
            "/api/staff/inquiries/reply",
            &[
                ("id", &id.to_string()),
                ("reply", "Thank you, Ana. Lighting is on the list."),
            ],
        )
        .await;
    assert_eq!(location(&posted), format!("/staff/inquiries/{id}"));
    let received = sink.wait_for(3).await;
    let answer = received
        .iter()
        .find(|m| m.subject().starts_with("Re: your message"))
        .unwrap_or_else(|| panic!("no reply sent"));
    assert_eq!(answer.to, ["ana@example.org"]);
    assert!(answer.subject().contains(&reference));
    assert!(answer.text().contains("Lighting is on the list."));

    let (_, detail) = app.get_html(&format!("/staff/inquiries/{id}")).await;
    assert!(
        detail.contains("Lighting is on the list."),
        "the reply is in the thread"
    );
    assert!(detail.contains("Answered"));
    app.post_form(
        "/api/staff/inquiries/note",
        &[
            ("id", &id.to_string()),
            ("note", "Forwarded to Public Works."),
        ],
    )
    .await;
    app.post_form(
        "/api/staff/inquiries/update",
        &[
            ("id", &id.to_string()),
            ("status", "closed"),
            ("assignee", ""),
        ],
    )
    .await;
    let (_, detail) = app.get_html(&format!("/staff/inquiries/{id}")).await;
    assert!(detail.contains("Forwarded to Public Works."));
    let actions: Vec<String> = audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.action)
        .filter(|a| a.starts_with("inquiry."))
        .collect();
    assert_eq!(
        actions,
        ["inquiry.replied", "inquiry.note_added", "inquiry.updated"]
    );
    let views = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("view.personal_data"))
        .count(&app.db)
        .await
        .unwrap_or_default();
    assert!(views >= 1, "opening the inquiry is audited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_filters_and_searches() {
    let app = spawn_app().await;
    app.submit_inquiry(&[
        ("name", "Bea Business"),
        ("email", "bea@shop.example"),
        ("stakeholder_group", "business"),
    ])
    .await;
    app.submit_inquiry(&[("name", "Carl Resident"), ("email", "carl@example.org")])
        .await;
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    let (_, page) = app.get_html("/staff/inquiries?group=business").await;
    assert!(page.contains("Bea Business") && !page.contains("Carl Resident"));
    let (_, page) = app.get_html("/staff/inquiries?q=carl").await;
    assert!(page.contains("Carl Resident") && !page.contains("Bea Business"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysts_cannot_read_the_inbox() {
    let app = spawn_app().await;
    app.create_staff("analyst@weho.org", Role::Analyst, PASSWORD)
        .await;
    app.sign_in("analyst@weho.org", PASSWORD).await;
    assert_eq!(app.get("/staff/inquiries").await.status(), 403);
    assert_eq!(app.get("/staff/inquiries/1").await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_list_answers_javascript_calls_with_and_without_filters() {
    let app = spawn_app().await;
    app.submit_inquiry(&[]).await;
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    for body in [vec![], vec![("status", "new"), ("q", "alley")]] {
        let response = app
            .client
            .post(app.url("/api/staff/inquiries/list"))
            .form(&body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status(), 200, "filters {body:?}");
        let page: app::api::inquiry::InquiryPage =
            response.json().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.total, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_acknowledgement_carries_nothing_the_sender_wrote_but_the_reference() {
    let app = spawn_app().await;
    let spam = "Cheap pills at spam.example";
    let response = app
        .submit_inquiry(&[
            ("name", spam),
            ("email", "victim@example.org"),
            (
                "message",
                "Visit spam.example for the best deals on anything.",
            ),
        ])
        .await;
    assert!(location(&response).starts_with("/contact/thanks?ref="));
    let ack = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("inquiry-ack"))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no acknowledgement"));
    for text in [&ack.subject, &ack.text_body, &ack.html_body] {
        assert!(!text.contains("spam.example"), "{text}");
    }
    assert_eq!(ack.to_name, None);
    assert!(ack.text_body.contains("CSWB-"), "{}", ack.text_body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_ipv6_address_in_the_same_slash_64_does_not_escape_the_limit() {
    let app = spawn_app_with(|s| s.trust_proxy = true).await;
    let mut statuses = Vec::new();
    for n in 0..11 {
        let email = format!("sender{n}@example.org");
        let response = app
            .client
            .post(app.url("/api/contact/send"))
            .header("accept", "text/html")
            .header("referer", app.url("/contact"))
            .header("x-forwarded-for", format!("2001:db8:5:6::{:x}", n + 1))
            .form(&[
                ("name", "Ana Resident"),
                ("email", email.as_str()),
                ("phone", ""),
                ("reply_channel", "email"),
                ("stakeholder_group", "resident"),
                ("zip", "90069"),
                ("topic", "draft_strategy"),
                ("message", "Please add lighting to the alley."),
                ("consent", "on"),
                ("website", ""),
                ("form_stamp", &app.form_stamp()),
            ])
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        statuses.push(location(&response).starts_with("/contact/thanks?ref="));
    }
    assert_eq!(
        statuses.iter().filter(|ok| **ok).count(),
        10,
        "{statuses:?}"
    );
    assert!(!statuses[10], "the eleventh from the same /64 is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_form_keeps_personal_data_out_of_the_address() {
    let app = spawn_app().await;
    let response = app
        .submit_inquiry(&[
            ("name", "Ana Private"),
            ("email", "not-an-address"),
            ("phone", "(323) 555-0199"),
        ])
        .await;
    let target = location(&response);
    assert_eq!(
        target,
        app.url("/contact"),
        "back to the form, nothing else"
    );
    for private in ["__err", "Ana", "555", "alley", "not-an-address"] {
        assert!(!target.contains(private), "{private} in {target}");
    }
    // The page the browser is sent back to still shows the errors and the input kept.
    let page = app.follow(&response).await;
    assert!(
        page.contains("Enter an email address in the format name@example.org"),
        "{page}"
    );
    assert!(page.contains("Ana Private"));
    assert!(page.contains("alley behind Santa Monica"));
    // Once: a reload shows the empty form.
    let (_, again) = app.get_html("/contact").await;
    assert!(!again.contains("Ana Private"));
}
