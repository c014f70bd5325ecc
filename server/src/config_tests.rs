//! Unit tests of the settings: defaults, the file check, the data folder, what is printed.

use super::*;

#[test]
fn credentials_never_reach_the_log() {
    assert_eq!(
        redact_url("postgres://engage:s3cret@db:5432/engage"),
        "postgres://***@db:5432/engage"
    );
    assert_eq!(
        redact_url("sqlite://data/engage.db?mode=rwc"),
        "sqlite://data/engage.db?mode=rwc"
    );
}

#[test]
fn a_misspelt_setting_stops_the_start_and_is_named() {
    let Err(err) = check_file_keys("engage.toml", "sesion_ttl_hours = 8\nsmall_cell_k = 3\n")
    else {
        panic!("accepted an unknown key")
    };
    let message = err.to_string();
    assert!(message.contains("`sesion_ttl_hours`"), "{message}");
    assert!(message.contains("session_ttl_hours"), "{message}");
    assert!(check_file_keys("engage.toml", "small_cell_k = 3\nsmtp_url = \"smtp://x\"\n").is_ok());
    assert!(check_file_keys("engage.toml", "small_cell_k = [").is_err());
}

#[test]
fn the_sqlite_file_follows_the_data_folder() {
    let raw = RawSettings {
        data_dir: PathBuf::from("/var/lib/engage"),
        ..RawSettings::default()
    };
    let Ok(settings) = Settings::from_raw(raw) else {
        panic!("refused")
    };
    assert_eq!(
        settings.database_url.expose_secret(),
        "sqlite:///var/lib/engage/engage.db?mode=rwc"
    );
    let named = RawSettings {
        database_url: Some("postgres://db/engage".into()),
        ..RawSettings::default()
    };
    let Ok(settings) = Settings::from_raw(named) else {
        panic!("refused")
    };
    assert_eq!(
        settings.database_url.expose_secret(),
        "postgres://db/engage"
    );
}

#[test]
fn the_printed_settings_hide_secrets() {
    let mut settings = Settings::defaults();
    settings.database_url = SecretString::from("postgres://engage:s3cret@db/engage");
    settings.smtp_url = Some(SecretString::from("smtp://user:hunter2@mail:587"));
    let text = settings.describe();
    assert!(
        !text.contains("s3cret") && !text.contains("hunter2"),
        "{text}"
    );
    assert!(
        text.contains("database_url = postgres://***@db/engage"),
        "{text}"
    );
    assert!(text.contains("smtp_url = (set, hidden)"), "{text}");
    assert!(text.contains("session_idle_minutes = 60"), "{text}");
}

#[test]
fn defaults_match_the_readme() {
    let s = Settings::defaults();
    assert_eq!(s.inquiry_inbox, "cswb@weho.org");
    assert_eq!(s.tty_number, "(323) 848-6496");
    assert_eq!(s.site_addr.to_string(), "127.0.0.1:3000");
    assert!(s.smtp_url.is_none());
}
