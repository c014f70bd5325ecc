//! Paper survey responses: staff key in one paper form as a real response, or import a batch from
//! a CSV made from the survey's template; both checked as online answers are.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::domain::survey::{Choice, SurveyPage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest CSV accepted (about a thousand paper forms), under the portal's request limit.
pub const MAX_IMPORT_BYTES: usize = 200 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperFormView {
    pub id: i32,
    pub title: String,
    pub pages: Vec<SurveyPage>,
    pub identities: Vec<Choice>,
    pub ask_contact: bool,
    /// Responses keyed in from paper so far.
    pub paper_responses: u64,
}

#[server(endpoint = "staff/surveys/paper/form")]
pub async fn paper_form(id: i32) -> Result<PaperFormView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::{survey, survey_response};
    use crate::backend::services::surveys::{self, paper};
    use crate::domain::Permission;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    require(Permission::Analyse).await?;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let paper_responses = survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(id))
        .filter(survey_response::Column::Channel.eq(paper::PAPER))
        .count(&state.db)
        .await?;
    Ok(PaperFormView {
        id,
        title: found.title,
        pages: definition.pages,
        identities: definition.identities,
        ask_contact: found.ask_contact,
        paper_responses,
    })
}

/// One paper form, checked page by page as online, stored as a submitted response on the paper
/// channel with who keyed it in.
#[server(endpoint = "staff/surveys/paper/enter")]
pub async fn enter_paper_response(
    id: i32,
    #[server(default)] language: String,
    #[server(default)] answers: BTreeMap<String, Vec<String>>,
    #[server(default)] rank: BTreeMap<String, BTreeMap<String, String>>,
    #[server(default)] other: BTreeMap<String, String>,
    #[server(default)] stakeholder_group: String,
    #[server(default)] stakeholder_other: String,
    #[server(default)] zip: String,
    #[server(default)] identities: Vec<String>,
    #[server(default)] contact_name: String,
    #[server(default)] contact_email: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::{self, AboutForm, paper};
    use crate::domain::Permission;
    use crate::domain::survey::PagePost;
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let post = PagePost {
        values: answers,
        ranks: rank,
        others: other,
    };
    let about = AboutForm {
        stakeholder_group,
        stakeholder_other,
        zip,
        identities,
        contact_name,
        contact_email,
    };
    let checked = paper::check_entry(&found, &definition, &post, &about, language.trim())
        .map_err(AppError::Invalid)?;
    let references = paper::store(
        &state.db,
        &found,
        &[checked],
        staff_id,
        &state.mail.reference_prefix,
    )
    .await?;
    let reference = references.first().cloned().unwrap_or_default();
    crate::backend::request::redirect(&format!("/staff/surveys/{id}/paper?entered={reference}"));
    Ok(())
}

/// A batch of paper forms as CSV (the survey's template filled in): all stored, or none with a
/// report of every problem by row and column.
#[server(input = MultipartFormData, endpoint = "staff/surveys/paper/import")]
pub async fn import_paper_responses(data: MultipartData) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::{self, paper};
    use crate::domain::Permission;
    use crate::error::FormErrors;
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::Request("multipart".into()))?;
    let (mut id, mut file) = (None, Vec::new());
    let too_big = || {
        let mut errors = FormErrors::default();
        errors.add("file", "paper.import.error.too_big");
        AppError::Invalid(errors)
    };
    while let Ok(Some(mut field)) = form.next_field().await {
        match field.name() {
            Some("id") => {
                let text = field.text().await.unwrap_or_default();
                id = text.trim().parse::<i32>().ok();
            }
            Some("file") => {
                while let Ok(Some(chunk)) = field.chunk().await {
                    if file.len() + chunk.len() > MAX_IMPORT_BYTES {
                        return Err(too_big());
                    }
                    file.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    let id = id.ok_or(AppError::NotFound)?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let responses = match paper::read_batch(&found, &definition, &file) {
        Ok(responses) => responses,
        Err((problems, total)) => {
            let mut errors = FormErrors::default();
            errors.add("file", "paper.import.error.summary");
            errors.keep(
                "import_report",
                &serde_json::to_string(&problems).unwrap_or_default(),
            );
            errors.keep("import_total", &total.to_string());
            return Err(AppError::Invalid(errors));
        }
    };
    let stored = paper::store(
        &state.db,
        &found,
        &responses,
        staff_id,
        &state.mail.reference_prefix,
    )
    .await?;
    tracing::info!(
        survey = id,
        count = stored.len(),
        "paper responses imported"
    );
    crate::backend::request::redirect(&format!(
        "/staff/surveys/{id}/paper?imported={}",
        stored.len()
    ));
    Ok(())
}
