//! The key of the keyed hashes that stand in for people's addresses (rate limits, readers'
//! reports): with HMAC instead of a bare SHA-256, a copy of the database cannot be matched
//! against a list of addresses or networks. From `ENGAGE_SECRET_KEY`, or made on first start and
//! kept in the database so every instance hashes alike.

use crate::backend::entity::portal_secret;
use chrono::Utc;
use hmac::{Hmac, Mac};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use sha2::Sha256;
use std::sync::Arc;

const GENERATED_KEY: &str = "privacy_hash";

#[derive(Clone)]
pub struct PrivacyKey {
    key: Arc<[u8]>,
}

impl std::fmt::Debug for PrivacyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivacyKey(..)")
    }
}

impl PrivacyKey {
    /// The configured key, or the one this portal generated for itself.
    pub async fn load(
        conn: &impl ConnectionTrait,
        configured: Option<&str>,
    ) -> Result<PrivacyKey, DbErr> {
        if let Some(key) = configured.filter(|k| !k.is_empty()) {
            return Ok(PrivacyKey::from_secret(key));
        }
        portal_secret::Entity::insert(portal_secret::ActiveModel {
            name: Set(GENERATED_KEY.into()),
            value: Set(crate::backend::services::new_token()),
            created_at: Set(Utc::now()),
        })
        .on_conflict_do_nothing_on([portal_secret::Column::Name])
        .exec(conn)
        .await?;
        let stored = portal_secret::Entity::find_by_id(GENERATED_KEY)
            .one(conn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(GENERATED_KEY.into()))?;
        Ok(PrivacyKey::from_secret(&stored.value))
    }

    pub fn from_secret(secret: &str) -> PrivacyKey {
        PrivacyKey {
            key: Arc::from(secret.as_bytes()),
        }
    }

    /// HMAC-SHA256 of `value`, hex: what is stored in place of an address.
    pub fn hash(&self, value: &str) -> String {
        // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
        match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mut mac) => {
                mac.update(value.as_bytes());
                hex::encode(mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_address_hashes_alike_under_one_key_and_differently_under_another() {
        let one = PrivacyKey::from_secret("first key, long enough to be a key");
        let other = PrivacyKey::from_secret("second key, also long enough");
        assert_eq!(one.hash("203.0.113.7"), one.hash("203.0.113.7"));
        assert_ne!(one.hash("203.0.113.7"), one.hash("203.0.113.8"));
        assert_ne!(one.hash("203.0.113.7"), other.hash("203.0.113.7"));
        assert_eq!(one.hash("x").len(), 64);
    }
}
