//! "What we heard": the public pages count who took part and the themes by group with small cells
//! withheld, show a survey's results only once an admin publishes them (the chart saying what the
//! table says), the City's replies and new versions; a section's page keeps to its section; the
//! open data carry the same numbers and nothing personal, its CSV guarded against formulas.

use crate::comments::{SECTION, open_period};
use crate::helpers::{TestApp, location, spawn_app};
use crate::surveys::BUSINESS;
use app::backend::entity::{
    comment, consultation, section, staff_account, survey, survey_response,
};
use app::backend::services::{comments, search, strategy, themes, what_we_heard};
use app::domain::Role;
use app::domain::status::{CommentStatus, ResponseStatus};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple 42";
const OTHER_SECTION: &str = "health-and-human-services";
const REPLY: &str = "We will add lighting on Palm Avenue this spring.";
const BUSINESS_COMMENT: &str = "Business owners ask for more patrols after dark.";
const FREE_TEXT: &str = "More lighting on Sunset, please.";

async fn section_named(app: &TestApp, slug: &str) -> section::Model {
    section::Entity::find()
        .filter(section::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no section {slug}"))
}

/// A published comment with its search item, as if it had come in and been approved.
async fn comment_on(
    app: &TestApp,
    found: &section::Model,
    n: usize,
    group: &str,
    channel: &str,
    body: &str,
) -> comment::Model {
    let stored = comment::ActiveModel {
        reference: Set(Some(format!("CSWB-2026-C-{n:05}"))),
        section_id: Set(found.id),
        section_version_id: Set(found.current_version_id.unwrap_or_default()),
        paragraph_anchor: Set(None),
        body: Set(body.into()),
        text_hash: Set(format!("hash-{n}")),
        stakeholder_group: Set(group.into()),
        stakeholder_other: Set(None),
        display_name: Set(format!("Neighbour {n}")),
        zip: Set(Some("90046".into())),
        email: Set(Some(format!("writer{n}@example.org"))),
        locale: Set("en".into()),
        status: Set(CommentStatus::Published),
        reject_reason: Set(None),
        created_at: Set(chrono::Utc::now()),
        channel: Set(channel.into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    search::index_comment(&app.db, &stored, found.consultation_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    stored
}

async fn theme_on(app: &TestApp, name: &str, staff: i32, comment_ids: &[i32]) {
    use app::backend::entity::feedback_item;
    let found = consultation::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no consultation"));
    let form = themes::ThemeForm {
        name: name.into(),
        colour: "#1d6fa5".into(),
        ..Default::default()
    };
    let theme = themes::create(&app.db, found.id, &form, staff)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let items: Vec<i32> = feedback_item::Entity::find()
        .filter(feedback_item::Column::Kind.eq("comment"))
        .filter(feedback_item::Column::SourceId.is_in(comment_ids.to_vec()))
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|i| i.id)
        .collect();
    themes::tag(&app.db, &theme, &items, staff, themes::Tagging::Bulk)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A submitted response to the business survey, with contact details that must never leave.
async fn response(app: &TestApp, n: usize, group: &str, answers: &str) -> i32 {
    let found = survey::Entity::find()
        .filter(survey::Column::Slug.eq(BUSINESS))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no business survey"));
    let now = chrono::Utc::now();
    survey_response::ActiveModel {
        survey_id: Set(found.id),
        reference: Set(Some(format!("CSWB-S-9{n:04}"))),
        draft_token_hash: Set(format!("seeded-{n}")),
        status: Set(ResponseStatus::Submitted),
        answers: Set(answers.into()),
        stakeholder_group: Set(Some(group.into())),
        zip: Set(Some("90069".into())),
        identities: Set(String::new()),
        contact_name: Set(Some(format!("Person {n}"))),
        contact_email: Set(Some(format!("person{n}@example.org"))),
        locale: Set("en".into()),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    found.id
}

fn owner(services: bool) -> String {
    let used = if services {
        r#","services_used":["sheriff"]"#
    } else {
        ""
    };
    format!(
        r#"{{"role":["owner"],"business_type":["restaurant_bar"],"location":["__other"],"location__other":["=HYPERLINK(\"http://evil\")"],"employees":["12"],"concerns":["theft","traffic","street_behavior","mental_health","response_time"],"ambassadors_contact":["yes"],"ambassadors_rating":["4"]{used},"priority_response":["5"],"priority_livability":["4"],"priority_care":["3"],"comments":["{FREE_TEXT}"]}}"#
    )
}

const RESIDENT: &str = r#"{"role":["neither"],"concerns":["theft","traffic","street_behavior","mental_health","response_time"],"ambassadors_contact":["no"],"priority_response":["3"],"priority_livability":["5"],"priority_care":["5"]}"#;

struct World {
    survey_id: i32,
}

/// Six residents and two businesses comment on one section online, five community organisations
/// on another at a pop-up; one theme on the residents' comments and one business comment, another
/// (named like a formula) on the organisations'; the City replies to a business comment; six
/// business owners and two residents answer the business survey, three owners naming services.
async fn seed(app: &TestApp) -> World {
    app.create_staff("admin@weho.org", Role::Admin, PASSWORD)
        .await;
    let staff = staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq("admin@weho.org"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |a| a.id);
    let livability = section_named(app, SECTION).await;
    let health = section_named(app, OTHER_SECTION).await;
    let mut lighting = Vec::new();
    for n in 0..6 {
        let body = format!("Residents want more street lighting, note {n}.");
        lighting.push(
            comment_on(app, &livability, n, "resident", "online", &body)
                .await
                .id,
        );
    }
    let replied = comment_on(app, &livability, 6, "business", "online", BUSINESS_COMMENT).await;
    lighting.push(replied.id);
    comment_on(
        app,
        &livability,
        7,
        "business",
        "online",
        "Deliveries block the alley.",
    )
    .await;
    let mut outreach = Vec::new();
    for n in 8..13 {
        let body = format!("Outreach must run at night, note {n}.");
        outreach.push(
            comment_on(app, &health, n, "community_organization", "pop_up", &body)
                .await
                .id,
        );
    }
    theme_on(app, "Street lighting", staff, &lighting).await;
    theme_on(app, "=Night outreach", staff, &outreach).await;
    comments::reply(&app.db, replied.id, staff, REPLY)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("reply not stored"));
    let mut survey_id = 0;
    for n in 0..6 {
        survey_id = response(app, n, "business", &owner(n < 3)).await;
    }
    for n in 6..8 {
        response(app, n, "resident", RESIDENT).await;
    }
    World { survey_id }
}

/// The HTML of one question's result: from its heading to the end of its section.
fn question<'a>(page: &'a str, key: &str) -> &'a str {
    let id = format!("id=\"wwh-{BUSINESS}-{key}\"");
    let start = page
        .find(&id)
        .unwrap_or_else(|| panic!("no question {key} on the page"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// Every `<…>text<` after `marker`, the text only.
fn texts_after(html: &str, marker: &str) -> Vec<String> {
    html.split(marker)
        .skip(1)
        .map(|chunk| {
            let chunk = chunk.split_once('>').map_or(chunk, |(_, rest)| rest);
            chunk.split('<').next().unwrap_or_default().to_string()
        })
        .collect()
}

/// Bars say "count (share)"; the table's rows say count and share in two cells.
fn chart_matches_table(html: &str) -> Vec<String> {
    let bars = texts_after(html, "class=\"chart-value\"");
    let cells = texts_after(html, "<td");
    let rows: Vec<String> = cells
        .chunks(2)
        .map(|pair| format!("{} ({})", pair[0], pair.get(1).cloned().unwrap_or_default()))
        .collect();
    assert_eq!(bars, rows, "the chart and the table differ");
    bars
}

fn personal_data_absent(text: &str, what: &str) {
    for personal in [
        "@example.org",
        "Neighbour ",
        "Person ",
        "90046",
        "90069",
        FREE_TEXT,
        "HYPERLINK",
        "Residents want more street lighting",
    ] {
        assert!(!text.contains(personal), "{what} holds {personal}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_count_by_group_withhold_small_cells_and_show_published_results_only() {
    let app = spawn_app().await;
    open_period(&app, true).await;
    let world = seed(&app).await;
    let livability = section_named(&app, SECTION).await;
    strategy::publish_version(
        &app.db,
        &livability,
        "A new paragraph about lighting.",
        None,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_else(|| panic!("no new version"));

    let (status, page) = app.get_html("/what-we-heard").await;
    assert_eq!(status, 200);
    assert!(page.contains("<h1>What we heard</h1>"));
    assert!(page.contains("<td>6</td>"), "six residents commented");
    assert!(page.contains("fewer than 5"), "two businesses are withheld");
    assert!(page.contains("Street lighting") && page.contains("=Night outreach"));
    assert!(page.contains(REPLY) && page.contains(BUSINESS_COMMENT));
    assert!(page.contains(&format!("/strategy/{SECTION}/versions/2")));
    assert!(page.contains(&format!("href=\"/what-we-heard/{OTHER_SECTION}\"")));
    assert!(page.contains(app::paths::WHAT_WE_HEARD_CSV));
    assert!(page.contains("No survey results have been published yet."));
    assert!(
        !page.contains("security ambassadors"),
        "unpublished results"
    );
    personal_data_absent(&page, "the page");

    // An analyst reads results but does not publish them; an admin does, and it is audited.
    let publish = [("id", world.survey_id.to_string()), ("publish", "1".into())];
    let form: Vec<(&str, &str)> = publish.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let results = format!("/staff/surveys/{}/results", world.survey_id);
    app.create_staff("analyst@weho.org", Role::Analyst, PASSWORD)
        .await;
    app.sign_in("analyst@weho.org", PASSWORD).await;
    let (_, staff_page) = app.get_html(&results).await;
    assert!(staff_page.contains("These results are not shown to the public."));
    assert!(
        !staff_page.contains("Publish these results"),
        "no form for analysts"
    );
    app.post_form_from(&results, "/api/staff/surveys/publish-results", &form)
        .await;
    let (_, still) = app.get_html("/what-we-heard").await;
    assert!(!still.contains("security ambassadors"));
    app.sign_in("admin@weho.org", PASSWORD).await;
    let (_, staff_page) = app.get_html(&results).await;
    assert!(staff_page.contains("Publish these results on What we heard"));
    let published = app
        .post_form_from(&results, "/api/staff/surveys/publish-results", &form)
        .await;
    assert_eq!(
        location(&published),
        format!("{results}?publication=published")
    );
    assert_eq!(app.audit_actions("survey.results_published").await.len(), 1);

    let (_, page) = app.get_html("/what-we-heard").await;
    assert!(page.contains("Business community survey"));
    assert!(page.contains("8 people answered."));
    let contact = question(&page, "ambassadors_contact");
    assert_eq!(chart_matches_table(contact), ["6 (75%)", "2 (25%)"]);
    let kind = question(&page, "business_type");
    assert!(chart_matches_table(kind).contains(&"6 (100%)".to_string()));
    assert!(
        question(&page, "services_used").contains("Fewer than 5 people answered this question")
    );
    assert!(question(&page, "employees").contains("12.00"), "the mean");
    personal_data_absent(&page, "the page with results");

    // A section's page keeps to the section.
    let (status, one) = app.get_html(&format!("/what-we-heard/{SECTION}")).await;
    assert_eq!(status, 200);
    assert!(one.contains(REPLY) && one.contains("Street lighting"));
    assert!(!one.contains("=Night outreach"), "another section's theme");
    assert!(!one.contains("Business community survey"));
    assert!(one.contains("<td>6</td>") && one.contains("fewer than 5"));
    let (_, other) = app
        .get_html(&format!("/what-we-heard/{OTHER_SECTION}"))
        .await;
    assert!(other.contains("=Night outreach") && !other.contains(REPLY));
    assert!(
        other.contains("<td>5</td>"),
        "five organisations at a pop-up"
    );
    assert_eq!(app.get_html("/what-we-heard/no-such-section").await.0, 404);

    for (lang, heading) in [
        ("es", "Lo que escuchamos"),
        ("ru", "Что мы услышали и что сделали"),
    ] {
        let (status, page) = app.get_html(&format!("/what-we-heard?lang={lang}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("<h1>{heading}</h1>")), "{lang}");
        assert!(page.contains(&format!("lang=\"{lang}\"")));
    }

    // Taken off again, the results are gone.
    let off = [("id", world.survey_id.to_string()), ("publish", "0".into())];
    let form: Vec<(&str, &str)> = off.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form_from(&results, "/api/staff/surveys/publish-results", &form)
        .await;
    let (_, page) = app.get_html("/what-we-heard?lang=en").await;
    assert!(page.contains("No survey results have been published yet."));
    assert!(!page.contains("security ambassadors"));
    assert_eq!(
        app.audit_actions("survey.results_unpublished").await.len(),
        1
    );
}

fn read_csv(body: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(body.starts_with("\u{FEFF}".as_bytes()), "no BOM");
    let mut reader = csv::Reader::from_reader(&body[3..]);
    let header = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_data_hold_the_numbers_without_personal_data_and_guard_formulas() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let csv_path = app::paths::WHAT_WE_HEARD_CSV;
    let before = app.get(csv_path).await.bytes().await.unwrap_or_default();
    let (_, rows) = read_csv(&before);
    assert!(
        rows.iter().all(|r| !r[0].starts_with("survey")),
        "unpublished survey results"
    );

    let staff = staff_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map_or(0, |a| a.id);
    what_we_heard::set_results_published(
        &app.db,
        world.survey_id,
        true,
        staff,
        &crate::events::mail(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));

    let response = app.get(csv_path).await;
    assert_eq!(response.status(), 200);
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(kind.starts_with("text/csv"), "{kind}");
    let body = response.bytes().await.unwrap_or_default();
    personal_data_absent(&String::from_utf8_lossy(&body), "the CSV");
    let (header, rows) = read_csv(&body);
    assert_eq!(header, what_we_heard::open_data::CSV_COLUMNS);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(0);
    let find = |table: &str, pairs: &[(&str, &str)]| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == table && pairs.iter().all(|(c, v)| r[column(c)] == *v))
            .cloned()
            .unwrap_or_else(|| panic!("no {table} row with {pairs:?}"))
    };
    let residents = find(
        "participation",
        &[("stakeholder_group", "resident"), ("channel", "comments")],
    );
    assert_eq!(residents[column("count")], "6");
    let businesses = find(
        "participation",
        &[("stakeholder_group", "business"), ("channel", "comments")],
    );
    assert_eq!(
        (
            businesses[column("count")].as_str(),
            businesses[column("withheld")].as_str()
        ),
        ("", "true")
    );
    let guarded = find("themes", &[("section", ""), ("theme", "'=Night outreach")]);
    assert_eq!(guarded[column("count")], "5");
    let pop_up = find(
        "comments",
        &[("section", OTHER_SECTION), ("channel", "pop_up")],
    );
    assert_eq!(pop_up[column("count")], "5");
    let yes = find(
        "survey_answer",
        &[("question", "ambassadors_contact"), ("answer", "yes")],
    );
    assert_eq!(yes[column("count")], "6");
    let services = find("survey_question", &[("question", "services_used")]);
    assert_eq!(services[column("withheld")], "true");

    let response = app.get(app::paths::WHAT_WE_HEARD_JSON).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap_or_default();
    personal_data_absent(&text, "the JSON");
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(json["small_cell_k"], 5);
    let group = |name: &str| {
        json["participation"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|g| g["stakeholder_group"] == name)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(group("resident")["comments"], 6);
    assert!(group("business")["comments"].is_null(), "withheld");
    assert_eq!(group("business")["survey_responses"], 6);
    let section = json["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["slug"] == SECTION)
        .cloned()
        .unwrap_or_default();
    assert_eq!(section["comments"], 8);
    assert!(
        section["themes_by_group"]
            .to_string()
            .contains("Street lighting")
    );
    let contact = json["surveys"][0]["questions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|q| q["key"] == "ambassadors_contact")
        .cloned()
        .unwrap_or_default();
    assert_eq!(contact["answered"], 8);
    assert_eq!(contact["answers"][0]["key"], "yes");
    assert_eq!(contact["answers"][0]["count"], 6);
}
