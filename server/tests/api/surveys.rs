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
        format!("/surveys/{BUSINESS}/thanks?ref=CSWB-S-00001")
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
