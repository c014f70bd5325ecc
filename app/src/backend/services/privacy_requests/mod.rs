//! Requests about one's data made by email address, for people without the link from their
//! confirmation email: the request is stored, a link is sent to the address, and only once it is
//! opened (proof the person holds the mailbox) does it reach the admins, who erase everything
//! held about the address or send a copy of it there. Every step is audited without the address.

mod copy;
mod holdings;

pub use crate::domain::forms::privacy_request::{PrivacyRequestForm, check, keep_all};
pub use holdings::{Holdings, holdings};

use super::{audit, begin_write, new_token, outbox, sha256_hex};
use crate::backend::MailContext;
use crate::backend::entity::privacy_request;
use crate::domain::email::EmailAddress;
use crate::domain::status::{PrivacyRequestKind, PrivacyRequestStatus};
use crate::i18n::Locale;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};

/// How long the link sent to the address can confirm the request.
pub const CONFIRM_WITHIN: Duration = Duration::days(7);

fn token_hash(token: &str) -> String {
    sha256_hex(&["privacy-request", token])
}

/// The public form's one entry point: the intake gate, then the request and its email.
pub async fn receive(
    state: &crate::backend::AppState,
    form: &PrivacyRequestForm,
    intake: &crate::backend::intake::IntakeFields,
    locale: Locale,
) -> Result<crate::backend::intake::Admission<()>, crate::error::AppError> {
    use crate::backend::intake::{Admission, Gate, Started, admit, client_key};
    use crate::backend::services::rate_limit::{PRIVACY_REQUEST_PER_EMAIL, PRIVACY_REQUEST_PER_IP};
    let checked = check(form);
    let mut limits = vec![(&PRIVACY_REQUEST_PER_IP, client_key())];
    if let Ok((email, _)) = &checked {
        limits.push((&PRIVACY_REQUEST_PER_EMAIL, email.as_str().to_string()));
    }
    let gate = Gate {
        form: "privacy_request",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "email",
        duplicate: false,
        limits,
    };
    let Admission::Admitted((email, kind)) = admit(state, gate, checked, keep_all(form)).await?
    else {
        return Ok(Admission::Dropped);
    };
    ask(&state.db, &email, kind, locale, &state.mail).await?;
    tracing::info!(kind = kind.as_str(), "privacy request received");
    Ok(Admission::Admitted(()))
}

/// Stores the request and queues the confirmation link to the address in one transaction. The
/// email is the same whether or not anything is held about the address, so the form reveals
/// nothing about who took part.
pub async fn ask<C>(
    db: &C,
    email: &EmailAddress,
    kind: PrivacyRequestKind,
    locale: Locale,
    ctx: &MailContext,
) -> Result<(), DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let token = new_token();
    let stored = privacy_request::ActiveModel {
        kind: Set(kind),
        status: Set(PrivacyRequestStatus::Unconfirmed),
        email: Set(email.as_str().to_string()),
        locale: Set(locale.code().to_string()),
        token_hash: Set(Some(token_hash(&token))),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = format!("{}/privacy/request/{token}", ctx.public_url);
    let what = crate::i18n::translate(locale, kind.label_key());
    let args = [
        ("link", link.as_str()),
        ("what", what.as_str()),
        ("inbox", ctx.inbox.as_str()),
    ];
    let message = outbox::resident_email(
        locale,
        email.as_str(),
        "privacy-confirm",
        "mail.privacy_confirm",
        &args,
        ctx,
    );
    outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    audit::record(
        &txn,
        None,
        "privacy_request.made",
        "privacy_request",
        stored.id,
        None,
    )
    .await?;
    txn.commit().await
}

/// The request behind a confirmation link, while the link is good.
pub async fn by_token(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<privacy_request::Model>, DbErr> {
    Ok(privacy_request::Entity::find()
        .filter(privacy_request::Column::TokenHash.eq(token_hash(token)))
        .one(conn)
        .await?
        .filter(|found| {
            found.status != PrivacyRequestStatus::Unconfirmed
                || found.created_at + CONFIRM_WITHIN > Utc::now()
        }))
}

/// Confirms the request behind the link (a second confirmation changes nothing); `None` for an
/// unknown or expired link.
pub async fn confirm<C>(db: &C, token: &str) -> Result<Option<privacy_request::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = by_token(&txn, token).await? else {
        return Ok(None);
    };
    if found.status != PrivacyRequestStatus::Unconfirmed {
        return Ok(Some(found));
    }
    let mut confirmed: privacy_request::ActiveModel = found.into();
    confirmed.status = Set(PrivacyRequestStatus::Confirmed);
    confirmed.confirmed_at = Set(Some(Utc::now()));
    let confirmed = confirmed.update(&txn).await?;
    audit::record(
        &txn,
        None,
        "privacy_request.confirmed",
        "privacy_request",
        confirmed.id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Some(confirmed))
}

/// Confirmed requests waiting for an admin, oldest first, each with what is held.
pub async fn waiting(
    conn: &impl ConnectionTrait,
) -> Result<Vec<(privacy_request::Model, Holdings)>, DbErr> {
    let found = privacy_request::Entity::find()
        .filter(privacy_request::Column::Status.eq(PrivacyRequestStatus::Confirmed))
        .order_by_asc(privacy_request::Column::CreatedAt)
        .all(conn)
        .await?;
    let mut with_holdings = Vec::with_capacity(found.len());
    for request in found {
        let held = holdings(conn, &request.email).await?;
        with_holdings.push((request, held));
    }
    Ok(with_holdings)
}

