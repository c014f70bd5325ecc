//! Making sense of the feedback: full-text search by the database itself (Russian and Spanish
//! word forms included), the codebook, tagging one item or every result, suggestions, theme
//! counts by group, themes in exports, and the staff digest.

use crate::helpers::{TestApp, link_path, location, spawn_app};
use app::backend::entity::{feedback_item, outbox_message, theme_tag};
use app::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple 42";

/// A comment sent as a reader of the page in `language` would, from the `group` given.
async fn comment_in(app: &TestApp, language: &str, group: &str, body: &str) {
    let stamp = app.form_stamp();
    let form = [
        ("slug", crate::comments::SECTION),
        ("paragraph", ""),
        ("body", body),
        ("stakeholder_group", group),
        ("display_name", "Neighbour"),
        ("consent_public", "on"),
        ("website", ""),
        ("form_stamp", stamp.as_str()),
    ];
    let response = app
        .client
        .post(app.url("/api/strategy/comments/send"))
        .header("accept", "text/html")
        .header("accept-language", language)
        .header("referer", app.url("/strategy/neighborhood-livability"))
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(response.status().is_redirection(), "comment not taken");
}

async fn signed_in(app: &TestApp, email: &str, role: Role) {
    app.create_staff(email, role, PASSWORD).await;
    app.sign_in(email, PASSWORD).await;
}

/// Adds a theme through the codebook form; returns its id.
async fn theme(app: &TestApp, name: &str, keywords: &[(&str, &str)]) -> i32 {
    let mut form = vec![
        ("id", ""),
        ("name", name),
        ("description", ""),
        ("parent", ""),
        ("colour", "#1d6fa5"),
    ];
    form.extend_from_slice(keywords);
    let saved = app
        .post_form_from("/staff/themes", "/api/staff/themes/save", &form)
        .await;
    let target = location(&saved);
    assert!(target.starts_with("/staff/themes?saved="), "{target}");
    target
        .trim_start_matches("/staff/themes?saved=")
        .split('#')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no theme id in {target}"))
}

/// Tags (`change` "add") or untags ("remove") every result of `search` with a theme, as the bulk
/// form on the search page does.
async fn tag_all(app: &TestApp, search: &str, theme: i32, change: &str) -> reqwest::Response {
    app.post_form_from(
        &format!("/staff/search?{search}"),
        "/api/staff/search/tag-all",
        &[
            ("search", search),
            ("theme", &theme.to_string()),
            ("change", change),
        ],
    )
    .await
}

