//! Typed settings: built-in defaults, then an optional `engage.toml`, then environment variables.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// The settings as they are read; secrets are wrapped when turned into [`Settings`].
#[derive(Clone, Debug, Serialize, Deserialize)]
struct RawSettings {
    /// Unset: a SQLite file in the data folder.
    database_url: Option<String>,
    site_addr: SocketAddr,
    site_root: String,
    public_url: String,
    smtp_url: Option<String>,
    inquiry_inbox: String,
    tty_number: String,
    data_dir: PathBuf,
    content_dir: Option<PathBuf>,
    log_format: LogFormat,
    session_ttl_hours: i64,
    session_idle_minutes: i64,
    request_timeout_secs: u64,
    body_limit_bytes: usize,
    trust_proxy: bool,
    db_max_connections: u32,
    mail_from: String,
    outbox_worker: bool,
    outbox_poll_ms: u64,
    outbox_lease_secs: u64,
    outbox_max_attempts: i32,
    outbox_backoff_ms: u64,
    report_threshold: u64,
    post_moderation: bool,
    small_cell_k: u64,
    two_factor_for_everyone: bool,
    retention_contact_days: i64,
    retention_email_days: i64,
    retention_report_key_days: i64,
    retention_audit_days: i64,
    metrics_token: Option<String>,
    secret_key: Option<String>,
    shutdown_grace_secs: u64,
}

impl Default for RawSettings {
    fn default() -> Self {
        RawSettings {
            database_url: None,
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: "target/site".into(),
            public_url: "http://127.0.0.1:3000".into(),
            smtp_url: None,
            inquiry_inbox: "cswb@weho.org".into(),
            tty_number: "(323) 848-6496".into(),
            data_dir: PathBuf::from("data"),
            content_dir: None,
            log_format: LogFormat::Text,
            session_ttl_hours: 12,
            session_idle_minutes: 60,
            request_timeout_secs: 30,
            body_limit_bytes: 256 * 1024,
            trust_proxy: false,
            db_max_connections: 10,
            mail_from: "CSWB Engage <noreply@weho.org>".into(),
            outbox_worker: true,
            outbox_poll_ms: 1000,
            outbox_lease_secs: 120,
            outbox_max_attempts: 8,
            outbox_backoff_ms: 30_000,
            report_threshold: 3,
            metrics_token: None,
            secret_key: None,
            shutdown_grace_secs: 20,
            post_moderation: false,
            small_cell_k: 5,
            two_factor_for_everyone: false,
            retention_contact_days: 180,
            retention_email_days: 30,
            retention_report_key_days: 30,
            retention_audit_days: 730,
        }
    }
}

