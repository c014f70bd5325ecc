//! Two-factor sign-in: codes from an authenticator app (TOTP, RFC 6238), single-use recovery codes,
//! and the sign-in that is half done between the password and the code.

use super::{new_token, sha256_hex};
use crate::backend::entity::{staff_account, staff_challenge, staff_recovery_code};
use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use totp_rs::{Builder, Secret, Totp};

/// How long a person has between the password and the code.
const CHALLENGE_TTL: Duration = Duration::minutes(10);
/// Wrong codes allowed in one challenge; then the password must be entered again (and that is
/// rate limited), so codes cannot be guessed at speed.
pub const MAX_CODE_ATTEMPTS: i32 = 5;
pub const RECOVERY_CODES: usize = 10;

/// What the half-done sign-in waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A code from the app the person already set up.
    Code,
    /// Setting up an app first (two-factor is required and not yet set up).
    Enrol,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Code => "code",
            Step::Enrol => "enrol",
        }
    }
}

/// A fresh 160-bit secret, base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::from(bytes).to_base32()
}

fn totp(secret: &str, account: &str, issuer: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .with_account_name(account.replace(':', ""))
        .with_issuer(Some(issuer.replace(':', "")))
        .build()
        .ok()
}

/// Whether a base32 secret is one authenticator apps and this module accept (at least 128 bits).
pub fn valid_secret(secret: &str) -> bool {
    totp(secret, "staff", "Engage").is_some()
}

/// The 30-second step `code` (spaces allowed, as apps show "123 456") belongs to, when it is
/// valid now or one step either side.
pub fn matching_step(secret: &str, code: &str) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    totp(secret, "staff", "Engage")?.check_current(&code)
}

/// Whether `code` is valid now (one step either side); see [`spend_code`] for signing in.
pub fn code_matches(secret: &str, code: &str) -> bool {
    matching_step(secret, code).is_some()
}

/// Accepts a valid code once (RFC 6238, 5.2): the step is recorded on the account by a
/// conditional update, so the same code, or an older one, fails afterwards on every instance.
pub async fn spend_code(
    conn: &impl ConnectionTrait,
    staff_id: i32,
    secret: &str,
    code: &str,
) -> Result<bool, DbErr> {
    let Some(step) = matching_step(secret, code).and_then(|s| i64::try_from(s).ok()) else {
        return Ok(false);
    };
    let spent = staff_account::Entity::update_many()
        .col_expr(staff_account::Column::TotpLastStep, Expr::value(step))
        .filter(staff_account::Column::Id.eq(staff_id))
        .filter(
            staff_account::Column::TotpLastStep
                .is_null()
                .or(staff_account::Column::TotpLastStep.lt(step)),
        )
        .exec(conn)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// The otpauth:// link an authenticator app reads (from the QR code or pasted).
pub fn enrolment_link(secret: &str, email: &str, issuer: &str) -> String {
    totp(secret, email, issuer)
        .and_then(|t| t.to_url().ok())
        .unwrap_or_default()
}

/// The link as an SVG QR code with a text alternative; drawn here so the page needs no script.
pub fn qr_svg(link: &str) -> String {
    qrcode::QrCode::new(link.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .build()
        })
        .unwrap_or_default()
}

/// The secret in groups of four, easier to type into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    use rand::Rng;
    let mut rng = rand::thread_rng();
    let mut pick = |_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char;
    let first: String = (0..5).map(&mut pick).collect();
    let second: String = (0..5).map(&mut pick).collect();
    format!("{first}-{second}")
}

fn normalise_recovery(code: &str) -> String {
    code.trim().to_ascii_lowercase().replace(' ', "")
}

