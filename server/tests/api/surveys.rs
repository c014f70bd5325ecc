//! Surveys through plain forms: page by page under a draft token, conditional pages, Back, the
//! "about you" page, review and submission; one response per browser; closed surveys; forged input.

use crate::helpers::{TestApp, location, spawn_app};
use app::backend::entity::{survey, survey_response};
use app::domain::status::{ResponseStatus, SurveyStatus};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

pub(crate) const BUSINESS: &str = "business-community-survey";

/// A survey in progress: its address and token.
pub(crate) struct Draft {
    pub(crate) slug: String,
    pub(crate) token: String,
}

impl Draft {
    pub(crate) fn path(&self) -> String {
        format!("/surveys/{}/answer/{}", self.slug, self.token)
    }
}

async fn start(app: &TestApp, slug: &str) -> reqwest::Response {
    app.post_form_from(
        &format!("/surveys/{slug}"),
        "/api/surveys/start",
        &[("slug", slug), ("form_stamp", &app.form_stamp())],
    )
    .await
}

pub(crate) async fn started(app: &TestApp, slug: &str) -> Draft {
    let response = start(app, slug).await;
    let target = location(&response);
    let prefix = format!("/surveys/{slug}/answer/");
    assert!(target.starts_with(&prefix), "went to {target}");
    let token = target[prefix.len()..]
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    Draft {
        slug: slug.into(),
        token,
    }
}

/// Posts one page like a browser without JavaScript; returns where it went.
pub(crate) async fn page(
    app: &TestApp,
    draft: &Draft,
    step: usize,
    fields: &[(&str, &str)],
) -> String {
    let step_text = step.to_string();
    let mut form = vec![
        ("slug", draft.slug.as_str()),
        ("token", draft.token.as_str()),
        ("step", step_text.as_str()),
    ];
    form.extend_from_slice(fields);
    let from = format!("{}?step={step}", draft.path());
    location(&app.post_form_from(&from, "/api/surveys/page", &form).await)
}

pub(crate) async fn about(app: &TestApp, draft: &Draft, fields: &[(&str, &str)]) -> String {
    let mut form = vec![
        ("slug", draft.slug.as_str()),
        ("token", draft.token.as_str()),
    ];
    form.extend_from_slice(fields);
    let from = format!("{}?step=5", draft.path());
    location(&app.post_form_from(&from, "/api/surveys/about", &form).await)
}

pub(crate) async fn submit(app: &TestApp, draft: &Draft) -> String {
    let from = format!("{}?step=6", draft.path());
    location(
        &app.post_form_from(
            &from,
            "/api/surveys/submit",
            &[
                ("slug", draft.slug.as_str()),
                ("token", draft.token.as_str()),
            ],
        )
        .await,
    )
}

pub(crate) const RANKS: [(&str, &str); 5] = [
    ("rank[concerns][theft]", "1"),
    ("rank[concerns][street_behavior]", "2"),
    ("rank[concerns][mental_health]", "3"),
    ("rank[concerns][traffic]", "4"),
    ("rank[concerns][response_time]", "5"),
];

pub(crate) const PRIORITIES: [(&str, &str); 3] = [
    ("answers[priority_response][0]", "5"),
    ("answers[priority_livability][0]", "4"),
    ("answers[priority_care][0]", "3"),
];

