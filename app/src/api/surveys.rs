//! Taking a survey: the list, the introduction, one step at a time under a draft token (question
//! pages, "about you", review) and the submission.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::status::SurveyStatus;
use crate::domain::survey::{Answers, Choice, SurveyPage};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identifies a browser for "one response per browser"; random, HttpOnly, nothing else in it.
pub const BROWSER_COOKIE: &str = "engage_browser";
/// Carries the respondent's own link from the submission to the thank-you page for a quarter
/// of an hour, so it is never in an address a shared computer keeps in its history.
pub const RESPONSE_LINK_COOKIE: &str = "engage_response_link";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub slug: String,
    /// The language title and audience are in (English when not translated).
    pub lang: String,
    pub title: String,
    pub audience: String,
    /// open, not_yet_open or closed.
    pub availability: String,
    pub closes_on: Option<String>,
    pub opens_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyIntro {
    pub summary: SurveySummary,
    /// Sanitised when saved.
    pub intro_html: String,
    pub already_answered: bool,
    pub ask_contact: bool,
    /// The signed stamp for the start form.
    pub form_stamp: String,
}

/// What one step shows: a page of questions, the "about you" page or the review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    Questions(SurveyPage),
    About {
        identities: Vec<Choice>,
        ask_contact: bool,
    },
    Review(Vec<ReviewItem>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub step: usize,
    pub prompt: String,
    pub answer: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyStep {
    pub slug: String,
    /// The language the questions are in (English when they are not translated).
    pub lang: String,
    pub title: String,
    pub step: usize,
    /// "Page n of total" counts the shown question pages and "about you".
    pub number: usize,
    pub total: usize,
    pub previous: Option<usize>,
    pub kind: StepKind,
    pub answers: Answers,
    /// The "about you" answers so far, by field name.
    pub about: BTreeMap<String, String>,
}

/// A survey's words for the reader: from its translation when there is a current one.
#[cfg(feature = "ssr")]
async fn words_for(
    state: &crate::backend::AppState,
    found: &crate::backend::entity::survey::Model,
) -> Result<crate::backend::services::translations::SurveyWords, AppError> {
    use crate::backend::services::translations::Localized;
    let words = Localized::load(&state.db, crate::i18n::resolve_locale()).await?;
    Ok(words.survey(
        found,
        &crate::backend::services::surveys::definition(found)?,
    ))
}

#[cfg(feature = "ssr")]
fn summary(
    found: &crate::backend::entity::survey::Model,
    words: &crate::backend::services::translations::SurveyWords,
) -> SurveySummary {
    use crate::backend::services::surveys::{Availability, availability};
    let locale = crate::i18n::resolve_locale();
    SurveySummary {
        slug: found.slug.clone(),
        lang: if words.title.is_some() || locale == crate::i18n::Locale::En {
            locale.code()
        } else {
            "en"
        }
        .to_string(),
        title: words.title.clone().unwrap_or_else(|| found.title.clone()),
        audience: words
            .audience
            .clone()
            .unwrap_or_else(|| found.audience.clone()),
        availability: match availability(found) {
            Availability::Open => "open",
            Availability::NotYetOpen => "not_yet_open",
            Availability::Closed => "closed",
        }
        .into(),
        closes_on: found.closes_at.map(|c| c.date_naive().to_string()),
        opens_on: found.opens_at.map(|o| o.date_naive().to_string()),
    }
}

#[cfg(feature = "ssr")]
async fn public_survey(
    state: &crate::backend::AppState,
    slug: &str,
) -> Result<crate::backend::entity::survey::Model, AppError> {
    use crate::backend::services::{content, surveys};
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    surveys::by_slug(&state.db, consultation.id, slug)
        .await?
        .filter(|s| s.status != SurveyStatus::Draft)
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "surveys/list")]
pub async fn list_surveys() -> Result<Vec<SurveySummary>, AppError> {
    use crate::backend::services::{content, surveys};
    let state = crate::backend::app_state()?;
    let Some(consultation) = content::current_consultation(&state.db).await? else {
        return Ok(Vec::new());
    };
    // The translations are read once for the whole list, not once per survey.
    let words = crate::backend::services::translations::Localized::load(
        &state.db,
        crate::i18n::resolve_locale(),
    )
    .await?;
    let mut summaries = Vec::new();
    for found in surveys::public_surveys(&state.db, consultation.id).await? {
        let definition = surveys::definition(&found)?;
        summaries.push(summary(&found, &words.survey(&found, &definition)));
    }
    Ok(summaries)
}

#[server(endpoint = "surveys/intro")]
pub async fn get_survey(slug: String) -> Result<SurveyIntro, AppError> {
    use crate::backend::{request, services::surveys};
    let state = crate::backend::app_state()?;
    let found = public_survey(&state, &slug).await?;
    let browser = request::cookie(BROWSER_COOKIE);
    let words = words_for(&state, &found).await?;
    Ok(SurveyIntro {
        already_answered: found.one_per_browser
            && surveys::already_answered(&state.db, found.id, browser.as_deref()).await?,
        intro_html: words
            .intro_html
            .clone()
            .unwrap_or_else(|| found.intro_html.clone()),
        ask_contact: found.ask_contact,
        form_stamp: state.stamps.issue(),
        summary: summary(&found, &words),
    })
}

