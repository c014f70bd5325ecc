//! Storing the pack's timeline and FAQ: once for a consultation that has neither, and the
//! timeline again on `engage content import` (staff never edit it; the FAQ is theirs).

use super::super::content::ConsultationPack;
use super::super::translations::upsert;
use super::pack::TimelineStepPack;
use crate::backend::entity::{faq_entry, timeline_step};
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

/// Imports the pack's timeline and FAQ into a consultation that has neither: on its first import,
/// or once for a database from before they existed. A consultation with either keeps what it has,
/// so staff edits to the FAQ (deleting every entry included) are never undone by a restart.
pub async fn import_once(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    pack: &ConsultationPack,
) -> Result<(), DbErr> {
    let steps = timeline_step::Entity::find()
        .filter(timeline_step::Column::ConsultationId.eq(consultation_id))
        .count(conn)
        .await?;
    let questions = faq_entry::Entity::find()
        .filter(faq_entry::Column::ConsultationId.eq(consultation_id))
        .count(conn)
        .await?;
    if steps > 0 || questions > 0 {
        return Ok(());
    }
    insert_steps(conn, consultation_id, &pack.timeline).await?;
    for (position, question) in (1..).zip(&pack.faq) {
        let words = |locale: Locale| {
            question
                .translations
                .iter()
                .find(|(l, _)| *l == locale)
                .map(|(_, t)| (t.question.trim().to_string(), t.answer.trim().to_string()))
                .unwrap_or_default()
        };
        let (question_es, answer_es) = words(Locale::Es);
        let (question_ru, answer_ru) = words(Locale::Ru);
        faq_entry::ActiveModel {
            consultation_id: Set(consultation_id),
            anchor: Set(question.key.clone()),
            position: Set(position),
            question_en: Set(question.question.trim().to_string()),
            answer_en: Set(question.answer.trim().to_string()),
            question_es: Set(question_es),
            answer_es: Set(answer_es),
            question_ru: Set(question_ru),
            answer_ru: Set(answer_ru),
            published: Set(true),
            updated_at: Set(Utc::now()),
            updated_by: Set(None),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// `engage content import`: the timeline replaced by the pack's (staff do not edit it).
pub async fn reimport_timeline(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    pack: &ConsultationPack,
) -> Result<(), DbErr> {
    timeline_step::Entity::delete_many()
        .filter(timeline_step::Column::ConsultationId.eq(consultation_id))
        .exec(conn)
        .await?;
    insert_steps(conn, consultation_id, &pack.timeline).await
}

async fn insert_steps(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    steps: &[TimelineStepPack],
) -> Result<(), DbErr> {
    for (position, step) in (1..).zip(steps) {
        let links = serde_json::to_string(&step.links).unwrap_or_else(|_| "[]".into());
        let what_happened = step.what_happened.trim().to_string();
        let summary = step.summary.trim().to_string();
        timeline_step::ActiveModel {
            consultation_id: Set(consultation_id),
            key: Set(step.key.clone()),
            position: Set(position),
            title: Set(step.title.trim().to_string()),
            summary: Set(summary.clone()),
            what_happened: Set(what_happened.clone()),
            starts_on: Set(step.starts_on),
            ends_on: Set(step.ends_on),
            phase_dates: Set(step.phase_dates),
            status: Set(step.status.map(|s| s.as_str().to_string())),
            links: Set(links),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        for (locale, words) in &step.translations {
            let mut fields = vec![
                ("title".to_string(), words.title.trim(), step.title.trim()),
                (
                    "summary".to_string(),
                    words.summary.trim(),
                    summary.as_str(),
                ),
                (
                    "what_happened".to_string(),
                    words.what_happened.trim(),
                    what_happened.as_str(),
                ),
            ];
            for (n, (label, link)) in words.links.iter().zip(&step.links).enumerate() {
                fields.push((format!("link.{n}"), label.trim(), link.label.trim()));
            }
            for (field, text, english) in fields {
                if !text.is_empty() {
                    upsert(
                        conn,
                        *locale,
                        super::STEP_SUBJECT,
                        &step.key,
                        &field,
                        text,
                        english,
                    )
                    .await?;
                }
            }
        }
    }
    Ok(())
}
