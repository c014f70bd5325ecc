//! Saving one builder change: the survey is read again inside the write transaction (two editors
//! never overwrite each other), the change is applied, checked against the answers already given,
//! stored and audited together.

use super::builder::{answered_keys, breaks_answers};
use super::definition;
use crate::backend::entity::survey;
use crate::backend::services::{audit, begin_write};
use crate::domain::status::SurveyStatus;
use crate::domain::survey::build::{Change, Touched, apply};
use crate::error::FormErrors;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    TransactionSession, TransactionTrait,
};

/// Applies `change` to survey `survey_id`; `Ok(Err(..))` carries the field errors (nothing saved),
/// `Ok(Ok(None))` means the survey is gone.
pub async fn change<C>(
    db: &C,
    survey_id: i32,
    change: &Change,
    staff_id: i32,
) -> Result<Result<Option<Touched>, FormErrors>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(found) = survey::Entity::find_by_id(survey_id).one(&txn).await? else {
        return Ok(Ok(None));
    };
    let old = definition(&found)?;
    let (new, touched) = match apply(&old, change) {
        Ok(applied) => applied,
        Err(errors) => return Ok(Err(errors)),
    };
    let problems = new.problems();
    let broken = breaks_answers(&old, &new, &answered_keys(&txn, found.id).await?);
    if !problems.is_empty() || !broken.is_empty() {
        let mut errors = FormErrors::default();
        let message = if broken.is_empty() {
            "builder.error.structure"
        } else {
            "builder.error.answered"
        };
        errors.add("structure", message);
        return Ok(Err(errors));
    }
    let json = serde_json::to_string(&new).map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut edited: survey::ActiveModel = found.clone().into();
    edited.definition = Set(json);
    edited.updated_at = Set(Utc::now());
    edited.update(&txn).await?;
    let detail = match &touched {
        Touched::Page(page) => format!("page {}", page + 1),
        Touched::Question(key) => key.clone(),
    };
    audit::record(
        &txn,
        Some(staff_id),
        change.audit_action(),
        "survey",
        found.id,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(Some(touched)))
}

/// A copy of a survey as a new draft: the same settings, pages and questions, none of the
/// responses, a slug of its own and no dates.
pub async fn duplicate<C>(
    db: &C,
    found: &survey::Model,
    staff_id: i32,
) -> Result<survey::Model, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    use sea_orm::ColumnTrait;
    let txn = begin_write(db).await?;
    let base = format!("{}-copy", found.slug);
    // The first of base, base-2, base-3... that no survey has (a title may end in "copy 2").
    let taken: Vec<String> = survey::Entity::find()
        .filter(survey::Column::Slug.starts_with(&base))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.slug)
        .collect();
    let slug = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base);
    let now = Utc::now();
    let copy = survey::ActiveModel {
        consultation_id: Set(found.consultation_id),
        slug: Set(slug),
        title: Set(format!("{} (copy)", found.title)),
        intro_markdown: Set(found.intro_markdown.clone()),
        intro_html: Set(found.intro_html.clone()),
        audience: Set(found.audience.clone()),
        opens_at: Set(None),
        closes_at: Set(None),
        status: Set(SurveyStatus::Draft),
        ask_contact: Set(found.ask_contact),
        one_per_browser: Set(found.one_per_browser),
        definition: Set(found.definition.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(staff_id),
        "survey.duplicated",
        "survey",
        copy.id,
        Some(format!("from survey {}", found.id)),
    )
    .await?;
    txn.commit().await?;
    Ok(copy)
}
