//! Taking a survey: a draft response under a secret token, saved page by page on the server (so
//! Back never loses answers and conditional pages work without JavaScript), then the "about you"
//! page, a review and the submission with a reference.
use crate::domain::status::{ResponseStatus, SurveyStatus};

pub mod builder;
mod pack;
pub mod paper;
mod paper_csv;
mod receive;
pub mod results;
mod review;
pub mod structure;
pub mod withdraw;

pub use pack::{SurveyPack, import_surveys, translation_locale};
pub use receive::{NotStarted, begin, finish};
pub use review::answer_text;

use super::{begin_write, new_token, sha256_hex};
use crate::backend::entity::{survey, survey_response};
use crate::domain::email::EmailAddress;
use crate::domain::stakeholder::StakeholderGroup;
use crate::domain::survey::{Answers, SurveyDefinition, other_key};
use crate::error::FormErrors;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

/// Whether a survey takes responses now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Open,
    NotYetOpen,
    Closed,
}

pub fn availability(found: &survey::Model) -> Availability {
    let now = Utc::now();
    if found.status != SurveyStatus::Open || found.closes_at.is_some_and(|c| c <= now) {
        Availability::Closed
    } else if found.opens_at.is_some_and(|o| o > now) {
        Availability::NotYetOpen
    } else {
        Availability::Open
    }
}

pub fn definition(found: &survey::Model) -> Result<SurveyDefinition, DbErr> {
    serde_json::from_str(&found.definition)
        .map_err(|e| DbErr::Custom(format!("survey {} definition: {e}", found.slug)))
}

pub fn answers_of(response: &survey_response::Model) -> Answers {
    serde_json::from_str(&response.answers).unwrap_or_default()
}

/// The surveys people can see (not drafts), in the order they were made.
pub async fn public_surveys(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<survey::Model>, DbErr> {
    survey::Entity::find()
        .filter(survey::Column::ConsultationId.eq(consultation_id))
        .filter(survey::Column::Status.ne(SurveyStatus::Draft))
        .order_by_asc(survey::Column::Id)
        .all(conn)
        .await
}

pub async fn by_slug(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    slug: &str,
) -> Result<Option<survey::Model>, DbErr> {
    survey::Entity::find()
        .filter(survey::Column::ConsultationId.eq(consultation_id))
        .filter(survey::Column::Slug.eq(slug))
        .one(conn)
        .await
}

fn browser_hash(browser: &str) -> String {
    sha256_hex(&["survey-browser", browser])
}

/// Whether this browser already sent a response to the survey.
pub async fn already_answered(
    conn: &impl ConnectionTrait,
    survey_id: i32,
    browser: Option<&str>,
) -> Result<bool, DbErr> {
    let Some(browser) = browser else {
        return Ok(false);
    };
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Submitted))
        .filter(survey_response::Column::BrowserHash.eq(browser_hash(browser)))
        .count(conn)
        .await?
        > 0)
}

