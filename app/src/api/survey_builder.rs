//! The survey builder for admins: create a survey, edit its settings and its pages and questions.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyEditorView {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub intro: String,
    pub audience: String,
    /// ISO dates in the consultation's zone; empty when not set.
    pub opens_on: String,
    pub closes_on: String,
    pub status: String,
    pub ask_contact: bool,
    pub one_per_browser: bool,
    /// Pages and questions as TOML.
    pub definition: String,
    /// The pages and questions, for the form-based builder and the preview.
    pub pages: Vec<crate::domain::survey::SurveyPage>,
    pub responses: u64,
    /// Questions with answers: they can be closed, not deleted or retyped.
    pub answered: Vec<String>,
}

#[server(endpoint = "staff/surveys/editor")]
pub async fn survey_editor(id: i32) -> Result<SurveyEditorView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::{self, builder};
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    require(Permission::EditContent).await?;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let settings = builder::settings_of(&found, state.mail.zone);
    Ok(SurveyEditorView {
        id: found.id,
        slug: found.slug.clone(),
        title: found.title.clone(),
        intro: settings.intro,
        audience: settings.audience,
        opens_on: settings.opens_on,
        closes_on: settings.closes_on,
        status: settings.status,
        ask_contact: found.ask_contact,
        one_per_browser: found.one_per_browser,
        definition: builder::definition_to_toml(&definition),
        pages: definition.pages,
        responses: builder::submitted_count(&state.db, found.id).await?,
        answered: builder::answered_keys(&state.db, found.id)
            .await?
            .into_iter()
            .filter(|k| !k.contains("__"))
            .collect(),
    })
}

#[server(endpoint = "staff/surveys/save")]
pub async fn save_survey(
    id: i32,
    title: String,
    #[server(default)] intro: String,
    #[server(default)] audience: String,
    #[server(default)] opens_on: String,
    #[server(default)] closes_on: String,
    status: String,
    #[server(default)] ask_contact: Option<String>,
    #[server(default)] one_per_browser: Option<String>,
    #[server(default)] definition: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::builder;
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = builder::SurveySettingsForm {
        title,
        intro,
        audience,
        opens_on,
        closes_on,
        status,
        ask_contact: ask_contact.is_some(),
        one_per_browser: one_per_browser.is_some(),
        definition,
    };
    builder::save(&state.db, &found, &form, staff_id, state.mail.zone)
        .await?
        .map_err(AppError::Invalid)?;
    crate::backend::request::redirect(&format!("/staff/surveys/{id}/edit?saved=1"));
    Ok(())
}

/// The pages and questions as TOML, for advanced use: imported whole, checked as the builder's
/// changes are, the settings left as they are.
#[server(endpoint = "staff/surveys/toml")]
pub async fn save_survey_toml(id: i32, definition: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::builder;
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut form = builder::settings_of(&found, state.mail.zone);
    form.definition = Some(definition);
    builder::save(&state.db, &found, &form, staff_id, state.mail.zone)
        .await?
        .map_err(AppError::Invalid)?;
    crate::backend::request::redirect(&format!("/staff/surveys/{id}/toml?saved=1"));
    Ok(())
}

#[server(endpoint = "staff/surveys/create")]
pub async fn create_survey(title: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{content, surveys, surveys::builder};
    use crate::domain::Permission;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    if title.trim().is_empty() {
        let mut errors = crate::error::FormErrors::default();
        errors.add("title", "field.event_title.required");
        return Err(AppError::Invalid(errors));
    }
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // A new survey offers the same identities as the surveys before it.
    let identities = surveys::public_surveys(&state.db, consultation.id)
        .await?
        .first()
        .and_then(|s| surveys::definition(s).ok())
        .map(|d| d.identities)
        .unwrap_or_default();
    let created = builder::create(&state.db, consultation.id, &title, identities, staff_id).await?;
    crate::backend::request::redirect(&format!("/staff/surveys/{}/edit", created.id));
    Ok(())
}
