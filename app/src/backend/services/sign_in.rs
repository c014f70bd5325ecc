//! Staff sign-in as one use case: the per-address and per-account limits, the password check,
//! and the new session.

use crate::backend::AppState;
use crate::backend::services::{audit, rate_limit, session, staff, two_factor};
use crate::domain::email::EmailAddress;
use crate::error::{AppError, FormErrors};

/// A started session: the token for the cookie.
pub struct Started {
    pub token: String,
    pub staff_id: i32,
}

/// Where a right password leads.
pub enum Outcome {
    /// Signed in.
    Session(Started),
    /// A second factor is due: the token is for the challenge cookie.
    Challenge {
        token: String,
        step: two_factor::Step,
    },
}

/// Whether this account must sign in with a second factor: whoever can administer accounts
/// always; everyone when the configuration or an admin's switch on the accounts page says so.
pub async fn second_factor_required(state: &AppState, role: &str) -> Result<bool, AppError> {
    use crate::domain::{Permission, Role};
    if state.portal.two_factor_for_everyone
        || Role::parse(role).is_some_and(|r| r.can(Permission::Administer))
    {
        return Ok(true);
    }
    Ok(
        super::portal_settings::flag(&state.db, super::portal_settings::TWO_FACTOR_FOR_EVERYONE)
            .await?,
    )
}

/// Starts the session once every factor is through, and records the sign-in.
pub async fn start_session(
    state: &AppState,
    account: crate::backend::entity::staff_account::Model,
) -> Result<Started, AppError> {
    let token = session::start(&state.db, account.id, state.portal.session_ttl).await?;
    let staff_id = account.id;
    staff::record_sign_in(&state.db, account).await?;
    audit::record(
        &state.db,
        Some(staff_id),
        "staff.signed_in",
        "staff_account",
        staff_id,
        None,
    )
    .await?;
    tracing::info!(staff_id, "staff signed in");
    Ok(Started { token, staff_id })
}

fn limited(minutes: u32, form: FormErrors) -> AppError {
    AppError::RateLimited {
        retry_after_minutes: minutes,
        form,
    }
}

/// Checks the form and the password. The attempt is counted against the account before the
/// password is verified, atomically, so a burst of guesses sent at once is evaluated at most as
/// many times as the lockout allows; a success clears the account's count.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: String,
    client: &str,
) -> Result<Outcome, AppError> {
    let mut form = FormErrors::default();
    form.keep("email", email);
    // Addresses and networks are stored only as keyed hashes.
    let client = &state.privacy_key.hash(client);
    if let Err(minutes) = rate_limit::check(&state.db, &rate_limit::SIGN_IN_PER_IP, client).await? {
        return Err(limited(minutes, form));
    }
    let parsed = EmailAddress::parse(email);
    if let Err(key) = &parsed {
        form.add("email", key);
    }
    if password.is_empty() {
        form.add("password", "field.password.required");
    }
    let Ok(email) = parsed else {
        return Err(AppError::Invalid(form));
    };
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let email_key = state.privacy_key.hash(email.as_str());
    if let Err(minutes) =
        rate_limit::take(&state.db, &rate_limit::SIGN_IN_PER_EMAIL, &email_key).await?
    {
        return Err(limited(minutes, form));
    }
    let Some(account) = staff::authenticate(&state.db, email.as_str(), password).await? else {
        rate_limit::record(&state.db, &rate_limit::SIGN_IN_PER_IP, client).await?;
        // The address tried is kept for the admins' audit log (never in the application log).
        let known = staff::find_by_email(&state.db, email.as_str()).await?;
        audit::record(
            &state.db,
            None,
            "staff.sign_in_failed",
            "staff_account",
            known.map_or(0, |a| a.id),
            Some(email.as_str().to_string()),
        )
        .await?;
        tracing::info!("staff sign-in refused");
        form.add("email", "signin.failed");
        return Err(AppError::Invalid(form));
    };
    rate_limit::clear(&state.db, &rate_limit::SIGN_IN_PER_EMAIL, &email_key).await?;
    let step = if account.totp_secret.is_some() {
        Some(two_factor::Step::Code)
    } else if second_factor_required(state, &account.role).await? {
        Some(two_factor::Step::Enrol)
    } else {
        None
    };
    match step {
        Some(step) => Ok(Outcome::Challenge {
            token: two_factor::start_challenge(&state.db, account.id, step).await?,
            step,
        }),
        None => Ok(Outcome::Session(start_session(state, account).await?)),
    }
}
