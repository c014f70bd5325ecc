//! Staff sign-in, sign-out and role checks.

#[cfg(feature = "ssr")]
use crate::backend::access::require;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub email: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccountSummary {
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub created_on: String,
    pub last_sign_in: Option<String>,
}

#[server(endpoint = "staff/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::services::{session, sign_in};
    use crate::backend::{app_state, request};
    let state = app_state()?;
    let client = crate::backend::intake::client_key();
    let started = sign_in::sign_in(&state, &email, password, &client).await?;
    request::append_header(
        http::header::SET_COOKIE,
        &session::cookie_header(
            Some(&started.token),
            state.portal.session_ttl,
            state.portal.secure_cookies,
        ),
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

#[server(endpoint = "staff/accounts")]
pub async fn list_staff_accounts() -> Result<Vec<StaffAccountSummary>, AppError> {
    use crate::backend::{app_state, services::staff};
    require(Permission::Administer).await?;
    let state = app_state()?;
    Ok(staff::list(&state.db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some(StaffAccountSummary {
                role: Role::parse(&a.role)?,
                email: a.email,
                active: a.active,
                created_on: a.created_at.date_naive().to_string(),
                last_sign_in: a.last_sign_in_at.map(|t| state.mail.wall_clock(t)),
            })
        })
        .collect())
}
