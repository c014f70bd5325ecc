//! Closing the loop: the timeline with the consultation's dates, the FAQ (published entries only,
//! in Spanish and Russian with English as the fallback) and its management by admins, the
//! accessibility statement, the whole draft on one page and as a download, and the home page's
//! cards, live numbers and next meeting.

use crate::comments::{open_period, send};
use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use app::backend::entity::{event, faq_entry};
use app::backend::services::content::{ConsultationPack, import_if_missing};
use app::domain::Role;
use app::domain::status::EventStatus;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};

const PASSWORD: &str = "correct horse battery staple 16";

/// Where each needle first appears; the test fails when one is missing.
fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| html.find(n).unwrap_or_else(|| panic!("missing {n}")))
        .collect()
}

fn in_order(html: &str, needles: &[&str]) -> bool {
    positions(html, needles).windows(2).all(|w| w[0] < w[1])
}

/// The opening tag of the element with this id.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = at + html[at..].find('>').unwrap_or(0);
    &html[start..=end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_shows_the_three_phases_with_the_consultations_dates() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/timeline?lang=en").await;
    assert_eq!(status, 200);
    assert!(in_order(
        &html,
        &[
            "Phase I: strategy development",
            "Phase II: community engagement",
            "Council consideration"
        ]
    ));
    assert!(html.contains("November 2, 2026 to January 29, 2027"));
    assert!(html.contains("href=\"/strategy\""));
    assert_eq!(html.matches("aria-current=\"step\"").count(), 1);

    // During the comment period Phase II is the current step, in words as well as colour.
    open_period(&app, true).await;
    let (_, html) = app.get_html("/timeline?lang=en").await;
    assert!(tag_with_id(&html, "phase-ii").contains("aria-current=\"step\""));
    let phase_ii = &html[html.find("id=\"phase-ii\"").unwrap_or(0)..];
    assert!(phase_ii.contains("Happening now"));
    assert!(tag_with_id(&html, "phase-i").contains("timeline-past"));
    // Once it closes, Council consideration is.
    open_period(&app, false).await;
    let (_, html) = app.get_html("/timeline?lang=en").await;
    assert!(tag_with_id(&html, "council").contains("aria-current=\"step\""));
    assert!(!tag_with_id(&html, "phase-ii").contains("aria-current"));

    let (_, spanish) = app.get_html("/timeline?lang=es").await;
    assert!(in_order(
        &spanish,
        &[
            "Fase I: elaboración de la estrategia",
            "Fase II: participación de la comunidad",
            "Consideración del Concejo Municipal"
        ]
    ));
    assert!(spanish.contains("Lea el borrador de la estrategia"));
    let (_, russian) = app.get_html("/timeline?lang=ru").await;
    assert!(russian.contains("Первый этап: разработка стратегии"));
    assert!(russian.contains("Завершён"));
}

/// An admin with a session (two-factor included).
async fn admin(app: &TestApp) {
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
}