/// The last requests handled, newest first (their addresses are already erased).
pub async fn handled(
    conn: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<privacy_request::Model>, DbErr> {
    privacy_request::Entity::find()
        .filter(privacy_request::Column::Status.eq(PrivacyRequestStatus::Handled))
        .order_by_desc(privacy_request::Column::HandledAt)
        .limit(limit)
        .all(conn)
        .await
}

/// What an admin does with a confirmed request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handling {
    /// Erase every comment, RSVP, survey response and inquiry of the address, and its emails.
    Erase,
    /// Email the address a copy of everything held about it.
    SendCopy,
    /// Close without acting (a duplicate, or settled another way).
    Close,
}

impl Handling {
    pub fn parse(text: &str) -> Option<Handling> {
        match text {
            "erase" => Some(Handling::Erase),
            "copy" => Some(Handling::SendCopy),
            "close" => Some(Handling::Close),
            _ => None,
        }
    }

    fn outcome(self) -> &'static str {
        match self {
            Handling::Erase => "erased",
            Handling::SendCopy => "copy_sent",
            Handling::Close => "closed",
        }
    }
}

/// What became of an admin's action on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handled {
    Done,
    /// Not a confirmed request (unknown, or another admin handled it first).
    NotWaiting,
    /// Erasing answers an erase request, a copy a copy request.
    WrongKind,
}

impl Handling {
    fn fits(self, kind: PrivacyRequestKind) -> bool {
        matches!(
            (self, kind),
            (Handling::Close, _)
                | (Handling::Erase, PrivacyRequestKind::Erase)
                | (Handling::SendCopy, PrivacyRequestKind::Copy)
        )
    }
}

/// Acts on a confirmed request in one transaction, tells the person (except on close), and
/// forgets the address. The request is claimed first by a conditional update, so two admins (or
/// a double click, on any instance) cannot handle it twice.
pub async fn handle<C>(
    db: &C,
    id: i32,
    staff_id: i32,
    handling: Handling,
    ctx: &MailContext,
) -> Result<Handled, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    use sea_orm::sea_query::Expr;
    let txn = begin_write(db).await?;
    let Some(found) = privacy_request::Entity::find_by_id(id)
        .filter(privacy_request::Column::Status.eq(PrivacyRequestStatus::Confirmed))
        .one(&txn)
        .await?
    else {
        return Ok(Handled::NotWaiting);
    };
    if !handling.fits(found.kind) {
        return Ok(Handled::WrongKind);
    }
    let now = Utc::now();
    let close = |query: sea_orm::UpdateMany<privacy_request::Entity>| {
        query
            .col_expr(
                privacy_request::Column::Status,
                Expr::value(PrivacyRequestStatus::Handled.as_str()),
            )
            .col_expr(privacy_request::Column::Email, Expr::value(""))
            .col_expr(
                privacy_request::Column::TokenHash,
                Expr::value(Option::<String>::None),
            )
            .col_expr(privacy_request::Column::HandledAt, Expr::value(now))
            .col_expr(privacy_request::Column::HandledBy, Expr::value(staff_id))
            .col_expr(
                privacy_request::Column::Outcome,
                Expr::value(handling.outcome()),
            )
    };
    let claimed = close(privacy_request::Entity::update_many())
        .filter(privacy_request::Column::Id.eq(id))
        .filter(privacy_request::Column::Status.eq(PrivacyRequestStatus::Confirmed))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(Handled::NotWaiting);
    }
    let locale = Locale::from_code(&found.locale).unwrap_or_default();
    let address = found.email;
    match handling {
        Handling::Erase => {
            holdings::erase_all(&txn, &address, ctx, staff_id).await?;
            // Other requests about the address would keep it: they are settled by this one.
            close(privacy_request::Entity::update_many())
                .filter(privacy_request::Column::Email.eq(address.as_str()))
                .exec(&txn)
                .await?;
            let message = outbox::resident_email(
                locale,
                &address,
                "privacy-done",
                "mail.privacy_erased",
                &[("inbox", ctx.inbox.as_str())],
                ctx,
            );
            outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
        }
        Handling::SendCopy => {
            let message = copy::copy_email(&txn, &address, locale, ctx).await?;
            outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
        }
        Handling::Close => {}
    }
    audit::record(
        &txn,
        Some(staff_id),
        &format!("privacy_request.{}", handling.outcome()),
        "privacy_request",
        id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(Handled::Done)
}

/// Unconfirmed requests whose link has expired: the address goes with them (the retention run).
pub async fn forget_unconfirmed(
    conn: &impl ConnectionTrait,
    now: chrono::DateTime<Utc>,
    apply: bool,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let expired = || {
        privacy_request::Entity::find()
            .filter(privacy_request::Column::Status.eq(PrivacyRequestStatus::Unconfirmed))
            .filter(privacy_request::Column::CreatedAt.lt(now - CONFIRM_WITHIN))
    };
    let count = expired().count(conn).await?;
    if apply && count > 0 {
        privacy_request::Entity::delete_many()
            .filter(privacy_request::Column::Status.eq(PrivacyRequestStatus::Unconfirmed))
            .filter(privacy_request::Column::CreatedAt.lt(now - CONFIRM_WITHIN))
            .exec(conn)
            .await?;
    }
    Ok(count)
}
