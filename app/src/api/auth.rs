//! Staff sign-in, sign-out and role checks.

#[cfg(feature = "ssr")]
use crate::backend::access::require;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub email: String,
    pub role: Role,
}

#[server(endpoint = "staff/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::services::sign_in;
    use crate::backend::{app_state, request};
    let state = app_state()?;
    let client = crate::backend::intake::client_key();
    let next = request::local_path_or(next.as_deref(), "/staff");
    match sign_in::sign_in(&state, &email, password, &client).await? {
        sign_in::Outcome::Session(started) => {
            set_session_cookie(&state, &started.token)?;
            request::redirect(&next);
        }
        sign_in::Outcome::Challenge { token, step } => {
            request::append_header(
                http::header::SET_COOKIE,
                &challenge_cookie(Some(&token), state.portal.secure_cookies),
            )?;
            let page = match step {
                crate::backend::services::two_factor::Step::Code => "/staff/sign-in/code",
                crate::backend::services::two_factor::Step::Enrol => "/staff/sign-in/enrol",
            };
            request::redirect(&format!("{page}?next={}", crate::paths::query_value(&next)));
        }
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn set_session_cookie(state: &crate::backend::AppState, token: &str) -> Result<(), AppError> {
    use crate::backend::{request, services::session};
    request::append_header(
        http::header::SET_COOKIE,
        &session::cookie_header(
            Some(token),
            state.portal.session_ttl,
            state.portal.secure_cookies,
        ),
    )
}

/// The cookie of a sign-in waiting for its second factor; `__Host-` over https like the session's.
#[cfg(feature = "ssr")]
fn challenge_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-engage_challenge"
    } else {
        "engage_challenge"
    }
}

#[cfg(feature = "ssr")]
fn challenge_cookie(token: Option<&str>, secure: bool) -> String {
    let name = challenge_cookie_name(secure);
    let flag = if secure { "; Secure" } else { "" };
    match token {
        Some(token) => {
            format!("{name}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=600{flag}")
        }
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{flag}"),
    }
}

/// The half-done sign-in behind this browser's challenge cookie.
#[cfg(feature = "ssr")]
async fn current_challenge(
    state: &crate::backend::AppState,
) -> Result<
    (
        String,
        crate::backend::entity::staff_challenge::Model,
        crate::backend::entity::staff_account::Model,
    ),
    AppError,
> {
    use crate::backend::{request, services::two_factor};
    let token = request::cookie(challenge_cookie_name(state.portal.secure_cookies))
        .ok_or(AppError::Unauthorized)?;
    let (challenge, account) = two_factor::find_challenge(&state.db, &token)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok((token, challenge, account))
}

/// What the page setting up an authenticator app shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentView {
    pub email: String,
    /// The secret in groups of four, for typing into an app.
    pub secret: String,
    pub link: String,
    /// The link as an SVG QR code (generated on the server from the link alone).
    pub qr_svg: String,
    pub recovery_codes: Vec<String>,
}

#[server(endpoint = "staff/sign-in/enrolment")]
pub async fn enrolment() -> Result<EnrolmentView, AppError> {
    use crate::backend::{app_state, services::two_factor};
    let state = app_state()?;
    let (_, challenge, account) = current_challenge(&state).await?;
    let (secret, recovery_codes) = two_factor::pending(&challenge).ok_or(AppError::Unauthorized)?;
    let issuer = format!("Engage {}", state.mail.reference_prefix);
    let link = two_factor::enrolment_link(&secret, &account.email, &issuer);
    Ok(EnrolmentView {
        email: account.email,
        secret: two_factor::grouped(&secret),
        qr_svg: two_factor::qr_svg(&link),
        link,
        recovery_codes,
    })
}

