//! The sender's own links to a survey response and to an inquiry (from the thank-you page and the
//! confirmation emails): see what was sent, and delete it.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A submitted survey response as its respondent sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyResponseView {
    pub reference: String,
    pub survey_title: String,
    pub submitted_on: String,
    /// Question and answer, in the survey's order; empty once deleted.
    pub answers: Vec<(String, String)>,
    pub deleted: bool,
}

#[server(endpoint = "your-response")]
pub async fn my_response(token: String) -> Result<MyResponseView, AppError> {
    use crate::backend::app_state;
    use crate::backend::services::surveys::{self, withdraw};
    use crate::domain::status::ResponseStatus;
    let state = app_state()?;
    let (found, survey) = withdraw::find(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&survey)?;
    let given = surveys::answers_of(&found);
    let answers = definition
        .pages
        .iter()
        .flat_map(|page| &page.questions)
        .map(|q| (q.prompt.clone(), surveys::answer_text(q, &given)))
        .filter(|(_, answer)| !answer.is_empty())
        .collect();
    Ok(MyResponseView {
        reference: found.reference.unwrap_or_default(),
        survey_title: survey.title,
        submitted_on: found
            .submitted_at
            .unwrap_or(found.created_at)
            .date_naive()
            .to_string(),
        answers,
        deleted: found.status == ResponseStatus::Withdrawn,
    })
}

#[server(endpoint = "your-response/delete")]
pub async fn delete_my_response(token: String) -> Result<(), AppError> {
    use crate::backend::services::surveys::withdraw;
    use crate::backend::{app_state, request};
    let state = app_state()?;
    if !withdraw::delete(&state.db, &token).await? {
        return Err(AppError::NotFound);
    }
    request::redirect(&format!(
        "/your-response/{}?done=delete",
        crate::paths::query_value(&token)
    ));
    Ok(())
}

/// An inquiry as its sender sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInquiryView {
    pub reference: String,
    pub sent_on: String,
    /// The i18n key of the topic and of the status.
    pub topic_key: String,
    pub status_key: String,
    /// Empty once withdrawn.
    pub message: String,
    pub withdrawn: bool,
}

#[server(endpoint = "your-inquiry")]
pub async fn my_inquiry(token: String) -> Result<MyInquiryView, AppError> {
    use crate::backend::app_state;
    use crate::backend::services::inquiry::withdraw;
    use crate::domain::inquiry::Topic;
    use crate::domain::status::InquiryStatus;
    let state = app_state()?;
    let found = withdraw::find(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(MyInquiryView {
        reference: found.reference.unwrap_or_default(),
        sent_on: found.created_at.date_naive().to_string(),
        topic_key: Topic::parse(&found.topic)
            .map_or("topic.other", Topic::label_key)
            .to_string(),
        status_key: found.status.label_key().to_string(),
        withdrawn: found.status == InquiryStatus::Withdrawn,
        message: found.message,
    })
}

#[server(endpoint = "your-inquiry/withdraw")]
pub async fn withdraw_my_inquiry(token: String) -> Result<(), AppError> {
    use crate::backend::services::inquiry::withdraw;
    use crate::backend::{app_state, request};
    let state = app_state()?;
    if !withdraw::withdraw(&state.db, &token).await? {
        return Err(AppError::NotFound);
    }
    request::redirect(&format!(
        "/your-inquiry/{}?done=withdraw",
        crate::paths::query_value(&token)
    ));
    Ok(())
}
