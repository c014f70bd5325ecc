//! Builds the application (database, migrations, content, router) and binds its port before running,
//! so tests can start the real thing on port 0 and learn the port.

use crate::config::Settings;
use crate::outbox_worker::{MailConfigError, OutboxWorker};
use crate::{
    DEFAULT_CONSULTATION, DEFAULT_SECTIONS, DEFAULT_SURVEYS, DEFAULT_TIMELINE_AND_FAQ,
    DEFAULT_TRANSLATIONS, db,
};
use app::backend::intake::FormStamps;
use app::backend::services::content::{self, ConsultationPack};
use app::backend::{AppState, MailContext, MailDelivery, PortalSettings};
use axum::Router;
use axum::serve::ListenerExt;
use leptos::config::{Env, LeptosOptions};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("content: {0}")]
    Content(#[from] content::ContentError),
    #[error("cannot read the content pack {path}: {source}")]
    ContentFile {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Mail(#[from] MailConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    outbox_worker: OutboxWorker,
    run_outbox_worker: bool,
    queries: db::QueryCounter,
    /// After SIGTERM or ctrl-c, how long requests in flight may take before they are cut.
    shutdown_grace: Duration,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Application, StartupError> {
        // Installed before anything is counted; once per process.
        crate::metrics::handle();
        let queries = db::QueryCounter::default();
        let db = db::connect_counted(&settings, &queries).await?;
        db::migrate(&settings, &db).await?;
        let pack = load_content_pack(&settings)?;
        if content::import_if_missing(&db, &pack).await? {
            tracing::info!(consultation = %pack.slug, "content pack imported");
        }
        announce_first_steps(&db, &settings).await?;
        let indexed = app::backend::services::search::backfill(&db).await?;
        if indexed > 0 {
            tracing::info!(
                indexed,
                "feedback written before the search index existed is now indexed"
            );
        }

        let listener = TcpListener::bind(settings.site_addr)
            .await
            .map_err(|source| StartupError::Bind {
                addr: settings.site_addr,
                source,
            })?;
        let local_addr = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: settings.site_addr,
            source,
        })?;

        let leptos_options = LeptosOptions::builder()
            .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("engage"))
            .site_root(settings.site_root.clone())
            .site_pkg_dir("pkg")
            .site_addr(local_addr)
            .env(if cfg!(debug_assertions) {
                Env::DEV
            } else {
                Env::PROD
            })
            .build();
        let portal = Arc::new(PortalSettings {
            inquiry_inbox: settings.inquiry_inbox.clone(),
            tty_number: settings.tty_number.clone(),
            public_url: settings.public_url.clone(),
            secure_cookies: settings.is_https(),
            session_ttl: chrono::Duration::hours(settings.session_ttl_hours),
            session_idle: chrono::Duration::minutes(settings.session_idle_minutes),
            message_id_host: settings.public_host(),
            report_threshold: settings.report_threshold,
            small_cell_k: settings.small_cell_k,
            post_moderation: settings.post_moderation,
            two_factor_for_everyone: settings.two_factor_for_everyone,
            retention: settings.retention,
            mail_delivery: match &settings.smtp_url {
                Some(_) => MailDelivery::Smtp,
                None => MailDelivery::Files(settings.data_dir.join("outbox").display().to_string()),
            },
        });
        let state = AppState {
            mail: Arc::new(MailContext::load(&db, &portal).await?),
            stamps: FormStamps::load(&db).await?,
            privacy_key: app::backend::privacy_key::PrivacyKey::load(
                &db,
                settings
                    .secret_key
                    .as_ref()
                    .map(secrecy::ExposeSecret::expose_secret),
            )
            .await?,
            leptos_options,
            db,
            portal,
        };
        // Built even when this instance does not run it, so a bad mail setting stops the start.
        let outbox_worker = OutboxWorker::new(
            &settings,
            state.db.clone(),
            OutboxWorker::default_name(),
            state.mail.clone(),
        )?;
        let router = crate::router::build_router(&settings, state.clone());
        tracing::info!(address = %local_addr, public_url = %settings.public_url, "Engage is listening");
        Ok(Application {
            listener,
            router,
            state,
            outbox_worker,
            run_outbox_worker: settings.outbox_worker,
            shutdown_grace: Duration::from_secs(settings.shutdown_grace_secs),
            queries,
        })
    }

    /// The form-stamp signer, for tests that post forms as a person who took their time.
    pub fn stamps(&self) -> &FormStamps {
        &self.state.stamps
    }

    /// A worker like the one this instance runs, for tests that drive delivery by hand.
    pub fn outbox_worker(&self) -> &OutboxWorker {
        &self.outbox_worker
    }

    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|a| a.port())
            .unwrap_or_default()
    }

    /// Statements run so far by this instance's pool.
    pub fn queries(&self) -> db::QueryCounter {
        self.queries.clone()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// Serves until SIGTERM or ctrl-c, letting requests in flight finish, then stops the outbox worker.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let (stop_worker, stopped) = tokio::sync::watch::channel(false);
        let worker = self
            .run_outbox_worker
            .then(|| tokio::spawn(self.outbox_worker.run(stopped)));
        // Without TCP_NODELAY, a response written in more than one piece (static files, streamed
        // pages) waits on the client's delayed ACK: about 40 ms per request under keep-alive.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::warn!(%err, "cannot set TCP_NODELAY");
            }
        });
        let (signalled, mut on_signal) = tokio::sync::watch::channel(false);
        let serving = axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = signalled.send(true);
        });
        let grace = self.shutdown_grace;
        // Graceful, but not for ever: a stuck request must not keep a deploy waiting.
        let deadline = async move {
            while !*on_signal.borrow() {
                if on_signal.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            }
            tokio::time::sleep(grace).await;
        };
        let served = tokio::select! {
            served = serving => served,
            () = deadline => {
                tracing::warn!(grace_secs = grace.as_secs(), "shutdown deadline passed; open requests were cut");
                Ok(())
            }
        };
        let _ = stop_worker.send(true);
        if let Some(worker) = worker {
            let _ = worker.await;
        }
        served
    }
}

