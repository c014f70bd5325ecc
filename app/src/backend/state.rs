//! Everything a request needs, handed to axum handlers and to server functions alike.

use crate::error::AppError;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Portal settings the UI and services read (the rest of the configuration stays in the server crate).
#[derive(Clone, Debug)]
pub struct PortalSettings {
    /// Where inquiries are delivered, shown in the footer (default cswb@weho.org).
    pub inquiry_inbox: String,
    /// TTY number for people who are Deaf or hard of hearing.
    pub tty_number: String,
    /// The public address of the portal, without a trailing slash.
    pub public_url: String,
    /// Set cookies with `Secure` (the public URL is https).
    pub secure_cookies: bool,
    /// How long a staff session lasts.
    pub session_ttl: chrono::Duration,
    /// How long a staff session may go unused before it ends.
    pub session_idle: chrono::Duration,
    /// The domain part of generated Message-IDs (the public URL's host).
    pub message_id_host: String,
    /// Where email goes: an SMTP server, or .eml files in this folder (shown to staff).
    pub mail_delivery: MailDelivery,
    /// Reports that hide a published comment until a moderator decides.
    pub report_threshold: u64,
    /// Comments go public at once and are reviewed afterwards.
    pub post_moderation: bool,
    /// Breakdown cells below this many respondents are suppressed outside the admin role.
    pub small_cell_k: u64,
    /// Every staff account needs a second factor, not only admins.
    pub two_factor_for_everyone: bool,
    /// When personal data is erased; the privacy notice states it.
    pub retention: crate::backend::services::retention::Policy,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailDelivery {
    Smtp,
    Files(String),
}

/// What every email needs to know about this portal, built once from the settings and the
/// consultation (its short title is the prefix of every reference number).
#[derive(Clone, Debug)]
pub struct MailContext {
    pub inbox: String,
    pub tty_number: String,
    pub message_id_host: String,
    pub reference_prefix: String,
    pub public_url: String,
    /// The consultation's time zone: meetings are entered, shown, mailed and put in calendars in it.
    pub zone: chrono_tz::Tz,
}

impl MailContext {
    /// A stored time as staff read it: date and time in the consultation's zone, with its abbreviation.
    pub fn wall_clock(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        at.with_timezone(&self.zone)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    pub async fn load(
        conn: &impl sea_orm::ConnectionTrait,
        portal: &PortalSettings,
    ) -> Result<MailContext, sea_orm::DbErr> {
        use crate::backend::services::content;
        let consultation = content::current_consultation(conn).await?;
        let zone = consultation
            .as_ref()
            .map(|c| content::zone_named(&c.time_zone))
            .unwrap_or(chrono_tz::America::Los_Angeles);
        let prefix = consultation
            .map(|c| {
                c.short_title
                    .to_ascii_uppercase()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
            })
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "ENGAGE".into());
        Ok(MailContext {
            inbox: portal.inquiry_inbox.clone(),
            tty_number: portal.tty_number.clone(),
            message_id_host: portal.message_id_host.clone(),
            reference_prefix: prefix,
            public_url: portal.public_url.clone(),
            zone,
        })
    }
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub portal: Arc<PortalSettings>,
    /// Built at start from the imported consultation; a content import in another process takes
    /// effect at the next start.
    pub mail: Arc<MailContext>,
    pub stamps: crate::backend::intake::FormStamps,
    /// Keys the hashes stored in place of addresses (rate limits, readers' reports).
    pub privacy_key: crate::backend::privacy_key::PrivacyKey,
}

/// The state, from the reactive context that leptos_axum fills for every render and server call.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("state", "AppState missing from context"))
}