async fn responses(app: &TestApp) -> Vec<survey_response::Model> {
    survey_response::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_response_by_plain_forms_skips_the_owners_page_keeps_answers_on_back_and_gets_a_reference()
 {
    let app = spawn_app().await;
    let (status, list) = app.get_html("/surveys").await;
    assert_eq!(status, 200);
    assert!(list.contains("Business community survey") && list.contains("Community survey"));
    let draft = started(&app, BUSINESS).await;
    let (_, first) = app.get_html(&format!("{}?step=0", draft.path())).await;
    assert!(
        first.contains("Page 1 of 4"),
        "three shown pages and about you"
    );

    // "Neither" skips the page for owners.
    assert_eq!(
        page(&app, &draft, 0, &[("answers[role][0]", "neither")]).await,
        format!("{}?step=2", draft.path())
    );
    // A ranking with a number twice is refused; nothing of the page is stored.
    let mut duplicate = RANKS.to_vec();
    duplicate[1] = ("rank[concerns][street_behavior]", "1");
    duplicate.push(("answers[ambassadors_contact][0]", "no"));
    let back_to = page(&app, &draft, 2, &duplicate).await;
    assert!(
        !back_to.contains("__err"),
        "the errors stay off the address: {back_to}"
    );
    let shown = app.follow_path(&back_to).await;
    assert!(shown.contains("Use each number only once"));
    assert!(!responses(&app).await[0].answers.contains("concerns"));

    let mut good = RANKS.to_vec();
    good.push(("answers[ambassadors_contact][0]", "no"));
    good.push(("answers[services_used][0]", "sheriff"));
    good.push(("answers[services_used][5]", "__other"));
    good.push(("other[services_used]", "Private security"));
    assert_eq!(
        page(&app, &draft, 2, &good).await,
        format!("{}?step=3", draft.path())
    );
    // Back from the priorities page returns to the ranking with its numbers in place.
    let mut back = PRIORITIES.to_vec();
    back.push(("nav", "back"));
    assert_eq!(
        page(&app, &draft, 3, &back).await,
        format!("{}?step=2", draft.path())
    );
    let (_, ranking) = app.get_html(&format!("{}?step=2", draft.path())).await;
    assert!(ranking.contains("name=\"rank[concerns][mental_health]\""));
    assert!(ranking.contains("value=\"3\""));
    let (_, priorities) = app.get_html(&format!("{}?step=3", draft.path())).await;
    assert!(
        priorities.contains("value=\"5\" checked"),
        "the answers given before Back are kept"
    );

    assert_eq!(
        page(&app, &draft, 3, &PRIORITIES).await,
        format!("{}?step=4", draft.path())
    );
    assert_eq!(
        about(
            &app,
            &draft,
            &[
                ("stakeholder_group", "business"),
                ("zip", "90069"),
                ("identities[0]", "lgbtq"),
                ("identities[3]", "russian_speaking"),
            ]
        )
        .await,
        format!("{}?step=5", draft.path())
    );
    let (_, review) = app.get_html(&format!("{}?step=5", draft.path())).await;
    assert!(review.contains("1. Theft and break-ins"));
    assert!(review.contains("Other: Private security"));

    let thanks = submit(&app, &draft).await;
    assert_eq!(
        thanks,
        format!(
            "/surveys/{BUSINESS}/thanks?ref=CSWB-S-00001&key={}",
            draft.token
        )
    );
    let stored = &responses(&app).await[0];
    assert_eq!(stored.status, ResponseStatus::Submitted);
    assert_eq!(stored.stakeholder_group.as_deref(), Some("business"));
    assert_eq!(stored.identities, "lgbtq,russian_speaking");
    assert!(stored.answers.contains("\"role\":[\"neither\"]"));
    assert!(!stored.answers.contains("business_type"));

    // One response per browser: the same browser cannot start again.
    let (_, intro) = app.get_html(&format!("/surveys/{BUSINESS}")).await;
    assert!(intro.contains("You have already answered this survey"));
    assert_eq!(
        location(&start(&app, BUSINESS).await),
        format!("/surveys/{BUSINESS}")
    );
    assert_eq!(responses(&app).await.len(), 1);
    // The draft link no longer opens a submitted response.
    assert_eq!(
        app.get(&format!("{}?step=0", draft.path())).await.status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_see_their_page_and_changing_the_answer_later_drops_what_it_held() {
    let app = spawn_app().await;
    let draft = started(&app, BUSINESS).await;
    assert_eq!(
        page(&app, &draft, 0, &[("answers[role][0]", "owner")]).await,
        format!("{}?step=1", draft.path())
    );
    let owner_page = [
        ("answers[business_type][0]", "restaurant_bar"),
        ("answers[location][0]", "sunset"),
        ("answers[employees][0]", "12"),
    ];
    assert_eq!(
        page(&app, &draft, 1, &owner_page).await,
        format!("{}?step=2", draft.path())
    );
    // Back to the start, now "employee": the owners' page is skipped and its answers are not sent.
    page(&app, &draft, 0, &[("answers[role][0]", "employee")]).await;
    let mut ranks = RANKS.to_vec();
    ranks.push(("answers[ambassadors_contact][0]", "yes"));
    page(&app, &draft, 2, &ranks).await;
    page(&app, &draft, 3, &PRIORITIES).await;
    about(&app, &draft, &[("stakeholder_group", "resident")]).await;
    assert!(submit(&app, &draft).await.contains("/thanks?ref="));
    let stored = &responses(&app).await[0];
    assert!(stored.answers.contains("\"role\":[\"employee\"]"));
    assert!(
        !stored.answers.contains("restaurant_bar"),
        "{}",
        stored.answers
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_input_is_a_field_error_and_an_unfinished_response_cannot_be_sent() {
    let app = spawn_app().await;
    let draft = started(&app, BUSINESS).await;
    for forged in [
        vec![("answers[role][0]", "hacker")],
        vec![
            ("answers[role][0]", "owner"),
            ("answers[role][1]", "neither"),
        ],
    ] {
        let response = app
            .post_form_from(
                &format!("{}?step=0", draft.path()),
                "/api/surveys/page",
                &[
                    &[
                        ("slug", BUSINESS),
                        ("token", draft.token.as_str()),
                        ("step", "0"),
                    ][..],
                    &forged[..],
                ]
                .concat(),
            )
            .await;
        assert!(response.status().is_redirection(), "{}", response.status());
        assert!(
            app.follow(&response)
                .await
                .contains("Choose from the options given")
        );
    }
    let about_refused = about(&app, &draft, &[("stakeholder_group", "pirates")]).await;
    assert!(
        app.follow_path(&about_refused)
            .await
            .contains("Choose the group you belong to")
    );
    // Sending before the required answers are in goes back to the first page that needs one.
    assert_eq!(
        submit(&app, &draft).await,
        format!("{}?step=0&incomplete=1", draft.path())
    );
    assert_eq!(responses(&app).await[0].status, ResponseStatus::Draft);
    assert_eq!(
        app.get(&format!("/surveys/{BUSINESS}/answer/not-a-token?step=0"))
            .await
            .status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_survey_says_so_and_takes_no_answers() {
    let app = spawn_app().await;
    let draft = started(&app, "community-survey").await;
    let found = survey::Entity::find()
        .filter(survey::Column::Slug.eq("community-survey"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no community survey"));
    let mut closed: survey::ActiveModel = found.into();
    closed.status = Set(SurveyStatus::Closed);
    closed
        .update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let (_, intro) = app.get_html("/surveys/community-survey").await;
    assert!(intro.contains("This survey is closed"));
    assert!(!intro.contains("action=\"/api/surveys/start\""));
    assert_eq!(
        location(&start(&app, "community-survey").await),
        "/surveys/community-survey"
    );
    assert_eq!(submit(&app, &draft).await, "/surveys/community-survey");
    assert!(
        responses(&app)
            .await
            .iter()
            .all(|r| r.status == ResponseStatus::Draft)
    );
}

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
    assert_eq!(workbook.sheet_names(), ["Responses", "Codebook"]);
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
    assert!(editor.contains("key = &quot;role&quot;") || editor.contains("key = \"role\""));

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
    let refused = post(form(&without)).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_script_without_cookies_cannot_start_responses_without_end() {
    let app = crate::helpers::spawn_app_with(|s| s.trust_proxy = true).await;
    // A new client per request: no browser cookie is ever sent back.
    let mut outcomes = Vec::new();
    for _ in 0..31 {
        let response = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
            .post(app.url("/api/surveys/start"))
            .header("accept", "text/html")
            .header("referer", app.url(&format!("/surveys/{BUSINESS}")))
            .header("x-forwarded-for", "203.0.113.50")
            .form(&[("slug", BUSINESS), ("form_stamp", &app.form_stamp())])
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        outcomes.push(location(&response).contains("/answer/"));
    }
    assert_eq!(outcomes.iter().filter(|started| **started).count(), 30);
    assert!(
        !outcomes[30],
        "the 31st draft in an hour from one address is refused"
    );
    assert_eq!(responses(&app).await.len(), 30);

    // Nor without waiting: a stamp served a moment ago is refused.
    let fresh = app.stamps.issue();
    let response = app
        .post_form_from(
            &format!("/surveys/{BUSINESS}"),
            "/api/surveys/start",
            &[("slug", BUSINESS), ("form_stamp", &fresh)],
        )
        .await;
    assert!(!location(&response).contains("/answer/"));
    let intro = app.follow(&response).await;
    assert!(
        intro.contains("That was very quick"),
        "the refusal is explained"
    );
}
