//! Surveys on the staff side: results by group with small cells withheld, the CSV and XLSX
//! exports, and the builder that closes answered questions instead of deleting them.

use crate::helpers::{TestApp, location, spawn_app};
use crate::surveys::BUSINESS;
use app::backend::entity::{survey, survey_response};
use app::domain::status::{ResponseStatus, SurveyStatus};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Stores a submitted response to the business survey as if it had been taken.
async fn seed_response(
    app: &TestApp,
    n: usize,
    group: &str,
    identities: &str,
    answers: &str,
) -> i32 {
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
        browser_hash: Set(None),
        status: Set(ResponseStatus::Submitted),
        answers: Set(answers.into()),
        stakeholder_group: Set(Some(group.into())),
        stakeholder_other: Set(None),
        zip: Set(Some("90069".into())),
        identities: Set(identities.into()),
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

const OWNER_ANSWERS: &str = r#"{"role":["owner"],"business_type":["restaurant_bar"],"location":["__other"],"location__other":["=HYPERLINK(\"http://evil\")"],"employees":["12"],"concerns":["traffic","theft","street_behavior","mental_health","response_time"],"ambassadors_contact":["yes"],"ambassadors_rating":["4"],"services_used":["sheriff","outreach"],"priority_response":["5"],"priority_livability":["4"],"priority_care":["3"],"comments":["More lighting on Sunset, please."]}"#;
const RESIDENT_ANSWERS: &str = r#"{"role":["neither"],"concerns":["theft","traffic","street_behavior","mental_health","response_time"],"ambassadors_contact":["no"],"priority_response":["3"],"priority_livability":["5"],"priority_care":["5"]}"#;

async fn signed_in_as(app: &TestApp, email: &str, role: app::domain::Role) {
    app.create_staff(email, role, "correct horse battery staple 42")
        .await;
    app.sign_in(email, "correct horse battery staple 42").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_count_by_group_and_hide_small_cells_from_analysts() {
    let app = spawn_app().await;
    let mut id = 0;
    for n in 0..6 {
        id = seed_response(&app, n, "business", "lgbtq", OWNER_ANSWERS).await;
    }
    for n in 6..8 {
        seed_response(&app, n, "resident", "senior", RESIDENT_ANSWERS).await;
    }
    let results = format!("/staff/surveys/{id}/results");
    assert_eq!(
        location(&app.get(&results).await),
        format!("/staff/sign-in?next={results}")
    );
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    let (status, all) = app.get_html(&results).await;
    assert_eq!(status, 200);
    assert!(
        all.contains("8 people answered."),
        "overall totals are not a breakdown"
    );
    assert!(all.contains("Theft and break-ins"));
    assert!(all.contains("<svg"), "no chart");
    assert!(all.contains("class=\"chart-bar\""), "no bars");
    assert!(all.contains("More lighting on Sunset, please."));
    let (_, residents) = app.get_html(&format!("{results}?group=resident")).await;
    assert!(
        residents.contains("fewer than 5 people answered"),
        "suppressed for analysts"
    );
    assert!(!residents.contains(">2 (100%)<"));
    let (_, side) = app.get_html(&format!("{results}?compare=role")).await;
    assert!(side.contains("I own or manage a business in West Hollywood"));
    assert!(side.contains("6 (100%)"), "the business column");
    assert!(side.contains("fewer than 5"), "the resident column");
    let (_, search) = app.get_html(&format!("{results}?q=lighting")).await;
    assert!(search.contains("More lighting on Sunset"));

    signed_in_as(&app, "admin@weho.org", app::domain::Role::Admin).await;
    let (_, residents) = app.get_html(&format!("{results}?group=resident")).await;
    assert!(
        residents.contains("2 people answered"),
        "admins see every cell"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_has_a_column_per_option_guards_formulas_and_keeps_contacts_for_admins() {
    let app = spawn_app().await;
    let id = seed_response(&app, 1, "business", "lgbtq,senior", OWNER_ANSWERS).await;
    seed_response(&app, 2, "resident", "", RESIDENT_ANSWERS).await;
    let path = format!("/staff/surveys/{id}/responses.csv");
    assert_eq!(app.get(&path).await.status(), 401);
    signed_in_as(&app, "moderator@weho.org", app::domain::Role::Moderator).await;
    assert_eq!(app.get(&path).await.status(), 403);
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    assert_eq!(app.get(&format!("{path}?contact=1")).await.status(), 403);

    let body = app
        .get(&format!("{path}?group=business"))
        .await
        .bytes()
        .await
        .unwrap_or_default();
    assert!(body.starts_with("\u{FEFF}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&body[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_default()).collect();
    assert_eq!(rows.len(), 1, "only the business group");
    let value = |column: &str| {
        let index = header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column} in {header:?}"));
        rows[0][index].to_string()
    };
    assert_eq!(
        &header[..7],
        [
            "response_id",
            "reference",
            "submitted_at",
            "stakeholder_group",
            "stakeholder_other",
            "zip",
            "identities"
        ]
    );
    assert_eq!(value("stakeholder_group"), "business");
    assert_eq!(value("identities"), "lgbtq;senior");
    assert_eq!(value("role"), "owner");
    assert_eq!(value("services_used:sheriff"), "1");
    assert_eq!(value("services_used:fire"), "0");
    assert_eq!(value("services_used:__other"), "0");
    assert_eq!(value("concerns:traffic"), "1");
    assert_eq!(value("concerns:theft"), "2");
    assert_eq!(value("location"), "__other");
    assert_eq!(value("location__other"), "'=HYPERLINK(\"http://evil\")");
    assert_eq!(value("employees"), "12");
    assert!(!header.iter().any(|h| h.starts_with("contact")));

    signed_in_as(&app, "admin@weho.org", app::domain::Role::Admin).await;
    let text = app
        .get(&format!("{path}?contact=1"))
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(text.contains("person1@example.org") && text.contains("person2@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_xlsx_has_the_responses_and_a_codebook() {
    use calamine::{Reader, Xlsx};
    let app = spawn_app().await;
    let id = seed_response(&app, 1, "business", "lgbtq", OWNER_ANSWERS).await;
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    let response = app
        .get(&format!("/staff/surveys/{id}/responses.xlsx"))
        .await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap_or_default();
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec()))
        .unwrap_or_else(|e| panic!("not an XLSX file: {e}"));
    assert_eq!(workbook.sheet_names(), ["Responses", "Codebook", "Themes"]);
    let responses = workbook
        .worksheet_range("Responses")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<Vec<String>> = responses
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    let column = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert_eq!(rows[1][column("stakeholder_group")], "business");
    assert_eq!(rows[1][column("employees")], "12");
    assert_eq!(
        rows[1][column("location__other")],
        "'=HYPERLINK(\"http://evil\")"
    );
    let codebook = workbook
        .worksheet_range("Codebook")
        .unwrap_or_else(|e| panic!("{e}"));
    let described: Vec<String> = codebook.rows().map(|r| r[1].to_string()).collect();
    assert!(described.iter().any(|d| d == "Which best describes you?"));
    assert!(
        described.iter().any(|d| d
            == "Which services has your business called on in the past year? [Sheriff's station]")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_builder_closes_answered_questions_but_never_deletes_them_and_creates_drafts() {
    use app::backend::services::surveys::{self as service, builder};
    let app = spawn_app().await;
    let id = seed_response(&app, 1, "business", "", OWNER_ANSWERS).await;
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    assert_eq!(
        app.get(&format!("/staff/surveys/{id}/edit")).await.status(),
        403
    );
    signed_in_as(&app, "admin@weho.org", app::domain::Role::Admin).await;
    let (status, editor) = app.get_html(&format!("/staff/surveys/{id}/edit")).await;
    assert_eq!(status, 200);
    assert!(editor.contains("Edit page 1"), "the builder's forms");
    // The TOML stays for advanced use, on its own page.
    let (status, toml_page) = app.get_html(&format!("/staff/surveys/{id}/toml")).await;
    assert_eq!(status, 200);
    assert!(toml_page.contains("key = &quot;role&quot;") || toml_page.contains("key = \"role\""));

    let found = survey::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no survey"));
    let toml = builder::definition_to_toml(&service::definition(&found).unwrap_or_default());
    let form = |definition: &str| {
        vec![
            ("id".to_string(), id.to_string()),
            ("title".to_string(), found.title.clone()),
            ("intro".to_string(), found.intro_markdown.clone()),
            ("audience".to_string(), found.audience.clone()),
            ("opens_on".to_string(), String::new()),
            ("closes_on".to_string(), String::new()),
            ("status".to_string(), "open".to_string()),
            ("one_per_browser".to_string(), "on".to_string()),
            ("definition".to_string(), definition.to_string()),
        ]
    };
    let post = |fields: Vec<(String, String)>| {
        let editor_path = format!("/staff/surveys/{id}/edit");
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/staff/surveys/save"))
                .header("accept", "text/html")
                .header("referer", app.url(&editor_path))
                .form(&fields)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };
    // Deleting the answered "employees" question is refused and nothing changes.
    let start = toml
        .find("[[pages.questions]]\nkey = \"employees\"")
        .unwrap_or_else(|| panic!("no employees question in\n{toml}"));
    let end = toml[start + 1..]
        .find("[[pages")
        .map_or(toml.len(), |i| start + 1 + i);
    let without = format!("{}{}", &toml[..start], &toml[end..]);
    let refused = app
        .post_form_from(
            &format!("/staff/surveys/{id}/toml"),
            "/api/staff/surveys/toml",
            &[("id", &id.to_string()), ("definition", &without)],
        )
        .await;
    let page = app.follow(&refused).await;
    assert!(page.contains("employees has answers"), "no explanation");
    let unchanged = survey::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|s| s.definition)
        .unwrap_or_default();
    assert_eq!(unchanged, found.definition);

    // Closing it is fine: the answers stay, the question is no longer asked.
    let closed = format!(
        "{}{}",
        &toml[..start],
        toml[start..].replacen("closed = false", "closed = true", 1)
    );
    let saved = post(form(&closed)).await;
    assert_eq!(
        location(&saved),
        format!("/staff/surveys/{id}/edit?saved=1")
    );
    let after = survey::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no survey"));
    let definition = service::definition(&after).unwrap_or_default();
    assert!(definition.question("employees").is_some_and(|q| q.closed));
    assert!(after.one_per_browser && !after.ask_contact);

    let created = app
        .post_form_from(
            "/staff/surveys",
            "/api/staff/surveys/create",
            &[("title", "Pop-up feedback at the farmers market")],
        )
        .await;
    let target = location(&created);
    assert!(
        target.starts_with("/staff/surveys/") && target.ends_with("/edit"),
        "{target}"
    );
    let draft = survey::Entity::find()
        .filter(survey::Column::Slug.eq("pop-up-feedback-at-the-farmers-market"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not created"));
    assert_eq!(draft.status, SurveyStatus::Draft);
    let (_, list) = app.get_html("/surveys").await;
    assert!(!list.contains("Pop-up feedback"), "drafts are not public");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_survey_csv_filters_by_submission_date() {
    let app = spawn_app().await;
    let id = seed_response(&app, 1, "business", "", OWNER_ANSWERS).await;
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    let rows = |body: Vec<u8>| csv::Reader::from_reader(&body[3..]).records().count();
    let today = chrono::Utc::now().date_naive();
    for (query, expected) in [
        (format!("from={today}&to={today}"), 1),
        (format!("from={}", today + chrono::Duration::days(1)), 0),
        (format!("to={}", today - chrono::Duration::days(1)), 0),
    ] {
        let body = app
            .get(&format!("/staff/surveys/{id}/responses.csv?{query}"))
            .await
            .bytes()
            .await
            .unwrap_or_default()
            .to_vec();
        assert_eq!(rows(body), expected, "{query}");
    }
}
