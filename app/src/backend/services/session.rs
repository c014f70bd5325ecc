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
/// Over https the cookie carries the `__Host-` prefix: browsers then accept it only when it is
/// Secure, for this host alone (no Domain) and for the whole site, so a sibling subdomain
/// cannot plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-engage_session";

/// The session cookie's name for this portal.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// A session is touched at most this often, so staff pages do not write on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

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
        last_seen_at: Set(Some(now)),
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

/// The person behind a session token, if the session has neither expired nor been idle for
/// longer than `idle`. Using a session keeps it alive.
pub async fn find(
    conn: &impl ConnectionTrait,
    token: &str,
    idle: Duration,
) -> Result<Option<SignedIn>, DbErr> {
    let now = Utc::now();
    let found = staff_session::Entity::find_by_id(sha256_hex(&[token]))
        .find_also_related(staff_account::Entity)
        .one(conn)
        .await?;
    let Some((session, Some(account))) = found else {
        return Ok(None);
    };
    let last_seen = session.last_seen_at.unwrap_or(session.created_at);
    if session.expires_at <= now || last_seen + idle <= now || !account.active {
        return Ok(None);
    }
    if last_seen + TOUCH_EVERY <= now {
        staff_session::Entity::update_many()
            .col_expr(
                staff_session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(staff_session::Column::TokenHash.eq(session.token_hash.clone()))
            .exec(conn)
            .await?;
    }
    Ok(Role::parse(&account.role).map(|role| SignedIn {
        staff_id: account.id,
        email: account.email,
        role,
    }))
}

/// Ends every session of one staff member (signing out on every device).
pub async fn end_all(conn: &impl ConnectionTrait, staff_id: i32) -> Result<u64, DbErr> {
    Ok(staff_session::Entity::delete_many()
        .filter(staff_session::Column::StaffAccountId.eq(staff_id))
        .exec(conn)
        .await?
        .rows_affected)
}

pub async fn end(conn: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    staff_session::Entity::delete_by_id(sha256_hex(&[token]))
        .exec(conn)
        .await?;
    Ok(())
}

/// The Set-Cookie value for a new session (or, with `None`, one that removes it).
pub fn cookie_header(token: Option<&str>, ttl: Duration, secure: bool) -> String {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(token) => format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            ttl.num_seconds()
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}
