//! Server-side staff sessions: a random token in an HttpOnly cookie, its hash in the database.

use super::sha256_hex;
use crate::backend::entity::{staff_account, staff_session};
use crate::domain::Role;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

pub const SESSION_COOKIE: &str = "engage_session";

/// Who is signed in, as the rest of the app sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub staff_id: i32,
    pub email: String,
    pub role: Role,
}

/// Starts a session and returns the token for the cookie.
pub async fn start(
    conn: &impl ConnectionTrait,
    staff_id: i32,
    ttl: Duration,
) -> Result<String, DbErr> {
    let token = super::new_token();
    let now = Utc::now();
    staff_session::ActiveModel {
        token_hash: Set(sha256_hex(&[&token])),
        staff_account_id: Set(staff_id),
        created_at: Set(now),
        expires_at: Set(now + ttl),
    }
    .insert(conn)
    .await?;
    // Expired sessions of this person go when they sign in again.
    staff_session::Entity::delete_many()
        .filter(staff_session::Column::StaffAccountId.eq(staff_id))
        .filter(staff_session::Column::ExpiresAt.lt(now))
        .exec(conn)
        .await?;
    Ok(token)
}

pub async fn find(conn: &impl ConnectionTrait, token: &str) -> Result<Option<SignedIn>, DbErr> {
    let found = staff_session::Entity::find_by_id(sha256_hex(&[token]))
        .find_also_related(staff_account::Entity)
        .one(conn)
        .await?;
    Ok(match found {
        Some((session, Some(account))) if session.expires_at > Utc::now() && account.active => {
            Role::parse(&account.role).map(|role| SignedIn {
                staff_id: account.id,
                email: account.email,
                role,
            })
        }
        _ => None,
    })
}

pub async fn end(conn: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    staff_session::Entity::delete_by_id(sha256_hex(&[token]))
        .exec(conn)
        .await?;
    Ok(())
}

/// The Set-Cookie value for a new session (or, with `None`, one that removes it).
pub fn cookie_header(token: Option<&str>, ttl: Duration, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            ttl.num_seconds()
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}
