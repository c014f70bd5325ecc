//! Erasing one person's emails from the outbox: shared by every "delete my details" path, so no
//! copy of what they sent survives in a message body.

use crate::backend::entity::outbox_message;
use crate::domain::status::OutboxStatus;
use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Which of a person's emails go.
#[derive(Clone, Copy, Debug)]
pub enum Emails<'a> {
    /// Every email to or on behalf of the address (a confirmed request to erase everything).
    All,
    /// The emails of one record: of these kinds (SQL LIKE patterns, `rsvp-%`) and naming its
    /// reference in the subject or body. The person's other comments, meetings and messages keep
    /// theirs, with their links and reminders.
    Of {
        kinds: &'a [&'a str],
        reference: &'a str,
    },
}

/// `text` with LIKE's wildcards escaped, so it matches only itself.
fn literal(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect()
}

/// Matches values that end with `text`.
fn ending_with(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}", literal(text))).escape('\\')
}

/// Matches values that contain `text`.
fn containing(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", literal(text))).escape('\\')
}

/// Blanks recipient, reply-to, subject and bodies of the chosen emails sent to `address` or
/// written on its behalf (reply-to). Unsent ones are given up: there is no one left to send them
/// to. The rows stay so the outbox still counts what was sent. Returns how many were erased.
pub async fn erase_emails_of(
    conn: &impl ConnectionTrait,
    address: &str,
    which: Emails<'_>,
) -> Result<u64, DbErr> {
    if address.is_empty() {
        return Ok(0);
    }
    // The reply-to column holds "address" or "name\u{1f}address".
    let about_them = Condition::any()
        .add(outbox_message::Column::ToAddress.eq(address))
        .add(outbox_message::Column::ReplyTo.eq(address))
        .add(outbox_message::Column::ReplyTo.like(ending_with(&format!("\u{1f}{address}"))));
    let mut chosen = Condition::all().add(about_them);
    if let Emails::Of { kinds, reference } = which {
        let mut of_kind = Condition::any();
        for pattern in kinds {
            of_kind = of_kind.add(outbox_message::Column::Kind.like(*pattern));
        }
        let names_it = Condition::any()
            .add(outbox_message::Column::Subject.like(containing(reference)))
            .add(outbox_message::Column::TextBody.like(containing(reference)));
        chosen = chosen.add(of_kind).add(names_it);
    }
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
        .filter(chosen)
        .exec(conn)
        .await
        .map(|done| done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::sea_query::ExprTrait;

    #[test]
    fn patterns_match_the_text_literally() {
        let pattern = ending_with("\u{1f}john_doe%1@example.org");
        let sql = sea_orm::sea_query::Query::select()
            .expr(Expr::val("x").like(pattern))
            .to_string(sea_orm::sea_query::SqliteQueryBuilder);
        assert!(
            sql.contains(r"john\_doe\%1@example.org") && sql.contains(r"ESCAPE '\'"),
            "{sql}"
        );
    }
}
