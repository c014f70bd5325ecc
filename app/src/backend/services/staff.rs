//! Staff accounts: creation and password checks with argon2id, off the async threads.

use crate::backend::entity::staff_account::{self, Column, Entity};
use crate::domain::{Role, email::EmailAddress};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

/// NIST SP 800-63B: at least 8; staff accounts guard personal data, so we ask for more.
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("an account with that email already exists")]
    DuplicateEmail,
    #[error(
        "the password must have between {MIN_PASSWORD_CHARS} and {MAX_PASSWORD_CHARS} characters"
    )]
    WeakPassword,
    #[error(
        "the password is too common or too easy to guess; a few unrelated words make a strong one"
    )]
    CommonPassword,
    #[error("password hashing failed: {0}")]
    Hashing(String),
    #[error(transparent)]
    Database(#[from] DbErr),
}

pub fn check_password_policy(password: &str, email: &str) -> Result<(), StaffError> {
    match check_password_strength(password, &[email]) {
        Ok(()) => Ok(()),
        Err("field.password.length") => Err(StaffError::WeakPassword),
        Err(_) => Err(StaffError::CommonPassword),
    }
}

/// Length, then zxcvbn's estimate, which knows the common and breached passwords of its bundled
/// lists, keyboard walks, dates and the person's own address: fewer than 10^10 guesses is refused.
/// Returns the message key for the form.
pub fn check_password_strength(password: &str, own_words: &[&str]) -> Result<(), &'static str> {
    let count = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&count) {
        return Err("field.password.length");
    }
    // The whole address, its local part and each piece of it count as guesses.
    let words: Vec<&str> = own_words
        .iter()
        .flat_map(|w| {
            let local = w.split('@').next().unwrap_or_default();
            [*w, local].into_iter().chain(w.split(['@', '.', '-', '_']))
        })
        .filter(|w| !w.is_empty())
        .collect();
    if (zxcvbn::zxcvbn(password, &words).score() as u8) < 3 {
        return Err("field.password.common");
    }
    Ok(())
}

/// argon2id with the crate's defaults (19 MiB, 2 passes), run on the blocking pool.
pub async fn hash_password(password: String) -> Result<String, StaffError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| StaffError::Hashing(e.to_string()))
    })
    .await
    .map_err(|e| StaffError::Hashing(e.to_string()))?
}

pub async fn verify_password(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

pub async fn create_account(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    role: Role,
    password: String,
) -> Result<staff_account::Model, StaffError> {
    check_password_policy(&password, email.as_str())?;
    if find_by_email(conn, email.as_str()).await?.is_some() {
        return Err(StaffError::DuplicateEmail);
    }
    let password_hash = hash_password(password).await?;
    let inserted = staff_account::ActiveModel {
        email: Set(email.as_str().to_string()),
        password_hash: Set(password_hash),
        role: Set(role.as_str().to_string()),
        active: Set(true),
        created_at: Set(Utc::now()),
        last_sign_in_at: Set(None),
        totp_secret: Set(None),
        totp_enabled_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await;
    match inserted {
        Ok(model) => Ok(model),
        // Two creations racing past the check above: the unique index decides.
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            Err(StaffError::DuplicateEmail)
        }
        Err(err) => Err(err.into()),
    }
}

pub async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<staff_account::Model>, DbErr> {
    Entity::find()
        .filter(Column::Email.eq(email))
        .one(conn)
        .await
}

pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<staff_account::Model>, DbErr> {
    Entity::find().order_by_asc(Column::Email).all(conn).await
}

/// A known, valid argon2id hash, verified when the email is unknown so that the response time
/// does not tell whether an account exists.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vb3zTH6HcH4JmAV0/bQk6D/33WyzIVAvqO3E5/SY8S0";

/// The active account whose password matches, if any.
pub async fn authenticate(
    conn: &impl ConnectionTrait,
    email: &str,
    password: String,
) -> Result<Option<staff_account::Model>, DbErr> {
    let account = find_by_email(conn, email).await?;
    let hash = account
        .as_ref()
        .map_or(DECOY_HASH.to_string(), |a| a.password_hash.clone());
    let matches = verify_password(hash, password).await;
    Ok(account.filter(|a| matches && a.active))
}

pub async fn record_sign_in(
    conn: &impl ConnectionTrait,
    account: staff_account::Model,
) -> Result<(), DbErr> {
    let mut active: staff_account::ActiveModel = account.into();
    active.last_sign_in_at = Set(Some(Utc::now()));
    active.update(conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_personal_passwords_are_refused_and_passphrases_pass() {
        assert_eq!(
            check_password_strength("short", &[]),
            Err("field.password.length")
        );
        for weak in [
            "password1234",
            "qwertyuiop123",
            "123456789012",
            "iloveyou2026!",
        ] {
            assert_eq!(
                check_password_strength(weak, &[]),
                Err("field.password.common"),
                "{weak}"
            );
        }
        assert_eq!(
            check_password_strength("ana.lopez2026", &["ana.lopez@weho.org"]),
            Err("field.password.common")
        );
        for strong in [
            "correct horse battery staple",
            "e2e admin password long",
            "e2e moderator password",
            "e2e analyst password long",
            "plummer park lantern quietly",
        ] {
            assert_eq!(check_password_strength(strong, &[]), Ok(()), "{strong}");
        }
    }
}
