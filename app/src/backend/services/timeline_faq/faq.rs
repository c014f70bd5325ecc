//! The FAQ as staff manage it: add, edit (English, Spanish, Russian), move up or down, publish or
//! unpublish, delete. Every change is one audited write; the caller holds the transaction.

use super::faq_form::check;
pub use super::faq_form::{FaqForm, anchor_of};
use crate::backend::entity::faq_entry;
use crate::backend::services::audit;
use crate::error::FormErrors;
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    ModelTrait, QueryFilter, QueryOrder,
};

/// The entries in the order readers see them; `published_only` for the public page.
pub async fn entries(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    published_only: bool,
) -> Result<Vec<faq_entry::Model>, DbErr> {
    let mut query =
        faq_entry::Entity::find().filter(faq_entry::Column::ConsultationId.eq(consultation_id));
    if published_only {
        query = query.filter(faq_entry::Column::Published.eq(true));
    }
    query
        .order_by_asc(faq_entry::Column::Position)
        .order_by_asc(faq_entry::Column::Id)
        .all(conn)
        .await
}

/// An entry's question and answer for a reader of `locale`, and the language they are in: the
/// translation when both its fields are written, else the English.
pub fn words_for(entry: &faq_entry::Model, locale: Locale) -> (String, String, Locale) {
    let written = |question: &String, answer: &String| {
        (!question.trim().is_empty() && !answer.trim().is_empty())
            .then(|| (question.clone(), answer.clone()))
    };
    let ((question, answer), lang) = locale.pick(
        (entry.question_en.clone(), entry.answer_en.clone()),
        written(&entry.question_es, &entry.answer_es),
        written(&entry.question_ru, &entry.answer_ru),
    );
    (question, answer, lang)
}

fn fill(active: &mut faq_entry::ActiveModel, form: &FaqForm, staff_id: i32) {
    active.question_en = Set(form.question_en.clone());
    active.answer_en = Set(form.answer_en.clone());
    active.question_es = Set(form.question_es.clone());
    active.answer_es = Set(form.answer_es.clone());
    active.question_ru = Set(form.question_ru.clone());
    active.answer_ru = Set(form.answer_ru.clone());
    active.published = Set(form.published);
    active.updated_at = Set(Utc::now());
    active.updated_by = Set(Some(staff_id));
}

/// Adds an entry at the end of the list.
pub async fn create(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    form: &FaqForm,
    staff_id: i32,
) -> Result<Result<faq_entry::Model, FormErrors>, DbErr> {
    let form = match check(form) {
        Ok(form) => form,
        Err(errors) => return Ok(Err(errors)),
    };
    let existing = entries(conn, consultation_id, false).await?;
    let base = anchor_of(&form.question_en);
    let taken = |a: &str| existing.iter().any(|e| e.anchor == a);
    let anchor = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|a| !taken(a))
        .unwrap_or(base);
    let position = existing.iter().map(|e| e.position).max().unwrap_or(0) + 1;
    let mut active = faq_entry::ActiveModel {
        consultation_id: Set(consultation_id),
        anchor: Set(anchor),
        position: Set(position),
        ..Default::default()
    };
    fill(&mut active, &form, staff_id);
    let saved = match active.insert(conn).await {
        Ok(saved) => saved,
        // Another admin added the same question in the same instant: say so, keep the text.
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            let mut errors = FormErrors::default();
            for (field, value) in [
                ("question_en", &form.question_en),
                ("answer_en", &form.answer_en),
                ("question_es", &form.question_es),
                ("answer_es", &form.answer_es),
                ("question_ru", &form.question_ru),
                ("answer_ru", &form.answer_ru),
            ] {
                errors.keep(field, value);
            }
            errors.add("question_en", "staff.faq.error.same_moment");
            return Ok(Err(errors));
        }
        Err(err) => return Err(err),
    };
    audit::record(
        conn,
        Some(staff_id),
        "faq.create",
        "faq_entry",
        saved.id,
        None,
    )
    .await?;
    Ok(Ok(saved))
}

