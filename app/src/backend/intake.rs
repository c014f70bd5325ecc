//! The one gate every public form passes before its service stores anything: the honeypot, the
//! minimum fill time measured from a stamp the server signed when it served the form, duplicate
//! text, and the rate limits, checked in one call that answers with field errors.

use crate::backend::AppState;
use crate::backend::entity::portal_secret;
use crate::backend::services::rate_limit::{self, Limit};
use crate::error::{AppError, FormErrors};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use sha2::Sha256;
use std::sync::Arc;

/// People take longer than this to fill in a form; scripts usually do not.
pub const MIN_FILL_SECONDS: i64 = 3;

const STAMP_KEY: &str = "form_stamp";

/// Signs and reads form stamps: `<unix seconds>.<HMAC-SHA256 hex>`, so the time a form was served
/// cannot be made up by the client. The key lives in the database, shared by every instance.
#[derive(Clone)]
pub struct FormStamps {
    key: Arc<[u8]>,
}

impl std::fmt::Debug for FormStamps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormStamps(..)")
    }
}

impl FormStamps {
    /// The key from the database, created on first start (the first instance to insert wins).
    pub async fn load(conn: &impl ConnectionTrait) -> Result<FormStamps, DbErr> {
        let fresh = crate::backend::services::new_token();
        portal_secret::Entity::insert(portal_secret::ActiveModel {
            name: Set(STAMP_KEY.into()),
            value: Set(fresh),
            created_at: Set(Utc::now()),
        })
        .on_conflict_do_nothing_on([portal_secret::Column::Name])
        .exec(conn)
        .await?;
        let stored = portal_secret::Entity::find_by_id(STAMP_KEY)
            .one(conn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(STAMP_KEY.into()))?;
        Ok(FormStamps {
            key: Arc::from(stored.value.into_bytes()),
        })
    }

    fn mac(&self, seconds: i64) -> String {
        // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
        match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mut mac) => {
                mac.update(seconds.to_string().as_bytes());
                hex::encode(mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        }
    }

    /// A stamp for a form served at `at`.
    pub fn issue_at(&self, at: DateTime<Utc>) -> String {
        let seconds = at.timestamp();
        format!("{seconds}.{}", self.mac(seconds))
    }

    pub fn issue(&self) -> String {
        self.issue_at(Utc::now())
    }

    /// When the form was served, if the stamp is one of ours.
    pub fn served_at(&self, stamp: &str) -> Option<DateTime<Utc>> {
        let (seconds, mac) = stamp.trim().split_once('.')?;
        let seconds: i64 = seconds.parse().ok()?;
        let expected = self.mac(seconds);
        // Compared in constant time, as any MAC should be.
        let same = expected.len() == mac.len()
            && expected
                .bytes()
                .zip(mac.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        same.then(|| DateTime::from_timestamp(seconds, 0)).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::network_of;

    #[test]
    fn ipv6_addresses_of_one_slash_64_are_one_network() {
        let a = network_of("2001:db8:1:2::1".parse().unwrap_or_else(|e| panic!("{e}")));
        let b = network_of(
            "2001:db8:1:2:ffff::9"
                .parse()
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let c = network_of("2001:db8:1:3::1".parse().unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mapped = network_of(
            "::ffff:203.0.113.7"
                .parse()
                .unwrap_or_else(|e| panic!("{e}")),
        );
        assert_eq!(mapped, "203.0.113.7");
    }
}

/// What every public form carries besides its own fields.
#[derive(Clone, Debug, Default)]
pub struct IntakeFields {
    /// The honeypot: hidden from people, filled in by naive bots.
    pub website: String,
    /// The stamp the server put in the form when it served it.
    pub form_stamp: String,
}

/// When the person began: the form's stamp, or a moment the server recorded itself.
#[derive(Clone, Copy, Debug)]
pub enum Started<'a> {
    Stamp(&'a str),
    At(DateTime<Utc>),
    /// The time was checked when this began: a survey is submitted from a draft that passed
    /// the gate when it was started.
    CheckedEarlier,
}

/// The policy one form asks the gate to apply.
#[derive(Debug)]
pub struct Gate<'a> {
    /// Which form, for the counts of submissions and refusals.
    pub form: &'static str,
    pub honeypot: &'a str,
    pub started: Started<'a>,
    /// The field that shows "too fast" and "already sent".
    pub field: &'static str,
    /// The same text was sent recently (the caller knows where to look).
    pub duplicate: bool,
    /// Each limit with the key it counts (`client_key()` for the address).
    pub limits: Vec<(&'static Limit, String)>,
}

/// What the gate decided.
#[derive(Debug)]
pub enum Admission<T> {
    Admitted(T),
    /// A bot filled the honeypot: nothing is stored and it is told nothing useful.
    Dropped,
}

/// The client's network as a rate-limit and report key: the address for IPv4, the /64 for IPv6
/// (one IPv6 customer gets a whole /64 and can pick a fresh address in it for every request).
pub fn client_key() -> String {
    network_of(crate::backend::request::client_ip())
}

pub fn network_of(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Runs the gate over a form whose own check gave `checked`; `kept` is the input to put back.
/// Every problem is reported at once; the limits are counted only when everything else passed,
/// and before the caller stores, so a failure after the commit cannot undo the count.
pub async fn admit<T>(
    state: &AppState,
    gate: Gate<'_>,
    checked: Result<T, FormErrors>,
    kept: FormErrors,
) -> Result<Admission<T>, AppError> {
    let outcome = |what: &'static str| {
        metrics::counter!("engage_form_submissions_total", "form" => gate.form, "outcome" => what)
            .increment(1);
    };
    if !gate.honeypot.trim().is_empty() {
        tracing::info!(form = gate.form, "honeypot filled; dropped");
        outcome("honeypot");
        return Ok(Admission::Dropped);
    }
    let too_fast = match gate.started {
        Started::Stamp(stamp) => state
            .stamps
            .served_at(stamp)
            .is_none_or(|at| (Utc::now() - at).num_seconds() < MIN_FILL_SECONDS),
        Started::At(at) => (Utc::now() - at).num_seconds() < MIN_FILL_SECONDS,
        Started::CheckedEarlier => false,
    };
    let mut errors = match &checked {
        Err(errors) => errors.clone(),
        Ok(_) => kept.clone(),
    };
    if too_fast {
        errors.add(gate.field, "field.too_fast");
    }
    if gate.duplicate && checked.is_ok() {
        errors.add(gate.field, "field.comment.duplicate");
    }
    if !errors.is_empty() {
        outcome(if too_fast {
            "too_fast"
        } else if gate.duplicate {
            "duplicate"
        } else {
            "invalid"
        });
        return Err(AppError::Invalid(errors));
    }
    let Ok(value) = checked else {
        return Err(AppError::Invalid(errors));
    };
    // Addresses are stored only as keyed hashes.
    let limits: Vec<(&Limit, String)> = gate
        .limits
        .iter()
        .map(|(limit, key)| (*limit, state.privacy_key.hash(key)))
        .collect();
    for (limit, key) in &limits {
        if let Err(minutes) = rate_limit::check(&state.db, limit, key).await? {
            outcome("rate_limited");
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
                form: kept,
            });
        }
    }
    for (limit, key) in &limits {
        rate_limit::record(&state.db, limit, key).await?;
    }
    outcome("accepted");
    Ok(Admission::Admitted(value))
}
