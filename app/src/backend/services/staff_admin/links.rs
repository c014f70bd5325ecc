//! One-time emailed links: invitations and password resets, and choosing a password with one.

use super::{INVITE_DAYS, NO_PASSWORD, RESET_HOURS, check_new_password};

use crate::backend::MailContext;
use crate::backend::entity::{staff_account, staff_token};
use crate::backend::services::{audit, begin_write, new_token, outbox, session, sha256_hex, staff};
use crate::domain::{Role, email::EmailAddress};
use crate::error::{AppError, FormErrors};
use crate::i18n::{Locale, translate_with};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }
}

/// A new one-time link; earlier unused links of the same kind for the person stop working.
pub(super) async fn issue_token(
    conn: &impl ConnectionTrait,
    staff_id: i32,
    purpose: Purpose,
) -> Result<String, sea_orm::DbErr> {
    staff_token::Entity::delete_many()
        .filter(staff_token::Column::StaffAccountId.eq(staff_id))
        .filter(staff_token::Column::Purpose.eq(purpose.as_str()))
        .filter(staff_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    let token = new_token();
    let now = Utc::now();
    let ttl = match purpose {
        Purpose::Invite => Duration::days(INVITE_DAYS),
        Purpose::Reset => Duration::hours(RESET_HOURS),
    };
    staff_token::ActiveModel {
        token_hash: Set(sha256_hex(&[&token])),
        staff_account_id: Set(staff_id),
        purpose: Set(purpose.as_str().into()),
        expires_at: Set(now + ttl),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(token)
}

pub(super) async fn queue_link_email(
    conn: &impl ConnectionTrait,
    account: &staff_account::Model,
    purpose: Purpose,
    token: &str,
    mail: &MailContext,
    locale: Locale,
) -> Result<(), sea_orm::DbErr> {
    let link = format!("{}/staff/password/{token}", mail.public_url);
    let (kind, key) = match purpose {
        Purpose::Invite => ("staff-invite", "mail.staff_invite"),
        Purpose::Reset => ("staff-reset", "mail.staff_reset"),
    };
    let role = Role::parse(&account.role)
        .map(|r| crate::i18n::translate(locale, r.label_key()))
        .unwrap_or_default();
    let args = [
        ("link", link),
        ("role", role),
        ("days", INVITE_DAYS.to_string()),
        ("hours", RESET_HOURS.to_string()),
        ("inbox", mail.inbox.clone()),
    ];
    let body = translate_with(locale, &format!("{key}.body"), &args);
    outbox::enqueue(
        conn,
        outbox::NewEmail {
            kind,
            to_address: account.email.clone(),
            to_name: None,
            reply_to: None,
            subject: translate_with(locale, &format!("{key}.subject"), &args),
            html_body: outbox::paragraphs_html(&body),
            text_body: body,
            attachment: None,
        },
        &mail.message_id_host,
    )
    .await?;
    Ok(())
}

/// Creates the account without a password and emails a link to choose one.
pub async fn invite(
    db: &DatabaseConnection,
    admin_id: i32,
    email: &str,
    role: &str,
    mail: &MailContext,
    locale: Locale,
) -> Result<i32, AppError> {
    let mut form = FormErrors::default();
    form.keep("email", email);
    form.keep("role", role);
    let parsed = EmailAddress::parse(email);
    if let Err(key) = &parsed {
        form.add("email", key);
    }
    let role = Role::parse(role);
    if role.is_none() {
        form.add("role", "staff.accounts.role_required");
    }
    let (Ok(email), Some(role)) = (parsed, role) else {
        return Err(AppError::Invalid(form));
    };
    let txn = begin_write(db).await?;
    if staff::find_by_email(&txn, email.as_str()).await?.is_some() {
        form.add("email", "staff.accounts.exists");
        return Err(AppError::Invalid(form));
    }
    let account = staff_account::ActiveModel {
        email: Set(email.as_str().to_string()),
        password_hash: Set(NO_PASSWORD.into()),
        role: Set(role.as_str().into()),
        active: Set(true),
        created_at: Set(Utc::now()),
        last_sign_in_at: Set(None),
        totp_secret: Set(None),
        totp_enabled_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let token = issue_token(&txn, account.id, Purpose::Invite).await?;
    queue_link_email(&txn, &account, Purpose::Invite, &token, mail, locale).await?;
    audit::record(
        &txn,
        Some(admin_id),
        "staff.invited",
        "staff_account",
        account.id,
        Some(role.as_str().into()),
    )
    .await?;
    txn.commit().await?;
    Ok(account.id)
}

/// "Forgot password": a link goes to an active account's address; the answer is the same whether
/// or not the address has an account.
pub async fn request_reset(
    db: &DatabaseConnection,
    email: &str,
    mail: &MailContext,
    locale: Locale,
) -> Result<(), AppError> {
    let Ok(email) = EmailAddress::parse(email) else {
        return Ok(());
    };
    let txn = begin_write(db).await?;
    let Some(account) = staff::find_by_email(&txn, email.as_str())
        .await?
        .filter(|a| a.active)
    else {
        return Ok(());
    };
    let token = issue_token(&txn, account.id, Purpose::Reset).await?;
    queue_link_email(&txn, &account, Purpose::Reset, &token, mail, locale).await?;
    audit::record(
        &txn,
        None,
        "staff.password_reset_requested",
        "staff_account",
        account.id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The account a one-time link is for, while the link is unused, unexpired and the account active.
pub async fn link_account(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(staff_token::Model, staff_account::Model)>, sea_orm::DbErr> {
    let Some(found) = staff_token::Entity::find_by_id(sha256_hex(&[token]))
        .one(conn)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > Utc::now())
    else {
        return Ok(None);
    };
    let account = staff_account::Entity::find_by_id(found.staff_account_id)
        .one(conn)
        .await?
        .filter(|a| a.active);
    Ok(account.map(|a| (found, a)))
}

/// Sets the password from an invitation or reset link; the link is spent and every session ends.
pub async fn set_password_with_link(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    confirm: &str,
) -> Result<(), AppError> {
    let Some((link, account)) = link_account(db, token).await? else {
        return Err(AppError::NotFound);
    };
    let mut form = FormErrors::default();
    let Some(hash) = check_new_password(&account.email, password, confirm, &mut form).await else {
        return Err(AppError::Invalid(form));
    };
    let txn = begin_write(db).await?;
    let spent = staff_token::Entity::update_many()
        .col_expr(staff_token::Column::UsedAt, Expr::value(Some(Utc::now())))
        .filter(staff_token::Column::TokenHash.eq(link.token_hash.clone()))
        .filter(staff_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    let staff_id = account.id;
    let mut active: staff_account::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    session::end_all(&txn, staff_id).await?;
    let action = if link.purpose == Purpose::Invite.as_str() {
        "staff.invitation_accepted"
    } else {
        "staff.password_reset"
    };
    audit::record(
        &txn,
        Some(staff_id),
        action,
        "staff_account",
        staff_id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