/// Starts a draft response and returns its token (the key in the person's address bar).
pub async fn start(
    conn: &impl ConnectionTrait,
    found: &survey::Model,
    browser: &str,
    locale: &str,
) -> Result<String, DbErr> {
    let token = new_token();
    let now = Utc::now();
    survey_response::ActiveModel {
        survey_id: Set(found.id),
        reference: Set(None),
        draft_token_hash: Set(sha256_hex(&["survey-draft", &token])),
        browser_hash: Set(Some(browser_hash(browser))),
        status: Set(ResponseStatus::Draft),
        answers: Set("{}".into()),
        identities: Set(String::new()),
        locale: Set(locale.to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// The draft behind a token; a submitted response is no longer a draft.
pub async fn draft(
    conn: &impl ConnectionTrait,
    survey_id: i32,
    token: &str,
) -> Result<Option<survey_response::Model>, DbErr> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .filter(survey_response::Column::DraftTokenHash.eq(sha256_hex(&["survey-draft", token])))
        .filter(survey_response::Column::Status.eq(ResponseStatus::Draft))
        .one(conn)
        .await
}

/// Replaces the answers of one page's questions with `page_answers`.
pub async fn save_page(
    conn: &impl ConnectionTrait,
    response: survey_response::Model,
    definition: &SurveyDefinition,
    page: usize,
    page_answers: Answers,
) -> Result<Answers, DbErr> {
    let mut answers = answers_of(&response);
    if let Some(page) = definition.pages.get(page) {
        for question in &page.questions {
            answers.remove(&question.key);
            answers.remove(&other_key(&question.key));
        }
    }
    answers.extend(page_answers);
    let json = serde_json::to_string(&answers).map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut edited: survey_response::ActiveModel = response.into();
    edited.answers = Set(json);
    edited.updated_at = Set(Utc::now());
    edited.update(conn).await?;
    Ok(answers)
}

/// The closing "about you" page as it arrives.
#[derive(Clone, Debug, Default)]
pub struct AboutForm {
    pub stakeholder_group: String,
    pub stakeholder_other: String,
    pub zip: String,
    pub identities: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
}

pub fn keep_about(form: &AboutForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("stakeholder_group", &form.stakeholder_group),
        ("stakeholder_other", &form.stakeholder_other),
        ("zip", &form.zip),
        ("contact_name", &form.contact_name),
        ("contact_email", &form.contact_email),
    ] {
        errors.keep(field, value);
    }
    for code in &form.identities {
        errors.keep(&format!("identities_{code}"), "on");
    }
    errors
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The "about you" page once checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct About {
    pub stakeholder_group: Option<String>,
    pub stakeholder_other: Option<String>,
    pub zip: Option<String>,
    pub identities: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
}

/// Checks the "about you" page: a group is required, the rest is optional but must be valid.
pub fn check_about(
    found: &survey::Model,
    definition: &SurveyDefinition,
    form: &AboutForm,
) -> Result<About, FormErrors> {
    let mut errors = keep_about(form);
    let group = StakeholderGroup::parse(form.stakeholder_group.trim());
    if group.is_none() {
        errors.add("stakeholder_group", "field.stakeholder_group.required");
    }
    let group_other = optional(&form.stakeholder_other);
    if group == Some(StakeholderGroup::Other) && group_other.is_none() {
        errors.add("stakeholder_other", "field.stakeholder_other.required");
    }
    let zip = optional(&form.zip);
    if zip
        .as_deref()
        .is_some_and(|z| !crate::domain::zip::valid_zip(z))
    {
        errors.add("zip", "field.zip.invalid");
    }
    let mut identities: Vec<String> = Vec::new();
    for code in &form.identities {
        if !definition.identities.iter().any(|i| &i.key == code) {
            errors.add("identities", "field.accommodations.invalid");
        } else if !identities.contains(code) {
            identities.push(code.clone());
        }
    }
    let contact_email = if found.ask_contact {
        match optional(&form.contact_email) {
            None => None,
            Some(text) => match EmailAddress::parse(&text) {
                Ok(email) => Some(email.as_str().to_string()),
                Err(key) => {
                    errors.add("contact_email", key);
                    None
                }
            },
        }
    } else {
        None
    };
    let contact_name = optional(&form.contact_name)
        .filter(|_| found.ask_contact)
        .map(|n| n.chars().take(200).collect::<String>());
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(About {
        stakeholder_group: group.map(|g| g.as_str().to_string()),
        stakeholder_other: group_other.filter(|_| group == Some(StakeholderGroup::Other)),
        zip,
        identities: identities.join(","),
        contact_name,
        contact_email,
    })
}

/// Checks and stores the "about you" page.
pub async fn save_about(
    conn: &impl ConnectionTrait,
    response: survey_response::Model,
    found: &survey::Model,
    definition: &SurveyDefinition,
    form: &AboutForm,
) -> Result<Result<(), FormErrors>, DbErr> {
    let about = match check_about(found, definition, form) {
        Ok(about) => about,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut edited: survey_response::ActiveModel = response.into();
    edited.stakeholder_group = Set(about.stakeholder_group);
    edited.stakeholder_other = Set(about.stakeholder_other);
    edited.zip = Set(about.zip);
    edited.identities = Set(about.identities);
    edited.contact_name = Set(about.contact_name);
    edited.contact_email = Set(about.contact_email);
    edited.updated_at = Set(Utc::now());
    edited.update(conn).await?;
    Ok(Ok(()))
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SubmitRefused {
    #[error("the survey is closed")]
    Closed,
    #[error("this browser already answered")]
    AlreadyAnswered,
    /// A required question or the "about you" page is not answered yet: the step to go back to.
    #[error("step {0} is not complete")]
    Incomplete(usize),
}

/// The first step that still needs an answer, checking every shown page against the saved answers.
pub fn first_incomplete(
    definition: &SurveyDefinition,
    response: &survey_response::Model,
) -> Option<usize> {
    let answers = answers_of(response);
    for (index, page) in definition.pages.iter().enumerate() {
        if !definition.page_shown(index, &answers) {
            continue;
        }
        let missing = page
            .questions
            .iter()
            .filter(|q| q.required && !q.closed)
            .any(|q| !answers.contains_key(&q.key));
        if missing {
            return Some(index);
        }
    }
    response
        .stakeholder_group
        .is_none()
        .then_some(definition.pages.len())
}

/// A submitted response: its reference, and the respondent's own link (shown once, and emailed
/// when they left an address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub reference: String,
    pub manage_token: String,
}

/// Submits the draft: answers on pages that are no longer shown are dropped, the response gets
/// its reference and its own link, and the confirmation is queued, all in one transaction.
pub async fn submit<C>(
    db: &C,
    found: &survey::Model,
    token: &str,
    browser: Option<&str>,
    ctx: &crate::backend::MailContext,
) -> Result<Option<Result<Submitted, SubmitRefused>>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    if availability(found) != Availability::Open {
        return Ok(Some(Err(SubmitRefused::Closed)));
    }
    let definition = definition(found)?;
    let txn = begin_write(db).await?;
    let Some(response) = draft(&txn, found.id, token).await? else {
        return Ok(None);
    };
    if found.one_per_browser && already_answered(&txn, found.id, browser).await? {
        return Ok(Some(Err(SubmitRefused::AlreadyAnswered)));
    }
    if let Some(step) = first_incomplete(&definition, &response) {
        return Ok(Some(Err(SubmitRefused::Incomplete(step))));
    }
    let mut answers = answers_of(&response);
    for (index, page) in definition.pages.iter().enumerate() {
        if !definition.page_shown(index, &answers) {
            for question in &page.questions {
                answers.remove(&question.key);
                answers.remove(&other_key(&question.key));
            }
        }
    }
    let reference = format!("{}-S-{:05}", ctx.reference_prefix, response.id);
    let contact = response.contact_email.clone();
    let locale = crate::i18n::Locale::from_code(&response.locale).unwrap_or_default();
    let mut edited: survey_response::ActiveModel = response.into();
    edited.answers =
        Set(serde_json::to_string(&answers).map_err(|e| DbErr::Custom(e.to_string()))?);
    edited.status = Set(ResponseStatus::Submitted);
    edited.reference = Set(Some(reference.clone()));
    edited.submitted_at = Set(Some(Utc::now()));
    edited.updated_at = Set(Utc::now());
    // A new key: the drafting link may sit in a shared computer's history, and stops here.
    let manage_token = new_token();
    edited.manage_token_hash = Set(Some(withdraw::token_hash(&manage_token)));
    let submitted = edited.update(&txn).await?;
    super::search::index_response(&txn, found, &submitted).await?;
    if let Some(address) = contact {
        let manage = format!("{}/your-response/{manage_token}", ctx.public_url);
        let args = [
            ("reference", reference.as_str()),
            ("survey", found.title.as_str()),
            ("manage", manage.as_str()),
        ];
        let message = super::outbox::resident_email(
            locale,
            &address,
            "survey-received",
            "mail.survey_received",
            &args,
            ctx,
        );
        super::outbox::enqueue(&txn, message, &ctx.message_id_host).await?;
    }
    txn.commit().await?;
    Ok(Some(Ok(Submitted {
        reference,
        manage_token,
    })))
}
