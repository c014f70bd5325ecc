//! Requests about one's data by email address: the public form, the confirmation link, and the
//! admins' queue.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(endpoint = "privacy/request")]
pub async fn make_privacy_request(
    email: String,
    #[server(default)] kind: String,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::IntakeFields;
    use crate::backend::services::privacy_requests::{self, PrivacyRequestForm};
    let state = crate::backend::app_state()?;
    let form = PrivacyRequestForm { email, kind };
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    // A bot is told the same as a person: nothing about who took part.
    privacy_requests::receive(&state, &form, &intake, crate::i18n::resolve_locale()).await?;
    crate::backend::request::redirect("/privacy/request?sent=1");
    Ok(())
}

/// What a confirmation link is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyRequestView {
    /// erase or copy
    pub kind: String,
    /// unconfirmed, confirmed or handled
    pub status: String,
}

#[server(endpoint = "privacy/request/link")]
pub async fn privacy_request_link(token: String) -> Result<PrivacyRequestView, AppError> {
    use crate::backend::services::privacy_requests;
    let state = crate::backend::app_state()?;
    let found = privacy_requests::by_token(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PrivacyRequestView {
        kind: found.kind.to_string(),
        status: found.status.to_string(),
    })
}

/// Confirming takes a button press, not the link alone: mail scanners open links.
#[server(endpoint = "privacy/request/confirm")]
pub async fn confirm_privacy_request(token: String) -> Result<(), AppError> {
    use crate::backend::services::privacy_requests;
    let state = crate::backend::app_state()?;
    privacy_requests::confirm(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!(
        "/privacy/request/{}",
        crate::paths::query_value(&token)
    ));
    Ok(())
}

/// One confirmed request in the admins' queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyRequestRow {
    pub id: i32,
    pub kind: String,
    pub email: String,
    pub made_on: String,
    pub confirmed_on: String,
    pub comments: u64,
    pub rsvps: u64,
    pub survey_responses: u64,
    pub inquiries: u64,
    pub follows: u64,
}

/// A handled request (its address is gone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandledRequestRow {
    pub id: i32,
    pub kind: String,
    pub outcome: String,
    pub handled_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyQueueView {
    pub waiting: Vec<PrivacyRequestRow>,
    pub handled: Vec<HandledRequestRow>,
}

/// The queue shows addresses: admins only, and every view is audited.
#[server(endpoint = "staff/privacy-requests")]
pub async fn privacy_queue() -> Result<PrivacyQueueView, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{audit, privacy_requests};
    use crate::domain::Permission;
    let me = require(Permission::SeeContactDetails).await?;
    let state = crate::backend::app_state()?;
    let waiting = privacy_requests::waiting(&state.db).await?;
    if !waiting.is_empty() {
        audit::record(
            &state.db,
            Some(me.staff_id),
            "privacy_request.queue_viewed",
            "privacy_request",
            0,
            None,
        )
        .await?;
    }
    let day = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&state.mail.zone).date_naive().to_string()
    };
    Ok(PrivacyQueueView {
        waiting: waiting
            .into_iter()
            .map(|(found, held)| PrivacyRequestRow {
                id: found.id,
                kind: found.kind.to_string(),
                made_on: day(found.created_at),
                confirmed_on: found.confirmed_at.map(day).unwrap_or_default(),
                email: found.email,
                comments: held.comments,
                rsvps: held.rsvps,
                survey_responses: held.survey_responses,
                inquiries: held.inquiries,
                follows: held.follows,
            })
            .collect(),
        handled: privacy_requests::handled(&state.db, 20)
            .await?
            .into_iter()
            .map(|found| HandledRequestRow {
                id: found.id,
                kind: found.kind.to_string(),
                outcome: found.outcome.unwrap_or_default(),
                handled_on: found.handled_at.map(day).unwrap_or_default(),
            })
            .collect(),
    })
}

/// `handling` is `erase`, `copy` or `close`.
#[server(endpoint = "staff/privacy-requests/handle")]
pub async fn handle_privacy_request(id: i32, handling: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::privacy_requests::{self, Handled, Handling};
    use crate::domain::Permission;
    let me = require(Permission::SeeContactDetails).await?;
    let state = crate::backend::app_state()?;
    let handling =
        Handling::parse(&handling).ok_or_else(|| AppError::Request("unknown handling".into()))?;
    match privacy_requests::handle(&state.db, id, me.staff_id, handling, &state.mail).await? {
        Handled::Done => {}
        Handled::NotWaiting => return Err(AppError::NotFound),
        Handled::WrongKind => {
            return Err(AppError::Request(
                "handling does not fit the request".into(),
            ));
        }
    }
    crate::backend::request::redirect("/staff/privacy-requests?done=1");
    Ok(())
}
