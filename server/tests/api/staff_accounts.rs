//! Staff accounts run from the portal: invitations, two-factor sign-in, roles, disabling, password
//! resets and the audit log viewer.

use crate::helpers::{
    TEST_TOTP_SECRET, TestApp, link_path, location, new_browser, sets_session, spawn_app, totp_now,
};
use app::backend::entity::{outbox_message, staff_account};
use app::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const ADMIN: &str = "admin@weho.org";
const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "lantern orchard quietly sunset";

async fn signed_in_admin() -> TestApp {
    let app = spawn_app().await;
    app.create_staff(ADMIN, Role::Admin, PASSWORD).await;
    assert!(sets_session(&app.sign_in(ADMIN, PASSWORD).await));
    app
}

async fn account(app: &TestApp, email: &str) -> staff_account::Model {
    app::backend::services::staff::find_by_email(&app.db, email)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no account {email}"))
}

async fn set_password(
    app: &TestApp,
    path: &str,
    password: &str,
    confirm: &str,
) -> reqwest::Response {
    let token = path.trim_start_matches("/staff/password/");
    app.post_form_from(
        path,
        "/api/staff/password/set",
        &[
            ("token", token),
            ("password", password),
            ("confirm", confirm),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_leads_to_a_first_sign_in_and_the_link_works_once() {
    let mut app = signed_in_admin().await;
    let invited = app
        .post_form(
            "/api/staff/accounts/invite",
            &[("email", "new.moderator@weho.org"), ("role", "moderator")],
        )
        .await;
    assert_eq!(location(&invited), "/staff/accounts?done=invited");
    let email = app
        .last_email("staff-invite", "new.moderator@weho.org")
        .await;
    let path = link_path("/staff/password/", &email.text_body);

    // The new person, in their own browser.
    let admin_browser = std::mem::replace(&mut app.client, new_browser());
    let (status, page) = app.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("new.moderator@weho.org"));
    let weak = set_password(&app, &path, "password1234", "password1234").await;
    let back = app.follow(&weak).await;
    assert!(back.contains("too common or too easy to guess"), "{back}");
    let mismatch = set_password(&app, &path, NEW_PASSWORD, "something else entirely").await;
    assert!(
        app.follow(&mismatch)
            .await
            .contains("The two passwords are not the same")
    );

    let saved = set_password(&app, &path, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(location(&saved), "/staff/sign-in?password-set=1");
    let (_, again) = app.get_html(&path).await;
    assert!(
        again.contains("expired or has already been used"),
        "a link works once"
    );
    let reused = set_password(
        &app,
        &path,
        "another fine long passphrase",
        "another fine long passphrase",
    )
    .await;
    assert!(!location(&reused).contains("password-set"));

    // Moderators need no second factor by default: the password opens a session.
    assert!(sets_session(
        &app.sign_in("new.moderator@weho.org", NEW_PASSWORD).await
    ));
    let (status, _) = app.get_html("/staff/moderation").await;
    assert_eq!(status, 200);

    app.client = admin_browser;
    let (_, list) = app.get_html("/staff/accounts").await;
    assert!(list.contains("new.moderator@weho.org"));
    for action in [
        "staff.invited",
        "staff.invitation_accepted",
        "staff.signed_in",
    ] {
        assert!(
            !app.audit_actions(action).await.is_empty(),
            "{action} audited"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_up_two_factor_at_first_sign_in_and_recovery_codes_work_once() {
    let mut app = signed_in_admin().await;
    app.post_form(
        "/api/staff/accounts/invite",
        &[("email", "second.admin@weho.org"), ("role", "admin")],
    )
    .await;
    let path = link_path(
        "/staff/password/",
        &app.last_email("staff-invite", "second.admin@weho.org")
            .await
            .text_body,
    );
    app.client = new_browser();
    set_password(&app, &path, NEW_PASSWORD, NEW_PASSWORD).await;

    let first = app
        .post_form(
            "/api/staff/sign-in",
            &[
                ("email", "second.admin@weho.org"),
                ("password", NEW_PASSWORD),
                ("next", "/staff/accounts"),
            ],
        )
        .await;
    assert!(!sets_session(&first), "no session before the second factor");
    assert!(
        location(&first).starts_with("/staff/sign-in/enrol"),
        "{}",
        location(&first)
    );
    let (status, _) = app.get_html("/staff/accounts").await;
    assert_eq!(status, 303, "the half-done sign-in opens nothing");

    let (_, page) = app.get_html(&location(&first)).await;
    assert!(page.contains("<svg"), "a QR code");
    let secret: String = page
        .split("id=\"totp-secret\"")
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .replace(' ', "");
    assert_eq!(secret.len(), 32, "the key to type in: {secret}");
    let codes: Vec<String> = page
        .split("id=\"recovery-codes\"")
        .nth(1)
        .unwrap_or_default()
        .split("<code>")
        .skip(1)
        .filter_map(|c| c.split('<').next().map(str::to_string))
        .collect();
    assert_eq!(codes.len(), 10);

    let wrong = app
        .post_form(
            "/api/staff/sign-in/code",
            &[("code", "000000"), ("next", "")],
        )
        .await;
    assert!(!sets_session(&wrong));
    let confirmed = app
        .post_form(
            "/api/staff/sign-in/code",
            &[("code", &totp_now(&secret)), ("next", "/staff/accounts")],
        )
        .await;
    assert!(sets_session(&confirmed));
    assert_eq!(location(&confirmed), "/staff/accounts");
    assert!(
        account(&app, "second.admin@weho.org")
            .await
            .totp_secret
            .is_some()
    );

    // Later, without the phone: a recovery code, once.
    for (attempt, expect_session) in [(1, true), (2, false)] {
        app.client = new_browser();
        let step = app
            .post_form(
                "/api/staff/sign-in",
                &[
                    ("email", "second.admin@weho.org"),
                    ("password", NEW_PASSWORD),
                    ("next", ""),
                ],
            )
            .await;
        assert!(
            location(&step).starts_with("/staff/sign-in/code"),
            "attempt {attempt}"
        );
        let with_code = app
            .post_form(
                "/api/staff/sign-in/code",
                &[("code", &codes[0]), ("next", "")],
            )
            .await;
        assert_eq!(
            sets_session(&with_code),
            expect_session,
            "attempt {attempt}"
        );
    }
    assert!(
        !app.audit_actions("staff.two_factor_enabled")
            .await
            .is_empty()
    );
    assert!(
        !app.audit_actions("staff.second_factor_failed")
            .await
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_codes_end_the_half_done_sign_in() {
    let app = spawn_app().await;
    app.create_staff(ADMIN, Role::Admin, PASSWORD).await;
    let step = app
        .post_form(
            "/api/staff/sign-in",
            &[("email", ADMIN), ("password", PASSWORD), ("next", "")],
        )
        .await;
    assert!(location(&step).starts_with("/staff/sign-in/code"));
    for _ in 0..5 {
        app.post_form(
            "/api/staff/sign-in/code",
            &[("code", "123456"), ("next", "")],
        )
        .await;
    }
    let late = app
        .post_form(
            "/api/staff/sign-in/code",
            &[("code", &totp_now(TEST_TOTP_SECRET)), ("next", "")],
        )
        .await;
    assert!(!sets_session(&late), "even the right code is too late now");
    assert_eq!(location(&late), "/staff/sign-in?expired=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_ends_sessions_at_once_and_roles_change_with_an_audit_record() {
    let mut app = signed_in_admin().await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    let target = account(&app, "mod@weho.org").await.id;
    let admin_id = account(&app, ADMIN).await.id;

    let admin_browser = std::mem::replace(&mut app.client, new_browser());
    assert!(sets_session(&app.sign_in("mod@weho.org", PASSWORD).await));
    let moderator_browser = std::mem::replace(&mut app.client, admin_browser);

    let id = target.to_string();
    let disabled = app
        .post_form(
            "/api/staff/accounts/change",
            &[("id", &id), ("change", "disable")],
        )
        .await;
    assert_eq!(location(&disabled), "/staff/accounts?done=disable");

    let admin_browser = std::mem::replace(&mut app.client, moderator_browser);
    let (status, _) = app.get_html("/staff/moderation").await;
    assert_eq!(status, 303, "the open session ended");
    assert!(!sets_session(&app.sign_in("mod@weho.org", PASSWORD).await));
    app.client = admin_browser;

    app.post_form(
        "/api/staff/accounts/change",
        &[("id", &id), ("change", "enable")],
    )
    .await;
    let promoted = app
        .post_form(
            "/api/staff/accounts/change",
            &[("id", &id), ("change", "role"), ("role", "analyst")],
        )
        .await;
    assert_eq!(location(&promoted), "/staff/accounts?done=role");
    assert_eq!(account(&app, "mod@weho.org").await.role, "analyst");
    let changed = app.audit_actions("staff.role_changed").await;
    assert_eq!(changed[0].detail.as_deref(), Some("moderator -> analyst"));
    assert_eq!(changed[0].staff_account_id, Some(admin_id));

    // Nobody locks themselves out: an admin cannot disable or demote their own account.
    let own = app
        .post_form_from(
            "/staff/accounts",
            "/api/staff/accounts/change",
            &[("id", &admin_id.to_string()), ("change", "disable")],
        )
        .await;
    assert!(
        app.follow(&own)
            .await
            .contains("You cannot change your own account here")
    );
    assert!(account(&app, ADMIN).await.active);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_says_the_same_for_every_address_and_the_link_replaces_the_password() {
    let app = spawn_app().await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    for address in ["mod@weho.org", "nobody@weho.org"] {
        let response = app
            .post_form_from(
                "/staff/forgot-password",
                "/api/staff/forgot-password",
                &[("email", address)],
            )
            .await;
        assert_eq!(
            location(&response),
            "/staff/forgot-password?sent=1",
            "{address}"
        );
    }
    let none = outbox_message::Entity::find()
        .filter(outbox_message::Column::ToAddress.eq("nobody@weho.org"))
        .one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(none.is_none(), "no email to an address without an account");
    let path = link_path(
        "/staff/password/",
        &app.last_email("staff-reset", "mod@weho.org")
            .await
            .text_body,
    );
    let saved = set_password(&app, &path, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(location(&saved), "/staff/sign-in?password-set=1");
    assert!(!sets_session(&app.sign_in("mod@weho.org", PASSWORD).await));
    assert!(sets_session(
        &app.sign_in("mod@weho.org", NEW_PASSWORD).await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forced_reset_stops_the_old_password_and_emails_a_link() {
    let app = signed_in_admin().await;
    app.create_staff("analyst@weho.org", Role::Analyst, PASSWORD)
        .await;
    let id = account(&app, "analyst@weho.org").await.id.to_string();
    app.post_form(
        "/api/staff/accounts/change",
        &[("id", &id), ("change", "reset-password")],
    )
    .await;
    let email = app.last_email("staff-reset", "analyst@weho.org").await;
    assert!(email.text_body.contains("/staff/password/"));
    app.post_form("/api/staff/sign-out", &[]).await;
    assert!(!sets_session(
        &app.sign_in("analyst@weho.org", PASSWORD).await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_change_their_own_password_only_with_the_current_one() {
    let app = spawn_app().await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    app.sign_in("mod@weho.org", PASSWORD).await;
    let wrong = app
        .post_form_from(
            "/staff/account",
            "/api/staff/account/password",
            &[
                ("current", "not my password at all"),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert!(
        app.follow(&wrong)
            .await
            .contains("This is not your current password")
    );
    let changed = app
        .post_form_from(
            "/staff/account",
            "/api/staff/account/password",
            &[
                ("current", PASSWORD),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&changed), "/staff/account?done=password");
    app.post_form("/api/staff/sign-out", &[]).await;
    assert!(sets_session(
        &app.sign_in("mod@weho.org", NEW_PASSWORD).await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_read_and_download_the_audit_log_with_failed_sign_ins_and_others_cannot() {
    let mut app = signed_in_admin().await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    let admin_browser = std::mem::replace(&mut app.client, new_browser());
    app.sign_in("mod@weho.org", "a wrong guess of a password")
        .await;
    app.sign_in("=cmd@weho.org", "a wrong guess of a password")
        .await;
    assert!(sets_session(&app.sign_in("mod@weho.org", PASSWORD).await));
    let (status, _) = app.get_html("/staff/audit").await;
    assert_eq!(status, 403);
    let csv = app.get("/staff/exports/audit.csv").await;
    assert_eq!(csv.status(), 403);
    app.client = admin_browser;

    let (status, page) = app
        .get_html("/staff/audit?action=staff.sign_in_failed")
        .await;
    assert_eq!(status, 200);
    let table = page.split("<tbody>").nth(1).unwrap_or_default();
    assert!(table.contains("mod@weho.org"), "the address tried");
    assert!(table.contains("staff.sign_in_failed"));
    assert!(
        !table.contains("staff.signed_in<"),
        "filtered to one action"
    );

    let csv = app
        .get("/staff/exports/audit.csv?action=staff.sign_in_failed")
        .await;
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.unwrap_or_default();
    assert!(body.contains("mod@weho.org"));
    assert!(
        body.contains("'=cmd@weho.org"),
        "a formula-like cell is defused: {body}"
    );
    assert!(
        !app.audit_actions("export.audit_log").await.is_empty(),
        "the download is audited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_from_the_app_is_accepted_once() {
    let mut app = spawn_app().await;
    app.create_staff(ADMIN, Role::Admin, PASSWORD).await;
    let code = app.unspent_code(ADMIN).await;
    let password = app
        .post_form(
            "/api/staff/sign-in",
            &[("email", ADMIN), ("password", PASSWORD), ("next", "")],
        )
        .await;
    assert!(location(&password).starts_with("/staff/sign-in/code"));
    let first = app
        .post_form("/api/staff/sign-in/code", &[("code", &code), ("next", "")])
        .await;
    assert!(sets_session(&first));

    // Someone who saw the code over the shoulder, in another browser within the same 30 seconds.
    app.client = new_browser();
    let password = app
        .post_form(
            "/api/staff/sign-in",
            &[("email", ADMIN), ("password", PASSWORD), ("next", "")],
        )
        .await;
    assert!(location(&password).starts_with("/staff/sign-in/code"));
    let replayed = app
        .post_form("/api/staff/sign-in/code", &[("code", &code), ("next", "")])
        .await;
    assert!(!sets_session(&replayed), "the same code twice");
    let older = crate::helpers::totp_at(
        TEST_TOTP_SECRET,
        chrono::Utc::now().timestamp().unsigned_abs() - 30,
    );
    let refused = app
        .post_form("/api/staff/sign-in/code", &[("code", &older), ("next", "")])
        .await;
    assert!(
        !sets_session(&refused),
        "nor an older code still inside the window"
    );
    let next = app.unspent_code(ADMIN).await;
    assert_ne!(next, code);
    let fresh = app
        .post_form("/api/staff/sign-in/code", &[("code", &next), ("next", "")])
        .await;
    assert!(sets_session(&fresh), "the next code from the app works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_can_require_two_step_sign_in_of_every_staff_account() {
    let mut app = signed_in_admin().await;
    app.create_staff("mod@weho.org", Role::Moderator, PASSWORD)
        .await;
    let saved = app
        .post_form("/api/staff/accounts/two-factor-rule", &[("everyone", "on")])
        .await;
    assert_eq!(location(&saved), "/staff/accounts?done=two-factor-rule");
    let (_, page) = app.get_html("/staff/accounts").await;
    assert!(
        page.contains("name=\"everyone\" value=\"on\" checked"),
        "the box shows the rule in force"
    );
    assert_eq!(
        app.audit_actions("setting.two_factor_for_everyone.on")
            .await
            .len(),
        1
    );

    let admin_browser = std::mem::replace(&mut app.client, new_browser());
    let moderator = app.sign_in("mod@weho.org", PASSWORD).await;
    assert!(!sets_session(&moderator));
    assert!(
        location(&moderator).starts_with("/staff/sign-in/enrol"),
        "the moderator must set up an app first: {}",
        location(&moderator)
    );

    app.client = admin_browser;
    app.post_form("/api/staff/accounts/two-factor-rule", &[])
        .await;
    app.client = new_browser();
    assert!(
        sets_session(&app.sign_in("mod@weho.org", PASSWORD).await),
        "back to admins only"
    );
}