/// `engage content import`: the consultation and its sections brought in line with the files.
pub async fn import_content(
    db: &DatabaseConnection,
    settings: &Settings,
) -> Result<content::ImportSummary, StartupError> {
    let pack = load_content_pack(settings)?;
    Ok(content::import_or_update(db, &pack).await?)
}

fn load_content_pack(settings: &Settings) -> Result<ConsultationPack, StartupError> {
    let read = |path: std::path::PathBuf| {
        std::fs::read_to_string(&path).map_err(|source| StartupError::ContentFile {
            path: path.display().to_string(),
            source,
        })
    };
    let Some(dir) = &settings.content_dir else {
        return Ok(ConsultationPack::from_toml(DEFAULT_CONSULTATION)?
            .with_sections(DEFAULT_SECTIONS)?
            .with_surveys(DEFAULT_SURVEYS)?
            .with_translations(DEFAULT_TRANSLATIONS)?
            .with_timeline_and_faq(DEFAULT_TIMELINE_AND_FAQ)?);
    };
    let pack = ConsultationPack::from_toml(&read(dir.join("consultation.toml"))?)?;
    let sections_dir = dir.join("sections");
    let mut files = Vec::new();
    if sections_dir.is_dir() {
        let entries =
            std::fs::read_dir(&sections_dir).map_err(|source| StartupError::ContentFile {
                path: sections_dir.display().to_string(),
                source,
            })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                files.push((name, read(path)?));
            }
        }
    }
    let pack = pack.with_sections(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    let surveys = read_folder(&dir.join("surveys"), "toml")?;
    let translations = read_folder(dir, "toml")?;
    Ok(pack
        .with_surveys(surveys.iter().map(|(n, t)| (n.as_str(), t.as_str())))?
        .with_translations(translations.iter().map(|(n, t)| (n.as_str(), t.as_str())))?
        .with_timeline_and_faq(translations.iter().map(|(n, t)| (n.as_str(), t.as_str())))?)
}

/// Every file with the extension in `folder` (none when the folder is missing), as (name, text).
fn read_folder(
    folder: &std::path::Path,
    extension: &str,
) -> Result<Vec<(String, String)>, StartupError> {
    let failed = |source| StartupError::ContentFile {
        path: folder.display().to_string(),
        source,
    };
    let mut files = Vec::new();
    if !folder.is_dir() {
        return Ok(files);
    }
    for entry in std::fs::read_dir(folder).map_err(failed)?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == extension) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let text =
                std::fs::read_to_string(&path).map_err(|source| StartupError::ContentFile {
                    path: path.display().to_string(),
                    source,
                })?;
            files.push((name, text));
        }
    }
    Ok(files)
}

async fn announce_first_steps(
    db: &DatabaseConnection,
    settings: &Settings,
) -> Result<(), StartupError> {
    tracing::info!(database = %settings.database_description(), "database ready");
    let staff = app::backend::entity::staff_account::Entity::find()
        .count(db)
        .await?;
    if staff == 0 {
        tracing::info!(
            "no staff account yet: create the first administrator with \
             `engage create-staff --email you@example.org --role admin` (target/release/engage when built with make run)"
        );
    }
    if settings.smtp_url.is_none() {
        tracing::info!(
            outbox = %settings.data_dir.join("outbox").display(),
            "ENGAGE_SMTP_URL is not set: email will be written as .eml files to the outbox folder instead of being sent"
        );
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
