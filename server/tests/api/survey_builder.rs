//! The form-based survey builder and paper responses: a three-page survey with a condition built
//! without TOML, the rules for answered questions, duplicating, keying in a paper form and
//! importing a CSV batch (all or nothing).

use crate::helpers::{TestApp, location, spawn_app};
use app::backend::entity::{feedback_item, staff_account, survey, survey_response};
use app::backend::services::surveys as service;
use app::domain::status::{ResponseStatus, SurveyStatus};
use app::domain::survey::{Condition, SurveyDefinition};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "correct horse battery staple 42";
const COMMUNITY: &str = "community-survey";

async fn signed_in_as(app: &TestApp, email: &str, role: app::domain::Role) -> i32 {
    app.create_staff(email, role, PASSWORD).await;
    app.sign_in(email, PASSWORD).await;
    staff_account::Entity::find()
        .filter(staff_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|s| s.id)
        .unwrap_or_else(|| panic!("no account"))
}

async fn survey_by_id(app: &TestApp, id: i32) -> survey::Model {
    survey::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no survey {id}"))
}

async fn survey_by_slug(app: &TestApp, slug: &str) -> survey::Model {
    survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no survey {slug}"))
}

async fn definition_of(app: &TestApp, id: i32) -> SurveyDefinition {
    service::definition(&survey_by_id(app, id).await).unwrap_or_else(|e| panic!("{e}"))
}

