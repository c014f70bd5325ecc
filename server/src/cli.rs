//! The `engage` command line: serve (default), migrate, create-staff, content import.

use crate::config::Settings;
use crate::startup::Application;
use crate::{db, telemetry};
use app::backend::services::staff::{self, StaffError};
use app::domain::{Role, email::EmailAddress};
use clap::{Parser, Subcommand, ValueEnum};
use migrations::{Migrator, MigratorTrait};
use secrecy::ExposeSecret;
use std::io::BufRead;

#[derive(Debug, Parser)]
#[command(
    name = "engage",
    version,
    about = "Engage: the community-engagement portal"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Apply or inspect database migrations.
    Migrate {
        #[arg(value_enum, default_value_t = MigrateAction::Up)]
        action: MigrateAction,
        /// With `down`: how many migrations to roll back.
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// Create a staff account. The password is asked for, or read from stdin with --password-stdin.
    CreateStaff {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        password_stdin: bool,
        /// Also read a base32 TOTP secret from the next stdin line: the account signs in with codes
        /// from an authenticator already holding it (provisioning, automated tests).
        #[arg(long, requires = "password_stdin")]
        totp_secret_stdin: bool,
    },
    /// Print the effective settings (defaults, engage.toml, environment), secrets hidden.
    Config,
    /// Write a consistent copy of the SQLite database to FILE while the portal serves.
    Backup { file: std::path::PathBuf },
    /// Replace the SQLite database with the backup in FILE (stop the portal first).
    Restore { file: std::path::PathBuf },
    /// Erase personal data whose retention period is over (the worker does this daily).
    Purge {
        /// Only say what would be erased.
        #[arg(long)]
        dry_run: bool,
    },
    /// Time staff searches at scale: fills an empty database (DATABASE_URL) with ITEMS feedback
    /// items, then prints each search next to a plain indexed lookup. Never on a live database.
    BenchSearch {
        #[arg(long, default_value_t = 100_000)]
        items: u32,
    },
    /// Manage the consultation's content from the files (ENGAGE_CONTENT_DIR or the built-in CSWB draft).
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContentAction {
    /// Re-read the files: new sections are added, changed text becomes a new version, titles,
    /// summaries, order and the comment period follow the files. Nothing is deleted.
    Import,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MigrateAction {
    Up,
    Down,
    Status,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RoleArg {
    Admin,
    Moderator,
    Analyst,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Moderator => Role::Moderator,
            RoleArg::Analyst => Role::Analyst,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Startup(#[from] crate::startup::StartupError),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Staff(#[from] StaffError),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Backup(#[from] crate::backup::BackupError),
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let settings = Settings::load()?;
    telemetry::init(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let application = Application::build(settings).await?;
            application.run_until_stopped().await?;
        }
        Command::Migrate { action, steps } => {
            let db = db::connect(&settings).await?;
            match action {
                MigrateAction::Up => db::migrate(&settings, &db).await?,
                MigrateAction::Down => Migrator::down(&db, Some(steps)).await?,
                MigrateAction::Status => {
                    for migration in Migrator::get_migration_with_status(&db).await? {
                        println!("{}\t{}", migration.name(), migration.status());
                    }
                }
            }
        }
        Command::CreateStaff {
            email,
            role,
            password_stdin,
            totp_secret_stdin,
        } => {
            let email = EmailAddress::parse(&email)
                .map_err(|_| CliError::Input("that is not a valid email address".into()))?;
            let password = if password_stdin {
                read_password_line()?
            } else {
                prompt_password()?
            };
            let secret = if totp_secret_stdin {
                let secret = read_password_line()?.trim().to_ascii_uppercase();
                if !app::backend::services::two_factor::valid_secret(&secret) {
                    return Err(CliError::Input(
                        "the TOTP secret must be base32 of at least 128 bits".into(),
                    ));
                }
                Some(secret)
            } else {
                None
            };
            let db = db::connect(&settings).await?;
            db::migrate(&settings, &db).await?;
            let role = Role::from(role);
            let account = staff::create_account(&db, &email, role, password).await?;
            if let Some(secret) = secret {
                app::backend::services::two_factor::enable(&db, account, &secret, &[], None)
                    .await?;
            }
            println!("Created {} account for {}.", role.as_str(), email.as_str());
        }
        Command::Config => print!("{}", settings.describe()),
        Command::Backup { file } => {
            let db = db::connect(&settings).await?;
            crate::backup::backup(&db, &file).await?;
            println!("Backed up to {}.", file.display());
        }
        Command::Restore { file } => {
            let database = db::sqlite_file(settings.database_url.expose_secret())
                .map(std::path::PathBuf::from)
                .ok_or(crate::backup::BackupError::NotSqlite)?;
            crate::backup::restore(&file, &database).await?;
            println!("Restored {} from {}.", database.display(), file.display());
        }
        Command::Purge { dry_run } => {
            let db = db::connect(&settings).await?;
            db::migrate(&settings, &db).await?;
            let report = app::backend::services::retention::purge(
                &db,
                &settings.retention,
                chrono::Utc::now(),
                !dry_run,
            )
            .await?;
            let heading = if dry_run {
                "Would erase, row by row:"
            } else {
                "Erased, row by row:"
            };
            println!("{heading}\n{report}");
        }
        Command::BenchSearch { items } => {
            let db = db::connect(&settings).await?;
            db::migrate(&settings, &db).await?;
            crate::bench_search::run(&db, items).await?;
        }
        Command::Content {
            action: ContentAction::Import,
        } => {
            let db = db::connect(&settings).await?;
            db::migrate(&settings, &db).await?;
            let report = crate::startup::import_content(&db, &settings).await?;
            println!("{report}");
        }
    }
    Ok(())
}

fn read_password_line() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn prompt_password() -> Result<String, CliError> {
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Repeat the password: ")?;
    if first != second {
        return Err(CliError::Input("the two passwords differ".into()));
    }
    Ok(first)
}
