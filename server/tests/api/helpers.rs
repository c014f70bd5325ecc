//! `spawn_app()`: starts Engage exactly as `engage serve` does, on port 0, with its own database.

use app::backend::services::staff;
use app::domain::{Role, email::EmailAddress};
use engage::config::Settings;
use engage::startup::Application;
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use secrecy::SecretString;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::OnceCell;

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub outbox_worker: engage::outbox_worker::OutboxWorker,
    /// Statements the app's pool has run.
    pub queries: engage::db::QueryCounter,
    pub stamps: app::backend::intake::FormStamps,
    /// Keeps the cookie jar between requests, like a browser; never follows redirects by itself.
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

static NEXT_DATABASE: AtomicU32 = AtomicU32::new(0);
static LEFTOVERS_DROPPED: OnceCell<()> = OnceCell::const_new();

pub async fn database_url(dir: &tempfile::TempDir) -> String {
    let Ok(base) = std::env::var("ENGAGE_TEST_DATABASE_URL") else {
        return format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("engage.db").display()
        );
    };
    let admin = Database::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("cannot reach {base}: {e}"));
    let prefix = format!("engage_test_{}_", std::process::id());
    LEFTOVERS_DROPPED
        .get_or_init(|| async {
            // Databases of earlier runs (other process ids) are no longer in use.
            let rows = admin
                .query_all_raw(Statement::from_string(
                    admin.get_database_backend(),
                    "SELECT datname FROM pg_database WHERE datname LIKE 'engage_test_%'"
                        .to_string(),
                ))
                .await
                .unwrap_or_default();
            for row in rows {
                if let Ok(name) = row.try_get::<String>("", "datname")
                    && !name.starts_with(&prefix)
                {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\""))
                        .await;
                }
            }
        })
        .await;
    let name = format!("{prefix}{}", NEXT_DATABASE.fetch_add(1, Ordering::SeqCst));
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
    let (server, _) = base.rsplit_once('/').unwrap_or((&base, ""));
    format!("{server}/{name}")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let url = database_url(&dir).await;
    spawn_app_on(dir, &url, adjust).await
}

/// An app on a database that may already be in use by another app (several instances).
pub async fn spawn_app_on(
    dir: tempfile::TempDir,
    url: &str,
    adjust: impl FnOnce(&mut Settings),
) -> TestApp {
    let mut settings = Settings::defaults();
    settings.database_url = SecretString::from(url.to_string());
    settings.site_addr = "127.0.0.1:0".parse().unwrap_or_else(|e| panic!("{e}"));
    settings.data_dir = dir.path().to_path_buf();
    settings.public_url = "http://127.0.0.1".into();
    // Fast polling and short backoff keep delivery tests quick; tests that need control turn the worker off.
    // Dozens of apps share two cores: a 25 ms poll per app starved the SQLite suite; 150 ms keeps
    // delivery tests quick without that load.
    settings.outbox_poll_ms = 150;
    // Dozens of apps hash argon2 passwords at once on two cores; a slow answer is not a failure here.
    settings.request_timeout_secs = 300;
    settings.outbox_backoff_ms = 100;
    adjust(&mut settings);

    let application = Application::build(settings)
        .await
        .unwrap_or_else(|e| panic!("app did not start: {e}"));
    let address = format!("http://127.0.0.1:{}", application.port());
    let db = application.db().clone();
    let outbox_worker = application.outbox_worker().clone();
    let queries = application.queries();
    let stamps = application.stamps().clone();
    tokio::spawn(application.run_until_stopped());

    let client = new_browser();
    TestApp {
        address,
        db,
        outbox_worker,
        queries,
        stamps,
        client,
        _dir: dir,
    }
}

/// A browser of its own (its own cookies): swap it into `TestApp::client` to act as another person.
pub fn new_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        // A stuck request fails its test instead of holding the whole run.
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

impl TestApp {
    pub fn data_dir(&self) -> std::path::PathBuf {
        self._dir.path().to_path_buf()
    }

    /// The stamp of a form this app served half a minute ago, as a person's post carries it.
    pub fn form_stamp(&self) -> String {
        self.stamps
            .issue_at(chrono::Utc::now() - chrono::Duration::seconds(30))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub async fn get_html(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.unwrap_or_default())
    }