/// The second step of signing in: a code from the app, or one recovery code. Also confirms a new
/// app during enrolment (then the recovery codes shown with it become valid).
#[server(endpoint = "staff/sign-in/code")]
pub async fn second_factor(code: String, next: Option<String>) -> Result<(), AppError> {
    use crate::backend::services::{audit, sign_in, two_factor};
    use crate::backend::{app_state, request};
    use crate::error::FormErrors;
    let state = app_state()?;
    let Ok((token, challenge, account)) = current_challenge(&state).await else {
        request::redirect("/staff/sign-in?expired=1");
        return Ok(());
    };
    let staff_id = account.id;
    let accepted = match (challenge.purpose.as_str(), &account.totp_secret) {
        ("enrol", _) => match two_factor::pending(&challenge).and_then(|(secret, codes)| {
            Some((two_factor::matching_step(&secret, &code)?, secret, codes))
        }) {
            Some((step, secret, codes)) => {
                two_factor::enable(&state.db, account.clone(), &secret, &codes, Some(step)).await?;
                audit::record(
                    &state.db,
                    Some(staff_id),
                    "staff.two_factor_enabled",
                    "staff_account",
                    staff_id,
                    None,
                )
                .await?;
                true
            }
            None => false,
        },
        (_, Some(secret)) => {
            two_factor::spend_code(&state.db, staff_id, secret, &code).await?
                || two_factor::spend_recovery_code(&state.db, staff_id, &code).await?
        }
        _ => false,
    };
    if !accepted {
        two_factor::count_failure(&state.db, &token).await?;
        audit::record(
            &state.db,
            None,
            "staff.second_factor_failed",
            "staff_account",
            staff_id,
            None,
        )
        .await?;
        let mut form = FormErrors::default();
        form.add("code", "signin.code.wrong");
        return Err(AppError::Invalid(form));
    }
    two_factor::end_challenge(&state.db, &token).await?;
    let account = crate::backend::entity::staff_account::Entity::find_by_id(staff_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let started = sign_in::start_session(&state, account).await?;
    set_session_cookie(&state, &started.token)?;
    request::append_header(
        http::header::SET_COOKIE,
        &challenge_cookie(None, state.portal.secure_cookies),
    )?;
    request::redirect(&request::local_path_or(next.as_deref(), "/staff"));
    Ok(())
}

#[server(endpoint = "staff/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::backend::services::session;
    use crate::backend::{app_state, request};

    let state = app_state()?;
    if let Some(token) = request::cookie(session::cookie_name(state.portal.secure_cookies)) {
        session::end(&state.db, &token).await?;
    }
    request::append_header(
        http::header::SET_COOKIE,
        &session::cookie_header(None, state.portal.session_ttl, state.portal.secure_cookies),
    )?;
    crate::backend::request::redirect("/staff/sign-in?signed-out=1");
    Ok(())
}

/// Ends every session of the signed-in person, on this device and every other (a lost laptop).
#[server(endpoint = "staff/sign-out-everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::backend::services::{audit, session};
    use crate::backend::{app_state, request};
    let staff = require(Permission::SignedIn).await?;
    let state = app_state()?;
    let ended = session::end_all(&state.db, staff.staff_id).await?;
    audit::record(
        &state.db,
        Some(staff.staff_id),
        "staff.signed_out_everywhere",
        "staff_account",
        staff.staff_id,
        Some(format!("{ended} sessions")),
    )
    .await?;
    request::append_header(
        http::header::SET_COOKIE,
        &session::cookie_header(None, state.portal.session_ttl, state.portal.secure_cookies),
    )?;
    request::redirect("/staff/sign-in?signed-out=1");
    Ok(())
}

/// Any signed-in staff member.
#[server(endpoint = "staff/me")]
pub async fn current_staff() -> Result<StaffUser, AppError> {
    let staff = require(Permission::SignedIn).await?;
    Ok(StaffUser {
        email: staff.email,
        role: staff.role,
    })
}

/// A signed-in person sets up an authenticator app where it is not required (or again, after an
/// admin reset it): the same enrolment page as at sign-in.
#[server(endpoint = "staff/account/two-factor")]
pub async fn start_two_factor() -> Result<(), AppError> {
    use crate::backend::services::two_factor;
    use crate::backend::{app_state, request};
    let me = require(Permission::SignedIn).await?;
    let state = app_state()?;
    let token =
        two_factor::start_challenge(&state.db, me.staff_id, two_factor::Step::Enrol).await?;
    request::append_header(
        http::header::SET_COOKIE,
        &challenge_cookie(Some(&token), state.portal.secure_cookies),
    )?;
    request::redirect("/staff/sign-in/enrol?next=/staff/account");
    Ok(())
}
