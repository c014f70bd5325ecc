//! A respondent's own link to a submitted response (the answer link, shown on the thank-you page
//! and emailed when they left an address): see the answers, or delete them with their details.

use super::sha256_hex;
use crate::backend::entity::{survey, survey_response};
use crate::backend::services::{audit, begin_write, erasure};
use crate::domain::status::ResponseStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, TransactionSession, TransactionTrait,
};

/// The submitted (or already deleted) response behind a link, with its survey.
pub async fn find(
    conn: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(survey_response::Model, survey::Model)>, DbErr> {
    let Some(found) = survey_response::Entity::find()
        .filter(survey_response::Column::DraftTokenHash.eq(sha256_hex(&["survey-draft", token])))
        .filter(survey_response::Column::Status.ne(ResponseStatus::Draft))
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
    erase(&txn, found).await?;
    txn.commit().await?;
    Ok(true)
}

/// Erases one response in the caller's transaction: it leaves the results and the counts.
pub(crate) async fn erase(
    conn: &impl ConnectionTrait,
    found: survey_response::Model,
) -> Result<(), DbErr> {
    let id = found.id;
    let address = found.contact_email.clone().unwrap_or_default();
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
    erasure::erase_emails_of(conn, &address, &["survey-%"]).await?;
    // The respondent is not staff: no one is named, and none of their answers is copied here.
    audit::record(
        conn,
        None,
        "survey_response.deleted_by_respondent",
        "survey_response",
        id,
        None,
    )
    .await
}