pub struct Settings {
    /// `DATABASE_URL`: `sqlite://path?mode=rwc` (default `data/engage.db`) or `postgres://...`.
    pub database_url: SecretString,
    /// `LEPTOS_SITE_ADDR`: where to listen. Port 0 picks a free port (tests).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder cargo-leptos built (`target/site`).
    pub site_root: String,
    /// `ENGAGE_PUBLIC_URL`: the address people use; https turns on Secure cookies and HSTS.
    pub public_url: String,
    /// `ENGAGE_SMTP_URL`: `smtp://user:pass@host:587` (STARTTLS) or `smtps://...`; unset writes .eml files.
    pub smtp_url: Option<SecretString>,
    /// `ENGAGE_INQUIRY_INBOX`: the city's mailbox for inquiries.
    pub inquiry_inbox: String,
    /// `ENGAGE_TTY_NUMBER`: shown wherever the email address is.
    pub tty_number: String,
    /// `ENGAGE_DATA_DIR`: where the SQLite file and the .eml outbox live.
    pub data_dir: PathBuf,
    /// `ENGAGE_CONTENT_DIR`: a folder with `consultation.toml`; unset uses the built-in CSWB draft.
    pub content_dir: Option<PathBuf>,
    /// `ENGAGE_LOG_FORMAT`: `text` or `json`.
    pub log_format: LogFormat,
    /// `ENGAGE_SESSION_TTL_HOURS`: staff sessions end after this long.
    pub session_ttl_hours: i64,
    /// `ENGAGE_SESSION_IDLE_MINUTES`: a staff session unused for this long ends.
    pub session_idle_minutes: i64,
    /// `ENGAGE_REQUEST_TIMEOUT_SECS`: a request taking longer gets 408.
    pub request_timeout_secs: u64,
    /// `ENGAGE_BODY_LIMIT_BYTES`: larger request bodies get 413.
    pub body_limit_bytes: usize,
    /// `ENGAGE_TRUST_PROXY`: take the client address from X-Forwarded-For (behind a load balancer).
    pub trust_proxy: bool,
    /// `ENGAGE_DB_MAX_CONNECTIONS`: pool size per instance.
    pub db_max_connections: u32,
    /// `ENGAGE_MAIL_FROM`: the From of every email.
    pub mail_from: String,
    /// `ENGAGE_OUTBOX_WORKER`: run the email worker in this instance.
    pub outbox_worker: bool,
    /// `ENGAGE_OUTBOX_POLL_MS`: how often the worker looks for due messages.
    pub outbox_poll_ms: u64,
    /// `ENGAGE_OUTBOX_LEASE_SECS`: how long a claim lasts before another worker may take over.
    pub outbox_lease_secs: u64,
    /// `ENGAGE_OUTBOX_MAX_ATTEMPTS`: attempts before a message is dead.
    pub outbox_max_attempts: i32,
    /// `ENGAGE_OUTBOX_BACKOFF_MS`: the first retry delay; it doubles per attempt, up to an hour.
    pub outbox_backoff_ms: u64,
    /// `ENGAGE_REPORT_THRESHOLD`: readers' reports that hide a comment until a moderator decides.
    pub report_threshold: u64,
    /// `ENGAGE_POST_MODERATION`: publish comments at once and review them afterwards
    /// (the default, false, holds every comment until a moderator approves it).
    pub post_moderation: bool,
    /// `ENGAGE_SMALL_CELL_K`: breakdown cells with fewer respondents than this are shown as
    /// "fewer than k" outside the admin role, so nobody is singled out.
    pub small_cell_k: u64,
    /// `ENGAGE_TWO_FACTOR_FOR_EVERYONE`: every staff account signs in with an authenticator code
    /// (admins always do).
    pub two_factor_for_everyone: bool,
    /// `ENGAGE_RETENTION_CONTACT_DAYS`, `ENGAGE_RETENTION_EMAIL_DAYS`,
    /// `ENGAGE_RETENTION_REPORT_KEY_DAYS`, `ENGAGE_RETENTION_AUDIT_DAYS`: when personal data and
    /// audit entries are erased (see `retention::Policy`).
    pub retention: app::backend::services::retention::Policy,
    /// `ENGAGE_METRICS_TOKEN`: `/metrics` answers only with `Authorization: Bearer <token>`;
    /// unset, it is not served at all.
    pub metrics_token: Option<SecretString>,
    /// `ENGAGE_SECRET_KEY`: keys the hashes stored in place of addresses (rate limits, readers'
    /// reports); at least 32 characters. Unset, the portal makes one and keeps it in the database.
    pub secret_key: Option<SecretString>,
    /// `ENGAGE_SHUTDOWN_GRACE_SECS`: after SIGTERM, requests in flight get this long to finish.
    pub shutdown_grace_secs: u64,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl Settings {
    /// Reads `engage.toml` (or the file named by `ENGAGE_CONFIG`) if present, then the environment.
    pub fn load() -> Result<Settings, ConfigError> {
        let file = std::env::var("ENGAGE_CONFIG").unwrap_or_else(|_| "engage.toml".into());
        // A misspelt setting would otherwise be ignored without a word.
        if let Ok(text) = std::fs::read_to_string(&file) {
            check_file_keys(&file, &text)?;
        }
        let figment = Figment::from(Serialized::defaults(RawSettings::default()))
            .merge(Toml::file(file))
            .merge(Env::raw().only(&["DATABASE_URL"]))
            .merge(Env::prefixed("LEPTOS_").only(&["SITE_ADDR", "SITE_ROOT"]))
            .merge(Env::prefixed("ENGAGE_").ignore(&["CONFIG"]));
        let raw: RawSettings = figment.extract().map_err(|e| ConfigError(e.to_string()))?;
        Settings::from_raw(raw)
    }

    /// Defaults only, for tests that then adjust fields.
    pub fn defaults() -> Settings {
        // The defaults are constants known to be valid.
        match Settings::from_raw(RawSettings::default()) {
            Ok(settings) => settings,
            Err(err) => unreachable!("built-in defaults are invalid: {err}"),
        }
    }

    fn from_raw(raw: RawSettings) -> Result<Settings, ConfigError> {
        if !(raw.public_url.starts_with("http://") || raw.public_url.starts_with("https://")) {
            return Err(ConfigError(
                "ENGAGE_PUBLIC_URL must start with http:// or https://".into(),
            ));
        }
        if raw.session_idle_minutes < 1 {
            return Err(ConfigError(
                "ENGAGE_SESSION_IDLE_MINUTES must be at least 1".into(),
            ));
        }
        for (name, days) in [
            ("ENGAGE_RETENTION_CONTACT_DAYS", raw.retention_contact_days),
            ("ENGAGE_RETENTION_EMAIL_DAYS", raw.retention_email_days),
            (
                "ENGAGE_RETENTION_REPORT_KEY_DAYS",
                raw.retention_report_key_days,
            ),
            ("ENGAGE_RETENTION_AUDIT_DAYS", raw.retention_audit_days),
        ] {
            if !(0..=3650).contains(&days) {
                return Err(ConfigError(format!(
                    "{name} must be a number of days from 0 to 3650"
                )));
            }
        }
        if raw
            .secret_key
            .as_deref()
            .is_some_and(|k| !k.is_empty() && k.chars().count() < 32)
        {
            return Err(ConfigError(
                "ENGAGE_SECRET_KEY must have at least 32 characters (for example the output of openssl rand -base64 32)".into(),
            ));
        }
        if raw.session_ttl_hours < 1 {
            return Err(ConfigError(
                "ENGAGE_SESSION_TTL_HOURS must be at least 1".into(),
            ));
        }
        Ok(Settings {
            database_url: SecretString::from(
                raw.database_url
                    .filter(|u| !u.trim().is_empty())
                    .unwrap_or_else(|| {
                        format!(
                            "sqlite://{}?mode=rwc",
                            raw.data_dir.join("engage.db").display()
                        )
                    }),
            ),
            site_addr: raw.site_addr,
            site_root: raw.site_root,
            public_url: raw.public_url.trim_end_matches('/').to_string(),
            smtp_url: raw
                .smtp_url
                .filter(|s| !s.trim().is_empty())
                .map(SecretString::from),
            inquiry_inbox: raw.inquiry_inbox,
            tty_number: raw.tty_number,
            data_dir: raw.data_dir,
            content_dir: raw.content_dir,
            log_format: raw.log_format,
            session_ttl_hours: raw.session_ttl_hours,
            session_idle_minutes: raw.session_idle_minutes,
            request_timeout_secs: raw.request_timeout_secs,
            body_limit_bytes: raw.body_limit_bytes,
            trust_proxy: raw.trust_proxy,
            db_max_connections: raw.db_max_connections.max(1),
            mail_from: raw.mail_from,
            outbox_worker: raw.outbox_worker,
            outbox_poll_ms: raw.outbox_poll_ms,
            outbox_lease_secs: raw.outbox_lease_secs.max(1),
            outbox_max_attempts: raw.outbox_max_attempts,
            outbox_backoff_ms: raw.outbox_backoff_ms,
            report_threshold: raw.report_threshold.max(1),
            post_moderation: raw.post_moderation,
            small_cell_k: raw.small_cell_k.max(1),
            two_factor_for_everyone: raw.two_factor_for_everyone,
            retention: app::backend::services::retention::Policy {
                contact_days: raw.retention_contact_days,
                email_days: raw.retention_email_days,
                report_key_days: raw.retention_report_key_days,
                audit_days: raw.retention_audit_days,
            },
            metrics_token: raw
                .metrics_token
                .filter(|t| !t.trim().is_empty())
                .map(SecretString::from),
            secret_key: raw
                .secret_key
                .filter(|k| !k.is_empty())
                .map(SecretString::from),
            shutdown_grace_secs: raw.shutdown_grace_secs,
        })
    }

    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The host part of the public URL, used in Message-IDs.
    pub fn public_host(&self) -> String {
        let rest = self
            .public_url
            .split("://")
            .nth(1)
            .unwrap_or(&self.public_url);
        let host = rest.split(['/', ':', '?']).next().unwrap_or_default();
        if host.is_empty() {
            "localhost".into()
        } else {
            host.to_string()
        }
    }

    /// The effective settings, one `name = value` a line, as `engage config` prints them: the
    /// database URL without its password, the SMTP URL only as set or not.
    pub fn describe(&self) -> String {
        let shown = |path: &Option<PathBuf>| {
            path.as_ref().map_or_else(
                || "(built-in CSWB draft)".to_string(),
                |p| p.display().to_string(),
            )
        };
        let lines: Vec<(&str, String)> = vec![
            ("database_url", self.database_description()),
            ("site_addr", self.site_addr.to_string()),
            ("site_root", self.site_root.clone()),
            ("public_url", self.public_url.clone()),
            (
                "smtp_url",
                if self.smtp_url.is_some() {
                    "(set, hidden)".into()
                } else {
                    "(unset: .eml files in the data folder)".into()
                },
            ),
            ("mail_from", self.mail_from.clone()),
            ("inquiry_inbox", self.inquiry_inbox.clone()),
            ("tty_number", self.tty_number.clone()),
            ("data_dir", self.data_dir.display().to_string()),
            ("content_dir", shown(&self.content_dir)),
            (
                "log_format",
                format!("{:?}", self.log_format).to_lowercase(),
            ),
            ("session_ttl_hours", self.session_ttl_hours.to_string()),
            (
                "session_idle_minutes",
                self.session_idle_minutes.to_string(),
            ),
            (
                "request_timeout_secs",
                self.request_timeout_secs.to_string(),
            ),
            ("body_limit_bytes", self.body_limit_bytes.to_string()),
            ("trust_proxy", self.trust_proxy.to_string()),
            ("db_max_connections", self.db_max_connections.to_string()),
            ("outbox_worker", self.outbox_worker.to_string()),
            ("outbox_poll_ms", self.outbox_poll_ms.to_string()),
            ("outbox_lease_secs", self.outbox_lease_secs.to_string()),
            ("outbox_max_attempts", self.outbox_max_attempts.to_string()),
            ("outbox_backoff_ms", self.outbox_backoff_ms.to_string()),
            ("report_threshold", self.report_threshold.to_string()),
            ("post_moderation", self.post_moderation.to_string()),
            ("small_cell_k", self.small_cell_k.to_string()),
            (
                "two_factor_for_everyone",
                self.two_factor_for_everyone.to_string(),
            ),
            (
                "retention_contact_days",
                self.retention.contact_days.to_string(),
            ),
            (
                "retention_email_days",
                self.retention.email_days.to_string(),
            ),
            (
                "retention_report_key_days",
                self.retention.report_key_days.to_string(),
            ),
            (
                "retention_audit_days",
                self.retention.audit_days.to_string(),
            ),
            ("shutdown_grace_secs", self.shutdown_grace_secs.to_string()),
            (
                "secret_key",
                if self.secret_key.is_some() {
                    "(set, hidden)".into()
                } else {
                    "(unset: generated and kept in the database)".into()
                },
            ),
            (
                "metrics_token",
                if self.metrics_token.is_some() {
                    "(set, hidden)".into()
                } else {
                    "(unset: /metrics is off)".into()
                },
            ),
        ];
        lines
            .into_iter()
            .map(|(name, value)| format!("{name} = {value}\n"))
            .collect()
    }

    /// The database URL with any password removed, for log lines.
    pub fn database_description(&self) -> String {
        redact_url(self.database_url.expose_secret())
    }
}

/// Refuses a settings file with a key Engage does not know, naming it and the known ones.
fn check_file_keys(file: &str, text: &str) -> Result<(), ConfigError> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| ConfigError(format!("{file}: {e}")))?;
    let known = match serde_json::to_value(RawSettings::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let unknown: Vec<&String> = table.keys().filter(|k| !known.contains(k)).collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let names = unknown
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(ConfigError(format!(
        "{file}: unknown setting {names}; the settings are: {}",
        known.join(", ")
    )))
}

/// Drops `user:password@` from a URL so it can be logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://***@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
