//! Plain async functions over `&impl ConnectionTrait`, so the caller decides the transaction.

pub mod audit;
pub mod comments;
pub mod content;
pub mod inquiry;
pub mod outbox;
pub mod rate_limit;
pub mod session;
pub mod staff;
pub mod strategy;

use sha2::{Digest, Sha256};

/// Hex SHA-256, used wherever a secret or personal key is stored only as a lookup value.
pub fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hex::encode(hasher.finalize())
}
