//! Plain async functions over `&impl ConnectionTrait`, so the caller decides the transaction.

pub mod audit;
pub mod calendar;
pub mod change_responses;
pub mod comments;
pub mod content;
pub mod dashboard;
pub mod digest;
pub mod erasure;
pub mod events;
pub mod followers;
pub mod form_flash;
pub mod inquiry;
pub mod outbox;
pub mod participation;
pub mod portal_settings;
pub mod privacy_requests;
pub mod rate_limit;
pub mod report;
pub mod retention;
pub mod search;
pub mod session;
pub mod sign_in;
pub mod staff;
pub mod staff_admin;
pub mod strategy;
pub mod surveys;
pub mod themes;
pub mod timeline_faq;
pub mod translations;
pub mod transparency;
pub mod two_factor;
pub mod what_we_heard;
pub mod whole_draft;

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};
use sha2::{Digest, Sha256};

/// Begins a transaction that will write. On SQLite it takes the write lock at BEGIN (IMMEDIATE):
/// a deferred transaction that reads and then writes fails at once with "database is locked"
/// when another connection wrote in between, instead of waiting its turn. PostgreSQL ignores it.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// 256 random bits, URL-safe: session cookies and RSVP manage links. Only its hash is stored.
pub fn new_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Hex SHA-256, used wherever a secret or personal key is stored only as a lookup value.
pub fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hex::encode(hasher.finalize())
}
