//! Builds the application (database, migrations, content, router) and binds its port before running,
//! so tests can start the real thing on port 0 and learn the port.

use crate::config::Settings;
use crate::middleware::{self, MiddlewareSettings};
use crate::outbox_worker::{MailConfigError, OutboxWorker};
use crate::{DEFAULT_CONSULTATION, DEFAULT_SECTIONS, DEFAULT_SURVEYS, db, routes};
use app::backend::intake::FormStamps;
use app::backend::services::content::{self, ConsultationPack};
use app::backend::{AppState, MailContext, MailDelivery, PortalSettings};
use app::{App, shell};
use axum::Router;
use axum::extract::Request;
use axum::serve::ListenerExt;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

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
            mail_delivery: match &settings.smtp_url {
                Some(_) => MailDelivery::Smtp,
                None => MailDelivery::Files(settings.data_dir.join("outbox").display().to_string()),
            },
        });
        let state = AppState {
            mail: Arc::new(MailContext::load(&db, &portal).await?),
            stamps: FormStamps::load(&db).await?,
            leptos_options,
            db,
            portal,
        };
        // Built even when this instance does not run it, so a bad mail setting stops the start.
        let outbox_worker =
            OutboxWorker::new(&settings, state.db.clone(), OutboxWorker::default_name())?;
        let router = build_router(&settings, state.clone());
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
            .with_surveys(DEFAULT_SURVEYS)?);
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
    Ok(pack.with_surveys(surveys.iter().map(|(n, t)| (n.as_str(), t.as_str())))?)
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

/// Listing the routes renders the whole app once with resource loading suppressed through a
/// process-wide flag (leptos issue #4773): a page that starts loading meanwhile, in any app of the
/// same process, waits forever. Listing once per process, before any app serves, keeps renders
/// clear of that window; tests run dozens of apps in one process.
static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));

/// Every page route the app serves (leptos paths, such as `/strategy/:slug`), for tests that
/// walk them all.
pub fn page_routes() -> Vec<String> {
    ROUTES.iter().map(|r| r.path().to_string()).collect()
}

fn build_router(settings: &Settings, state: AppState) -> Router {
    let middleware_settings = Arc::new(MiddlewareSettings {
        public_origin: settings.public_url.clone(),
        https: settings.is_https(),
        trust_proxy: settings.trust_proxy,
    });
    let routes = ROUTES.clone();
    let site_root = std::path::PathBuf::from(&settings.site_root);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };

    Router::new()
        .merge(routes::health::router())
        .merge(routes::calendar::router())
        .merge(routes::exports::router())
        .route("/metrics", axum::routing::get(crate::metrics::serve))
        // Static files are explicit routes so that the app's catch-all 404 route never shadows them.
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")).precompressed_gzip().precompressed_br())
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .route_service("/robots.txt", ServeFile::new(site_root.join("robots.txt")))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn(crate::metrics::record_request))
        .layer(axum::Extension(crate::metrics::MetricsAccess {
            token: settings.metrics_token.as_ref().map(|t| std::sync::Arc::from(t.expose_secret())),
        }))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::form_flash::keep_form_errors_off_the_url))
        .layer(axum::middleware::from_fn(middleware::read_body_first))
        .layer(axum::middleware::from_fn_with_state(middleware_settings.clone(), middleware::request_context))
        .layer(axum::middleware::from_fn_with_state(middleware_settings.clone(), middleware::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(middleware_settings, middleware::security_headers))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                // One INFO line per request (method, path with tokens hidden, request id, status,
                // latency): the access log. Query strings are never logged.
                .layer(TraceLayer::new_for_http()
                    .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(tower_http::LatencyUnit::Micros))
                    .make_span_with(|request: &Request| {
                    // Path only: query strings can carry personal data.
                    let request_id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("request", method = %request.method(), path = %middleware::loggable_path(request.uri().path()), request_id)
                }))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(RequestBodyLimitLayer::new(settings.body_limit_bytes))
                .layer(TimeoutLayer::with_status_code(
                    http::StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(settings.request_timeout_secs),
                )),
        )
        .with_state(state)
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
