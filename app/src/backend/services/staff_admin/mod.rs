//! Staff accounts run from the portal: role changes, disabling, resetting two-factor and one's own
//! password here; invitations and resets by one-time emailed link in `links`. Every change is
//! audited in its transaction.

use super::{audit, begin_write, session, staff, two_factor};
use crate::backend::MailContext;
use crate::backend::entity::staff_account;
use crate::domain::Role;
use crate::error::{AppError, FormErrors};
use crate::i18n::Locale;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};

mod links;

pub use links::{Purpose, invite, link_account, request_reset, set_password_with_link};
use links::{issue_token, queue_link_email};

pub const INVITE_DAYS: i64 = 7;
pub const RESET_HOURS: i64 = 2;
/// Not a valid PHC string: no password verifies against it until one is set by link.
pub const NO_PASSWORD: &str = "!unset";

pub(super) fn one_field(field: &str, key: &str) -> AppError {
    let mut form = FormErrors::default();
    form.add(field, key);
    AppError::Invalid(form)
}

/// The checks of a new password, with the person's own address counted as a guess.
pub(super) async fn check_new_password(
    email: &str,
    password: &str,
    confirm: &str,
    form: &mut FormErrors,
) -> Option<String> {
    if let Err(key) = staff::check_password_strength(password, &[email]) {
        form.add("password", key);
        return None;
    }
    if password != confirm {
        form.add("confirm", "field.password.mismatch");
        return None;
    }
    staff::hash_password(password.to_string()).await.ok()
}

/// A signed-in person changes their own password (the current one is asked again).
pub async fn change_own_password(
    db: &DatabaseConnection,
    staff_id: i32,
    current: &str,
    password: &str,
    confirm: &str,
) -> Result<(), AppError> {
    let account = staff_account::Entity::find_by_id(staff_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let mut form = FormErrors::default();
    if !staff::verify_password(account.password_hash.clone(), current.to_string()).await {
        form.add("current", "staff.account.current_wrong");
        return Err(AppError::Invalid(form));
    }
    let Some(hash) = check_new_password(&account.email, password, confirm, &mut form).await else {
        return Err(AppError::Invalid(form));
    };
    let txn = begin_write(db).await?;
    let mut active: staff_account::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(staff_id),
        "staff.password_changed",
        "staff_account",
        staff_id,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What an admin can do to another account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Role(Role),
    Disable,
    Enable,
    /// The password stops working, sessions end, and a reset link goes to the person.
    ForceReset,
    /// Two-factor is turned off (a lost phone); sessions end.
    ResetTwoFactor,
}

/// Applies an admin's change to another account. Admins cannot change, disable or reset their own
/// account here, so the portal cannot be left without an admin by accident.
pub async fn change(
    db: &DatabaseConnection,
    admin_id: i32,
    target_id: i32,
    what: Change,
    mail: &MailContext,
    locale: Locale,
) -> Result<(), AppError> {
    if admin_id == target_id {
        return Err(one_field("account", "staff.accounts.not_yourself"));
    }
    let txn = begin_write(db).await?;
    let account = staff_account::Entity::find_by_id(target_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before_role = account.role.clone();
    let (action, detail) = match &what {
        Change::Role(role) => (
            "staff.role_changed",
            Some(format!("{before_role} -> {}", role.as_str())),
        ),
        Change::Disable => ("staff.disabled", None),
        Change::Enable => ("staff.enabled", None),
        Change::ForceReset => ("staff.password_reset_forced", None),
        Change::ResetTwoFactor => ("staff.two_factor_reset", None),
    };
    let mut active: staff_account::ActiveModel = account.clone().into();
    match &what {
        Change::Role(role) => active.role = Set(role.as_str().into()),
        Change::Disable => active.active = Set(false),
        Change::Enable => active.active = Set(true),
        Change::ForceReset => active.password_hash = Set(NO_PASSWORD.into()),
        Change::ResetTwoFactor => {}
    }
    active.update(&txn).await?;
    match &what {
        Change::Enable => {}
        // A new role takes effect at once: old sessions carried the old one's pages open.
        _ => {
            session::end_all(&txn, target_id).await?;
        }
    }
    if what == Change::ResetTwoFactor {
        two_factor::disable(&txn, target_id).await?;
    }
    if what == Change::ForceReset {
        let token = issue_token(&txn, target_id, Purpose::Reset).await?;
        queue_link_email(&txn, &account, Purpose::Reset, &token, mail, locale).await?;
    }
    audit::record(
        &txn,
        Some(admin_id),
        action,
        "staff_account",
        target_id,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
