//! Staff management of the FAQ: the list with every entry (published or not), and one server
//! function per change, each a plain form post that sends the editor back to the list.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFaqEntry {
    pub id: i32,
    pub anchor: String,
    pub question_en: String,
    pub answer_en: String,
    pub question_es: String,
    pub answer_es: String,
    pub question_ru: String,
    pub answer_ru: String,
    pub published: bool,
    /// ISO date of the last change.
    pub updated_on: String,
}

#[cfg(feature = "ssr")]
mod run {
    use crate::backend::access::require;
    use crate::backend::services::{begin_write, content};
    use crate::domain::Permission;
    use crate::error::AppError;

    /// The signed-in editor and the consultation the FAQ belongs to.
    pub async fn editor() -> Result<(i32, i32), AppError> {
        let staff_id = require(Permission::EditContent).await?.staff_id;
        let state = crate::backend::app_state()?;
        let found = content::current_consultation(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((staff_id, found.id))
    }

    /// Commits a change that found its entry; `None` (no such entry) is a 404 and writes nothing.
    pub async fn commit<T>(
        txn: sea_orm::DatabaseTransaction,
        done: Option<T>,
    ) -> Result<T, AppError> {
        let done = done.ok_or(AppError::NotFound)?;
        txn.commit().await?;
        Ok(done)
    }

    /// A write transaction: the change and its audit row are stored together or not at all.
    pub async fn write() -> Result<sea_orm::DatabaseTransaction, AppError> {
        let state = crate::backend::app_state()?;
        Ok(begin_write(&state.db).await?)
    }
}

#[server(endpoint = "staff/faq")]
pub async fn staff_faq() -> Result<Vec<StaffFaqEntry>, AppError> {
    use crate::backend::services::timeline_faq::faq;
    let (_, consultation_id) = run::editor().await?;
    let state = crate::backend::app_state()?;
    Ok(faq::entries(&state.db, consultation_id, false)
        .await?
        .into_iter()
        .map(|e| StaffFaqEntry {
            id: e.id,
            anchor: e.anchor,
            question_en: e.question_en,
            answer_en: e.answer_en,
            question_es: e.question_es,
            answer_es: e.answer_es,
            question_ru: e.question_ru,
            answer_ru: e.answer_ru,
            published: e.published,
            updated_on: e.updated_at.date_naive().to_string(),
        })
        .collect())
}

/// Adds an entry (`id` empty) or changes one; back to the list at the entry.
#[server(endpoint = "staff/faq/save")]
pub async fn save_faq_entry(
    #[server(default)] id: String,
    #[server(default)] question_en: String,
    #[server(default)] answer_en: String,
    #[server(default)] question_es: String,
    #[server(default)] answer_es: String,
    #[server(default)] question_ru: String,
    #[server(default)] answer_ru: String,
    #[server(default)] published: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::services::timeline_faq::faq::{self, FaqForm};
    let form = FaqForm {
        question_en,
        answer_en,
        question_es,
        answer_es,
        question_ru,
        answer_ru,
        published: published.is_some(),
    };
    let (staff_id, consultation_id) = run::editor().await?;
    let txn = run::write().await?;
    let saved = match id.trim().parse::<i32>() {
        Ok(id) => faq::update(&txn, consultation_id, id, &form, staff_id).await?,
        Err(_) => Some(faq::create(&txn, consultation_id, &form, staff_id).await?),
    };
    let saved = saved.transpose().map_err(AppError::Invalid)?;
    let saved = run::commit(txn, saved).await?;
    crate::backend::request::redirect(&format!("/staff/faq?saved=1#entry-{}", saved.id));
    Ok(())
}

/// Moves an entry one place `up` or `down`.
#[server(endpoint = "staff/faq/move")]
pub async fn move_faq_entry(id: i32, direction: String) -> Result<(), AppError> {
    use crate::backend::services::timeline_faq::faq;
    let up = direction == "up";
    let (staff_id, consultation_id) = run::editor().await?;
    let txn = run::write().await?;
    let done = faq::move_entry(&txn, consultation_id, id, up, staff_id).await?;
    run::commit(txn, done).await?;
    crate::backend::request::redirect(&format!("/staff/faq#entry-{id}"));
    Ok(())
}

/// Publishes (`published` "1") or unpublishes an entry.
#[server(endpoint = "staff/faq/publish")]
pub async fn publish_faq_entry(id: i32, published: String) -> Result<(), AppError> {
    use crate::backend::services::timeline_faq::faq;
    let published = published == "1";
    let (staff_id, consultation_id) = run::editor().await?;
    let txn = run::write().await?;
    let done = faq::set_published(&txn, consultation_id, id, published, staff_id).await?;
    run::commit(txn, done).await?;
    crate::backend::request::redirect(&format!("/staff/faq#entry-{id}"));
    Ok(())
}

/// Deletes an entry once the box saying so is ticked.
#[server(endpoint = "staff/faq/delete")]
pub async fn delete_faq_entry(
    id: i32,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::services::timeline_faq::faq;
    if confirm.is_none() {
        // The editor must exist and be the caller's to edit before the box matters.
        run::editor().await?;
        let mut errors = crate::error::FormErrors::default();
        errors.add("confirm", "staff.faq.delete_confirm_required");
        return Err(AppError::Invalid(errors));
    }
    let (staff_id, consultation_id) = run::editor().await?;
    let txn = run::write().await?;
    let done = faq::delete(&txn, consultation_id, id, staff_id).await?;
    run::commit(txn, done).await?;
    crate::backend::request::redirect("/staff/faq?deleted=1");
    Ok(())
}
