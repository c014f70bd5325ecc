//! Paper survey responses keyed in by staff, one form at a time or as a CSV batch made from a
//! template: the same questions and the same checks as online, stored as submitted responses on
//! the paper channel with who entered them; a batch goes in whole or not at all.

use super::{About, AboutForm, check_about};
use crate::backend::entity::{survey, survey_response};
use crate::backend::services::{audit, begin_write, new_token, search, sha256_hex};
use crate::domain::status::ResponseStatus;
use crate::domain::survey::{Answers, PagePost, SurveyDefinition, check_page, keep_page};
use crate::error::FormErrors;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, TransactionSession,
    TransactionTrait,
};

/// The channel a keyed-in paper response is counted under (as offline comments are).
pub const PAPER: &str = "paper_form";

/// One paper form once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperResponse {
    pub answers: Answers,
    pub about: About,
    pub locale: String,
}

/// Checks a paper form: every page its answers lead to, as online, then the "about you" part.
/// Every problem at once, with the whole input kept.
pub fn check_entry(
    found: &survey::Model,
    definition: &SurveyDefinition,
    post: &PagePost,
    about: &AboutForm,
    locale: &str,
) -> Result<PaperResponse, FormErrors> {
    let mut errors = super::keep_about(about);
    errors.keep("language", locale);
    let mut answers = Answers::new();
    for (index, page) in definition.pages.iter().enumerate() {
        let kept = keep_page(page, post);
        errors.kept.extend(kept.kept);
        if !definition.page_shown(index, &answers) {
            continue;
        }
        match check_page(page, post) {
            Ok(page_answers) => answers.extend(page_answers),
            Err(page_errors) => errors.fields.extend(page_errors.fields),
        }
    }
    if crate::i18n::Locale::from_code(locale).is_none_or(|l| l.code() != locale) {
        errors.add("language", "paper.error.language");
    }
    match check_about(found, definition, about) {
        Ok(about) if errors.is_empty() => Ok(PaperResponse {
            answers,
            about,
            locale: locale.to_string(),
        }),
        Ok(_) => Err(errors),
        Err(about_errors) => {
            errors.fields.extend(about_errors.fields);
            Err(errors)
        }
    }
}

/// Stores checked paper responses as submitted, each with its reference, indexed for search, in
/// one transaction with one audit row; returns the references.
pub async fn store<C>(
    db: &C,
    found: &survey::Model,
    responses: &[PaperResponse],
    staff_id: i32,
    reference_prefix: &str,
) -> Result<Vec<String>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let mut references = Vec::with_capacity(responses.len());
    let now = Utc::now();
    for response in responses {
        let about = response.about.clone();
        let inserted = survey_response::ActiveModel {
            survey_id: Set(found.id),
            reference: Set(None),
            // Nobody drafts a paper response online: a random token nobody holds.
            draft_token_hash: Set(sha256_hex(&["survey-paper", &new_token()])),
            browser_hash: Set(None),
            status: Set(ResponseStatus::Submitted),
            answers: Set(serde_json::to_string(&response.answers)
                .map_err(|e| DbErr::Custom(e.to_string()))?),
            stakeholder_group: Set(about.stakeholder_group),
            stakeholder_other: Set(about.stakeholder_other),
            zip: Set(about.zip),
            identities: Set(about.identities),
            contact_name: Set(about.contact_name),
            contact_email: Set(about.contact_email),
            locale: Set(response.locale.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            submitted_at: Set(Some(now)),
            manage_token_hash: Set(None),
            channel: Set(PAPER.into()),
            entered_by: Set(Some(staff_id)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let reference = format!("{reference_prefix}-S-{:05}", inserted.id);
        let mut edited: survey_response::ActiveModel = inserted.into();
        edited.reference = Set(Some(reference.clone()));
        let stored = edited.update(&txn).await?;
        search::index_response(&txn, found, &stored).await?;
        if responses.len() == 1 {
            audit::record(
                &txn,
                Some(staff_id),
                "survey.paper_entered",
                "survey_response",
                stored.id,
                Some(reference.clone()),
            )
            .await?;
        }
        references.push(reference);
    }
    if responses.len() > 1 {
        audit::record(
            &txn,
            Some(staff_id),
            "survey.paper_imported",
            "survey",
            found.id,
            Some(format!("{} responses", responses.len())),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(references)
}

pub use super::paper_csv::{ImportProblem, read_batch, template_columns, template_csv};