async fn save(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = vec![
        ("id", ""),
        ("question_en", ""),
        ("answer_en", ""),
        ("question_es", ""),
        ("answer_es", ""),
        ("question_ru", ""),
        ("answer_ru", ""),
    ];
    for (key, value) in fields {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    app.post_form_from("/staff/faq", "/api/staff/faq/save", &form)
        .await
}

async fn entries(app: &TestApp) -> Vec<faq_entry::Model> {
    faq_entry::Entity::find()
        .order_by_asc(faq_entry::Column::Position)
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

const ASKED: &str = "Can I bring my children to a meeting?";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_add_edit_reorder_unpublish_and_delete_questions() {
    let app = spawn_app().await;
    let (_, public) = app.get_html("/faq?lang=en").await;
    assert!(public.contains("id=\"is-my-email-public\""));
    assert!(public.contains("Will my name or email address be shown?"));
    let before = entries(&app).await.len();
    assert!((5..=8).contains(&before), "the pack's questions");
    admin(&app).await;

    // A question without its answer is refused, the text kept and nothing stored.
    let refused = save(&app, &[("question_en", ASKED), ("published", "on")]).await;
    assert!(!location(&refused).contains("saved=1"));
    let page = app.follow(&refused).await;
    assert!(page.contains("Enter the answer in English"));
    assert!(page.contains(ASKED));
    assert_eq!(entries(&app).await.len(), before);

    let added = save(
        &app,
        &[
            ("question_en", ASKED),
            ("answer_en", "Yes. Ask for **childcare** when you RSVP."),
            ("published", "on"),
        ],
    )
    .await;
    assert!(location(&added).starts_with("/staff/faq?saved=1#entry-"));
    let new = entries(&app).await.pop().unwrap_or_else(|| panic!("none"));
    assert_eq!(new.anchor, "can-i-bring-my-children-to-a-meeting");
    let (_, public) = app.get_html("/faq?lang=en").await;
    assert!(public.contains("<strong>childcare</strong>"));
    // Not translated yet: Spanish readers get the English, marked as English.
    let (_, spanish) = app.get_html("/faq?lang=es").await;
    assert!(spanish.contains("¿Se mostrará mi nombre o mi correo electrónico?"));
    assert!(tag_with_id(&spanish, "can-i-bring-my-children-to-a-meeting").contains("lang=\"en\""));

    // The language chosen in an address is remembered: back to English for the staff pages.
    app.get("/faq?lang=en").await;

    // A Spanish question without its answer is refused; with it, Spanish readers get it.
    let id = new.id.to_string();
    let half = save(
        &app,
        &[
            ("id", &id),
            ("question_en", ASKED),
            ("answer_en", "Yes."),
            ("question_es", "¿Puedo llevar a mis hijos?"),
            ("published", "on"),
        ],
    )
    .await;
    assert!(
        app.follow(&half)
            .await
            .contains("Enter the answer in this language too")
    );
    let edited = save(
        &app,
        &[
            ("id", &id),
            ("question_en", ASKED),
            ("answer_en", "Yes."),
            ("question_es", "¿Puedo llevar a mis hijos?"),
            ("answer_es", "Sí."),
            ("published", "on"),
        ],
    )
    .await;
    assert!(location(&edited).starts_with("/staff/faq?saved=1"));
    let (_, spanish) = app.get_html("/faq?lang=es").await;
    assert!(spanish.contains("¿Puedo llevar a mis hijos?"));
    let (_, russian) = app.get_html("/faq?lang=ru").await;
    assert!(russian.contains("Будут ли показаны моё имя или адрес электронной почты?"));
    assert!(russian.contains(ASKED), "English for Russian readers");
    app.get("/faq?lang=en").await;

    // Up one place: before the question that was last.
    app.post_form_from(
        "/staff/faq",
        "/api/staff/faq/move",
        &[("id", &id), ("direction", "up")],
    )
    .await;
    let (_, public) = app.get_html("/faq?lang=en").await;
    assert!(in_order(&public, &[ASKED, "What happens after Phase II?"]));

    app.post_form_from(
        "/staff/faq",
        "/api/staff/faq/publish",
        &[("id", &id), ("published", "0")],
    )
    .await;
    let (_, public) = app.get_html("/faq?lang=en").await;
    assert!(
        !public.contains(ASKED),
        "unpublished entries are not public"
    );
    let (_, list) = app.get_html("/staff/faq?lang=en").await;
    assert!(list.contains(ASKED) && list.contains("Not published"));

    let from = format!("/staff/faq/{id}");
    let unconfirmed = app
        .post_form_from(&from, "/api/staff/faq/delete", &[("id", &id)])
        .await;
    assert!(
        app.follow(&unconfirmed)
            .await
            .contains("Tick the box to confirm")
    );
    let deleted = app
        .post_form_from(
            &from,
            "/api/staff/faq/delete",
            &[("id", &id), ("confirm", "on")],
        )
        .await;
    assert_eq!(location(&deleted), "/staff/faq?deleted=1");
    assert_eq!(entries(&app).await.len(), before);
    for action in [
        "faq.create",
        "faq.update",
        "faq.move",
        "faq.unpublish",
        "faq.delete",
    ] {
        assert_eq!(app.audit_actions(action).await.len(), 1, "{action}");
    }

    // Staff work survives a restart: the pack never brings its questions back.
    let pack = ConsultationPack::from_toml(engage::DEFAULT_CONSULTATION)
        .and_then(|p| p.with_timeline_and_faq(engage::DEFAULT_TIMELINE_AND_FAQ))
        .unwrap_or_else(|e| panic!("{e}"));
    let first = entries(&app).await[0].id.to_string();
    app.post_form_from(
        "/staff/faq",
        "/api/staff/faq/publish",
        &[("id", &first), ("published", "0")],
    )
    .await;
    assert!(matches!(import_if_missing(&app.db, &pack).await, Ok(false)));
    assert!(!entries(&app).await[0].published);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_manage_the_faq() {
    let app = spawn_app().await;
    assert_eq!(app.get("/staff/faq").await.status(), 303, "sign in first");
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;
    assert_eq!(app.get("/staff/faq").await.status(), 403);
    let refused = save(&app, &[("question_en", ASKED), ("answer_en", "Yes.")]).await;
    assert!(!location(&refused).contains("saved=1"));
    let first = entries(&app).await[0].id.to_string();
    app.post_form_from(
        "/staff/faq",
        "/api/staff/faq/publish",
        &[("id", &first), ("published", "0")],
    )
    .await;
    let stored = entries(&app).await;
    assert!(stored.iter().all(|e| e.published && e.question_en != ASKED));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_statement_gives_the_tty_line_the_footer_gives() {
    let app = spawn_app_with(|s| s.tty_number = "(555) 010-0199".into()).await;
    let (status, html) = app.get_html("/accessibility?lang=en").await;
    assert_eq!(status, 200);
    assert!(html.contains("WCAG) 2.2 at level AA"));
    let main = html.split("<footer").next().unwrap_or_default();
    assert!(main.contains("TTY (555) 010-0199") && main.contains("href=\"tel:5550100199\""));
    assert!(main.contains("mailto:cswb@weho.org"));
    assert!(main.contains("large print, paper or another language"));
    let (_, russian) = app.get_html("/accessibility?lang=ru").await;
    assert!(russian.contains("Заявление о доступности") && russian.contains("TTY (555) 010-0199"));
    // Every page's footer leads here, to the timeline and to the FAQ.
    for link in [
        "/accessibility",
        "/timeline",
        "/faq",
        "/what-we-heard",
        "/updates",
    ] {
        assert!(
            html.contains(&format!("href=\"{link}\"")),
            "footer link {link}"
        );
    }
}

const SECTIONS_EN: [&str; 5] = [
    "1. Introduction",
    "2. Law Enforcement and Emergency Response",
    "3. Neighborhood Livability",
    "4. Health and Human Services",
    "5. How Phase II works",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_draft_prints_and_downloads_every_section_in_order() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/strategy/print?lang=en").await;
    assert_eq!(status, 200);
    let body = &html[html.find("whole-draft-contents").unwrap_or(0)..];
    let article = body.split("</nav>").nth(1).unwrap_or_default();
    assert!(in_order(article, &SECTIONS_EN));
    assert!(article.contains("During Phase I the city listened."));
    assert!(!article.contains("id=\"p-"), "no paragraph ids to repeat");
    let (_, toc) = app.get_html("/strategy?lang=en").await;
    assert!(
        toc.contains("href=\"/strategy/print\"") && toc.contains("href=\"/strategy/draft.md\"")
    );

    let (_, spanish) = app.get_html("/strategy/print?lang=es").await;
    assert!(spanish.contains("<html lang=\"es\""));
    assert!(in_order(
        &spanish,
        &["1. Introducción", "5. Cómo funciona la Fase II"]
    ));
    assert!(spanish.contains("Durante la Fase I, la ciudad escuchó."));

    let download = app.get("/strategy/draft.md?lang=en").await;
    assert_eq!(download.status(), 200);
    let disposition = download
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(disposition, "attachment; filename=\"cswb-draft-en.md\"");
    let text = download.text().await.unwrap_or_default();
    let headings: Vec<String> = SECTIONS_EN.iter().map(|s| format!("## {s}")).collect();
    let needles: Vec<&str> = headings.iter().map(String::as_str).collect();
    assert!(in_order(&text, &needles));
    assert!(text.starts_with("# Community Safety and Well-Being Strategy"));
    let russian = app
        .get("/strategy/draft.md?lang=ru")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(in_order(
        &russian,
        &["## 1. Введение", "## 5. Как проходит второй этап"]
    ));
}

/// A published meeting `days` from now (negative: past), as staff would enter it.
async fn meeting(app: &TestApp, slug: &str, days: i64, status: EventStatus) {
    let found = crate::events::meeting_in_days(app, None, days * 24 - 1, days).await;
    let mut active: event::ActiveModel = found.into();
    active.slug = Set(slug.into());
    active.title = Set(format!("Session {slug}"));
    active.status = Set(status);
    active
        .update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_links_every_card_counts_what_came_in_and_names_the_next_meeting() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/?lang=en").await;
    for (href, title) in [
        ("/strategy", "Read the draft and comment"),
        ("/surveys", "Answer a survey"),
        ("/events", "Come to a community meeting"),
        ("/contact", "Write or call us"),
        ("/timeline", "See the timeline"),
        ("/what-we-heard", "What we heard"),
        ("/follow", "Get updates"),
    ] {
        assert!(
            html.contains(&format!("<h3><a href=\"{href}\">{title}</a></h3>")),
            "card {title}"
        );
    }
    assert!(html.contains("0 comments") && html.contains("0 survey responses"));
    assert!(html.contains("0 RSVPs"));
    // The pack's first meeting is three weeks away.
    assert!(html.contains("href=\"/events/phase-ii-session-plummer-park\""));

    open_period(&app, true).await;
    send(&app, &[]).await;
    crate::meetings::post_rsvp(&app, "phase-ii-session-plummer-park", &[]).await;
    let draft = crate::surveys::started(&app, crate::surveys::BUSINESS).await;
    crate::surveys::page(&app, &draft, 0, &[("answers[role][0]", "neither")]).await;
    let mut answers = crate::surveys::RANKS.to_vec();
    answers.push(("answers[ambassadors_contact][0]", "no"));
    answers.push(("answers[services_used][0]", "sheriff"));
    crate::surveys::page(&app, &draft, 2, &answers).await;
    crate::surveys::page(&app, &draft, 3, &crate::surveys::PRIORITIES).await;
    crate::surveys::about(
        &app,
        &draft,
        &[("stakeholder_group", "resident"), ("zip", "90069")],
    )
    .await;
    crate::surveys::submit(&app, &draft).await;
    let (_, html) = app.get_html("/?lang=en").await;
    assert!(html.contains("1 comment<") && html.contains("1 survey response<"));
    assert!(html.contains("1 RSVP<"));

    // The soonest published meeting still to come: not a draft, not one that has started.
    meeting(&app, "draft-tomorrow", 1, EventStatus::Draft).await;
    meeting(&app, "yesterday", -1, EventStatus::Published).await;
    meeting(&app, "in-three-days", 3, EventStatus::Published).await;
    let (_, html) = app.get_html("/?lang=en").await;
    let next = html
        .split("id=\"next-meeting-title\"")
        .nth(1)
        .unwrap_or_default();
    assert!(next.contains("href=\"/events/in-three-days\""));
    assert!(next.contains("In person"));
    assert!(!html.contains("/events/draft-tomorrow") && !html.contains("/events/yesterday"));
    let (_, russian) = app.get_html("/?lang=ru").await;
    assert!(russian.contains("1 комментарий") && russian.contains("1 регистрация"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_city_brings_its_own_timeline_and_questions_or_none() {
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(content.path().join(name), text).unwrap_or_else(|e| panic!("{e}"))
    };
    write(
        "consultation.toml",
        &engage::DEFAULT_CONSULTATION.replace("slug = \"cswb\"", "slug = \"parks\""),
    );
    write(
        "timeline.toml",
        "[[steps]]\nkey = \"listening\"\ntitle = \"Listening tour\"\nstarts_on = \"2026-01-05\"\nends_on = \"2026-02-27\"\n",
    );
    write(
        "faq.toml",
        "[[questions]]\nkey = \"who\"\nquestion = \"Who runs this?\"\nanswer = \"The parks team.\"\n",
    );
    let dir = content.path().to_path_buf();
    let app = spawn_app_with(move |s| s.content_dir = Some(dir)).await;
    let (_, timeline) = app.get_html("/timeline?lang=en").await;
    assert!(timeline.contains("Listening tour") && timeline.contains("January 5, 2026"));
    assert!(!timeline.contains("Council consideration"));
    let (_, faq) = app.get_html("/faq?lang=en").await;
    assert!(faq.contains("id=\"who\"") && !faq.contains("is-my-email-public"));

    let bare = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        bare.path().join("consultation.toml"),
        engage::DEFAULT_CONSULTATION,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = bare.path().to_path_buf();
    let app = spawn_app_with(move |s| s.content_dir = Some(dir)).await;
    let (status, timeline) = app.get_html("/timeline?lang=en").await;
    assert_eq!(status, 200);
    assert!(timeline.contains("The timeline has not been published yet."));
    let (_, faq) = app.get_html("/faq?lang=en").await;
    assert!(faq.contains("There are no questions here yet."));
}
