//! The codebook (themes of the consultation), the review queue of suggested themes, and the
//! staff digest switch.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::api::search::ThemeChip;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A theme in the codebook list and its editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeView {
    pub id: i32,
    pub name: String,
    /// "Parent › Child" when it has a parent.
    pub full_name: String,
    pub parent: Option<i32>,
    pub description: String,
    pub colour: String,
    pub keywords_en: String,
    pub keywords_es: String,
    pub keywords_ru: String,
    /// Items carrying it.
    pub tagged: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookView {
    pub themes: Vec<ThemeView>,
}

#[server(endpoint = "staff/themes")]
pub async fn codebook() -> Result<CodebookView, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::search::query::Filters;
    use crate::backend::services::{content, themes};
    use crate::domain::Permission;
    require(Permission::Analyse).await?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let list = themes::codebook(&state.db, consultation.id).await?;
    let counts = themes::counts::counts(&state.db, consultation.id, &Filters::default()).await?;
    Ok(CodebookView {
        themes: list
            .iter()
            .map(|t| ThemeView {
                id: t.id,
                name: t.name.clone(),
                full_name: themes::full_name(&list, t),
                parent: t.parent_id,
                description: t.description.clone(),
                colour: t.colour.clone(),
                keywords_en: t.keywords_en.clone(),
                keywords_es: t.keywords_es.clone(),
                keywords_ru: t.keywords_ru.clone(),
                tagged: counts.totals.get(&t.id).copied().unwrap_or(0),
            })
            .collect(),
    })
}

/// Adds a theme (`id` empty) or changes one; back to the codebook.
#[server(endpoint = "staff/themes/save")]
pub async fn save_theme(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] description: String,
    #[server(default)] parent: String,
    #[server(default)] colour: String,
    #[server(default)] keywords_en: String,
    #[server(default)] keywords_es: String,
    #[server(default)] keywords_ru: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::themes::{self, ThemeForm};
    use crate::backend::services::{begin_write, content};
    use crate::domain::Permission;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ThemeForm {
        name,
        description,
        parent,
        colour,
        keywords_en,
        keywords_es,
        keywords_ru,
    };
    let txn = begin_write(&state.db).await?;
    let saved = match id.trim().parse::<i32>() {
        Ok(id) => themes::update(&txn, consultation.id, id, &form, staff_id)
            .await?
            .ok_or(AppError::NotFound)?,
        Err(_) => themes::create(&txn, consultation.id, &form, staff_id).await?,
    };
    let saved = saved.map_err(AppError::Invalid)?;
    txn.commit().await?;
    crate::backend::request::redirect(&format!(
        "/staff/themes?saved={}#theme-{}",
        saved.id, saved.id
    ));
    Ok(())
}

/// One suggestion in the review queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub theme: ThemeChip,
    pub item: i32,
    pub kind: String,
    pub group: String,
    pub language: String,
    pub date: String,
    pub pieces: Vec<(String, bool)>,
}

#[server(endpoint = "staff/themes/suggestions")]
pub async fn suggestions() -> Result<Vec<SuggestionView>, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::search::words;
    use crate::backend::services::{content, themes};
    use crate::domain::Permission;
    require(Permission::Analyse).await?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let codebook = themes::codebook(&state.db, consultation.id).await?;
    let found = themes::suggestions::pending(&state.db, consultation.id, 50).await?;
    Ok(found
        .into_iter()
        .map(|s| {
            let terms: Vec<String> = themes::keywords(&s.theme, &s.item.language)
                .iter()
                .flat_map(|k| words::terms(k))
                .collect();
            SuggestionView {
                theme: ThemeChip {
                    id: s.theme.id,
                    name: themes::full_name(&codebook, &s.theme),
                    colour: s.theme.colour.clone(),
                },
                item: s.item.id,
                kind: s.item.kind.clone(),
                group: s.item.stakeholder_group.clone(),
                language: s.item.language.clone(),
                date: s.item.created_at.date_naive().to_string(),
                pieces: words::marked_pieces(&s.item.language, &s.item.body, &terms),
            }
        })
        .collect())
}

/// Confirms (`decision` "confirm") or dismisses a suggested theme for one item.
#[server(endpoint = "staff/themes/suggestions/decide")]
pub async fn decide_suggestion(theme: i32, item: i32, decision: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::themes::suggestions;
    use crate::backend::services::{begin_write, content};
    use crate::domain::Permission;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = begin_write(&state.db).await?;
    let known = if decision == "confirm" {
        suggestions::confirm(&txn, consultation.id, theme, item, staff_id).await?
    } else {
        suggestions::dismiss(&txn, consultation.id, theme, item, staff_id).await?
    };
    if !known {
        return Err(AppError::NotFound);
    }
    txn.commit().await?;
    let done = if decision == "confirm" {
        "confirmed"
    } else {
        "dismissed"
    };
    crate::backend::request::redirect(&format!("/staff/themes/suggestions?done={done}"));
    Ok(())
}

/// Whether the signed-in person gets the daily digest, and whether their role may.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestView {
    pub allowed: bool,
    pub subscribed: bool,
}

#[server(endpoint = "staff/digest")]
pub async fn digest_setting() -> Result<DigestView, AppError> {
    use crate::backend::access::require;
    use crate::domain::Permission;
    let user = require(Permission::SignedIn).await?;
    let state = crate::backend::app_state()?;
    Ok(DigestView {
        allowed: user.can(Permission::Moderate),
        subscribed: crate::backend::services::digest::subscribed(&state.db, user.staff_id).await?,
    })
}

/// Turns the daily digest on ("on") or off, in the language of the page.
#[server(endpoint = "staff/digest/set")]
pub async fn set_digest(#[server(default)] digest: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::domain::Permission;
    let user = require(Permission::Moderate).await?;
    let state = crate::backend::app_state()?;
    let txn = crate::backend::services::begin_write(&state.db).await?;
    crate::backend::services::digest::set(
        &txn,
        user.staff_id,
        digest == "on",
        crate::i18n::resolve_locale(),
    )
    .await?;
    txn.commit().await?;
    crate::backend::request::redirect("/staff/account?digest=saved");
    Ok(())
}