async fn find(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
) -> Result<Option<faq_entry::Model>, DbErr> {
    Ok(faq_entry::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|e| e.consultation_id == consultation_id))
}

/// Changes an entry's words and whether it is published; `None` when there is no such entry.
pub async fn update(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
    form: &FaqForm,
    staff_id: i32,
) -> Result<Option<Result<faq_entry::Model, FormErrors>>, DbErr> {
    let Some(found) = find(conn, consultation_id, id).await? else {
        return Ok(None);
    };
    let form = match check(form) {
        Ok(form) => form,
        Err(errors) => return Ok(Some(Err(errors))),
    };
    let mut active: faq_entry::ActiveModel = found.into();
    fill(&mut active, &form, staff_id);
    let saved = active.update(conn).await?;
    audit::record(conn, Some(staff_id), "faq.update", "faq_entry", id, None).await?;
    Ok(Some(Ok(saved)))
}

/// Moves an entry one place up or down; the first cannot go up nor the last down (nothing
/// changes). `None` when there is no such entry.
pub async fn move_entry(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
    up: bool,
    staff_id: i32,
) -> Result<Option<()>, DbErr> {
    let mut list = entries(conn, consultation_id, false).await?;
    let Some(at) = list.iter().position(|e| e.id == id) else {
        return Ok(None);
    };
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(other) = other.filter(|o| *o < list.len()) else {
        return Ok(Some(()));
    };
    list.swap(at, other);
    // Positions are rewritten 1..n, so entries that once shared a number get their own.
    for (position, entry) in (1..).zip(list) {
        if entry.position != position {
            let mut active: faq_entry::ActiveModel = entry.into();
            active.position = Set(position);
            active.update(conn).await?;
        }
    }
    let direction = if up { "up" } else { "down" };
    audit::record(
        conn,
        Some(staff_id),
        "faq.move",
        "faq_entry",
        id,
        Some(direction.into()),
    )
    .await?;
    Ok(Some(()))
}

/// Publishes or unpublishes an entry; `None` when there is no such entry.
pub async fn set_published(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
    published: bool,
    staff_id: i32,
) -> Result<Option<()>, DbErr> {
    let Some(found) = find(conn, consultation_id, id).await? else {
        return Ok(None);
    };
    let mut active: faq_entry::ActiveModel = found.into();
    active.published = Set(published);
    active.updated_at = Set(Utc::now());
    active.updated_by = Set(Some(staff_id));
    active.update(conn).await?;
    let action = if published {
        "faq.publish"
    } else {
        "faq.unpublish"
    };
    audit::record(conn, Some(staff_id), action, "faq_entry", id, None).await?;
    Ok(Some(()))
}

/// Deletes an entry for good; the audit log keeps its English question.
pub async fn delete(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    id: i32,
    staff_id: i32,
) -> Result<Option<()>, DbErr> {
    let Some(found) = find(conn, consultation_id, id).await? else {
        return Ok(None);
    };
    let question = found.question_en.clone();
    found.delete(conn).await?;
    audit::record(
        conn,
        Some(staff_id),
        "faq.delete",
        "faq_entry",
        id,
        Some(question),
    )
    .await?;
    Ok(Some(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_get_english_when_the_translation_is_missing() {
        let entry = faq_entry::Model {
            id: 1,
            consultation_id: 1,
            anchor: "a".into(),
            position: 1,
            question_en: "Q".into(),
            answer_en: "A".into(),
            question_es: "P".into(),
            answer_es: "R".into(),
            question_ru: String::new(),
            answer_ru: String::new(),
            published: true,
            updated_at: Utc::now(),
            updated_by: None,
        };
        assert_eq!(words_for(&entry, Locale::Es).2, Locale::Es);
        assert_eq!(
            words_for(&entry, Locale::Ru),
            ("Q".into(), "A".into(), Locale::En)
        );
    }
}
