//! Taking a survey from the public side: starting a draft and submitting it, each through the
//! intake gate (the start is timed from the introduction's stamp; both are rate-limited).

use super::{SubmitRefused, already_answered, start, submit};
use crate::backend::AppState;
use crate::backend::entity::survey;
use crate::backend::intake::{Admission, Gate, IntakeFields, Started, admit, client_key};
use crate::backend::services::rate_limit::{SURVEY_START_PER_IP, SURVEY_SUBMIT_PER_IP};
use crate::error::{AppError, FormErrors};

/// Why no draft was started.
#[derive(Debug, PartialEq, Eq)]
pub enum NotStarted {
    AlreadyAnswered,
}

/// A new draft for this browser; its token is the key to the answers.
pub async fn begin(
    state: &AppState,
    found: &survey::Model,
    browser: &str,
    intake: &IntakeFields,
    locale: &str,
) -> Result<Admission<Result<String, NotStarted>>, AppError> {
    if found.one_per_browser && already_answered(&state.db, found.id, Some(browser)).await? {
        return Ok(Admission::Admitted(Err(NotStarted::AlreadyAnswered)));
    }
    let gate = Gate {
        form: "survey_start",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "start",
        duplicate: false,
        limits: vec![(&SURVEY_START_PER_IP, client_key())],
    };
    let no_fields = FormErrors::default();
    if let Admission::Dropped = admit(state, gate, Ok(()), no_fields).await? {
        return Ok(Admission::Dropped);
    }
    let token = start(&state.db, found, browser, locale).await?;
    Ok(Admission::Admitted(Ok(token)))
}

/// The draft behind `token` as a response, with its reference; `None` for an unknown token.
pub async fn finish(
    state: &AppState,
    found: &survey::Model,
    token: &str,
    browser: Option<&str>,
) -> Result<Option<Result<super::Submitted, SubmitRefused>>, AppError> {
    let gate = Gate {
        form: "survey_submit",
        honeypot: "",
        started: Started::CheckedEarlier,
        field: "submit",
        duplicate: false,
        limits: vec![(&SURVEY_SUBMIT_PER_IP, client_key())],
    };
    admit(state, gate, Ok(()), FormErrors::default()).await?;
    let submitted = submit(&state.db, found, token, browser, &state.mail).await?;
    if let Some(Ok(_)) = &submitted {
        tracing::info!(survey = found.id, "survey response submitted");
    }
    Ok(submitted)
}
