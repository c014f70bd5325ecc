//! The sender's own link to their inquiry (from the acknowledgement email): see it, or withdraw
//! it, which erases their details, their message and the staff's notes and replies about it.

use crate::backend::entity::{inquiry, inquiry_entry};
use crate::backend::services::erasure::{self, Emails};
use crate::backend::services::{audit, begin_write, sha256_hex};
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
    erase(&txn, found, None).await?;
    txn.commit().await?;
    Ok(true)
}

/// Erases one inquiry in the caller's transaction: from its link (`by_staff` none), or by an
/// admin acting on a confirmed request. Nothing happens to one already withdrawn.
pub(crate) async fn erase(
    conn: &impl ConnectionTrait,
    found: inquiry::Model,
    by_staff: Option<i32>,
) -> Result<(), DbErr> {
    if found.status == InquiryStatus::Withdrawn {
        return Ok(());
    }
    let id = found.id;
    let address = found.email.clone();
    let reference = found.reference.clone().unwrap_or_default();
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
    crate::backend::services::search::forget(
        conn,
        crate::domain::feedback::FeedbackKind::Inquiry,
        id,
    )
    .await?;
    inquiry_entry::Entity::update_many()
        .col_expr(inquiry_entry::Column::Body, Expr::value(""))
        .filter(inquiry_entry::Column::InquiryId.eq(id))
        .exec(conn)
        .await?;
    let emails = Emails::Of {
        kinds: &["inquiry-%"],
        reference: &reference,
    };
    erasure::erase_emails_of(conn, &address, emails).await?;
    // Nobody is named but the staff member who acted, and nothing the sender wrote is copied here.
    let action = match by_staff {
        None => "inquiry.withdrawn_by_sender",
        Some(_) => "inquiry.erased_on_request",
    };
    audit::record(conn, by_staff, action, "inquiry", id, None).await
}
