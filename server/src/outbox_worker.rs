//! The background worker that drains the email outbox: claim due messages with a lease, send them
//! (SMTP, or .eml files when no SMTP server is configured), record each attempt, back off on failure.

use crate::config::Settings;
use app::backend::entity::outbox_message;
use app::backend::services::outbox::{self, RetryPolicy};
use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rand::Rng;
use sea_orm::{DatabaseConnection, DbErr};
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;

/// Where messages go.
pub enum Delivery {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// A folder of .eml files, for development and for cities without an SMTP relay yet.
    Files(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("ENGAGE_SMTP_URL is not a usable SMTP URL: {0}")]
    SmtpUrl(String),
    #[error("ENGAGE_MAIL_FROM is not a valid mailbox: {0}")]
    From(String),
}

impl Delivery {
    pub fn from_settings(settings: &Settings) -> Result<Delivery, MailConfigError> {
        match &settings.smtp_url {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                // The URL may hold a password: the error text is lettre's, never the URL.
                .map_err(|e| MailConfigError::SmtpUrl(e.to_string()))
                .map(|builder| {
                    Delivery::Smtp(
                        builder
                            .timeout(Some(std::time::Duration::from_secs(20)))
                            .build(),
                    )
                }),
            None => Ok(Delivery::Files(settings.data_dir.join("outbox"))),
        }
    }

    async fn deliver(&self, message: &outbox_message::Model, email: Message) -> Result<(), String> {
        match self {
            Delivery::Smtp(transport) => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Delivery::Files(folder) => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
                // Named by outbox id: a resend after a crash overwrites the same file.
                let path = folder.join(format!("{:08}-{}.eml", message.id, message.kind));
                tokio::fs::write(&path, email.formatted())
                    .await
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            }
        }
    }
}

#[derive(Clone)]
pub struct OutboxWorker {
    db: DatabaseConnection,
    delivery: Arc<Delivery>,
    from: Mailbox,
    name: String,
    policy: RetryPolicy,
    lease: Duration,
    poll: std::time::Duration,
    batch: u64,
    /// What meeting reminders need to be written (the worker also queues them).
    mail: Arc<app::backend::MailContext>,
    /// Applied once a day (and at start): personal data past its time is erased.
    retention: app::backend::services::retention::Policy,
}

impl OutboxWorker {
    pub fn new(
        settings: &Settings,
        db: DatabaseConnection,
        name: String,
        mail: Arc<app::backend::MailContext>,
    ) -> Result<OutboxWorker, MailConfigError> {
        Ok(OutboxWorker {
            db,
            delivery: Arc::new(Delivery::from_settings(settings)?),
            from: settings
                .mail_from
                .parse()
                .map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?,
            name,
            policy: RetryPolicy {
                max_attempts: settings.outbox_max_attempts.max(1),
                backoff_base: Duration::milliseconds(
                    i64::try_from(settings.outbox_backoff_ms).unwrap_or(i64::MAX),
                ),
                backoff_max: Duration::hours(1),
            },
            lease: Duration::seconds(i64::try_from(settings.outbox_lease_secs).unwrap_or(120)),
            poll: std::time::Duration::from_millis(settings.outbox_poll_ms.max(10)),
            batch: 20,
            mail,
            retention: settings.retention,
        })
    }

    /// A name that tells instances apart in the attempt log.
    pub fn default_name() -> String {
        format!(
            "worker-{}-{:04x}",
            std::process::id(),
            rand::thread_rng().r#gen::<u16>()
        )
    }

    /// The same worker under another name (tests run several side by side).
    pub fn renamed(&self, name: &str) -> OutboxWorker {
        OutboxWorker {
            name: name.to_string(),
            ..self.clone()
        }
    }

    pub fn lease(&self) -> Duration {
        self.lease
    }

    /// Claims and delivers one batch as of `now`; returns how many messages it handled.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        let claim = format!("{}:{:016x}", self.name, rand::thread_rng().r#gen::<u64>());
        let batch = outbox::claim_due(&self.db, &claim, now, self.lease, self.batch).await?;
        for message in &batch {
            let result = match outbox::build_message(message, &self.from) {
                Ok(email) => self.delivery.deliver(message, email).await,
                Err(err) => Err(err),
            };
            match result {
                Ok(()) => {
                    outbox::mark_sent(&self.db, message, &claim, &self.name, now).await?;
                    tracing::info!(outbox_id = message.id, kind = %message.kind, "email delivered");
                    metrics::counter!("engage_emails_sent_total", "kind" => message.kind.clone())
                        .increment(1);
                }
                Err(error) => {
                    tracing::warn!(outbox_id = message.id, kind = %message.kind, attempt = message.attempts + 1, %error, "email delivery failed");
                    metrics::counter!("engage_email_failures_total", "kind" => message.kind.clone())
                        .increment(1);
                    outbox::mark_failed(
                        &self.db,
                        message,
                        &claim,
                        &self.name,
                        now,
                        &error,
                        &self.policy,
                    )
                    .await?;
                }
            }
        }
        Ok(batch.len())
    }

    /// Queues the meeting reminders due as of `now` (48 hours ahead); each goes out once even
    /// with several workers. Returns how many were queued.
    pub async fn queue_reminders(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        app::backend::services::events::queue_due_reminders(&self.db, now, &self.mail).await
    }

    /// Queues the staff digests due as of `now` (one a day per person who asked).
    pub async fn queue_digests(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        app::backend::services::digest::queue_due(&self.db, now, &self.mail).await
    }

    /// Applies the retention policy as of `now` (every instance may: erasing twice is harmless).
    pub async fn purge(
        &self,
        now: DateTime<Utc>,
    ) -> Result<app::backend::services::retention::PurgeReport, DbErr> {
        app::backend::services::retention::purge(&self.db, &self.retention, now, true).await
    }

    /// Polls until `shutdown` turns true; a full batch is followed at once by the next. About once
    /// a minute it also queues due meeting reminders and staff digests, and once a day it applies the retention policy.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(worker = %self.name, "outbox worker started");
        let mut last_reminders: Option<std::time::Instant> = None;
        let mut last_purge: Option<std::time::Instant> = None;
        loop {
            if last_purge.is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(86_400)) {
                last_purge = Some(std::time::Instant::now());
                match self.purge(Utc::now()).await {
                    Ok(report) if report.total() == 0 => {}
                    Ok(report) => {
                        tracing::info!(erased = report.total(), "retention policy applied")
                    }
                    Err(err) => tracing::error!(%err, "cannot apply the retention policy"),
                }
            }
            if last_reminders.is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(60)) {
                last_reminders = Some(std::time::Instant::now());
                match self.queue_reminders(Utc::now()).await {
                    Ok(0) => {}
                    Ok(count) => tracing::info!(count, "meeting reminders queued"),
                    Err(err) => tracing::error!(%err, "cannot queue meeting reminders"),
                }
                match self.queue_digests(Utc::now()).await {
                    Ok(0) => {}
                    Ok(count) => tracing::info!(count, "staff digests queued"),
                    Err(err) => tracing::error!(%err, "cannot queue staff digests"),
                }
            }
            let handled = match self.run_once(Utc::now()).await {
                Ok(count) => count,
                Err(err) => {
                    tracing::error!(%err, "outbox worker could not reach the database");
                    0
                }
            };
            if *shutdown.borrow() {
                break;
            }
            if handled as u64 >= self.batch {
                continue;
            }
            tokio::select! {
                _ = shutdown.changed() => break,
                () = tokio::time::sleep(self.poll) => {}
            }
        }
        tracing::info!(worker = %self.name, "outbox worker stopped");
    }
}
