//! Following the consultation by email: double opt-in, updates through the outbox with RFC 8058
//! one-click unsubscribe, section audiences, the meeting announcement and the public archive.

use crate::helpers::{TestApp, link_path, location, new_browser, spawn_app, spawn_app_with};
use crate::smtp::SmtpSink;
use app::backend::entity::{follower, follower_update, outbox_message, section};
use app::backend::services::followers::{self, Announcement, Wording};
use app::domain::Role;
use app::domain::follow::UpdateKind;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};

const PASSWORD: &str = "correct horse battery staple";
const ADMIN: &str = "admin@weho.org";

/// Sends the follow form like a browser without JavaScript.
async fn follow(app: &TestApp, email: &str, target: &str, language: &str) -> reqwest::Response {
    let stamp = app.form_stamp();
    app.post_form_from(
        "/follow",
        "/api/follow",
        &[
            ("email", email),
            ("target", target),
            ("language", language),
            ("website", ""),
            ("form_stamp", &stamp),
        ],
    )
    .await
}

/// The link of the newest confirmation email to `email`.
async fn confirm_link(app: &TestApp, email: &str) -> String {
    link_path(
        "/follow/confirm/",
        &app.last_email("follow-confirm", email).await.text_body,
    )
}

/// Presses the button on the confirmation page of `link`.
async fn confirm(app: &TestApp, link: &str) -> reqwest::Response {
    let token = link.trim_start_matches("/follow/confirm/");
    app.post_form_from(link, "/api/follow/confirm", &[("token", token)])
        .await
}

/// Someone who followed `target` and confirmed from their mailbox.
async fn confirmed_follower(app: &TestApp, email: &str, target: &str, language: &str) {
    let asked = follow(app, email, target, language).await;
    assert_eq!(location(&asked), "/follow/check-email");
    let link = confirm_link(app, email).await;
    assert!(confirm(app, &link).await.status().is_redirection());
}

async fn admin(app: &TestApp) {
    app.create_staff(ADMIN, Role::Admin, PASSWORD).await;
    assert!(app.sign_in(ADMIN, PASSWORD).await.status().is_redirection());
}