#[server(endpoint = "surveys/start")]
pub async fn start_survey(
    slug: String,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::{Admission, IntakeFields};
    use crate::backend::services::surveys::{self, Availability};
    use crate::backend::{request, services};
    let state = crate::backend::app_state()?;
    let found = public_survey(&state, &slug).await?;
    if surveys::availability(&found) != Availability::Open {
        crate::backend::request::redirect(&format!("/surveys/{slug}"));
        return Ok(());
    }
    let browser = match request::cookie(BROWSER_COOKIE).filter(|b| b.len() >= 20 && b.len() <= 100)
    {
        Some(browser) => browser,
        None => {
            let browser = services::new_token();
            let secure = if state.portal.secure_cookies {
                "; Secure"
            } else {
                ""
            };
            request::append_header(
                http::header::SET_COOKIE,
                &format!(
                    "{BROWSER_COOKIE}={browser}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}"
                ),
            )?;
            browser
        }
    };
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    let locale = crate::i18n::resolve_locale().code();
    let Admission::Admitted(Ok(token)) =
        surveys::begin(&state, &found, &browser, &intake, locale).await?
    else {
        // Answered before from this browser, or a bot: back to the introduction.
        crate::backend::request::redirect(&format!("/surveys/{slug}"));
        return Ok(());
    };
    let definition = surveys::definition(&found)?;
    let first = definition
        .first_page(&Answers::new())
        .unwrap_or(definition.pages.len());
    crate::backend::request::redirect(&format!("/surveys/{slug}/answer/{token}?step={first}"));
    Ok(())
}

