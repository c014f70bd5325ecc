//! The public "What we heard" pages: who took part, the themes raised by each group, the survey
//! results the City published, its official replies and what changed, for the consultation or one
//! section. Every count under k is withheld (`None`, read "fewer than k"); free text never appears.

use crate::api::transparency::GroupLine;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A section as the pages link to it, in the reader's language when translated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRef {
    pub slug: String,
    pub title: String,
    /// The language of `title`.
    pub lang: String,
}

/// Comments on a section through one channel from one group; `None` when fewer than k.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCount {
    pub group: String,
    pub channel: String,
    pub count: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeCount {
    pub theme: String,
    /// Inputs of the group carrying the theme; `None` when fewer than k.
    pub count: Option<i64>,
}

/// The themes a stakeholder group raised most, the most frequent first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupThemes {
    pub group: String,
    pub themes: Vec<ThemeCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerResult {
    pub key: String,
    pub label: String,
    pub count: u64,
    /// Of the people who answered the question.
    pub percent: f64,
    /// Ranking questions: the average place given (1 is first).
    pub average_rank: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub key: String,
    pub prompt: String,
    pub kind: String,
    /// `None` when fewer than k answered: the question's numbers are then withheld.
    pub answered: Option<u64>,
    pub answers: Vec<AnswerResult>,
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyResult {
    pub slug: String,
    pub title: String,
    /// The language of the title, prompts and answers.
    pub lang: String,
    /// `None` when fewer than k responded: the whole survey's numbers are then withheld.
    pub respondents: Option<u64>,
    pub questions: Vec<QuestionResult>,
}

/// A published comment with the City's official reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialResponse {
    pub section: SectionRef,
    pub group: String,
    pub comment: String,
    /// The language the comment was written in.
    pub comment_lang: String,
    /// The City's replies, oldest first: (ISO date, text).
    pub replies: Vec<(String, String)>,
}

/// A change the City explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub section: SectionRef,
    pub version: i32,
    /// ISO date.
    pub published_on: String,
    pub explanation: String,
    pub explanation_lang: String,
    pub comments: i64,
    pub themes: Vec<String>,
}

/// A version of a section published since the consultation opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionLine {
    pub section: SectionRef,
    pub version: i32,
    /// ISO date.
    pub published_on: String,
}

/// A section on the consultation's page, with the comments it received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLine {
    pub section: SectionRef,
    pub comments: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatWeHeardView {
    pub consultation: String,
    /// Who official replies are from ("City of West Hollywood").
    pub city: String,
    /// ISO dates of the comment period.
    pub opens_on: String,
    pub closes_on: String,
    /// The section of a section's page; `None` for the whole consultation.
    pub section: Option<SectionRef>,
    pub k: u64,
    /// Every channel per group (the consultation's page only).
    pub participation: Vec<GroupLine>,
    /// Comments by group and the channel they came through.
    pub comments_by_channel: Vec<ChannelCount>,
    pub themes: Vec<GroupThemes>,
    /// Published survey results (the consultation's page only).
    pub surveys: Vec<SurveyResult>,
    pub responses: Vec<OfficialResponse>,
    pub responses_total: u64,
    /// Zero-based page of `responses`, and how many pages there are.
    pub responses_page: u64,
    pub responses_pages: u64,
    pub changes: Vec<ChangeLine>,
    pub versions: Vec<VersionLine>,
    /// Every section of the consultation, for links.
    pub sections: Vec<SectionLine>,
}

#[server(endpoint = "what-we-heard")]
pub async fn what_we_heard() -> Result<WhatWeHeardView, AppError> {
    use crate::backend::services::{content, what_we_heard};
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let locale = crate::i18n::resolve_locale();
    what_we_heard::report(
        &state.db,
        &consultation,
        None,
        locale,
        state.portal.small_cell_k,
        0,
    )
    .await
}

#[server(endpoint = "what-we-heard/section")]
pub async fn what_we_heard_section(
    slug: String,
    page: Option<u64>,
) -> Result<WhatWeHeardView, AppError> {
    use crate::backend::services::{content, strategy, what_we_heard};
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let section = strategy::sections(&state.db, consultation.id)
        .await?
        .into_iter()
        .find(|s| s.slug == slug)
        .ok_or(AppError::NotFound)?;
    let locale = crate::i18n::resolve_locale();
    what_we_heard::report(
        &state.db,
        &consultation,
        Some(&section),
        locale,
        state.portal.small_cell_k,
        // A hostile page number can neither overflow the offset nor make the database skip far.
        page.unwrap_or(1).clamp(1, 10_000) - 1,
    )
    .await
}

/// Whether a survey's results are on the public pages, for the staff results page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub published: bool,
    /// ISO date.
    pub published_on: Option<String>,
    pub can_publish: bool,
    pub k: u64,
}

#[server(endpoint = "staff/surveys/publication")]
pub async fn survey_publication(id: i32) -> Result<Publication, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::survey;
    use crate::domain::Permission;
    use sea_orm::EntityTrait;
    let user = require(Permission::Analyse).await?;
    let state = crate::backend::app_state()?;
    let found = survey::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Publication {
        published: found.results_published,
        published_on: found
            .results_published_at
            .filter(|_| found.results_published)
            .map(|at| at.date_naive().to_string()),
        can_publish: user.can(Permission::EditContent),
        k: state.portal.small_cell_k,
    })
}

/// Puts a survey's results on the public pages (`publish` "1") or takes them off; audited.
#[server(endpoint = "staff/surveys/publish-results")]
pub async fn publish_survey_results(id: i32, publish: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::what_we_heard;
    use crate::domain::Permission;
    let staff_id = require(Permission::EditContent).await?.staff_id;
    let state = crate::backend::app_state()?;
    let publish = publish == "1";
    what_we_heard::set_results_published(&state.db, id, publish, staff_id, &state.mail)
        .await?
        .ok_or(AppError::NotFound)?;
    let outcome = if publish { "published" } else { "unpublished" };
    crate::backend::request::redirect(&format!(
        "/staff/surveys/{id}/results?publication={outcome}"
    ));
    Ok(())
}