async fn send_update(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form = vec![
        ("audience", "all"),
        ("kind", "update"),
        ("subject_en", "Workshop notes are online"),
        (
            "body_en",
            "Thank you to everyone who came.\n\nThe notes are on the site.",
        ),
        ("subject_es", ""),
        ("body_es", ""),
        ("subject_ru", ""),
        ("body_ru", ""),
        ("link", ""),
    ];
    for (key, value) in fields {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    app.post_form_from("/staff/updates", "/api/staff/updates/send", &form)
        .await
}

async fn updates_to(app: &TestApp, email: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("follower-update"))
        .filter(outbox_message::Column::ToAddress.eq(email))
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn section_id(app: &TestApp, slug: &str) -> i32 {
    section::Entity::find()
        .filter(section::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no section {slug}"))
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follower_confirms_gets_an_update_with_one_click_unsubscribe_and_then_nothing_more() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| s.smtp_url = Some(url.into())).await;
    let (status, form) = app.get_html("/follow").await;
    assert_eq!(status, 200);
    assert!(form.contains("action=\"/api/follow\""));

    let asked = follow(&app, "Ana@Example.org", "all", "es").await;
    assert_eq!(location(&asked), "/follow/check-email");
    assert!(app.follow(&asked).await.contains("Check your email"));
    let received = sink.wait_for(1).await;
    let invitation = received
        .iter()
        .find(|m| m.to == ["ana@example.org"])
        .unwrap_or_else(|| panic!("no confirmation email"));
    assert_eq!(
        invitation.subject(),
        "Confirme sus novedades por correo electrónico"
    );
    assert!(invitation.text().contains("toda la consulta"));
    let link = link_path("/follow/confirm/", &invitation.text());

    let (status, page) = app.get_html(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Yes, send me updates"), "{page}");
    // Opening the link alone (as a mail scanner does) confirms nothing.
    let pending = follower::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not stored"));
    assert_eq!(pending.confirmed_at, None);
    let confirmed = confirm(&app, &link).await;
    assert_eq!(location(&confirmed), link);
    assert!(
        app.follow(&confirmed)
            .await
            .contains("Done: you are subscribed.")
    );

    confirmed_follower(&app, "bob@example.org", "all", "en").await;
    admin(&app).await;
    let sent = send_update(
        &app,
        &[
            ("subject_es", "Las notas del taller están en línea"),
            ("body_es", "Gracias a todas las personas que vinieron."),
            ("link", "/strategy/introduction"),
        ],
    )
    .await;
    assert_eq!(location(&sent), "/staff/updates?sent=2");
    let (_, staff_page) = app.get_html("/staff/updates?sent=2").await;
    assert!(staff_page.contains("Sent to 2 followers."));

    let received = sink.wait_for(5).await;
    let update = received
        .iter()
        .find(|m| {
            m.to == ["ana@example.org"] && m.subject() == "Las notas del taller están en línea"
        })
        .unwrap_or_else(|| panic!("no update to Ana in Spanish"));
    assert!(update.text().contains("Gracias a todas las personas"));
    assert!(update.text().contains("/strategy/introduction"));
    let parsed = update.parsed();
    let header = parsed
        .header_raw("List-Unsubscribe")
        .unwrap_or_else(|| panic!("no List-Unsubscribe in {}", update.data))
        .trim()
        .to_string();
    assert_eq!(
        parsed.header_raw("List-Unsubscribe-Post").map(str::trim),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = header
        .trim_start_matches("<http://127.0.0.1")
        .trim_end_matches('>')
        .to_string();
    assert!(unsubscribe.starts_with("/unsubscribe/"), "{header}");
    assert!(
        update.text().contains(&unsubscribe),
        "the link is in the body too"
    );
    let to_bob = received
        .iter()
        .find(|m| m.to == ["bob@example.org"] && m.subject() == "Workshop notes are online")
        .unwrap_or_else(|| panic!("no update to Bob in English"));
    assert!(to_bob.text().contains("Thank you to everyone who came."));

    // A mail client's one-click POST: no cookies, no Origin, no stamp.
    let one_click = new_browser()
        .post(app.url(&unsubscribe))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one_click.status(), 200);
    assert!(
        one_click
            .text()
            .await
            .unwrap_or_default()
            .contains("You are unsubscribed")
    );
    let ended = follower::Entity::find_by_id(pending.id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("gone"));
    assert!(ended.unsubscribed_at.is_some());
    assert_eq!(ended.email, "", "the address is forgotten");
    // Again: nothing changes, the page still says so.
    let (status, page) = app.get_html(&unsubscribe).await;
    assert_eq!(status, 200);
    assert!(page.contains("You are unsubscribed"));

    let next = send_update(&app, &[("subject_en", "Second update")]).await;
    assert_eq!(location(&next), "/staff/updates?sent=1");
    let received = sink.wait_for(6).await;
    assert!(
        received
            .iter()
            .any(|m| m.subject() == "Second update" && m.to == ["bob@example.org"])
    );
    assert!(
        !received
            .iter()
            .any(|m| m.subject() == "Second update" && m.to == ["ana@example.org"])
    );

    let sent_audits = app.audit_actions("follower_update.sent").await;
    assert_eq!(sent_audits.len(), 2);
    for audit in &sent_audits {
        let detail = audit.detail.clone().unwrap_or_default();
        assert!(
            detail.ends_with("recipients") && !detail.contains('@'),
            "{detail}"
        );
    }

    let (status, archive) = app.get_html("/updates").await;
    assert_eq!(status, 200);
    assert!(archive.contains("Workshop notes are online"));
    assert!(archive.contains("Second update"));
    let first = follower_update::Entity::find()
        .filter(follower_update::Column::SubjectEn.eq("Workshop notes are online"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not archived"));
    assert_eq!(first.recipient_count, 2);
    let (status, spanish) = app
        .get_html(&format!("/updates/{}?lang=es", first.id))
        .await;
    assert_eq!(status, 200);
    assert!(spanish.contains("Las notas del taller están en línea"));
    assert!(spanish.contains("href=\"/strategy/introduction\""));
    let (_, russian) = app
        .get_html(&format!("/updates/{}?lang=ru", first.id))
        .await;
    assert!(
        russian.contains("lang=\"en\""),
        "English, marked, when not written in Russian"
    );
    assert!(russian.contains("Workshop notes are online"));
    assert_eq!(app.get("/updates/999999").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_followers_get_nothing_and_asking_again_reveals_nothing() {
    let app = spawn_app().await;
    let first = follow(&app, "ana@example.org", "all", "en").await;
    let old_link = confirm_link(&app, "ana@example.org").await;
    let again = follow(&app, "ana@example.org", "all", "ru").await;
    assert_eq!(location(&first), location(&again));
    let new_link = confirm_link(&app, "ana@example.org").await;
    assert_ne!(old_link, new_link, "asking again sends a fresh link");
    assert_eq!(
        app.get(&old_link).await.status(),
        404,
        "the old link is replaced"
    );
    assert_eq!(
        app.last_email("follow-confirm", "ana@example.org")
            .await
            .subject,
        "Подтвердите подписку на новости"
    );

    let consultation = app::backend::services::content::current_consultation(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no consultation"));
    let ctx = app::backend::MailContext {
        inbox: "cswb@weho.org".into(),
        tty_number: String::new(),
        message_id_host: "127.0.0.1".into(),
        reference_prefix: "CSWB".into(),
        public_url: "http://127.0.0.1".into(),
        zone: chrono_tz::America::Los_Angeles,
    };
    let announcement = Announcement {
        kind: UpdateKind::Results,
        en: Wording {
            subject: "Survey results".into(),
            body: "The results are in.".into(),
        },
        es: None,
        ru: None,
        link_path: None,
        sent_by: None,
    };
    let txn = app.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let reached = followers::announce(&txn, &ctx, consultation.id, None, announcement.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reached, 0);
    assert!(updates_to(&app, "ana@example.org").await.is_empty());

    // Confirmed, asking once more: the same page, and a note to the mailbox instead of a link.
    assert!(confirm(&app, &new_link).await.status().is_redirection());
    let once_more = follow(&app, "ana@example.org", "all", "en").await;
    assert_eq!(location(&once_more), location(&first));
    let note = app.last_email("follow-already", "ana@example.org").await;
    assert_eq!(note.subject, "You already get these updates");
    let txn = app.db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let reached = followers::announce(&txn, &ctx, consultation.id, None, announcement)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reached, 1);
    let got = updates_to(&app, "ana@example.org").await;
    assert_eq!(got.len(), 1);
    // The language chosen while pending (Russian) is kept; English stands in for it.
    assert_eq!(got[0].subject, "Survey results");
    assert!(got[0].text_body.contains("Вы получили это письмо"));
    assert!(got[0].list_unsubscribe.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sections_followers_get_its_announcements_and_not_other_sections() {
    let app = spawn_app().await;
    let (_, section_page) = app.get_html("/strategy/neighborhood-livability").await;
    assert!(section_page.contains("href=\"/follow?section=neighborhood-livability\""));
    let (_, form) = app
        .get_html("/follow?section=neighborhood-livability")
        .await;
    assert!(
        form.contains("value=\"neighborhood-livability\" selected"),
        "preselected"
    );

    confirmed_follower(&app, "liv@example.org", "neighborhood-livability", "en").await;
    confirmed_follower(
        &app,
        "health@example.org",
        "health-and-human-services",
        "en",
    )
    .await;
    confirmed_follower(&app, "all@example.org", "all", "en").await;
    // Both the whole consultation and the section: one email.
    confirmed_follower(&app, "both@example.org", "all", "en").await;
    confirmed_follower(&app, "both@example.org", "neighborhood-livability", "en").await;

    admin(&app).await;
    let (_, staff_page) = app.get_html("/staff/updates").await;
    assert!(
        staff_page.contains("Everyone following the consultation (2 followers)"),
        "{staff_page}"
    );
    assert!(
        staff_page.contains("(3 followers)"),
        "the section's audience counts each address once"
    );
    let sent = send_update(
        &app,
        &[
            ("audience", "neighborhood-livability"),
            ("subject_en", "Livability workshop"),
        ],
    )
    .await;
    assert_eq!(location(&sent), "/staff/updates?sent=3");
    for (email, expected) in [
        ("liv@example.org", 1),
        ("all@example.org", 1),
        ("both@example.org", 1),
        ("health@example.org", 0),
    ] {
        assert_eq!(updates_to(&app, email).await.len(), expected, "{email}");
    }
    let archived = follower_update::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not archived"));
    assert_eq!(
        archived.section_id,
        Some(section_id(&app, "neighborhood-livability").await)
    );
    let sent_to_all = send_update(&app, &[("subject_en", "For everyone")]).await;
    assert_eq!(
        location(&sent_to_all),
        "/staff/updates?sent=2",
        "section followers only hear of their section"
    );
    assert_eq!(updates_to(&app, "liv@example.org").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_address_gets_a_field_error_with_the_input_kept_and_nothing_is_stored() {
    let app = spawn_app().await;
    let response = follow(&app, "ana-at-example", "neighborhood-livability", "ru").await;
    let page = app.follow(&response).await;
    assert!(
        page.contains("Enter an email address in the format"),
        "{page}"
    );
    assert!(page.contains("value=\"ana-at-example\""));
    assert!(page.contains("value=\"neighborhood-livability\" selected"));
    let unknown = follow(&app, "ana@example.org", "no-such-section", "en").await;
    assert!(
        app.follow(&unknown)
            .await
            .contains("Choose the whole consultation or one of the sections listed")
    );
    assert_eq!(
        follower::Entity::find().count(&app.db).await.unwrap_or(1),
        0
    );
    assert_eq!(
        outbox_message::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or(1),
        0
    );
    // Unknown links say so with a 404, on the page and to a mail client's POST alike.
    assert_eq!(app.get("/follow/confirm/nonsense").await.status(), 404);
    assert_eq!(app.get("/unsubscribe/nonsense").await.status(), 404);
    let post = new_browser()
        .post(app.url("/unsubscribe/nonsense"))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(post.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_write_updates_and_a_bad_update_sends_nothing() {
    let app = spawn_app().await;
    confirmed_follower(&app, "ana@example.org", "all", "en").await;
    app.create_staff("analyst@weho.org", Role::Analyst, PASSWORD)
        .await;
    assert!(
        app.sign_in("analyst@weho.org", PASSWORD)
            .await
            .status()
            .is_redirection()
    );
    assert_eq!(app.get("/staff/updates").await.status(), 403);
    let refused = app
        .client
        .post(app.url("/api/staff/updates/send"))
        .form(&[
            ("audience", "all"),
            ("kind", "update"),
            ("subject_en", "x"),
            ("body_en", "y"),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refused.status(), 403);

    let mut app = app;
    app.client = new_browser();
    admin(&app).await;
    let (status, page) = app.get_html("/staff/updates").await;
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/api/staff/updates/send\""));
    let bad = send_update(
        &app,
        &[
            ("subject_en", ""),
            ("subject_ru", "Тема без текста"),
            ("link", "https://evil.example/"),
        ],
    )
    .await;
    let page = app.follow(&bad).await;
    assert!(page.contains("Enter a subject"), "{page}");
    assert!(page.contains("Fill in both the subject and the message in this language"));
    assert!(page.contains("Enter the address of a page of this site"));
    assert!(page.contains("Тема без текста"), "the input is kept");
    assert_eq!(
        follower_update::Entity::find()
            .count(&app.db)
            .await
            .unwrap_or(1),
        0
    );
    assert!(updates_to(&app, "ana@example.org").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_a_meeting_announces_it_to_followers_once() {
    let app = spawn_app().await;
    confirmed_follower(&app, "ana@example.org", "all", "es").await;
    confirmed_follower(&app, "liv@example.org", "neighborhood-livability", "en").await;
    admin(&app).await;
    let mut form = vec![
        ("id", "0"),
        ("title", "Pop-up at the farmers market"),
        ("description", "Find us at the City tent."),
        ("starts_local", "2031-07-10T09:00"),
        ("ends_local", "2031-07-10T12:00"),
        ("format", "in_person"),
        ("venue_name", "Plummer Park"),
        ("venue_address", "7377 Santa Monica Blvd"),
        ("online_url", ""),
        ("capacity", ""),
        ("deadline_local", ""),
        ("languages", "English, Español"),
        ("accessibility_notes", "Shade and seating."),
        ("status", "draft"),
    ];
    let saved = app.post_form("/api/staff/events/save", &form).await;
    assert!(location(&saved).starts_with("/staff/events/"));
    assert!(
        updates_to(&app, "ana@example.org").await.is_empty(),
        "a draft is not news"
    );
    let id = location(&saved)
        .trim_start_matches("/staff/events/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    form.retain(|(k, _)| *k != "id" && *k != "status");
    form.push(("id", id.as_str()));
    form.push(("status", "published"));
    let published = app.post_form("/api/staff/events/save", &form).await;
    assert_eq!(location(&published), format!("/staff/events/{id}?saved=1"));
    let got = updates_to(&app, "ana@example.org").await;
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].subject,
        "Nueva reunión: Pop-up at the farmers market"
    );
    assert!(
        got[0]
            .text_body
            .contains("Plummer Park, 7377 Santa Monica Blvd")
    );
    assert!(
        got[0]
            .text_body
            .contains("/events/pop-up-at-the-farmers-market")
    );
    assert!(
        updates_to(&app, "liv@example.org").await.is_empty(),
        "meetings go to the whole consultation's followers"
    );
    // Saving the published meeting again is not news.
    app.post_form("/api/staff/events/save", &form).await;
    assert_eq!(updates_to(&app, "ana@example.org").await.len(), 1);
    let archived = follower_update::Entity::find()
        .filter(follower_update::Column::Kind.eq(UpdateKind::NewMeeting))
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archived.len(), 1);
    let (_, archive) = app.get_html("/updates").await;
    assert!(archive.contains("New meeting: Pop-up at the farmers market"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_a_new_version_tells_the_sections_and_the_consultations_followers() {
    let app = spawn_app().await;
    confirmed_follower(&app, "liv@example.org", "neighborhood-livability", "ru").await;
    confirmed_follower(&app, "all@example.org", "all", "en").await;
    confirmed_follower(
        &app,
        "health@example.org",
        "health-and-human-services",
        "en",
    )
    .await;
    admin(&app).await;
    let saved = app
        .post_form_from(
            "/staff/sections/neighborhood-livability",
            "/api/staff/sections/save",
            &[
                ("slug", "neighborhood-livability"),
                ("title", "Neighborhood Livability"),
                ("summary", "Streets, parks and quality of life."),
                (
                    "markdown",
                    "Brighter alleys.\n\nMore shade trees on every block.",
                ),
            ],
        )
        .await;
    assert!(location(&saved).contains("saved"));
    let published = app
        .post_form(
            "/api/staff/sections/publish",
            &[("slug", "neighborhood-livability"), ("decision", "publish")],
        )
        .await;
    assert!(location(&published).ends_with("?published=2"));
    let russian = updates_to(&app, "liv@example.org").await;
    assert_eq!(russian.len(), 1);
    assert!(
        russian[0].subject.starts_with("Новая версия раздела"),
        "{}",
        russian[0].subject
    );
    assert!(
        russian[0]
            .text_body
            .contains("/strategy/neighborhood-livability/versions/2")
    );
    let english = updates_to(&app, "all@example.org").await;
    assert_eq!(english.len(), 1);
    assert_eq!(
        english[0].subject,
        "New version of “Neighborhood Livability”"
    );
    assert!(
        updates_to(&app, "health@example.org").await.is_empty(),
        "another section's followers hear nothing"
    );
    let (_, archive) = app.get_html("/updates?lang=en").await;
    assert!(archive.contains("New version of “Neighborhood Livability”"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_a_surveys_results_is_news_once() {
    use app::backend::entity::survey;
    let app = spawn_app().await;
    confirmed_follower(&app, "ana@example.org", "all", "es").await;
    admin(&app).await;
    let found = survey::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no survey in the pack"));
    let id = found.id.to_string();
    let results = format!("/staff/surveys/{id}/results");
    for publish in ["1", "0", "1"] {
        let sent = app
            .post_form_from(
                &results,
                "/api/staff/surveys/publish-results",
                &[("id", id.as_str()), ("publish", publish)],
            )
            .await;
        assert!(location(&sent).starts_with(&results), "{}", location(&sent));
    }
    let got = updates_to(&app, "ana@example.org").await;
    assert_eq!(got.len(), 1, "taken off and put back is not news twice");
    assert!(
        got[0].subject.starts_with("Resultados publicados: "),
        "{}",
        got[0].subject
    );
    assert!(
        got[0]
            .text_body
            .contains(&format!("/what-we-heard#wwh-survey-{}", found.slug))
    );
}
