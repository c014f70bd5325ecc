//! A respondent's own link to a submitted response (shown once on the thank-you page, and
//! emailed when they left an address): see the answers, or delete them with their details. The
//! link is made at submission; the answer link used while drafting stops working then.

use super::sha256_hex;
use crate::backend::entity::{survey, survey_response};
use crate::backend::services::erasure::{self, Emails};
use crate::backend::services::{audit, begin_write};
use crate::domain::status::ResponseStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, TransactionSession, TransactionTrait,
};

pub(super) fn token_hash(token: &str) -> String {
    sha256_hex(&["survey-manage", token])
}

/// The submitted (or already deleted) response behind a link, with its survey.
pub async fn find(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(survey_response::Model, survey::Model)>, DbErr> {
    let Some(found) = survey_response::Entity::find()
        .filter(survey_response::Column::ManageTokenHash.eq(token_hash(token)))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let survey = survey::Entity::find_by_id(found.survey_id)
        .one(conn)
        .await?;
    Ok(survey.map(|s| (found, s)))
}

/// Deletes the response behind the link; `false` when the link matches none.
pub async fn delete<C>(db: &C, token: &str) -> Result<bool, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some((found, _)) = find(&txn, token).await? else {
        return Ok(false);
    };
    erase(&txn, found, None).await?;
    txn.commit().await?;
    Ok(true)
}

/// Erases one response in the caller's transaction: it leaves the results and the counts. From
/// its link `by_staff` is none; an admin acting on a confirmed request is named. Nothing happens
/// to one already deleted.
pub(crate) async fn erase(
    conn: &impl ConnectionTrait,
    found: survey_response::Model,
    by_staff: Option<i32>,
) -> Result<(), DbErr> {
    if found.status == ResponseStatus::Withdrawn {
        return Ok(());
    }
    let id = found.id;
    let address = found.contact_email.clone().unwrap_or_default();
    let reference = found.reference.clone().unwrap_or_default();
    let mut erased: survey_response::ActiveModel = found.into();
    erased.status = Set(ResponseStatus::Withdrawn);
    erased.answers = Set("{}".into());
    erased.stakeholder_group = Set(None);
    erased.stakeholder_other = Set(None);
    erased.zip = Set(None);
    erased.identities = Set(String::new());
    erased.contact_name = Set(None);
    erased.contact_email = Set(None);
    erased.browser_hash = Set(None);
    erased.updated_at = Set(chrono::Utc::now());
    erased.update(conn).await?;
    super::super::search::forget(
        conn,
        crate::domain::feedback::FeedbackKind::SurveyAnswer,
        id,
    )
    .await?;
    let emails = Emails::Of {
        kinds: &["survey-%"],
        reference: &reference,
    };
    erasure::erase_emails_of(conn, &address, emails).await?;
    // None of the answers is copied here.
    let action = match by_staff {
        None => "survey_response.deleted_by_respondent",
        Some(_) => "survey_response.erased_on_request",
    };
    audit::record(conn, by_staff, action, "survey_response", id, None).await
}
