//! Keeps a failed form's errors and input server-side between the POST and the page the browser
//! is sent back to, so no personal data travels in an address (history, proxy logs, Referer).

use super::{new_token, sha256_hex};
use crate::backend::entity::form_flash::{self, Column, Entity};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

/// Long enough to follow a redirect, short enough that the input does not linger.
const LIFETIME: Duration = Duration::minutes(10);

/// The errors of one failed post, as leptos encodes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flash {
    pub page: String,
    pub fn_path: String,
    pub error: String,
}

/// Stores the flash and returns the key for the cookie. Expired flashes go at the same time.
pub async fn keep(conn: &impl ConnectionTrait, flash: Flash) -> Result<String, DbErr> {
    Entity::delete_many()
        .filter(Column::ExpiresAt.lt(Utc::now()))
        .exec(conn)
        .await?;
    let key = new_token();
    form_flash::ActiveModel {
        key_hash: Set(sha256_hex(&[&key])),
        page: Set(flash.page),
        fn_path: Set(flash.fn_path),
        error: Set(flash.error),
        expires_at: Set(Utc::now() + LIFETIME),
    }
    .insert(conn)
    .await?;
    Ok(key)
}

/// The flash behind `key`, once: it is deleted as it is read.
pub async fn take(conn: &impl ConnectionTrait, key: &str) -> Result<Option<Flash>, DbErr> {
    let key_hash = sha256_hex(&[key]);
    let Some(found) = Entity::find_by_id(key_hash.clone()).one(conn).await? else {
        return Ok(None);
    };
    Entity::delete_by_id(key_hash).exec(conn).await?;
    Ok((found.expires_at > Utc::now()).then_some(Flash {
        page: found.page,
        fn_path: found.fn_path,
        error: found.error,
    }))
}
