//! The draft in the reader's language: Spanish and Russian sections with the same paragraphs as
//! the English (so comments line up), English marked `lang="en"` where there is no translation,
//! and a translation that goes out of date when the English text changes.

use crate::helpers::spawn_app;
use crate::helpers::spawn_app_with;
use app::domain::section::paragraph_anchors;

const SECTION: &str = "/strategy/introduction";

/// The section text of a page: from its `section-body` to the end of the article.
fn body(html: &str) -> String {
    html.split("class=\"section-body\"")
        .nth(1)
        .and_then(|rest| rest.split("</article>").next())
        .unwrap_or_default()
        .to_string()
}

fn title_of(file: &str) -> String {
    file.lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| panic!("no title"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_draft_reads_in_spanish_and_russian_with_the_same_paragraphs() {
    let app = spawn_app().await;
    let (_, english) = app.get_html(&format!("{SECTION}?lang=en")).await;
    let anchors = paragraph_anchors(&body(&english));
    assert_eq!(anchors.len(), 4, "the introduction's paragraphs");
    for (code, file) in [
        (
            "es",
            include_str!("../../content/cswb/sections/01-introduction.es.md"),
        ),
        (
            "ru",
            include_str!("../../content/cswb/sections/01-introduction.ru.md"),
        ),
    ] {
        let (status, page) = app.get_html(&format!("{SECTION}?lang={code}")).await;
        assert_eq!(status, 200);
        let title = title_of(file);
        assert!(page.contains(&title), "{code}: {title}");
        assert_eq!(
            paragraph_anchors(&body(&page)),
            anchors,
            "{code}: paragraph 3 of this text is paragraph 3 of the section"
        );
        assert!(
            !page.contains("id=\"section-title\" lang=") && !body(&page).contains(" lang="),
            "{code}: nothing marked English"
        );
        let (_, toc) = app.get_html(&format!("/strategy?lang={code}")).await;
        assert!(toc.contains(&title), "{code}: the contents list it");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_english_version_shows_english_marked_until_the_translation_follows() {
    use app::backend::services::{content, strategy};
    let app = spawn_app().await;
    let consultation = content::current_consultation(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no consultation"));
    let (found, version) = strategy::section_with_version(&app.db, consultation.id, "introduction")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no section"));
    let changed = format!("{}\n\nA new closing paragraph.", version.body_markdown);
    strategy::publish_version(&app.db, &found, &changed, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, page) = app.get_html(&format!("{SECTION}?lang=ru")).await;
    assert!(
        page.contains("A new closing paragraph."),
        "the current English text"
    );
    assert!(page.contains("lang=\"en\""), "marked as English");
    assert!(page.contains("Этот раздел ещё не переведён на ваш язык"));

    app.create_staff(
        "admin@weho.org",
        app::domain::Role::Admin,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("admin@weho.org", "correct horse battery staple")
        .await;
    let (_, staff) = app.get_html("/staff/sections?lang=en").await;
    assert!(
        staff.contains("out of date: the English text has changed since"),
        "the section list says which translations need work"
    );
    assert!(
        staff.contains("up to date"),
        "the other sections' translations"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_citys_pack_in_english_only_is_shown_in_english_and_says_so() {
    let content = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        content.path().join("consultation.toml"),
        engage::DEFAULT_CONSULTATION,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sections = content.path().join("sections");
    std::fs::create_dir(&sections).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        sections.join("01-introduction.md"),
        include_str!("../../content/cswb/sections/01-introduction.md"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = content.path().to_path_buf();
    let app = spawn_app_with(move |s| s.content_dir = Some(dir)).await;
    let (_, page) = app.get_html(&format!("{SECTION}?lang=es")).await;
    assert!(page.contains("<html lang=\"es\""));
    assert!(
        page.contains("id=\"section-title\" lang=\"en\""),
        "the title is marked"
    );
    assert!(
        page.contains("<div lang=\"en\" class=\"section-body\">"),
        "the text is marked"
    );
    assert!(page.contains("Esta sección todavía no está disponible en su idioma"));
}

#[test]
fn a_translation_with_other_paragraphs_is_refused_with_the_reason() {
    use app::backend::services::content::ConsultationPack;
    let english = "---\ntitle: One\nslug: one\norder: 1\nsummary: S\n---\nFirst.\n\nSecond.";
    let spanish = "---\ntitle: Uno\nslug: one\norder: 1\nsummary: R\n---\nPrimero y segundo.";
    let pack = ConsultationPack::from_toml(engage::DEFAULT_CONSULTATION)
        .unwrap_or_else(|e| panic!("{e}"))
        .with_sections([("01-one.md", english), ("01-one.es.md", spanish)]);
    match pack {
        Ok(_) => panic!("accepted a translation with one paragraph for two"),
        Err(e) => assert!(
            e.to_string()
                .contains("01-one.es.md: 1 paragraphs where the English text has 2"),
            "{e}"
        ),
    }
}

/// A `key = "value"` line of a translation file (the first with that key).
fn value_of(file: &str, key: &str) -> String {
    file.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no {key}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_consultation_and_its_meetings_read_in_the_readers_language() {
    let app = spawn_app().await;
    for (code, file) in [
        (
            "es",
            include_str!("../../content/cswb/consultation.es.toml"),
        ),
        (
            "ru",
            include_str!("../../content/cswb/consultation.ru.toml"),
        ),
    ] {
        let (_, home) = app.get_html(&format!("/?lang={code}")).await;
        let title = value_of(file, "title");
        assert!(home.contains(&title), "{code}: {title}");
        assert!(
            !home.contains("id=\"home-title\" lang="),
            "{code}: not marked as another language"
        );
        let (_, meeting) = app
            .get_html(&format!(
                "/events/phase-ii-session-plummer-park?lang={code}"
            ))
            .await;
        let translated = file
            .split("slug = \"phase-ii-session-plummer-park\"")
            .nth(1)
            .map(|rest| value_of(rest, "title"))
            .unwrap_or_default();
        assert!(meeting.contains(&translated), "{code}: {translated}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_changed_in_english_is_shown_in_english_until_translated_again() {
    use app::backend::entity::event;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app().await;
    let found = event::Entity::find()
        .filter(event::Column::Slug.eq("phase-ii-session-plummer-park"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the pack's meeting"));
    let mut edited: event::ActiveModel = found.into();
    edited.title = Set("Phase II session at Plummer Park (new room)".into());
    edited
        .update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, page) = app
        .get_html("/events/phase-ii-session-plummer-park?lang=ru")
        .await;
    assert!(page.contains("Phase II session at Plummer Park (new room)"));
    assert!(
        page.contains("id=\"meeting-title\" lang=\"en\""),
        "marked English"
    );
}

#[test]
fn a_translation_naming_a_meeting_the_pack_lacks_is_refused() {
    use app::backend::services::content::ConsultationPack;
    let broken = include_str!("../../content/cswb/consultation.es.toml")
        .replace("phase-ii-session-online", "a-meeting-nobody-planned");
    let refused = ConsultationPack::from_toml(engage::DEFAULT_CONSULTATION)
        .and_then(|p| p.with_translations([("consultation.es.toml", broken.as_str())]));
    match refused {
        Ok(_) => panic!("accepted a translation of a meeting that does not exist"),
        Err(e) => assert!(
            e.to_string()
                .contains("no meeting has the slug a-meeting-nobody-planned"),
            "{e}"
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survey_reads_in_russian_and_its_answers_are_kept_by_key() {
    use crate::surveys::{BUSINESS, page, started};
    let app = spawn_app().await;
    let file = include_str!("../../content/cswb/surveys/business.ru.toml");
    let (_, list) = app.get_html("/surveys?lang=ru").await;
    assert!(
        list.contains(&value_of(file, "title")),
        "the list in Russian"
    );
    let draft = started(&app, BUSINESS).await;
    let (_, first) = app
        .get_html(&format!("{}?step=0&lang=ru", draft.path()))
        .await;
    let prompt = file
        .split("key = \"role\"")
        .nth(1)
        .map(|rest| value_of(rest, "prompt"))
        .unwrap_or_default();
    assert!(first.contains(&prompt), "the question in Russian: {prompt}");
    assert!(!first.contains("Which best describes you?"));
    page(&app, &draft, 0, &[("answers[role][0]", "neither")]).await;
    let (_, english) = app
        .get_html(&format!("{}?step=2&lang=en", draft.path()))
        .await;
    assert!(
        english.contains("Rank these concerns"),
        "the same draft goes on in English"
    );
}

#[test]
fn a_survey_translation_that_changes_an_option_is_refused() {
    use app::backend::services::content::ConsultationPack;
    let english = include_str!("../../content/cswb/surveys/business.toml");
    let changed = include_str!("../../content/cswb/surveys/business.es.toml")
        .replace("key = \"neither\"", "key = \"ninguno\"");
    let refused = ConsultationPack::from_toml(engage::DEFAULT_CONSULTATION).and_then(|p| {
        p.with_surveys([
            ("business.toml", english),
            ("business.es.toml", changed.as_str()),
        ])
    });
    match refused {
        Ok(_) => panic!("accepted a translation whose answers would not merge"),
        Err(e) => assert!(
            e.to_string()
                .contains("business.es.toml: its pages, questions, options"),
            "{e}"
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_writes_a_translation_with_the_english_paragraphs_beside_it() {
    use crate::helpers::location;
    let mut app = spawn_app().await;
    app.client = crate::helpers::new_browser();
    app.create_staff(
        "admin@weho.org",
        app::domain::Role::Admin,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("admin@weho.org", "correct horse battery staple")
        .await;
    let editor = "/staff/sections/introduction/es";
    let (status, page) = app.get_html(&format!("{editor}?lang=en")).await;
    assert_eq!(status, 200);
    assert!(page.contains("The English text to translate"));
    assert!(page.contains("has 4 paragraphs"));

    let form = |markdown: &'static str| {
        [
            ("slug", "introduction"),
            ("code", "es"),
            ("title", "Introducción revisada"),
            ("summary", "Resumen."),
            ("markdown", markdown),
        ]
    };
    let short = app
        .post_form_from(
            editor,
            "/api/staff/sections/translation/save",
            &form("Un solo párrafo."),
        )
        .await;
    assert_ne!(
        location(&short),
        format!("{editor}?saved=1"),
        "one paragraph for four"
    );
    let saved = app
        .post_form_from(
            editor,
            "/api/staff/sections/translation/save",
            &form("Uno.\n\nDos.\n\nTres.\n\nCuatro."),
        )
        .await;
    assert_eq!(location(&saved), format!("{editor}?saved=1"));
    let (_, public) = app.get_html("/strategy/introduction?lang=es").await;
    assert!(public.contains("Introducción revisada") && public.contains("Cuatro."));
    assert_eq!(
        app.audit_actions("section.translation_saved.es")
            .await
            .len(),
        1
    );
    assert_eq!(
        app.get("/staff/sections/introduction/en").await.status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feedback_dashboard_counts_by_the_language_people_wrote_in() {
    let app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    let stamp = app.form_stamp();
    let form = [
        ("slug", "neighborhood-livability"),
        ("paragraph", ""),
        ("body", "Больше света во дворах, пожалуйста."),
        ("stakeholder_group", "resident"),
        ("display_name", "Ольга"),
        ("consent_public", "on"),
        ("website", ""),
        ("form_stamp", stamp.as_str()),
    ];
    app.client
        .post(app.url("/api/strategy/comments/send"))
        .header("accept", "text/html")
        .header("accept-language", "ru")
        .header("referer", app.url("/strategy/neighborhood-livability"))
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    crate::comments::send(&app, &[("body", "More light in the yards, please.")]).await;
    app.create_staff(
        "analyst@weho.org",
        app::domain::Role::Analyst,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("analyst@weho.org", "correct horse battery staple")
        .await;
    for (language, expected) in [
        ("ru", "In all: 1 comment,"),
        ("es", "In all: 0 comments,"),
        ("", "In all: 2 comments,"),
    ] {
        let (_, page) = app
            .get_html(&format!("/staff/feedback?language={language}&lang=en"))
            .await;
        assert!(page.contains(expected), "{language}: {expected}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_carry_and_filter_by_the_language_people_wrote_in() {
    let app = spawn_app().await;
    app.submit_inquiry(&[]).await;
    app.client
        .post(app.url("/api/contact/send"))
        .header("accept", "text/html")
        .header("accept-language", "es")
        .header("referer", app.url("/contact"))
        .form(&[
            ("name", "Lucía"),
            ("email", "lucia@example.org"),
            ("phone", ""),
            ("reply_channel", "email"),
            ("stakeholder_group", "resident"),
            ("stakeholder_other", ""),
            ("zip", "90069"),
            ("topic", "draft_strategy"),
            ("message", "Más luz en los callejones."),
            ("consent", "on"),
            ("website", ""),
            ("form_stamp", &app.form_stamp()),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.create_staff(
        "analyst@weho.org",
        app::domain::Role::Analyst,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("analyst@weho.org", "correct horse battery staple")
        .await;
    let all = app.get("/staff/exports/inquiries.csv").await;
    let text = all.text().await.unwrap_or_default();
    assert!(text.lines().next().unwrap_or_default().contains("language"));
    assert_eq!(text.lines().count(), 3, "header and both inquiries");
    let spanish = app.get("/staff/exports/inquiries.csv?language=es").await;
    let text = spanish.text().await.unwrap_or_default();
    assert_eq!(
        text.lines().count(),
        2,
        "header and the Spanish one: {text}"
    );
    assert!(text.contains("Más luz en los callejones.") && text.contains(",es"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_group_report_counts_inputs_per_language() {
    let app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    for body in ["Brighter alleys, please.", "More benches on Robertson."] {
        crate::comments::send(&app, &[("body", body)]).await;
    }
    app.create_staff(
        "admin@weho.org",
        app::domain::Role::Admin,
        "correct horse battery staple",
    )
    .await;
    app.sign_in("admin@weho.org", "correct horse battery staple")
        .await;
    let (_, report) = app.get_html("/staff/reports/resident?lang=en").await;
    assert!(report.contains("Inputs by language written in"));
    assert!(
        report.contains(">English</span>: 2"),
        "two English comments"
    );
    assert!(report.contains(">Русский</span>: 0"));
}
