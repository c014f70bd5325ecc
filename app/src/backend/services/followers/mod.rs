//! Following the consultation, or one section of it, by email without an account: a double
//! opt-in (nothing is sent but the confirmation link until the person confirms from their
//! mailbox), emails in the language they chose, and a one-click way out in every email.
//! `announce` is how other features tell followers about news.

mod announce;
mod archive;
mod compose;
mod mail;
mod news;

pub use crate::domain::forms::follow::{FollowForm, FollowTarget, NewFollower, check, keep_all};
pub use announce::{Announcement, Wording, announce, announce_meeting, send_update};
pub use archive::{Audience, audiences, sent_updates, update_by_id};
pub use compose::{ComposeForm, check_compose, keep_compose, send_composed};
pub use news::{announce_results, announce_version};

use super::rate_limit::Limit;
use super::{begin_write, new_token, outbox, sha256_hex};
use crate::backend::MailContext;
use crate::backend::entity::{follower, portal_secret, section};
use crate::domain::email::EmailAddress;
use crate::i18n::Locale;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, TransactionSession, TransactionTrait,
};

/// How long the confirmation link works.
pub const CONFIRM_WITHIN: Duration = Duration::days(7);

/// Follow requests per client address: each one sends an email, so the form must not become a
/// way to flood someone's mailbox.
pub const FOLLOW_PER_IP: Limit = Limit {
    bucket: "follow-ip",
    max_events: 20,
    window: Duration::hours(1),
};
/// Follow requests per address asked for.
pub const FOLLOW_PER_EMAIL: Limit = Limit {
    bucket: "follow-email",
    max_events: 5,
    window: Duration::hours(1),
};

/// The portal secret that unsubscribe links are derived from (see `unsubscribe_token`).
const LINK_KEY: &str = "follower_links";

fn confirm_hash(token: &str) -> String {
    sha256_hex(&["follower-confirm", token])
}

fn unsubscribe_hash(token: &str) -> String {
    sha256_hex(&["follower-unsubscribe", token])
}

