//! An author's own link to their comment: see it, withdraw it (it leaves the public page and the
//! queue), or delete it (its text and the author's details are erased; the row stays counted).

use crate::backend::entity::{comment, section};
use crate::backend::services::erasure::{self, Emails};
use crate::backend::services::{audit, begin_write, search, sha256_hex};
use crate::domain::feedback::FeedbackKind;
use crate::domain::status::CommentStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, TransactionSession, TransactionTrait,
};

/// The comment behind a link, with its section.
pub async fn find(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(comment::Model, section::Model)>, DbErr> {
    let Some(found) = comment::Entity::find()
        .filter(comment::Column::ManageTokenHash.eq(sha256_hex(&["comment-manage", token])))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let section = section::Entity::find_by_id(found.section_id)
        .one(conn)
        .await?;
    Ok(section.map(|s| (found, s)))
}

/// What the author asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    Withdraw,
    Delete,
}

/// Applies the author's request; `false` when the link matches no comment.
pub async fn apply<C>(db: &C, token: &str, request: Request) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some((found, _)) = find(&txn, token).await? else {
        return Ok(false);
    };
    change(&txn, found, request, None).await?;
    txn.commit().await?;
    Ok(true)
}

/// Withdraws or deletes one comment in the caller's transaction: from its link (`by_staff`
/// none), or by an admin acting on a confirmed request. A step already taken is not repeated.
pub(crate) async fn change(
    conn: &impl ConnectionTrait,
    found: comment::Model,
    request: Request,
    by_staff: Option<i32>,
) -> Result<(), DbErr> {
    let withdrawn = found.status == CommentStatus::Withdrawn;
    let deleted = withdrawn && found.body.is_empty();
    if (request == Request::Withdraw && withdrawn) || deleted {
        return Ok(());
    }
    let id = found.id;
    let address = found.email.clone().unwrap_or_default();
    let reference = found.reference.clone().unwrap_or_default();
    let mut active: comment::ActiveModel = found.into();
    active.status = Set(CommentStatus::Withdrawn);
    if request == Request::Delete {
        active.body = Set(String::new());
        active.text_hash = Set(String::new());
        active.display_name = Set(String::new());
        active.email = Set(None);
        active.zip = Set(None);
        active.stakeholder_other = Set(None);
    }
    active.update(conn).await?;
    if request == Request::Delete {
        search::forget(conn, FeedbackKind::Comment, id).await?;
        let emails = Emails::Of {
            kinds: &["comment-%"],
            reference: &reference,
        };
        erasure::erase_emails_of(conn, &address, emails).await?;
    }
    let action = match (request, by_staff) {
        (Request::Withdraw, _) => "comment.withdrawn_by_author",
        (Request::Delete, None) => "comment.deleted_by_author",
        (Request::Delete, Some(_)) => "comment.erased_on_request",
    };
    // Nobody is named but the staff member who acted, and nothing the author wrote is copied here.
    audit::record(conn, by_staff, action, "comment", id, None).await
}
