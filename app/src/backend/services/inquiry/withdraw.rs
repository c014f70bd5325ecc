//! The sender's own link to their inquiry (from the acknowledgement email): see it, or withdraw
//! it, which erases their details, their message and the staff's notes and replies about it.

use crate::backend::entity::{inquiry, inquiry_entry};
use crate::backend::services::{audit, begin_write, erasure, sha256_hex};
use crate::domain::status::InquiryStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, TransactionSession, TransactionTrait,
};

pub(super) fn token_hash(token: &str) -> String {
    sha256_hex(&["inquiry-manage", token])
}

/// The inquiry behind a link.
pub async fn find(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<inquiry::Model>, DbErr> {
    inquiry::Entity::find()
        .filter(inquiry::Column::ManageTokenHash.eq(token_hash(token)))
        .one(conn)
        .await
}

/// Withdraws and erases the inquiry behind the link; `false` when the link matches none.
pub async fn withdraw<C>(db: &C, token: &str) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = find(&txn, token).await? else {
        return Ok(false);
    };
    erase(&txn, found).await?;
    // The sender is not staff: no one is named, and nothing they wrote is copied here.
    txn.commit().await?;
    Ok(true)
}

/// Erases one inquiry in the caller's transaction (the link, or a confirmed request by email).
pub(crate) async fn erase(conn: &impl ConnectionTrait, found: inquiry::Model) -> Result<(), DbErr> {
    let id = found.id;
    let address = found.email.clone();
    let mut erased: inquiry::ActiveModel = found.into();
    erased.name = Set(String::new());
    erased.email = Set(String::new());
    erased.phone = Set(None);
    erased.zip = Set(None);
    erased.stakeholder_other = Set(None);
    erased.message = Set(String::new());
    erased.status = Set(InquiryStatus::Withdrawn);
    erased.updated_at = Set(chrono::Utc::now());
    erased.update(conn).await?;
    inquiry_entry::Entity::update_many()
        .col_expr(inquiry_entry::Column::Body, Expr::value(""))
        .filter(inquiry_entry::Column::InquiryId.eq(id))
        .exec(conn)
        .await?;
    erasure::erase_emails_of(conn, &address, &["inquiry-%"]).await?;
    audit::record(
        conn,
        None,
        "inquiry.withdrawn_by_sender",
        "inquiry",
        id,
        None,
    )
    .await
}