/// Posts one builder form from the survey's editor, as a browser without JavaScript does.
async fn change(
    app: &TestApp,
    id: i32,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let id_text = id.to_string();
    let mut fields = vec![("id", id_text.as_str())];
    fields.extend_from_slice(form);
    app.post_form_from(
        &format!("/staff/surveys/{id}/edit"),
        &format!("/api/staff/surveys/{endpoint}"),
        &fields,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_three_page_survey_with_a_condition_is_built_from_forms_alone() {
    let app = spawn_app().await;
    signed_in_as(&app, "comms@weho.org", app::domain::Role::Admin).await;
    let created = app
        .post_form_from(
            "/staff/surveys",
            "/api/staff/surveys/create",
            &[("title", "Small business walk")],
        )
        .await;
    let id: i32 = location(&created)
        .trim_start_matches("/staff/surveys/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));

    // Page 1: renamed, with a yes/no question that is required.
    let renamed = change(
        &app,
        id,
        "pages/edit",
        &[("page", "0"), ("title", "About you"), ("condition", "")],
    )
    .await;
    assert_eq!(
        location(&renamed),
        format!("/staff/surveys/{id}/edit#page-1")
    );
    let added = change(
        &app,
        id,
        "questions/add",
        &[
            ("page", "0"),
            ("kind", "yes_no"),
            ("prompt", "Do you own a business here?"),
        ],
    )
    .await;
    let question_page = format!("/staff/surveys/{id}/questions/do_you_own_a_business_here?saved=1");
    assert_eq!(location(&added), question_page);
    let editor = app.follow(&added).await;
    assert!(editor.contains("Do you own a business here?"), "{editor}");
    let required = change(
        &app,
        id,
        "questions/edit",
        &[
            ("question", "do_you_own_a_business_here"),
            ("key", "owns_business"),
            ("prompt", "Do you own a business here?"),
            ("kind", "yes_no"),
            ("required", "on"),
        ],
    )
    .await;
    assert_eq!(
        location(&required),
        format!("/staff/surveys/{id}/questions/owns_business?saved=1")
    );

    // Page 2: a choice question whose options are added, renamed, reordered and removed.
    let page = change(&app, id, "pages/add", &[("page_title", "Your business")]).await;
    assert_eq!(location(&page), format!("/staff/surveys/{id}/edit#page-2"));
    change(
        &app,
        id,
        "questions/add",
        &[
            ("page", "1"),
            ("kind", "single_choice"),
            ("prompt", "Where is it?"),
        ],
    )
    .await;
    let option = |option: &'static str| [("question", "where_is_it"), ("option", option)];
    change(
        &app,
        id,
        "options/add",
        &[("question", "where_is_it"), ("label", "Sunset Strip")],
    )
    .await;
    let mut rename = option("option_1").to_vec();
    rename.push(("label", "Santa Monica Boulevard"));
    change(&app, id, "options/edit", &rename).await;
    let mut up = option("sunset_strip").to_vec();
    up.push(("direction", "up"));
    change(&app, id, "options/move", &up).await;
    change(&app, id, "options/move", &up).await;
    change(&app, id, "options/remove", &option("option_2")).await;
    // Shown only to owners.
    let conditioned = change(
        &app,
        id,
        "pages/edit",
        &[
            ("page", "1"),
            ("title", "Your business"),
            ("condition", "owns_business=yes"),
        ],
    )
    .await;
    assert_eq!(
        location(&conditioned),
        format!("/staff/surveys/{id}/edit#page-2")
    );

    // Page 3, with a long answer.
    change(&app, id, "pages/add", &[("page_title", "Anything else")]).await;
    change(
        &app,
        id,
        "questions/add",
        &[
            ("page", "2"),
            ("kind", "long_text"),
            ("prompt", "What should the City know?"),
        ],
    )
    .await;

    let definition = definition_of(&app, id).await;
    let titles: Vec<&str> = definition.pages.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["About you", "Your business", "Anything else"]);
    assert_eq!(
        definition.pages[1].show_if,
        Some(Condition {
            question: "owns_business".into(),
            equals: "yes".into()
        })
    );
    let options: Vec<(String, String)> = definition
        .question("where_is_it")
        .map(|q| {
            q.kind
                .choices()
                .into_iter()
                .map(|c| (c.key, c.label))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        options,
        [
            ("sunset_strip".to_string(), "Sunset Strip".to_string()),
            ("option_1".to_string(), "Santa Monica Boulevard".to_string())
        ]
    );
    assert!(
        definition
            .question("owns_business")
            .is_some_and(|q| q.required)
    );
    assert!(definition.problems().is_empty());

    // A condition on a later question is refused next to the field; nothing changes.
    let before = survey_by_id(&app, id).await.definition;
    let refused = app
        .post_form_from(
            &format!("/staff/surveys/{id}/pages/1"),
            "/api/staff/surveys/pages/edit",
            &[
                ("id", &id.to_string()),
                ("page", "0"),
                ("title", "About you, again"),
                ("condition", "where_is_it=sunset_strip"),
            ],
        )
        .await;
    let page = app.follow(&refused).await;
    assert!(
        page.contains("Choose an answer to a question on an earlier page"),
        "no message next to the condition"
    );
    assert!(page.contains("About you, again"), "the typed title is kept");
    assert_eq!(survey_by_id(&app, id).await.definition, before);

    // Every change is audited; the preview shows the condition in words.
    assert_eq!(app.audit_actions("survey.page_added").await.len(), 2);
    assert_eq!(app.audit_actions("survey.question_added").await.len(), 3);
    assert_eq!(app.audit_actions("survey.option_removed").await.len(), 1);
    let (status, preview) = app.get_html(&format!("/staff/surveys/{id}/preview")).await;
    assert_eq!(status, 200);
    assert!(preview.contains("Where is it?") && preview.contains("Santa Monica Boulevard"));
    assert!(
        preview.contains("Shown only when “Do you own a business here?” is answered “Yes”."),
        "the condition in words"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answered_questions_can_be_closed_but_not_removed_or_retyped_and_copies_start_empty() {
    let app = spawn_app().await;
    let found = survey_by_slug(&app, COMMUNITY).await;
    let id = found.id;
    let staff = signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    // Analysts key in paper responses but do not edit surveys.
    let before = survey_by_id(&app, id).await.definition;
    let forbidden = change(&app, id, "questions/remove", &[("question", "years")]).await;
    assert!(
        !location(&forbidden).contains("#page-"),
        "{}",
        location(&forbidden)
    );
    assert_eq!(survey_by_id(&app, id).await.definition, before);
    let entered = enter_paper(&app, id, &valid_paper_form()).await;
    assert!(location(&entered).starts_with(&format!("/staff/surveys/{id}/paper?entered=")));
    assert_eq!(
        staff,
        paper_responses(&app, id).await[0]
            .entered_by
            .unwrap_or_default()
    );

    signed_in_as(&app, "admin@weho.org", app::domain::Role::Admin).await;
    let removed = change(&app, id, "questions/remove", &[("question", "years")]).await;
    let page = app.follow(&removed).await;
    assert!(
        page.contains("People have already answered this question"),
        "{page}"
    );
    let retyped = change(
        &app,
        id,
        "questions/edit",
        &[
            ("question", "years"),
            ("key", "years"),
            ("prompt", "Years?"),
            ("kind", "short_text"),
        ],
    )
    .await;
    assert_ne!(
        location(&retyped),
        format!("/staff/surveys/{id}/questions/years?saved=1")
    );
    let option_gone = change(
        &app,
        id,
        "options/remove",
        &[("question", "priorities"), ("option", "trust")],
    )
    .await;
    assert!(!location(&option_gone).contains("saved=1"));
    assert_eq!(survey_by_id(&app, id).await.definition, before);

    let closed = change(
        &app,
        id,
        "questions/edit",
        &[
            ("question", "years"),
            ("key", "years"),
            (
                "prompt",
                "How many years have you lived or worked in West Hollywood?",
            ),
            ("kind", "number"),
            ("closed", "on"),
            ("min", "0"),
            ("max", "100"),
        ],
    )
    .await;
    assert_eq!(
        location(&closed),
        format!("/staff/surveys/{id}/questions/years?saved=1")
    );
    assert!(
        definition_of(&app, id)
            .await
            .question("years")
            .is_some_and(|q| q.closed)
    );

    // A copy is a new draft with the same questions and none of the responses.
    let copied = change(&app, id, "duplicate", &[]).await;
    let copy_id: i32 = location(&copied)
        .trim_start_matches("/staff/surveys/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let copy = survey_by_id(&app, copy_id).await;
    assert_eq!(copy.status, SurveyStatus::Draft);
    assert_eq!(copy.title, format!("{} (copy)", found.title));
    assert_eq!(copy.definition, survey_by_id(&app, id).await.definition);
    let copied_responses = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(copy_id))
        .count(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(copied_responses, 0);
    assert_eq!(app.audit_actions("survey.duplicated").await.len(), 1);
}

fn valid_paper_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("language", "es"),
        ("answers[safe_day][]", "4"),
        ("answers[safe_night][]", "2"),
        ("answers[years][]", "12"),
        ("answers[priorities][]", "livability"),
        ("answers[priorities][]", "housing"),
        ("answers[one_change][]", "Más iluminación en los callejones"),
        ("stakeholder_group", "resident"),
        ("zip", "90069"),
    ]
}

async fn enter_paper(app: &TestApp, id: i32, form: &[(&str, &str)]) -> reqwest::Response {
    let id_text = id.to_string();
    let mut fields = vec![("id", id_text.as_str())];
    fields.extend_from_slice(form);
    app.post_form_from(
        &format!("/staff/surveys/{id}/paper"),
        "/api/staff/surveys/paper/enter",
        &fields,
    )
    .await
}

async fn paper_responses(app: &TestApp, id: i32) -> Vec<survey_response::Model> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(id))
        .filter(survey_response::Column::Channel.eq("paper_form"))
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paper_form_is_checked_like_an_online_one_and_counted_as_paper() {
    let app = spawn_app().await;
    let id = survey_by_slug(&app, COMMUNITY).await.id;
    let staff = signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    let (status, page) = app.get_html(&format!("/staff/surveys/{id}/paper")).await;
    assert_eq!(status, 200);
    assert!(page.contains("How safe do you feel walking in your neighborhood during the day?"));

    // A missing required answer and a bad ZIP: every problem at once, the rest kept, nothing stored.
    let mut bad = valid_paper_form();
    bad.retain(|(k, _)| *k != "answers[safe_night][]");
    bad.retain(|(k, _)| *k != "zip");
    bad.push(("zip", "9006"));
    let refused = enter_paper(&app, id, &bad).await;
    let page = app.follow(&refused).await;
    assert!(page.contains("error-summary"), "no error summary");
    assert!(
        page.contains("Más iluminación en los callejones"),
        "typed text kept"
    );
    assert!(paper_responses(&app, id).await.is_empty());

    let saved = enter_paper(&app, id, &valid_paper_form()).await;
    let target = location(&saved);
    let reference = target
        .split("entered=")
        .nth(1)
        .unwrap_or_else(|| panic!("{target}"))
        .to_string();
    let page = app.follow_path(&target).await;
    assert!(page.contains(&format!("Paper response {reference} saved.")));
    let stored = paper_responses(&app, id).await;
    assert_eq!(stored.len(), 1);
    let response = &stored[0];
    assert_eq!(response.status, ResponseStatus::Submitted);
    assert_eq!(response.entered_by, Some(staff));
    assert_eq!(response.locale, "es");
    assert_eq!(response.reference.as_deref(), Some(reference.as_str()));
    assert_eq!(response.stakeholder_group.as_deref(), Some("resident"));
    assert_eq!(app.audit_actions("survey.paper_entered").await.len(), 1);
    // Its written answer is searchable, under the paper channel.
    let item = feedback_item::Entity::find()
        .filter(feedback_item::Column::SourceId.eq(response.id))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("not indexed"));
    assert_eq!(item.channel, "paper_form");
    // Results count it with the online answers.
    let (_, results) = app.get_html(&format!("/staff/surveys/{id}/results")).await;
    assert!(results.contains("1 person answered."), "{results}");
    let csv = app
        .get(&format!("/staff/surveys/{id}/responses.csv"))
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.contains(",language,channel,themes,"))
    );
    assert!(csv.contains(",es,paper_form,"), "{csv}");
    // The dashboard counts it this week under its channel.
    let (_, dashboard) = app.get_html("/staff").await;
    assert!(
        dashboard.contains(r#"<th scope="row">Paper form</th><td>1</td>"#),
        "{dashboard}"
    );
}

async fn import(app: &TestApp, id: i32, csv: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("id", id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
                .file_name("paper.csv")
                .mime_str("text/csv")
                .unwrap_or_else(|e| panic!("{e}")),
        );
    app.client
        .post(app.url("/api/staff/surveys/paper/import"))
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/staff/surveys/{id}/paper")))
        .multipart(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_batch_with_one_bad_row_imports_nothing_and_says_where() {
    let app = spawn_app().await;
    let id = survey_by_slug(&app, COMMUNITY).await.id;
    assert_eq!(
        app.get(&format!("/staff/surveys/{id}/paper-template.csv"))
            .await
            .status(),
        401
    );
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    let template = app
        .get(&format!("/staff/surveys/{id}/paper-template.csv"))
        .await
        .text()
        .await
        .unwrap_or_default();
    let header = template.lines().next().unwrap_or_default();
    assert_eq!(
        header,
        "language,stakeholder_group,stakeholder_other,zip,identities,safe_day,safe_night,years,priorities,one_change"
    );
    // The template itself (header and guide row) imports nothing.
    let guide_only = app.follow(&import(&app, id, &template).await).await;
    assert!(guide_only.contains("The file has no rows to import"));

    let rows = [
        header,
        // Options as printed on the form or as codes; several separated by semicolons.
        "en,resident,,90069,,4,3,5,Clean, lit, walkable streets;housing,Fix the lights",
        "ru,business,,90046,,5,5,,prevention,",
        "es,resident,,9006,,4,9,,housing;nothing,",
        "en,,,,,2,2,,trust,",
    ];
    // The first row's option text holds commas, so it is quoted as a spreadsheet would.
    let csv = rows.join("\n").replace(
        "Clean, lit, walkable streets;housing",
        "\"Clean, lit, walkable streets;housing\"",
    );
    let refused = import(&app, id, &csv).await;
    let page = app.follow(&refused).await;
    assert!(page.contains("Nothing was imported"), "{page}");
    for (row, column) in [
        ("4", "zip"),
        ("4", "safe_night"),
        ("4", "priorities"),
        ("5", "stakeholder_group"),
    ] {
        assert!(
            page.contains(&format!("<td>{row}</td><td><code>{column}</code></td>")),
            "row {row}, column {column} not reported"
        );
    }
    assert!(
        paper_responses(&app, id).await.is_empty(),
        "nothing half-imported"
    );

    let fixed = csv
        .replace(
            "es,resident,,9006,,4,9,,housing;nothing,",
            "es,resident,,90069,,4,1,,housing,",
        )
        .replace("en,,,,,2,2,,trust,", "en,civic_group,,,,2,2,,trust,");
    let imported = import(&app, id, &fixed).await;
    assert_eq!(
        location(&imported),
        format!("/staff/surveys/{id}/paper?imported=4")
    );
    let stored = paper_responses(&app, id).await;
    assert_eq!(stored.len(), 4);
    let first = stored
        .iter()
        .find(|r| r.zip.as_deref() == Some("90069") && r.locale == "en")
        .unwrap_or_else(|| panic!("first row missing"));
    let answers = service::answers_of(first);
    assert_eq!(
        answers.get("priorities"),
        Some(&vec!["livability".to_string(), "housing".to_string()])
    );
    let audit = app.audit_actions("survey.paper_imported").await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].detail.as_deref(), Some("4 responses"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_that_is_not_multipart_is_refused_not_a_crash() {
    let app = spawn_app().await;
    signed_in_as(&app, "analyst@weho.org", app::domain::Role::Analyst).await;
    for content_type in [
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "text/csv",
    ] {
        let response = app
            .client
            .post(app.url("/api/staff/surveys/paper/import"))
            .header("content-type", content_type)
            .body("id=1&file=a,b")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{content_type}: the connection was dropped: {e}"));
        assert_eq!(response.status(), 415, "{content_type}");
    }
}
