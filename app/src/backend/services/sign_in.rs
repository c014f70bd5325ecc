//! Staff sign-in as one use case: the per-address and per-account limits, the password check,
//! and the new session.

use crate::backend::AppState;
use crate::backend::services::{rate_limit, session, staff};
use crate::domain::email::EmailAddress;
use crate::error::{AppError, FormErrors};

/// A started session: the token for the cookie.
pub struct Started {
    pub token: String,
    pub staff_id: i32,
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
) -> Result<Started, AppError> {
    let mut form = FormErrors::default();
    form.keep("email", email);
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
    if let Err(minutes) =
        rate_limit::take(&state.db, &rate_limit::SIGN_IN_PER_EMAIL, email.as_str()).await?
    {
        return Err(limited(minutes, form));
    }
    let Some(account) = staff::authenticate(&state.db, email.as_str(), password).await? else {
        rate_limit::record(&state.db, &rate_limit::SIGN_IN_PER_IP, client).await?;
        tracing::info!("staff sign-in refused");
        form.add("email", "signin.failed");
        return Err(AppError::Invalid(form));
    };
    rate_limit::clear(&state.db, &rate_limit::SIGN_IN_PER_EMAIL, email.as_str()).await?;
    let token = session::start(&state.db, account.id, state.portal.session_ttl).await?;
    let staff_id = account.id;
    staff::record_sign_in(&state.db, account).await?;
    tracing::info!(staff_id, "staff signed in");
    Ok(Started { token, staff_id })
}
