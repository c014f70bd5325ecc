use crate::helpers::{location, spawn_app};
use app::domain::Role;

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_send_visitors_to_sign_in() {
    let app = spawn_app().await;
    let response = app.get("/staff").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/staff/sign-in?next=/staff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_signs_in_sees_the_dashboard_and_signs_out() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;

    let response = app.sign_in("Clerk@WeHo.org", PASSWORD).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/staff");
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(cookie.starts_with("engage_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "cookie was {cookie}"
    );

    let (status, html) = app.get_html("/staff").await;
    assert_eq!(status, 200);
    assert!(html.contains("Signed in as clerk@weho.org (Administrator)"));
    let (status, html) = app.get_html("/staff/accounts").await;
    assert_eq!(status, 200);
    assert!(html.contains("clerk@weho.org"));

    let response = app.post_form("/api/staff/sign-out", &[]).await;
    assert_eq!(location(&response), "/staff/sign-in?signed-out=1");
    assert_eq!(
        app.get("/staff").await.status(),
        303,
        "the session is gone after sign-out"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_keeps_the_email_and_explains_next_to_the_field() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;

    let response = app.sign_in("clerk@weho.org", "not the password").await;
    assert!(!crate::helpers::sets_session(&response), "no session");
    let back_to_form = location(&response);
    assert!(
        back_to_form.contains("/staff/sign-in"),
        "redirected to {back_to_form}"
    );

    let html = app.follow(&response).await;
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("do not match an active staff account"));
    assert!(
        html.contains("value=\"clerk@weho.org\""),
        "the email is kept"
    );
    assert!(
        !html.contains("not the password"),
        "the password is never echoed"
    );
    assert!(html.contains("aria-invalid=\"true\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_fields_get_their_own_messages() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/api/staff/sign-in",
            &[("email", "not-an-email"), ("password", "")],
        )
        .await;
    let html = app.follow(&response).await;
    assert!(html.contains("Enter an email address in the format"));
    assert!(html.contains("Enter your password"));
    assert!(html.contains("value=\"not-an-email\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wrong_role_gets_403_not_just_a_hidden_link() {
    let app = spawn_app().await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;

    let (status, html) = app.get_html("/staff").await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("/staff/accounts"),
        "no link to a page the role cannot open"
    );
    let (status, html) = app.get_html("/staff/accounts").await;
    assert_eq!(status, 403);
    assert!(html.contains("You do not have access to this page"));
    // The server function refuses on its own too, whatever the page does.
    let api = app
        .client
        .post(app.url("/api/staff/accounts"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!api.status().is_success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;
    for _ in 0..5 {
        app.sign_in("clerk@weho.org", "wrong guess").await;
    }
    // Even the right password is refused while locked.
    let response = app.sign_in("clerk@weho.org", PASSWORD).await;
    assert!(!crate::helpers::sets_session(&response), "no session");
    let html = app.follow(&response).await;
    assert!(
        html.contains("Too many attempts. Please try again in 15 minutes."),
        "page was: {html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_expire() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("clerk@weho.org", PASSWORD).await;
    use sea_orm::{ConnectionTrait, Statement};
    app.db
        .execute_raw(Statement::from_string(
            app.db.get_database_backend(),
            "UPDATE staff_session SET expires_at = created_at".to_string(),
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.get("/staff").await.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Analyst, PASSWORD)
        .await;
    let account = app::backend::services::staff::find_by_email(&app.db, "clerk@weho.org")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("account missing"));
    assert!(account.password_hash.starts_with("$argon2id$"));
    assert!(!account.password_hash.contains(PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn short_passwords_and_duplicate_emails_are_refused() {
    let app = spawn_app().await;
    let email =
        app::domain::email::EmailAddress::parse("clerk@weho.org").unwrap_or_else(|e| panic!("{e}"));
    let short =
        app::backend::services::staff::create_account(&app.db, &email, Role::Admin, "short".into())
            .await;
    assert!(matches!(
        short,
        Err(app::backend::services::staff::StaffError::WeakPassword)
    ));
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;
    let again = app::backend::services::staff::create_account(
        &app.db,
        &email,
        Role::Admin,
        PASSWORD.into(),
    )
    .await;
    assert!(matches!(
        again,
        Err(app::backend::services::staff::StaffError::DuplicateEmail)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_function_errors_carry_their_real_status_for_javascript_callers() {
    let app = spawn_app().await;
    let invalid = app
        .client
        .post(app.url("/api/staff/sign-in"))
        .form(&[("email", "nobody"), ("password", "")])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(invalid.status(), 422);
    let body: app::error::AppError = invalid.json().await.unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(body, app::error::AppError::Invalid(_)));
    let unauthorized = app
        .client
        .post(app.url("/api/staff/me"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(unauthorized.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_never_sends_staff_to_another_site() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Moderator, PASSWORD)
        .await;
    // Browsers drop tabs and newlines and read a backslash as a slash: each of these would
    // become "//evil.example" in the Location header.
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "//evil.example",
        "https://evil.example/staff",
    ] {
        let response = app
            .post_form(
                "/api/staff/sign-in",
                &[
                    ("email", "clerk@weho.org"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert!(response.status().is_redirection(), "{next:?}");
        assert_eq!(location(&response), "/staff", "{next:?}");
    }
    let response = app
        .post_form(
            "/api/staff/sign-in",
            &[
                ("email", "clerk@weho.org"),
                ("password", PASSWORD),
                ("next", "/staff/inquiries?status=new"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/staff/inquiries?status=new");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_guesses_from_many_addresses_is_evaluated_at_most_five_times() {
    let app = crate::helpers::spawn_app_with(|s| s.trust_proxy = true).await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..60 {
        // JavaScript callers: the status says whether the password was looked at (422) or the
        // attempt was refused before that (429).
        let request = app
            .client
            .post(app.url("/api/staff/sign-in"))
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .form(&[
                ("email", "clerk@weho.org"),
                ("password", "wrong guess"),
                ("next", ""),
            ]);
        guesses.spawn(async move { request.send().await.map(|r| r.status().as_u16()) });
    }
    let mut statuses = Vec::new();
    while let Some(done) = guesses.join_next().await {
        statuses.push(
            done.unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|e| panic!("{e}")),
        );
    }
    let evaluated = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(evaluated + refused, 60, "{statuses:?}");
    assert!(evaluated <= 5, "{evaluated} guesses were evaluated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_left_idle_ends_before_its_absolute_limit() {
    let app = crate::helpers::spawn_app_with(|s| s.session_idle_minutes = 30).await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;
    app.sign_in("clerk@weho.org", PASSWORD).await;
    assert_eq!(app.get("/staff").await.status(), 200);
    let idle = |minutes: i64| {
        let db = app.db.clone();
        async move {
            use app::backend::entity::staff_session;
            use sea_orm::{EntityTrait, sea_query::Expr};
            staff_session::Entity::update_many()
                .col_expr(
                    staff_session::Column::LastSeenAt,
                    Expr::value(Some(
                        chrono::Utc::now() - chrono::Duration::minutes(minutes),
                    )),
                )
                .exec(&db)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    };
    idle(20).await;
    assert_eq!(
        app.get("/staff").await.status(),
        200,
        "20 idle minutes are fine"
    );
    idle(31).await;
    assert_eq!(app.get("/staff").await.status(), 303, "31 are not");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_session_cookie_is_host_only_and_secure() {
    let app =
        crate::helpers::spawn_app_with(|s| s.public_url = "https://engage.example".into()).await;
    app.create_staff("clerk@weho.org", Role::Admin, PASSWORD)
        .await;
    let response = app.sign_in("clerk@weho.org", PASSWORD).await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("engage_session="))
        .unwrap_or_default()
        .to_string();
    assert!(cookie.starts_with("__Host-engage_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.to_ascii_lowercase().contains("domain="), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_everywhere_ends_every_session_of_that_person() {
    let app = spawn_app().await;
    app.create_staff("clerk@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.create_staff("other@weho.org", Role::Moderator, PASSWORD)
        .await;
    // A second device: its own client and cookie jar.
    let laptop = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let sign_in = |client: &reqwest::Client, email: &'static str| {
        client
            .post(app.url("/api/staff/sign-in"))
            .header("accept", "text/html")
            .form(&[("email", email), ("password", PASSWORD), ("next", "")])
            .send()
    };
    sign_in(&laptop, "clerk@weho.org")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let someone_else = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    sign_in(&someone_else, "other@weho.org")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.sign_in("clerk@weho.org", PASSWORD).await;
    let status = |client: &reqwest::Client| {
        let request = client.get(app.url("/staff"));
        async move {
            request
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        }
    };
    assert_eq!(status(&laptop).await, 200);

    let response = app.post_form("/api/staff/sign-out-everywhere", &[]).await;
    assert!(response.status().is_redirection());
    assert_eq!(status(&laptop).await, 303, "the other device is signed out");
    assert_eq!(status(&app.client).await, 303, "and this one");
    assert_eq!(
        status(&someone_else).await,
        200,
        "other people stay signed in"
    );
}
