//! Erasing one person's emails from the outbox: shared by every "delete my details" path, so no
//! copy of what they sent survives in a message body.

use crate::backend::entity::outbox_message;
use crate::domain::status::OutboxStatus;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Blanks recipient, reply-to, subject and bodies of the messages of `kinds` (SQL LIKE patterns)
/// sent to `address` or written on its behalf (reply-to). Unsent ones are given up: there is no
/// one left to send them to. The rows stay so the outbox still counts what was sent.
pub async fn erase_emails_of(
    conn: &impl ConnectionTrait,
    address: &str,
    kinds: &[&str],
) -> Result<u64, DbErr> {
    if address.is_empty() {
        return Ok(0);
    }
    let mut kind = outbox_message::Column::Kind.like("\u{0}");
    for pattern in kinds {
        kind = kind.or(outbox_message::Column::Kind.like(*pattern));
    }
    let about_them = outbox_message::Column::ToAddress
        .eq(address)
        .or(outbox_message::Column::ReplyTo.eq(address))
        .or(outbox_message::Column::ReplyTo.like(format!("%\u{1f}{address}")));
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::Status,
            Expr::case(
                outbox_message::Column::Status.eq(OutboxStatus::Sent),
                Expr::value(OutboxStatus::Sent.as_str()),
            )
            .finally(Expr::value(OutboxStatus::Dead.as_str()))
            .into(),
        )
        .col_expr(outbox_message::Column::ToAddress, Expr::value(""))
        .col_expr(
            outbox_message::Column::ToName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox_message::Column::ReplyTo,
            Expr::value(Option::<String>::None),
        )
        .col_expr(outbox_message::Column::Subject, Expr::value(""))
        .col_expr(outbox_message::Column::TextBody, Expr::value(""))
        .col_expr(outbox_message::Column::HtmlBody, Expr::value(""))
        .col_expr(
            outbox_message::Column::AttachmentBody,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox_message::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(about_them)
        .filter(kind)
        .exec(conn)
        .await
        .map(|done| done.rows_affected)
}
