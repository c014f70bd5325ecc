//! Staff write updates to the consultation's followers: who would get one (counts only) and the
//! updates sent so far, and sending one.
// One server-function argument per form field keeps the plain HTML form's field names flat;
// the #[server] macro does not carry an item-level allow over to the code it generates.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One audience of the compose form: the whole consultation (`value` = `all`) or a section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudienceChoice {
    pub value: String,
    /// The section's title; empty for the whole consultation.
    pub title: String,
    /// Confirmed addresses an update to this audience reaches now.
    pub followers: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentUpdateRow {
    pub id: i32,
    pub kind: String,
    pub subject: String,
    /// The section's title; empty for the whole consultation.
    pub audience: String,
    pub sent_at: String,
    pub recipients: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUpdatesView {
    pub audiences: Vec<AudienceChoice>,
    pub sent: Vec<SentUpdateRow>,
}

#[server(endpoint = "staff/updates")]
pub async fn staff_updates() -> Result<StaffUpdatesView, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{content, followers};
    use crate::domain::Permission;
    use crate::domain::forms::follow::WHOLE_CONSULTATION;
    require(Permission::EditContent).await?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let audiences = followers::audiences(&state.db, consultation.id).await?;
    let title_of = |section_id: Option<i32>| {
        audiences
            .iter()
            .filter_map(|a| a.section.as_ref())
            .find(|s| Some(s.id) == section_id)
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let sent = followers::sent_updates(&state.db, consultation.id, 200)
        .await?
        .into_iter()
        .map(|found| SentUpdateRow {
            id: found.id,
            kind: found.kind.to_string(),
            audience: title_of(found.section_id),
            sent_at: state.mail.wall_clock(found.sent_at),
            recipients: found.recipient_count,
            subject: found.subject_en,
        })
        .collect();
    Ok(StaffUpdatesView {
        audiences: audiences
            .iter()
            .map(|a| AudienceChoice {
                value: a
                    .section
                    .as_ref()
                    .map_or_else(|| WHOLE_CONSULTATION.to_string(), |s| s.slug.clone()),
                title: a
                    .section
                    .as_ref()
                    .map(|s| s.title.clone())
                    .unwrap_or_default(),
                followers: a.followers,
            })
            .collect(),
        sent,
    })
}

#[server(endpoint = "staff/updates/send")]
pub async fn send_follower_update(
    #[server(default)] audience: String,
    #[server(default)] kind: String,
    #[server(default)] subject_en: String,
    #[server(default)] body_en: String,
    #[server(default)] subject_es: String,
    #[server(default)] body_es: String,
    #[server(default)] subject_ru: String,
    #[server(default)] body_ru: String,
    #[server(default)] link: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{content, followers};
    use crate::domain::Permission;
    let me = require(Permission::EditContent).await?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = followers::ComposeForm {
        audience,
        kind,
        subject_en,
        body_en,
        subject_es,
        body_es,
        subject_ru,
        body_ru,
        link,
    };
    let sent =
        followers::send_composed(&state.db, &state.mail, consultation.id, me.staff_id, &form)
            .await?;
    crate::backend::request::redirect(&format!("/staff/updates?sent={}", sent.recipient_count));
    Ok(())
}