#[server(endpoint = "surveys/step")]
pub async fn get_survey_step(
    slug: String,
    token: String,
    step: usize,
) -> Result<SurveyStep, AppError> {
    use crate::backend::services::surveys;
    let state = crate::backend::app_state()?;
    let found = public_survey(&state, &slug).await?;
    let response = surveys::draft(&state.db, found.id, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let words = words_for(&state, &found).await?;
    // What the reader sees: the translated pages (same questions, same keys) or the English.
    let shown_pages = words
        .pages
        .clone()
        .unwrap_or_else(|| definition.pages.clone());
    let answers = surveys::answers_of(&response);
    let pages = definition.pages.len();
    let shown: Vec<usize> = (0..pages)
        .filter(|&i| definition.page_shown(i, &answers))
        .collect();
    // A page hidden by an earlier answer is skipped, also when its address is typed in.
    let step = if step < pages && !shown.contains(&step) {
        definition.next_page(step, &answers).unwrap_or(pages)
    } else {
        step.min(pages + 1)
    };
    let number = shown.iter().filter(|&&i| i < step).count() + 1;
    let previous = if step > pages {
        Some(pages)
    } else {
        definition.previous_page(step, &answers)
    };
    let kind = if step < pages {
        let mut page = shown_pages[step].clone();
        page.questions.retain(|q| !q.closed);
        StepKind::Questions(page)
    } else if step == pages {
        let words = crate::backend::services::translations::Localized::load(
            &state.db,
            crate::i18n::resolve_locale(),
        )
        .await?;
        StepKind::About {
            identities: definition
                .identities
                .iter()
                .map(|choice| crate::domain::survey::Choice {
                    key: choice.key.clone(),
                    label: words
                        .of("identity", &choice.key, "label", &choice.label)
                        .unwrap_or_else(|| choice.label.clone()),
                })
                .collect(),
            ask_contact: found.ask_contact,
        }
    } else {
        StepKind::Review(
            shown
                .iter()
                .flat_map(|&i| {
                    shown_pages[i]
                        .questions
                        .iter()
                        .filter(|q| !q.closed)
                        .map(move |q| (i, q))
                })
                .map(|(i, q)| ReviewItem {
                    step: i,
                    prompt: q.prompt.clone(),
                    answer: crate::backend::services::surveys::answer_text(q, &answers),
                })
                .collect(),
        )
    };
    let mut about = BTreeMap::new();
    for (field, value) in [
        ("stakeholder_group", response.stakeholder_group.clone()),
        ("stakeholder_other", response.stakeholder_other.clone()),
        ("zip", response.zip.clone()),
        ("contact_name", response.contact_name.clone()),
        ("contact_email", response.contact_email.clone()),
    ] {
        if let Some(value) = value {
            about.insert(field.to_string(), value);
        }
    }
    about.insert("identities".into(), response.identities.clone());
    let locale = crate::i18n::resolve_locale();
    Ok(SurveyStep {
        slug: found.slug.clone(),
        lang: if words.pages.is_some() || locale == crate::i18n::Locale::En {
            locale.code()
        } else {
            "en"
        }
        .to_string(),
        title: words.title.unwrap_or_else(|| found.title.clone()),
        step,
        number: number.min(shown.len() + 1),
        total: shown.len() + 1,
        previous,
        kind,
        answers,
        about,
    })
}

/// Saves a page of answers; `nav` "back" returns to the page before without checking this one.
#[server(endpoint = "surveys/page")]
pub async fn save_survey_page(
    slug: String,
    token: String,
    step: usize,
    #[server(default)] nav: String,
    #[server(default)] answers: BTreeMap<String, Vec<String>>,
    #[server(default)] rank: BTreeMap<String, BTreeMap<String, String>>,
    #[server(default)] other: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::backend::services::surveys;
    use crate::domain::survey::{PagePost, check_page};
    let state = crate::backend::app_state()?;
    let found = public_survey(&state, &slug).await?;
    let response = surveys::draft(&state.db, found.id, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let page = definition.pages.get(step).ok_or(AppError::NotFound)?;
    let post = PagePost {
        values: answers,
        ranks: rank,
        others: other,
    };
    let here = format!("/surveys/{slug}/answer/{token}");
    let checked = check_page(page, &post);
    if nav == "back" {
        // Going back keeps what is valid on this page; nothing is refused on the way back.
        let answers = match checked {
            Ok(page_answers) => {
                surveys::save_page(&state.db, response, &definition, step, page_answers).await?
            }
            Err(_) => surveys::answers_of(&response),
        };
        let previous = definition.previous_page(step, &answers).unwrap_or(step);
        crate::backend::request::redirect(&format!("{here}?step={previous}"));
        return Ok(());
    }
    let page_answers = checked.map_err(AppError::Invalid)?;
    let answers = surveys::save_page(&state.db, response, &definition, step, page_answers).await?;
    let next = definition
        .next_page(step, &answers)
        .unwrap_or(definition.pages.len());
    crate::backend::request::redirect(&format!("{here}?step={next}"));
    Ok(())
}

#[server(endpoint = "surveys/about")]
pub async fn save_survey_about(
    slug: String,
    token: String,
    #[server(default)] nav: String,
    #[server(default)] stakeholder_group: String,
    #[server(default)] stakeholder_other: String,
    #[server(default)] zip: String,
    #[server(default)] identities: Vec<String>,
    #[server(default)] contact_name: String,
    #[server(default)] contact_email: String,
) -> Result<(), AppError> {
    use crate::backend::services::surveys;
    let state = crate::backend::app_state()?;
    let found = public_survey(&state, &slug).await?;
    let response = surveys::draft(&state.db, found.id, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let definition = surveys::definition(&found)?;
    let form = surveys::AboutForm {
        stakeholder_group,
        stakeholder_other,
        zip,
        identities,
        contact_name,
        contact_email,
    };
    let here = format!("/surveys/{slug}/answer/{token}");
    let answers = surveys::answers_of(&response);
    let result = surveys::save_about(&state.db, response, &found, &definition, &form).await?;
    if nav == "back" {
        let previous = definition
            .previous_page(definition.pages.len(), &answers)
            .unwrap_or(0);
        crate::backend::request::redirect(&format!("{here}?step={previous}"));
        return Ok(());
    }
    result.map_err(AppError::Invalid)?;
    crate::backend::request::redirect(&format!("{here}?step={}", definition.pages.len() + 1));
    Ok(())
}

#[server(endpoint = "surveys/submit")]
pub async fn submit_survey(slug: String, token: String) -> Result<(), AppError> {
    use crate::backend::request;
    use crate::backend::services::surveys::{self, SubmitRefused};
    let state = crate::backend::app_state()?;
    let found = public_survey(&state, &slug).await?;
    let browser = request::cookie(BROWSER_COOKIE);
    match surveys::finish(&state, &found, &token, browser.as_deref()).await? {
        None => Err(AppError::NotFound),
        Some(Ok(submitted)) => {
            let secure = if state.portal.secure_cookies {
                "; Secure"
            } else {
                ""
            };
            request::append_header(
                http::header::SET_COOKIE,
                &format!(
                    "{RESPONSE_LINK_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=900{secure}",
                    submitted.manage_token
                ),
            )?;
            crate::backend::request::redirect(&format!(
                "/surveys/{slug}/thanks?ref={}",
                submitted.reference
            ));
            Ok(())
        }
        Some(Err(SubmitRefused::Incomplete(step))) => {
            crate::backend::request::redirect(&format!(
                "/surveys/{slug}/answer/{token}?step={step}&incomplete=1"
            ));
            Ok(())
        }
        Some(Err(SubmitRefused::Closed | SubmitRefused::AlreadyAnswered)) => {
            crate::backend::request::redirect(&format!("/surveys/{slug}"));
            Ok(())
        }
    }
}

/// The respondent's own link for the thank-you page, from the cookie the submission set.
#[server(endpoint = "surveys/your-link")]
pub async fn response_link() -> Result<Option<String>, AppError> {
    Ok(crate::backend::request::cookie(RESPONSE_LINK_COOKIE)
        .filter(|t| {
            t.len() <= 64
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(|token| format!("/your-response/{token}")))
}
