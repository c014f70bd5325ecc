//! The author's link to their comment (from their confirmation email): see, withdraw, delete.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCommentView {
    pub reference: String,
    pub section_title: String,
    pub section_slug: String,
    /// Empty once deleted.
    pub body: String,
    /// pending, published, rejected, hidden or withdrawn.
    pub status: String,
    pub deleted: bool,
    pub sent_on: String,
}

#[server(endpoint = "your-comment")]
pub async fn my_comment(token: String) -> Result<MyCommentView, AppError> {
    use crate::backend::{app_state, services::comments::withdraw};
    let state = app_state()?;
    let (found, section) = withdraw::find(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(MyCommentView {
        reference: found.reference.unwrap_or_default(),
        section_title: section.title,
        section_slug: section.slug,
        deleted: found.body.is_empty(),
        body: found.body,
        status: found.status.to_string(),
        sent_on: found.created_at.date_naive().to_string(),
    })
}

/// `request` is `withdraw` or `delete`.
#[server(endpoint = "your-comment/change")]
pub async fn change_my_comment(token: String, request: String) -> Result<(), AppError> {
    use crate::backend::services::comments::withdraw::{self, Request};
    use crate::backend::{app_state, request as http_request};
    let state = app_state()?;
    let wanted = match request.as_str() {
        "withdraw" => Request::Withdraw,
        "delete" => Request::Delete,
        _ => return Err(AppError::Request("unknown request".into())),
    };
    if !withdraw::apply(&state.db, &token, wanted).await? {
        return Err(AppError::NotFound);
    }
    http_request::redirect(&format!(
        "/your-comment/{}?done={request}",
        crate::paths::query_value(&token)
    ));
    Ok(())
}
