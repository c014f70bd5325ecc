//! The form-based survey builder: one server function per change (a page, a question, an option
//! added, edited, moved or removed), each saving one audited change and sending the editor back to
//! where it was.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod run {
    use crate::backend::access::require;
    use crate::backend::services::surveys::structure;
    use crate::domain::Permission;
    use crate::domain::survey::build::{Change, Touched};
    use crate::error::AppError;

    /// Where the editor goes after a change: the overview at what changed, or the question's page.
    pub enum Back {
        Overview,
        Question,
    }

    pub async fn change(id: i32, change: Change, back: Back) -> Result<(), AppError> {
        let staff_id = require(Permission::EditContent).await?.staff_id;
        let state = crate::backend::app_state()?;
        let touched = structure::change(&state.db, id, &change, staff_id)
            .await?
            .map_err(AppError::Invalid)?
            .ok_or(AppError::NotFound)?;
        let target = match (back, touched) {
            (Back::Question, Touched::Question(key)) => {
                format!("/staff/surveys/{id}/questions/{key}?saved=1")
            }
            (_, Touched::Question(key)) => format!("/staff/surveys/{id}/edit#question-{key}"),
            (_, Touched::Page(page)) => format!("/staff/surveys/{id}/edit#page-{}", page + 1),
        };
        crate::backend::request::redirect(&target);
        Ok(())
    }

    pub fn up(direction: &str) -> bool {
        direction == "up"
    }
}

#[server(endpoint = "staff/surveys/pages/add")]
pub async fn add_survey_page(id: i32, page_title: String) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    run::change(
        id,
        Change::AddPage { title: page_title },
        run::Back::Overview,
    )
    .await
}

#[server(endpoint = "staff/surveys/pages/edit")]
pub async fn edit_survey_page(
    id: i32,
    page: usize,
    title: String,
    #[server(default)] condition: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let change = Change::EditPage {
        page,
        title,
        condition,
    };
    run::change(id, change, run::Back::Overview).await
}

#[server(endpoint = "staff/surveys/pages/move")]
pub async fn move_survey_page(id: i32, page: usize, direction: String) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let up = run::up(&direction);
    run::change(id, Change::MovePage { page, up }, run::Back::Overview).await
}

#[server(endpoint = "staff/surveys/pages/remove")]
pub async fn remove_survey_page(id: i32, page: usize) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    run::change(id, Change::RemovePage { page }, run::Back::Overview).await
}

/// A new question opens in its own editor, where its options and limits are set.
#[server(endpoint = "staff/surveys/questions/add")]
pub async fn add_survey_question(
    id: i32,
    page: usize,
    #[server(default)] kind: String,
    prompt: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let change = Change::AddQuestion { page, kind, prompt };
    run::change(id, change, run::Back::Question).await
}

#[server(endpoint = "staff/surveys/questions/edit")]
pub async fn edit_survey_question(
    id: i32,
    question: String,
    #[server(default)] key: String,
    #[server(default)] prompt: String,
    #[server(default)] help: String,
    #[server(default)] required: Option<String>,
    #[server(default)] closed: Option<String>,
    #[server(default)] kind: String,
    #[server(default)] other: Option<String>,
    #[server(default)] min: String,
    #[server(default)] max: String,
    #[server(default)] min_label: String,
    #[server(default)] max_label: String,
    #[server(default)] max_chars: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::{Change, QuestionForm};
    let form = QuestionForm {
        key,
        prompt,
        help,
        required: required.is_some(),
        closed: closed.is_some(),
        kind,
        other: other.is_some(),
        min,
        max,
        min_label,
        max_label,
        max_chars,
    };
    let change = Change::EditQuestion {
        key: question,
        form,
    };
    run::change(id, change, run::Back::Question).await
}

#[server(endpoint = "staff/surveys/questions/move")]
pub async fn move_survey_question(
    id: i32,
    question: String,
    direction: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let up = run::up(&direction);
    let change = Change::MoveQuestion { key: question, up };
    run::change(id, change, run::Back::Overview).await
}

#[server(endpoint = "staff/surveys/questions/remove")]
pub async fn remove_survey_question(id: i32, question: String) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let change = Change::RemoveQuestion { key: question };
    run::change(id, change, run::Back::Overview).await
}

#[server(endpoint = "staff/surveys/options/add")]
pub async fn add_survey_option(id: i32, question: String, label: String) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let change = Change::AddOption {
        key: question,
        label,
    };
    run::change(id, change, run::Back::Question).await
}

#[server(endpoint = "staff/surveys/options/edit")]
pub async fn rename_survey_option(
    id: i32,
    question: String,
    option: String,
    label: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let change = Change::RenameOption {
        key: question,
        option,
        label,
    };
    run::change(id, change, run::Back::Question).await
}

#[server(endpoint = "staff/surveys/options/move")]
pub async fn move_survey_option(
    id: i32,
    question: String,
    option: String,
    direction: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let up = run::up(&direction);
    let change = Change::MoveOption {
        key: question,
        option,
        up,
    };
    run::change(id, change, run::Back::Question).await
}

#[server(endpoint = "staff/surveys/options/remove")]
pub async fn remove_survey_option(
    id: i32,
    question: String,
    option: String,
) -> Result<(), AppError> {
    use crate::domain::survey::build::Change;
    let change = Change::RemoveOption {
        key: question,
        option,
    };
    run::change(id, change, run::Back::Question).await
}

/// A copy of the survey as a new draft, opened in the editor.
#[server(endpoint = "staff/surveys/duplicate")]
pub async fn duplicate_survey(id: i32) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::backend::services::surveys::structure;
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let copy = structure::duplicate(&state.db, &found, staff_id).await?;
    crate::backend::request::redirect(&format!("/staff/surveys/{}/edit", copy.id));
    Ok(())
}