async fn items(app: &TestApp) -> Vec<feedback_item::Model> {
    feedback_item::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn item_with(app: &TestApp, words: &str) -> i32 {
    items(app)
        .await
        .into_iter()
        .find(|i| i.body.contains(words))
        .map(|i| i.id)
        .unwrap_or_else(|| panic!("no item with {words}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_word_forms_in_russian_spanish_and_english_across_every_kind_of_input() {
    let app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    comment_in(
        &app,
        "es",
        "business",
        "Necesitamos más iluminación en los callejones.",
    )
    .await;
    comment_in(
        &app,
        "en",
        "resident",
        "The lights on Santa Monica Boulevard are too dim.",
    )
    .await;
    app.client
        .post(app.url("/api/contact/send"))
        .header("accept", "text/html")
        .header("accept-language", "ru")
        .header("referer", app.url("/contact"))
        .form(&[
            ("name", "Ольга"),
            ("email", "olga@example.org"),
            ("phone", ""),
            ("reply_channel", "email"),
            ("stakeholder_group", "resident"),
            ("stakeholder_other", ""),
            ("zip", "90046"),
            ("topic", "draft_strategy"),
            ("message", "Во дворах не хватает фонарей, вечером страшно."),
            ("consent", "on"),
            ("website", ""),
            ("form_stamp", app.form_stamp().as_str()),
        ])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Written in the transaction that stored each input.
    assert_eq!(items(&app).await.len(), 3);

    assert_eq!(
        location(&app.get("/staff/search?q=lighting").await),
        "/staff/sign-in?next=/staff/search"
    );
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let (status, page) = app
        .get_html("/staff/search?q=%D1%84%D0%BE%D0%BD%D0%B0%D1%80%D0%B8&lang=en")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("1 result"), "фонари finds фонарей");
    assert!(
        page.contains("<mark>фонарей</mark>"),
        "the matching word is marked"
    );
    assert!(!page.contains("callejones"));

    let (_, page) = app.get_html("/staff/search?q=iluminaciones&lang=en").await;
    assert!(page.contains("1 result"), "iluminaciones finds iluminación");
    assert!(page.contains("<mark>iluminación</mark>"));

    // Words the language leaves out of its index (the, on, de) do not hide what they stand beside.
    let (_, page) = app.get_html("/staff/search?q=the+lights+on&lang=en").await;
    assert!(page.contains("1 result"), "stopwords in a search");
    let (_, page) = app
        .get_html("/staff/search?q=iluminaci%C3%B3n+en+los&lang=en")
        .await;
    assert!(page.contains("1 result"), "Spanish stopwords in a search");

    let (_, page) = app.get_html("/staff/search?q=light&lang=en").await;
    assert!(page.contains("<mark>lights</mark>"));
    assert!(!page.contains("вечером страшно"));

    // Filters narrow without words; an unknown kind is ignored, not an error.
    let (_, page) = app.get_html("/staff/search?kind=inquiry&lang=en").await;
    assert!(page.contains("1 result") && page.contains("вечером страшно"));
    let (_, page) = app
        .get_html("/staff/search?group=business&language=es&lang=en")
        .await;
    assert!(page.contains("1 result") && page.contains("callejones"));
    let (_, page) = app.get_html("/staff/search?kind=pirate&lang=en").await;
    assert!(page.contains("3 results"));
    // Search syntax is text, never an injection into the database's query language.
    let (status, page) = app
        .get_html("/staff/search?q=%22light%22+OR+NEAR(*)+%27%3B--&lang=en")
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("0 results"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_tags_one_item_then_every_result_and_each_change_is_audited_and_reversible() {
    let mut app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    comment_in(
        &app,
        "en",
        "business",
        "Street lighting on La Cienega is poor.",
    )
    .await;
    comment_in(
        &app,
        "en",
        "resident",
        "Better lighting near the park, please.",
    )
    .await;
    comment_in(
        &app,
        "en",
        "resident",
        "The lights by the bus stop went out.",
    )
    .await;
    comment_in(&app, "en", "resident", "Parking permits cost too much.").await;
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let lighting = theme(&app, "Street lighting", &[]).await;

    // A theme with a name already taken is refused next to the field.
    let again = app
        .post_form_from(
            "/staff/themes",
            "/api/staff/themes/save",
            &[("name", "Street lighting"), ("colour", "#123456")],
        )
        .await;
    let page = app.follow(&again).await;
    assert!(page.contains("Another theme already has this name"));

    let parking = item_with(&app, "Parking").await;
    let tagged = app
        .post_form_from(
            "/staff/search",
            "/api/staff/search/tag",
            &[
                ("item", &parking.to_string()),
                ("theme", &lighting.to_string()),
                ("change", "add"),
                ("back", "/staff/search?q=parking"),
            ],
        )
        .await;
    assert_eq!(
        location(&tagged),
        format!("/staff/search?q=parking#item-{parking}")
    );
    assert_eq!(app.audit_actions("theme.tagged").await.len(), 1);
    app.post_form_from(
        "/staff/search",
        "/api/staff/search/tag",
        &[
            ("item", &parking.to_string()),
            ("theme", &lighting.to_string()),
            ("change", "remove"),
            ("back", "https://evil.example/"),
        ],
    )
    .await;
    assert_eq!(app.audit_actions("theme.untagged").await.len(), 1);
    assert_eq!(
        theme_tag::Entity::find().count(&app.db).await.unwrap_or(9),
        0
    );

    // Every result of "lighting" (lighting, lights) at once: three items, one audit row.
    let bulk = tag_all(&app, "q=lighting", lighting, "add").await;
    let target = location(&bulk);
    assert!(target.contains("done=added&count=3"), "{target}");
    let page = app.follow_path(&format!("{target}&lang=en")).await;
    assert!(page.contains("3 more items now carry “Street lighting”."));
    let audited = app.audit_actions("theme.tagged_bulk").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].detail.as_deref(), Some("3 items"));
    let (_, page) = app
        .get_html(&format!("/staff/search?theme={lighting}&lang=en"))
        .await;
    assert!(page.contains("3 results") && !page.contains("Parking permits"));
    let (_, page) = app.get_html("/staff/search?theme=none&lang=en").await;
    assert!(page.contains("1 result") && page.contains("Parking permits"));

    // The dashboard counts the theme by group; an analyst sees small cells withheld.
    let (_, page) = app.get_html("/staff/feedback?lang=en").await;
    assert!(page.contains("Themes by stakeholder group"));
    assert!(
        page.contains("Street lighting (3)"),
        "the chart names the total"
    );
    assert!(page.contains("fewer than"), "cells under k are withheld");

    // Reversible as a whole.
    let undone = tag_all(&app, "q=lighting", lighting, "remove").await;
    assert!(location(&undone).contains("done=removed&count=3"));
    assert_eq!(app.audit_actions("theme.untagged_bulk").await.len(), 1);
    assert_eq!(
        theme_tag::Entity::find().count(&app.db).await.unwrap_or(9),
        0
    );

    // A moderator may not tag.
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.client = crate::helpers::new_browser();
    app.sign_in("mod@weho.org", PASSWORD).await;
    assert_eq!(app.get("/staff/search").await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keywords_suggest_a_theme_in_each_language_and_staff_confirm_or_dismiss() {
    let app = spawn_app().await;
    crate::comments::open_period(&app, true).await;
    comment_in(
        &app,
        "es",
        "business",
        "Faltan luces y más iluminación en la calle.",
    )
    .await;
    comment_in(&app, "es", "resident", "La iluminación del parque es mala.").await;
    comment_in(&app, "ru", "resident", "Нужно больше фонарей у парка.").await;
    comment_in(
        &app,
        "en",
        "resident",
        "Lighting matters, but in Spanish we say iluminación.",
    )
    .await;
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let lighting = theme(
        &app,
        "Lighting",
        &[("keywords_es", "iluminaciones"), ("keywords_ru", "фонарь")],
    )
    .await;
    let (_, page) = app.get_html("/staff/themes/suggestions?lang=en").await;
    assert!(page.contains("Faltan luces") && page.contains("del parque"));
    assert!(
        page.contains("фонарей"),
        "Russian keywords match Russian text"
    );
    assert!(
        !page.contains("Lighting matters"),
        "Spanish keywords only for Spanish text"
    );

    let first = item_with(&app, "Faltan luces").await;
    let second = item_with(&app, "del parque").await;
    let confirmed = app
        .post_form_from(
            "/staff/themes/suggestions",
            "/api/staff/themes/suggestions/decide",
            &[
                ("theme", &lighting.to_string()),
                ("item", &first.to_string()),
                ("decision", "confirm"),
            ],
        )
        .await;
    assert_eq!(
        location(&confirmed),
        "/staff/themes/suggestions?done=confirmed"
    );
    app.post_form_from(
        "/staff/themes/suggestions",
        "/api/staff/themes/suggestions/decide",
        &[
            ("theme", &lighting.to_string()),
            ("item", &second.to_string()),
            ("decision", "dismiss"),
        ],
    )
    .await;
    assert_eq!(
        app.audit_actions("theme.suggestion_confirmed").await.len(),
        1
    );
    assert_eq!(
        app.audit_actions("theme.suggestion_dismissed").await.len(),
        1
    );
    let (_, page) = app.get_html("/staff/themes/suggestions?lang=en").await;
    assert!(
        !page.contains("Faltan luces"),
        "tagged: no longer suggested"
    );
    assert!(!page.contains("del parque"), "dismissed: not offered again");
    assert!(page.contains("фонарей"));
    let tags = theme_tag::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].item_id, first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_carry_themes_and_erasing_an_input_takes_it_out_of_the_search() {
    let app = spawn_app().await;
    app.submit_inquiry(&[]).await;
    crate::comments::open_period(&app, true).await;
    comment_in(&app, "en", "business", "Lighting on the alley is broken.").await;
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    let lighting = theme(&app, "Lighting", &[]).await;
    let safety = theme(&app, "Safety", &[]).await;
    for theme in [lighting, safety] {
        tag_all(&app, "q=lighting", theme, "add").await;
    }
    let csv = app
        .get("/staff/exports/comments.csv")
        .await
        .text()
        .await
        .unwrap_or_default();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default();
    let column = header
        .iter()
        .position(|h| h == "themes")
        .unwrap_or_else(|| panic!("no themes column in {header:?}"));
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][column], "Lighting; Safety");
    let inquiries = app
        .get("/staff/exports/inquiries.csv")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(inquiries.contains("themes") && inquiries.contains("Lighting; Safety"));
    // The group report lists the group's top themes with the quotes chosen among its comments.
    let comment_id = app::backend::entity::comment::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no comment"));
    app.post_form(
        "/api/staff/moderation/decide",
        &[("id", &comment_id.to_string()), ("decision", "approve")],
    )
    .await;
    app.post_form_from(
        "/staff/reports/business",
        "/api/staff/reports/highlight",
        &[
            ("group", "business"),
            ("comment_id", &comment_id.to_string()),
            ("on", "1"),
        ],
    )
    .await;
    let (_, report) = app.get_html("/staff/reports/business?lang=en").await;
    let top = report
        .split("Top themes")
        .nth(1)
        .and_then(|rest| rest.split("<h2").next())
        .unwrap_or_else(|| panic!("no top themes"));
    assert!(
        top.contains("Lighting: 1") && top.contains("Safety: 1"),
        "{top}"
    );
    assert!(
        top.contains("Lighting on the alley is broken."),
        "the chosen quote"
    );
    let workbook = app.get("/staff/exports/groups/business").await;
    assert_eq!(workbook.status(), 200);
    assert!(!workbook.bytes().await.unwrap_or_default().is_empty());

    // The sender withdraws: the inquiry leaves the search with its themes.
    let ack = app.last_email("inquiry-ack", "ana@example.org").await;
    let link = link_path("/your-inquiry/", &ack.text_body);
    let token = link.trim_start_matches("/your-inquiry/").to_string();
    app.post_form_from(&link, "/api/your-inquiry/withdraw", &[("token", &token)])
        .await;
    let (_, page) = app.get_html("/staff/search?q=lighting&lang=en").await;
    assert!(page.contains("1 result"), "only the comment is left");
    assert!(!page.contains("alley behind Santa Monica"));
    assert_eq!(
        theme_tag::Entity::find().count(&app.db).await.unwrap_or(0),
        2,
        "the inquiry's two tags went with it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_who_asked_gets_one_digest_a_day_with_what_waits() {
    let app = spawn_app_with_worker_off().await;
    crate::comments::open_period(&app, true).await;
    comment_in(
        &app,
        "en",
        "resident",
        "Please fix the crosswalk on Fountain.",
    )
    .await;
    app.submit_inquiry(&[]).await;
    signed_in(&app, "mod@weho.org", Role::Moderator).await;
    let (_, account) = app.get_html("/staff/account?lang=en").await;
    assert!(account.contains("Daily digest"));
    let saved = app
        .post_form_from(
            "/staff/account",
            "/api/staff/digest/set?lang=es",
            &[("digest", "on")],
        )
        .await;
    assert_eq!(location(&saved), "/staff/account?digest=saved");
    assert_eq!(app.audit_actions("digest.subscribed").await.len(), 1);

    // 06:30 in Los Angeles is too early; 07:30 sends; later the same day sends nothing more.
    let early = chrono::DateTime::parse_from_rfc3339("2026-12-01T06:30:00-08:00")
        .map(|t| t.to_utc())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.outbox_worker.queue_digests(early).await.unwrap_or(9), 0);
    let later = early + chrono::Duration::hours(1);
    assert_eq!(app.outbox_worker.queue_digests(later).await.unwrap_or(0), 1);
    assert_eq!(
        app.outbox_worker
            .queue_digests(later + chrono::Duration::hours(5))
            .await
            .unwrap_or(9),
        0
    );
    let digest = app.last_email("staff-digest", "mod@weho.org").await;
    assert!(
        digest.subject.contains("Lo que tiene pendiente"),
        "{}",
        digest.subject
    );
    assert!(
        digest.text_body.contains("1 comentario por moderar"),
        "{}",
        digest.text_body
    );
    assert!(
        digest.text_body.contains("1 consulta abierta"),
        "{}",
        digest.text_body
    );
    assert!(
        !digest.text_body.contains("/staff/events"),
        "moderators do not book meetings"
    );
    let digests = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("staff-digest"))
        .count(&app.db)
        .await
        .unwrap_or(0);
    assert_eq!(digests, 1);
    // The next morning, again.
    assert_eq!(
        app.outbox_worker
            .queue_digests(later + chrono::Duration::days(1))
            .await
            .unwrap_or(0),
        1
    );
}

async fn spawn_app_with_worker_off() -> TestApp {
    crate::helpers::spawn_app_with(|s| s.outbox_worker = false).await
}

/// A submitted community-survey response written straight to the database (as an older version of
/// the portal would have), with one written answer.
async fn older_response(app: &TestApp, identities: &str, answer: &str) {
    use app::backend::entity::{survey, survey_response};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let found = survey::Entity::find()
        .filter(survey::Column::Slug.eq("community-survey"))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no community survey"));
    let now = chrono::Utc::now();
    survey_response::ActiveModel {
        survey_id: Set(found.id),
        reference: Set(Some(format!("CSWB-S-{}", now.timestamp_micros()))),
        draft_token_hash: Set(format!("draft-{}", now.timestamp_micros())),
        status: Set(app::domain::status::ResponseStatus::Submitted),
        answers: Set(serde_json::json!({ "one_change": [answer] }).to_string()),
        stakeholder_group: Set(Some("resident".into())),
        identities: Set(identities.into()),
        locale: Set("en".into()),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn written_survey_answers_are_indexed_found_by_identity_and_counted_by_identity() {
    let app = spawn_app().await;
    older_response(
        &app,
        "senior,lgbtq",
        "Brighter lighting on the way to the senior center.",
    )
    .await;
    older_response(
        &app,
        "women,russian_speaking",
        "Lighting in the parking garage at night.",
    )
    .await;
    // What was written before the index existed is indexed at start (and by this call).
    let indexed = app::backend::services::search::backfill(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(indexed, 2);
    assert_eq!(
        app::backend::services::search::backfill(&app.db)
            .await
            .unwrap_or(9),
        0,
        "nothing twice"
    );
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("admin@weho.org", PASSWORD).await;
    let (_, page) = app.get_html("/staff/search?identity=senior&lang=en").await;
    assert!(page.contains("1 result") && page.contains("senior center"));
    assert!(page.contains("Survey answer"));
    let (_, page) = app
        .get_html("/staff/search?identity=russian_speaking&lang=en")
        .await;
    assert!(
        page.contains("1 result") && page.contains("parking garage"),
        "{}",
        page.split("results-heading")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect::<String>()
    );
    let lighting = theme(&app, "Lighting", &[]).await;
    tag_all(&app, "q=lighting", lighting, "add").await;
    let (_, page) = app.get_html("/staff/feedback?lang=en").await;
    let table = page
        .split("Tagged survey answers per theme and community identity")
        .nth(1)
        .unwrap_or_else(|| panic!("no identity table"));
    let row = table
        .split("<tr>")
        .find(|r| r.contains("Lighting"))
        .unwrap_or_else(|| panic!("no Lighting row"));
    let cells: Vec<&str> = row
        .split("<td>")
        .skip(1)
        .map(|c| c.split('<').next().unwrap_or_default())
        .collect();
    // Identities in the consultation's order: LGBTQ+, senior, disability, Russian-speaking, BIPOC,
    // trans and nonbinary, women (an admin sees every count).
    assert_eq!(cells[..3], ["1", "1", "0"], "{row}");
    assert_eq!(cells.last().copied(), Some("1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_past_a_thousand_says_more_than_and_tags_every_result_in_chunks() {
    use app::backend::entity::{comment, section};
    use sea_orm::ActiveValue::Set;
    let app = spawn_app().await;
    let found = section::Entity::find()
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no section"));
    let rows = (0..1_005).map(|n| comment::ActiveModel {
        reference: Set(Some(format!("CSWB-C-{n:05}"))),
        section_id: Set(found.id),
        section_version_id: Set(found.current_version_id.unwrap_or_default()),
        body: Set(format!("Alley lighting, note {n}.")),
        text_hash: Set(format!("hash-{n}")),
        stakeholder_group: Set("resident".into()),
        display_name: Set("Neighbour".into()),
        locale: Set("en".into()),
        status: Set(app::domain::status::CommentStatus::Published),
        created_at: Set(chrono::Utc::now()),
        channel: Set("online".into()),
        ..Default::default()
    });
    for chunk in rows.collect::<Vec<_>>().chunks(200) {
        comment::Entity::insert_many(chunk.to_vec())
            .exec(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    app::backend::services::search::backfill(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    signed_in(&app, "analyst@weho.org", Role::Analyst).await;
    let lighting = theme(&app, "Lighting", &[]).await;
    let (_, page) = app.get_html("/staff/search?q=alley&lang=en").await;
    assert!(page.contains("More than 1,000 results"));
    assert!(page.contains("Tag every result"));
    let bulk = tag_all(&app, "q=alley", lighting, "add").await;
    assert!(
        location(&bulk).contains("done=added&count=1005"),
        "{}",
        location(&bulk)
    );
    assert_eq!(
        theme_tag::Entity::find().count(&app.db).await.unwrap_or(0),
        1_005
    );
}