    /// Posts a form the way a browser without JavaScript does.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.post_form_from("/staff/sign-in", path, form).await
    }

    /// Posts a form as a browser without JavaScript on page `from` would (errors go back there).
    pub async fn post_form_from(
        &self,
        from: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("accept", "text/html")
            .header("referer", self.url(from))
            .form(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Sends the contact form like a browser without JavaScript; `overrides` replace the defaults.
    pub async fn submit_inquiry(&self, overrides: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, String)> = vec![
            ("name", "Ana Resident".into()),
            ("email", "ana@example.org".into()),
            ("phone", String::new()),
            ("reply_channel", "email".into()),
            ("stakeholder_group", "resident".into()),
            ("stakeholder_other", String::new()),
            ("zip", "90069".into()),
            ("topic", "draft_strategy".into()),
            (
                "message",
                "Please add lighting to the alley behind Santa Monica Boulevard.".into(),
            ),
            ("consent", "on".into()),
            ("website", String::new()),
            ("form_stamp", self.form_stamp()),
        ];
        for (key, value) in overrides {
            form.retain(|(k, _)| k != key);
            if *value != "<absent>" {
                form.push((key, value.to_string()));
            }
        }
        self.client
            .post(self.url("/api/contact/send"))
            .header("accept", "text/html")
            .header("referer", self.url("/contact"))
            .form(&form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST contact: {e}"))
    }

    /// Follows a redirect and returns the page's HTML.
    pub async fn follow(&self, response: &reqwest::Response) -> String {
        self.follow_path(&location(response)).await
    }

    /// Opens a redirect's target (a path or a whole URL) and returns the page's HTML.
    pub async fn follow_path(&self, target: &str) -> String {
        let target = target.to_string();
        let url = if target.starts_with("http") {
            target
        } else {
            self.url(&target)
        };
        self.client
            .get(url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .text()
            .await
            .unwrap_or_default()
    }

    /// A staff account; admins, who must use two-factor, get `TEST_TOTP_SECRET` in their app.
    pub async fn create_staff(&self, email: &str, role: Role, password: &str) {
        let email = EmailAddress::parse(email).unwrap_or_else(|e| panic!("{e}"));
        let account = staff::create_account(&self.db, &email, role, password.to_string())
            .await
            .unwrap_or_else(|e| panic!("create staff: {e}"));
        if role == Role::Admin {
            app::backend::services::two_factor::enable(
                &self.db,
                account,
                TEST_TOTP_SECRET,
                &[],
                None,
            )
            .await
            .unwrap_or_else(|e| panic!("two-factor: {e}"));
        }
    }

    /// Signs in as a person would: the password, then, when asked, the code their app shows.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        let first = self
            .post_form(
                "/api/staff/sign-in",
                &[("email", email), ("password", password), ("next", "")],
            )
            .await;
        if !location(&first).starts_with("/staff/sign-in/code") {
            return first;
        }
        let code = self.unspent_code(email).await;
        self.post_form("/api/staff/sign-in/code", &[("code", &code), ("next", "")])
            .await
    }

    /// The newest email of a kind to an address, as the outbox holds it.
    pub async fn last_email(
        &self,
        kind: &str,
        to: &str,
    ) -> app::backend::entity::outbox_message::Model {
        use app::backend::entity::outbox_message;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Kind.eq(kind))
            .filter(outbox_message::Column::ToAddress.eq(to))
            .order_by_desc(outbox_message::Column::Id)
            .one(&self.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no {kind} email to {to}"))
    }

    /// The audit rows of one action.
    pub async fn audit_actions(&self, action: &str) -> Vec<app::backend::entity::audit_log::Model> {
        use app::backend::entity::audit_log;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .all(&self.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// A code from the admin's app that the portal has not accepted yet (a code is good once):
    /// the current one, else the next (accepted one step early), else the next once it is due.
    pub async fn unspent_code(&self, email: &str) -> String {
        use app::backend::entity::staff_account;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let last = staff_account::Entity::find()
            .filter(staff_account::Column::Email.eq(email.to_lowercase()))
            .one(&self.db)
            .await
            .unwrap_or_else(|e| panic!("account: {e}"))
            .and_then(|a| a.totp_last_step)
            .and_then(|s| u64::try_from(s).ok());
        let now_step = || chrono::Utc::now().timestamp().unsigned_abs() / 30;
        let step = last.map_or(now_step(), |last| (last + 1).max(now_step()));
        while step > now_step() + 1 {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        totp_at(TEST_TOTP_SECRET, step * 30)
    }
}

/// The authenticator-app secret of admins made by `create_staff` (base32, 160 bits).
pub const TEST_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The code an authenticator app holding `secret` shows now.
pub fn totp_now(secret: &str) -> String {
    totp_at(secret, chrono::Utc::now().timestamp().unsigned_abs())
}

/// The code an authenticator app holding `secret` shows at `unix_seconds`.
pub fn totp_at(secret: &str, unix_seconds: u64) -> String {
    totp_rs::Builder::new()
        .with_secret(
            totp_rs::Secret::try_from_base32(secret).unwrap_or_else(|e| panic!("secret: {e:?}")),
        )
        .build()
        .unwrap_or_else(|e| panic!("totp: {e:?}"))
        .generate(unix_seconds)
        .to_string()
}

/// The path of the first link under `prefix` in an email body (`/staff/password/`, `/your-inquiry/`).
pub fn link_path(prefix: &str, body: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in {body}"));
    body[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Whether a response starts a staff session (other cookies, such as a failed form's, do not count).
pub fn sets_session(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.starts_with("engage_session=") && !c.starts_with("engage_session=;"))
}