/// Starts the half-done sign-in; returns the token for its cookie.
pub async fn start_challenge(
    conn: &impl ConnectionTrait,
    staff_id: i32,
    step: Step,
) -> Result<String, DbErr> {
    let token = new_token();
    let now = Utc::now();
    staff_challenge::Entity::delete_many()
        .filter(staff_challenge::Column::ExpiresAt.lt(now))
        .exec(conn)
        .await?;
    // An enrolment shows its secret and recovery codes on the page, so they are made now and kept
    // with the challenge until a code from the app confirms them.
    let pending = (step == Step::Enrol).then(|| {
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        format!("{}|{}", new_secret(), codes.join(","))
    });
    staff_challenge::ActiveModel {
        token_hash: Set(sha256_hex(&[&token])),
        staff_account_id: Set(staff_id),
        purpose: Set(step.as_str().into()),
        pending_secret: Set(pending),
        attempts: Set(0),
        expires_at: Set(now + CHALLENGE_TTL),
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// The challenge behind a cookie, with its account, while it is still valid.
pub async fn find_challenge(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(staff_challenge::Model, staff_account::Model)>, DbErr> {
    let Some(challenge) = staff_challenge::Entity::find_by_id(sha256_hex(&[token]))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if challenge.expires_at <= Utc::now() || challenge.attempts >= MAX_CODE_ATTEMPTS {
        return Ok(None);
    }
    let account = staff_account::Entity::find_by_id(challenge.staff_account_id)
        .one(conn)
        .await?
        .filter(|a| a.active);
    Ok(account.map(|a| (challenge, a)))
}

/// The secret and recovery codes an enrolment challenge shows.
pub fn pending(challenge: &staff_challenge::Model) -> Option<(String, Vec<String>)> {
    let (secret, codes) = challenge.pending_secret.as_deref()?.split_once('|')?;
    Some((
        secret.to_string(),
        codes.split(',').map(str::to_string).collect(),
    ))
}

/// Counts a wrong code; after the last allowed one the challenge is gone.
pub async fn count_failure(conn: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    staff_challenge::Entity::update_many()
        .col_expr(
            staff_challenge::Column::Attempts,
            Expr::col(staff_challenge::Column::Attempts).add(1),
        )
        .filter(staff_challenge::Column::TokenHash.eq(sha256_hex(&[token])))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn end_challenge(conn: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    staff_challenge::Entity::delete_by_id(sha256_hex(&[token]))
        .exec(conn)
        .await?;
    Ok(())
}

/// Uses one recovery code; true when it was unused (the update is the check, so two requests
/// cannot both spend it).
pub async fn spend_recovery_code(
    conn: &impl ConnectionTrait,
    staff_id: i32,
    code: &str,
) -> Result<bool, DbErr> {
    let hash = sha256_hex(&["recovery", &normalise_recovery(code)]);
    let spent = staff_recovery_code::Entity::update_many()
        .col_expr(
            staff_recovery_code::Column::UsedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(staff_recovery_code::Column::StaffAccountId.eq(staff_id))
        .filter(staff_recovery_code::Column::CodeHash.eq(hash))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(spent.rows_affected == 1)
}

/// Turns two-factor on with a confirmed secret and replaces the recovery codes.
pub async fn enable(
    conn: &impl ConnectionTrait,
    account: staff_account::Model,
    secret: &str,
    codes: &[String],
    confirmed_step: Option<u64>,
) -> Result<(), DbErr> {
    let staff_id = account.id;
    let mut active: staff_account::ActiveModel = account.into();
    active.totp_secret = Set(Some(secret.to_string()));
    active.totp_enabled_at = Set(Some(Utc::now()));
    // The code that confirmed the app is spent too.
    active.totp_last_step = Set(confirmed_step.and_then(|s| i64::try_from(s).ok()));
    active.update(conn).await?;
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffAccountId.eq(staff_id))
        .exec(conn)
        .await?;
    for code in codes {
        staff_recovery_code::ActiveModel {
            staff_account_id: Set(staff_id),
            code_hash: Set(sha256_hex(&["recovery", &normalise_recovery(code)])),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// Turns two-factor off (a lost phone): the next sign-in sets it up again where it is required.
pub async fn disable(conn: &impl ConnectionTrait, staff_id: i32) -> Result<(), DbErr> {
    staff_account::Entity::update_many()
        .col_expr(
            staff_account::Column::TotpSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            staff_account::Column::TotpEnabledAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(staff_account::Column::Id.eq(staff_id))
        .exec(conn)
        .await?;
    staff_recovery_code::Entity::delete_many()
        .filter(staff_recovery_code::Column::StaffAccountId.eq(staff_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Unused recovery codes left.
pub async fn recovery_codes_left(conn: &impl ConnectionTrait, staff_id: i32) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    staff_recovery_code::Entity::find()
        .filter(staff_recovery_code::Column::StaffAccountId.eq(staff_id))
        .filter(staff_recovery_code::Column::UsedAt.is_null())
        .count(conn)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_from_the_secret_matches_and_others_do_not() {
        let secret = new_secret();
        let Some(app) = totp(&secret, "ana@weho.org", "Engage") else {
            panic!("a fresh secret builds")
        };
        let code = app.generate_current().to_string();
        assert!(code_matches(&secret, &code));
        assert!(code_matches(
            &secret,
            &format!("{} {}", &code[..3], &code[3..])
        ));
        let wrong = format!("{:06}", (code.parse::<u32>().unwrap_or(0) + 1) % 1_000_000);
        assert!(!code_matches(&secret, &wrong));
        assert!(!code_matches(&secret, "abcdef"));
        assert!(!code_matches("not base32!", &code));
    }

    #[test]
    fn the_link_names_the_portal_and_the_person_and_draws_as_a_qr_code() {
        let secret = new_secret();
        let link = enrolment_link(&secret, "ana@weho.org", "Engage West Hollywood");
        assert!(link.starts_with("otpauth://totp/"), "{link}");
        assert!(link.contains(&format!("secret={secret}")));
        assert!(qr_svg(&link).contains("<svg"));
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