/// The key of unsubscribe links, made on first use and shared by every instance.
async fn link_key(conn: &impl ConnectionTrait) -> Result<String, DbErr> {
    portal_secret::Entity::insert(portal_secret::ActiveModel {
        name: Set(LINK_KEY.into()),
        value: Set(new_token()),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([portal_secret::Column::Name])
    .exec(conn)
    .await?;
    portal_secret::Entity::find_by_id(LINK_KEY)
        .one(conn)
        .await?
        .map(|found| found.value)
        .ok_or_else(|| DbErr::RecordNotFound(LINK_KEY.into()))
}

/// A follower's unsubscribe token. Every update carries it, but only its hash is stored, so it
/// is derived again (HMAC of the follower's id under the portal's key) each time one is sent.
fn unsubscribe_token(key: &str, follower_id: i32) -> String {
    use base64::Engine;
    use hmac::{Hmac, Mac};
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()) else {
        return String::new();
    };
    mac.update(format!("follower-unsubscribe\0{follower_id}").as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The one-click address in a follower's emails.
pub fn unsubscribe_url(ctx: &MailContext, token: &str) -> String {
    format!("{}/unsubscribe/{token}", ctx.public_url)
}

/// A published section of the consultation, by slug.
pub async fn published_section(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    slug: &str,
) -> Result<Option<section::Model>, DbErr> {
    section::Entity::find()
        .filter(section::Column::ConsultationId.eq(consultation_id))
        .filter(section::Column::Slug.eq(slug))
        .filter(section::Column::CurrentVersionId.is_not_null())
        .one(conn)
        .await
}

/// The follow form's one entry point: the section looked up, the intake gate, then the pending
/// subscription and its email. People already following are told nothing different.
pub async fn receive(
    state: &crate::backend::AppState,
    form: &FollowForm,
    intake: &crate::backend::intake::IntakeFields,
    page_locale: Locale,
) -> Result<crate::backend::intake::Admission<()>, crate::error::AppError> {
    use crate::backend::intake::{Admission, Gate, Started, admit, client_key};
    let consultation = super::content::current_consultation(&state.db)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    let mut checked = check(form);
    let mut section_id = None;
    if let Ok(NewFollower {
        target: FollowTarget::Section(slug),
        ..
    }) = &checked
    {
        match published_section(&state.db, consultation.id, slug).await? {
            Some(found) => section_id = Some(found.id),
            None => {
                let mut errors = keep_all(form);
                errors.add("target", "field.follow_target.invalid");
                checked = Err(errors);
            }
        }
    }
    let mut limits = vec![(&FOLLOW_PER_IP, client_key())];
    if let Ok(new) = &checked {
        limits.push((&FOLLOW_PER_EMAIL, new.email.as_str().to_string()));
    }
    let gate = Gate {
        form: "follow",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "email",
        duplicate: false,
        limits,
    };
    let Admission::Admitted(new) = admit(state, gate, checked, keep_all(form)).await? else {
        return Ok(Admission::Dropped);
    };
    let locale = new.locale.unwrap_or(page_locale);
    subscribe(
        &state.db,
        consultation.id,
        section_id,
        &new.email,
        locale,
        &state.mail,
    )
    .await?;
    tracing::info!(section = ?section_id, "follow requested");
    Ok(Admission::Admitted(()))
}

/// The subscription of `email` to this target that has not ended, pending or confirmed.
async fn active(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    section_id: Option<i32>,
    email: &str,
) -> Result<Option<follower::Model>, DbErr> {
    let target = match section_id {
        Some(id) => follower::Column::SectionId.eq(id),
        None => follower::Column::SectionId.is_null(),
    };
    follower::Entity::find()
        .filter(follower::Column::ConsultationId.eq(consultation_id))
        .filter(target)
        .filter(follower::Column::Email.eq(email))
        .filter(follower::Column::UnsubscribedAt.is_null())
        .one(conn)
        .await
}

/// Stores a pending subscription and queues its confirmation link in one transaction. Asking
/// again while pending sends a fresh link (the old one stops working); asking while already
/// following sends a short note instead, so the form's answer never says who follows.
pub async fn subscribe<C>(
    db: &C,
    consultation_id: i32,
    section_id: Option<i32>,
    email: &EmailAddress,
    locale: Locale,
    ctx: &MailContext,
) -> Result<(), DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let what = mail::target_label(&txn, consultation_id, section_id, locale).await?;
    let now = Utc::now();
    let message = match active(&txn, consultation_id, section_id, email.as_str()).await? {
        Some(found) if found.confirmed_at.is_some() => {
            mail::already_following(locale, email.as_str(), &what, ctx)
        }
        Some(found) => {
            let token = new_token();
            let mut pending: follower::ActiveModel = found.into();
            pending.confirm_token_hash = Set(Some(confirm_hash(&token)));
            pending.locale = Set(locale.code().to_string());
            pending.created_at = Set(now);
            pending.update(&txn).await?;
            mail::confirmation(locale, email.as_str(), &what, &token, ctx)
        }
        None => {
            let token = new_token();
            let stored = follower::ActiveModel {
                consultation_id: Set(consultation_id),
                section_id: Set(section_id),
                email: Set(email.as_str().to_string()),
                locale: Set(locale.code().to_string()),
                confirm_token_hash: Set(Some(confirm_hash(&token))),
                unsubscribe_token_hash: Set(None),
                created_at: Set(now),
                confirmed_at: Set(None),
                unsubscribed_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match stored {
                Ok(_) => {}
                // The same request on another connection got there first (PostgreSQL; SQLite
                // serialises writers): that one sends the link.
                Err(err)
                    if matches!(
                        err.sql_err(),
                        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                    ) =>
                {
                    return Ok(());
                }
                Err(err) => return Err(err),
            }
            mail::confirmation(locale, email.as_str(), &what, &token, ctx)
        }
    };
    outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    txn.commit().await
}

/// The subscription behind a confirmation link: pending while the link is good, or already
/// confirmed (the link then only says so).
pub async fn by_confirm_token(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<follower::Model>, DbErr> {
    Ok(follower::Entity::find()
        .filter(follower::Column::ConfirmTokenHash.eq(confirm_hash(token)))
        .filter(follower::Column::UnsubscribedAt.is_null())
        .one(conn)
        .await?
        .filter(|found| {
            found.confirmed_at.is_some() || found.created_at + CONFIRM_WITHIN > Utc::now()
        }))
}

/// Confirms the subscription behind the link (a second time changes nothing); `None` for an
/// unknown or expired link.
pub async fn confirm<C>(db: &C, token: &str) -> Result<Option<follower::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = by_confirm_token(&txn, token).await? else {
        return Ok(None);
    };
    if found.confirmed_at.is_some() {
        return Ok(Some(found));
    }
    let key = link_key(&txn).await?;
    let unsubscribe = unsubscribe_token(&key, found.id);
    let mut confirmed: follower::ActiveModel = found.into();
    confirmed.confirmed_at = Set(Some(Utc::now()));
    confirmed.unsubscribe_token_hash = Set(Some(unsubscribe_hash(&unsubscribe)));
    let confirmed = confirmed.update(&txn).await?;
    txn.commit().await?;
    tracing::info!(follower = confirmed.id, "follow confirmed");
    Ok(Some(confirmed))
}

/// The subscription behind an unsubscribe link, ended or not.
pub async fn by_unsubscribe_token(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<follower::Model>, DbErr> {
    follower::Entity::find()
        .filter(follower::Column::UnsubscribeTokenHash.eq(unsubscribe_hash(token)))
        .one(conn)
        .await
}

/// Ends the subscription behind the link and forgets the address; a second time changes
/// nothing. `None` for an unknown link.
pub async fn unsubscribe<C>(db: &C, token: &str) -> Result<Option<follower::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = by_unsubscribe_token(&txn, token).await? else {
        return Ok(None);
    };
    if found.unsubscribed_at.is_some() {
        return Ok(Some(found));
    }
    let mut ended: follower::ActiveModel = found.into();
    ended.unsubscribed_at = Set(Some(Utc::now()));
    ended.email = Set(String::new());
    ended.confirm_token_hash = Set(None);
    let ended = ended.update(&txn).await?;
    txn.commit().await?;
    tracing::info!(follower = ended.id, "unsubscribed");
    Ok(Some(ended))
}

/// What a follower follows, in `locale`: the consultation's title or the section's.
pub async fn target_label(
    conn: &impl ConnectionTrait,
    found: &follower::Model,
    locale: Locale,
) -> Result<String, DbErr> {
    mail::target_label(conn, found.consultation_id, found.section_id, locale).await
}

/// Ends every subscription of an address and forgets it (a privacy erasure); returns how many.
pub async fn erase_address(conn: &impl ConnectionTrait, email: &str) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Expr;
    let now = Utc::now();
    let ended = follower::Entity::update_many()
        .col_expr(follower::Column::UnsubscribedAt, Expr::value(now))
        .col_expr(follower::Column::Email, Expr::value(""))
        .col_expr(
            follower::Column::ConfirmTokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(follower::Column::Email.eq(email.trim().to_lowercase()))
        .filter(follower::Column::UnsubscribedAt.is_null())
        .exec(conn)
        .await?;
    Ok(ended.rows_affected)
}

/// Pending subscriptions whose link has expired: the address goes with them (the retention run).
pub async fn forget_unconfirmed(
    conn: &impl ConnectionTrait,
    now: chrono::DateTime<Utc>,
    apply: bool,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let expired = || {
        follower::Entity::find()
            .filter(follower::Column::ConfirmedAt.is_null())
            .filter(follower::Column::UnsubscribedAt.is_null())
            .filter(follower::Column::CreatedAt.lt(now - CONFIRM_WITHIN))
    };
    let count = expired().count(conn).await?;
    if apply && count > 0 {
        follower::Entity::delete_many()
            .filter(follower::Column::ConfirmedAt.is_null())
            .filter(follower::Column::UnsubscribedAt.is_null())
            .filter(follower::Column::CreatedAt.lt(now - CONFIRM_WITHIN))
            .exec(conn)
            .await?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_tokens_are_stable_per_follower_and_key() {
        let one = unsubscribe_token("key", 7);
        assert_eq!(one, unsubscribe_token("key", 7));
        assert_ne!(one, unsubscribe_token("key", 8));
        assert_ne!(one, unsubscribe_token("other key", 7));
        assert_eq!(one.len(), 43, "256 bits, URL-safe");
    }
}
