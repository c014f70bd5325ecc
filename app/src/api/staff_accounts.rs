//! Staff accounts from the portal: invitations, role changes, disabling, resets, a person's own
//! password and two-factor, and the one-time password links.

#[cfg(feature = "ssr")]
use crate::backend::access::require;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One row of the admins' account list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub email: String,
    pub role: crate::domain::Role,
    pub active: bool,
    /// Invited and not yet signed in with a password of their own.
    pub invited: bool,
    pub two_factor: bool,
    pub created_on: String,
    pub last_sign_in: Option<String>,
    /// The admin looking at the list (no actions on one's own row).
    pub is_you: bool,
}

/// The admins' accounts page: every account and the portal's two-factor rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsView {
    pub rows: Vec<AccountRow>,
    /// Every staff account must use two-factor (admins always must).
    pub two_factor_for_everyone: bool,
    /// Set in the configuration, so the portal's switch cannot turn it off.
    pub two_factor_from_config: bool,
}

#[server(endpoint = "staff/accounts")]
pub async fn staff_accounts() -> Result<AccountsView, AppError> {
    use crate::backend::services::portal_settings;
    use crate::backend::{app_state, services::staff};
    let me = require(Permission::Administer).await?;
    let state = app_state()?;
    let rows = staff::list(&state.db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Some(AccountRow {
                id: a.id,
                role: crate::domain::Role::parse(&a.role)?,
                invited: a.password_hash == crate::backend::services::staff_admin::NO_PASSWORD
                    && a.last_sign_in_at.is_none(),
                two_factor: a.totp_secret.is_some(),
                email: a.email,
                active: a.active,
                created_on: a.created_at.date_naive().to_string(),
                last_sign_in: a.last_sign_in_at.map(|t| state.mail.wall_clock(t)),
                is_you: a.id == me.staff_id,
            })
        })
        .collect();
    Ok(AccountsView {
        rows,
        two_factor_for_everyone: state.portal.two_factor_for_everyone
            || portal_settings::flag(&state.db, portal_settings::TWO_FACTOR_FOR_EVERYONE).await?,
        two_factor_from_config: state.portal.two_factor_for_everyone,
    })
}

/// The admins' switch: every staff account signs in with a second factor (checkbox present) or
/// only admins do.
#[server(endpoint = "staff/accounts/two-factor-rule")]
pub async fn set_two_factor_rule(everyone: Option<String>) -> Result<(), AppError> {
    use crate::backend::services::portal_settings;
    use crate::backend::{app_state, request};
    let me = require(Permission::Administer).await?;
    let state = app_state()?;
    portal_settings::set_flag(
        &state.db,
        portal_settings::TWO_FACTOR_FOR_EVERYONE,
        everyone.is_some(),
        me.staff_id,
    )
    .await?;
    request::redirect("/staff/accounts?done=two-factor-rule");
    Ok(())
}

#[server(endpoint = "staff/accounts/invite")]
pub async fn invite_staff(email: String, role: String) -> Result<(), AppError> {
    use crate::backend::{app_state, request, services::staff_admin};
    let me = require(Permission::Administer).await?;
    let state = app_state()?;
    let locale = crate::i18n::resolve_locale();
    staff_admin::invite(&state.db, me.staff_id, &email, &role, &state.mail, locale).await?;
    request::redirect("/staff/accounts?done=invited");
    Ok(())
}

/// `change` is `role`, `disable`, `enable`, `reset-password` or `reset-two-factor`.
#[server(endpoint = "staff/accounts/change")]
pub async fn change_staff(id: i32, change: String, role: Option<String>) -> Result<(), AppError> {
    use crate::backend::services::staff_admin::{self, Change};
    use crate::backend::{app_state, request};
    use crate::domain::Role;
    let me = require(Permission::Administer).await?;
    let state = app_state()?;
    let what = match change.as_str() {
        "role" => Change::Role(
            role.as_deref()
                .and_then(Role::parse)
                .ok_or_else(|| AppError::Request("unknown role".into()))?,
        ),
        "disable" => Change::Disable,
        "enable" => Change::Enable,
        "reset-password" => Change::ForceReset,
        "reset-two-factor" => Change::ResetTwoFactor,
        _ => return Err(AppError::Request("unknown change".into())),
    };
    let locale = crate::i18n::resolve_locale();
    staff_admin::change(&state.db, me.staff_id, id, what, &state.mail, locale).await?;
    request::redirect(&format!("/staff/accounts?done={change}"));
    Ok(())
}

/// "Forgot password": the same answer whether or not the address has an account.
#[server(endpoint = "staff/forgot-password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::backend::services::{rate_limit, staff_admin};
    use crate::backend::{app_state, request};
    let state = app_state()?;
    let client = crate::backend::intake::client_key();
    let mut form = crate::error::FormErrors::default();
    form.keep("email", &email);
    if let Err(minutes) = rate_limit::take(
        &state.db,
        &rate_limit::SIGN_IN_PER_IP,
        &state.privacy_key.hash(&client),
    )
    .await?
    {
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
            form,
        });
    }
    if let Err(key) = crate::domain::email::EmailAddress::parse(&email) {
        form.add("email", key);
        return Err(AppError::Invalid(form));
    }
    let locale = crate::i18n::resolve_locale();
    staff_admin::request_reset(&state.db, &email, &state.mail, locale).await?;
    request::redirect("/staff/forgot-password?sent=1");
    Ok(())
}

/// Who a one-time password link is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLinkView {
    pub email: String,
    pub invitation: bool,
}

#[server(endpoint = "staff/password/link")]
pub async fn password_link(token: String) -> Result<PasswordLinkView, AppError> {
    use crate::backend::{app_state, services::staff_admin};
    let state = app_state()?;
    let (link, account) = staff_admin::link_account(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PasswordLinkView {
        email: account.email,
        invitation: link.purpose == "invite",
    })
}

#[server(endpoint = "staff/password/set")]
pub async fn set_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::backend::{app_state, request, services::staff_admin};
    let state = app_state()?;
    staff_admin::set_password_with_link(&state.db, &token, &password, &confirm).await?;
    request::redirect("/staff/sign-in?password-set=1");
    Ok(())
}

/// The signed-in person's own account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccountView {
    pub email: String,
    pub role: crate::domain::Role,
    pub two_factor: bool,
    pub two_factor_required: bool,
    pub recovery_codes_left: u64,
}

#[server(endpoint = "staff/account")]
pub async fn my_account() -> Result<MyAccountView, AppError> {
    use crate::backend::entity::staff_account;
    use crate::backend::{app_state, services::sign_in, services::two_factor};
    use sea_orm::EntityTrait;
    let me = require(Permission::SignedIn).await?;
    let state = app_state()?;
    let account = staff_account::Entity::find_by_id(me.staff_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(MyAccountView {
        two_factor: account.totp_secret.is_some(),
        two_factor_required: sign_in::second_factor_required(&state, &account.role).await?,
        recovery_codes_left: two_factor::recovery_codes_left(&state.db, me.staff_id).await?,
        email: account.email,
        role: me.role,
    })
}

#[server(endpoint = "staff/account/password")]
pub async fn change_password(
    current: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::backend::{app_state, request, services::staff_admin};
    let me = require(Permission::SignedIn).await?;
    let state = app_state()?;
    staff_admin::change_own_password(&state.db, me.staff_id, &current, &password, &confirm).await?;
    request::redirect("/staff/account?done=password");
    Ok(())
}
