//! The search index of what people wrote: one `feedback_item` per comment, written survey answer
//! and inquiry. Each is written in the transaction that writes its source and deleted, with its
//! themes, when the source's text is erased; the database indexes it in the same write (FTS5
//! triggers on SQLite, a generated `tsvector` on PostgreSQL).

pub mod query;
pub mod words;

use crate::backend::entity::{
    comment, feedback_item, inquiry, section, survey, survey_response, theme_dismissal, theme_tag,
};
use crate::domain::feedback::FeedbackKind;
use crate::domain::status::ResponseStatus;
use crate::domain::survey::other_key;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QuerySelect,
};

/// What one item says and about whom, before it is stored.
struct Entry {
    consultation_id: i32,
    kind: FeedbackKind,
    source_id: i32,
    question_key: String,
    section_id: Option<i32>,
    survey_id: Option<i32>,
    stakeholder_group: String,
    channel: String,
    language: String,
    created_at: chrono::DateTime<chrono::Utc>,
    body: String,
}

async fn store(conn: &impl ConnectionTrait, entry: Entry) -> Result<(), DbErr> {
    let stems = words::stems(&entry.language, &entry.body);
    let existing = feedback_item::Entity::find()
        .filter(feedback_item::Column::Kind.eq(entry.kind.as_str()))
        .filter(feedback_item::Column::SourceId.eq(entry.source_id))
        .filter(feedback_item::Column::QuestionKey.eq(entry.question_key.as_str()))
        .one(conn)
        .await?;
    if let Some(found) = existing {
        // Kept, not replaced: its themes stay on it.
        let mut changed: feedback_item::ActiveModel = found.into();
        changed.body = Set(entry.body);
        changed.stems = Set(stems);
        changed.update(conn).await?;
        return Ok(());
    }
    feedback_item::ActiveModel {
        consultation_id: Set(entry.consultation_id),
        kind: Set(entry.kind.as_str().to_string()),
        source_id: Set(entry.source_id),
        question_key: Set(entry.question_key),
        section_id: Set(entry.section_id),
        survey_id: Set(entry.survey_id),
        stakeholder_group: Set(entry.stakeholder_group),
        channel: Set(entry.channel),
        language: Set(entry.language),
        created_at: Set(entry.created_at),
        body: Set(entry.body),
        stems: Set(stems),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Indexes a comment (online or keyed in from an offline channel).
pub async fn index_comment(
    conn: &impl ConnectionTrait,
    found: &comment::Model,
    consultation_id: i32,
) -> Result<(), DbErr> {
    if found.body.trim().is_empty() {
        return Ok(());
    }
    store(
        conn,
        Entry {
            consultation_id,
            kind: FeedbackKind::Comment,
            source_id: found.id,
            question_key: String::new(),
            section_id: Some(found.section_id),
            survey_id: None,
            stakeholder_group: found.stakeholder_group.clone(),
            channel: found.channel.clone(),
            language: found.locale.clone(),
            created_at: found.created_at,
            body: found.body.clone(),
        },
    )
    .await
}

/// Indexes every written answer of a submitted response: text questions and "other" texts.
pub async fn index_response(
    conn: &impl ConnectionTrait,
    found: &survey::Model,
    response: &survey_response::Model,
) -> Result<(), DbErr> {
    let definition = crate::backend::services::surveys::definition(found)?;
    let answers = crate::backend::services::surveys::answers_of(response);
    for question in definition.pages.iter().flat_map(|p| p.questions.iter()) {
        let mut keys = Vec::new();
        if matches!(
            question.kind,
            crate::domain::survey::QuestionKind::ShortText { .. }
                | crate::domain::survey::QuestionKind::LongText { .. }
        ) {
            keys.push(question.key.clone());
        }
        if question.kind.has_other() {
            keys.push(other_key(&question.key));
        }
        for key in keys {
            let Some(text) = answers
                .get(&key)
                .and_then(|values| values.first())
                .filter(|t| !t.trim().is_empty())
            else {
                continue;
            };
            store(
                conn,
                Entry {
                    consultation_id: found.consultation_id,
                    kind: FeedbackKind::SurveyAnswer,
                    source_id: response.id,
                    question_key: key,
                    section_id: None,
                    survey_id: Some(found.id),
                    stakeholder_group: response.stakeholder_group.clone().unwrap_or_default(),
                    channel: response.channel.clone(),
                    language: response.locale.clone(),
                    created_at: response.submitted_at.unwrap_or(response.updated_at),
                    body: text.clone(),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Indexes an inquiry under the current consultation.
pub async fn index_inquiry(
    conn: &impl ConnectionTrait,
    found: &inquiry::Model,
) -> Result<(), DbErr> {
    if found.message.trim().is_empty() {
        return Ok(());
    }
    let Some(consultation) = crate::backend::services::content::current_consultation(conn).await?
    else {
        return Ok(());
    };
    store(
        conn,
        Entry {
            consultation_id: consultation.id,
            kind: FeedbackKind::Inquiry,
            source_id: found.id,
            question_key: String::new(),
            section_id: None,
            survey_id: None,
            stakeholder_group: found.stakeholder_group.clone(),
            channel: "online".into(),
            language: found.locale.clone(),
            created_at: found.created_at,
            body: found.message.clone(),
        },
    )
    .await
}

/// Removes a source's items, their themes and turned-down suggestions (its text was erased).
pub async fn forget(
    conn: &impl ConnectionTrait,
    kind: FeedbackKind,
    source_id: i32,
) -> Result<(), DbErr> {
    let ids: Vec<i32> = feedback_item::Entity::find()
        .select_only()
        .column(feedback_item::Column::Id)
        .filter(feedback_item::Column::Kind.eq(kind.as_str()))
        .filter(feedback_item::Column::SourceId.eq(source_id))
        .into_tuple()
        .all(conn)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    theme_tag::Entity::delete_many()
        .filter(theme_tag::Column::ItemId.is_in(ids.clone()))
        .exec(conn)
        .await?;
    theme_dismissal::Entity::delete_many()
        .filter(theme_dismissal::Column::ItemId.is_in(ids.clone()))
        .exec(conn)
        .await?;
    feedback_item::Entity::delete_many()
        .filter(feedback_item::Column::Id.is_in(ids))
        .exec(conn)
        .await?;
    Ok(())
}

/// The ids of a kind's sources already indexed, as a subquery.
fn indexed(kind: FeedbackKind) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(feedback_item::Column::SourceId)
        .from(feedback_item::Entity)
        .and_where(feedback_item::Column::Kind.eq(kind.as_str()))
        .to_owned()
}

/// Indexes whatever was written before the index existed (or by an older version of the portal
/// during an upgrade); run at start. Returns how many sources it indexed.
pub async fn backfill<C>(db: &C) -> Result<u64, DbErr>
where
    C: ConnectionTrait + sea_orm::TransactionTrait,
{
    use sea_orm::TransactionSession;
    let txn = crate::backend::services::begin_write(db).await?;
    let mut count = 0;
    let sections: Vec<(i32, i32)> = section::Entity::find()
        .select_only()
        .column(section::Column::Id)
        .column(section::Column::ConsultationId)
        .into_tuple()
        .all(&txn)
        .await?;
    let comments = comment::Entity::find()
        .filter(comment::Column::Body.ne(""))
        .filter(comment::Column::Id.not_in_subquery(indexed(FeedbackKind::Comment)))
        .all(&txn)
        .await?;
    for found in &comments {
        if let Some((_, consultation_id)) = sections.iter().find(|(id, _)| *id == found.section_id)
        {
            index_comment(&txn, found, *consultation_id).await?;
            count += 1;
        }
    }
    let surveys = survey::Entity::find().all(&txn).await?;
    let responses = survey_response::Entity::find()
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(survey_response::Column::Id.not_in_subquery(indexed(FeedbackKind::SurveyAnswer)))
        .all(&txn)
        .await?;
    for response in &responses {
        if let Some(found) = surveys.iter().find(|s| s.id == response.survey_id) {
            index_response(&txn, found, response).await?;
            count += 1;
        }
    }
    let inquiries = inquiry::Entity::find()
        .filter(inquiry::Column::Message.ne(""))
        .filter(inquiry::Column::Id.not_in_subquery(indexed(FeedbackKind::Inquiry)))
        .all(&txn)
        .await?;
    for found in &inquiries {
        index_inquiry(&txn, found).await?;
        count += 1;
    }
    txn.commit().await?;
    Ok(count)
}
