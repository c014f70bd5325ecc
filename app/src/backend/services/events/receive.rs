//! The public RSVP form's one entry point: the intake gate, then the seat or waitlist place and
//! its email in one transaction.

use super::{RsvpForm, RsvpRefused, check, keep_all, rsvp};
use crate::backend::AppState;
use crate::backend::entity::event;
use crate::backend::intake::{Admission, Gate, IntakeFields, Started, admit, client_key};
use crate::backend::services::rate_limit::{RSVP_PER_EMAIL, RSVP_PER_IP};
use crate::error::AppError;
use crate::i18n::Locale;

/// The manage-link token of the new RSVP.
pub async fn receive_rsvp(
    state: &AppState,
    meeting: &event::Model,
    form: &RsvpForm,
    intake: &IntakeFields,
    locale: Locale,
) -> Result<Admission<String>, AppError> {
    let checked = check(form, locale);
    let mut limits = vec![(&RSVP_PER_IP, client_key())];
    if let Ok(new) = &checked {
        limits.push((&RSVP_PER_EMAIL, new.email.as_str().to_string()));
    }
    let gate = Gate {
        form: "rsvp",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "name",
        duplicate: false,
        limits,
    };
    let Admission::Admitted(new) = admit(state, gate, checked, keep_all(form)).await? else {
        return Ok(Admission::Dropped);
    };
    match rsvp(&state.db, meeting.id, &new, &state.mail).await? {
        Ok(placed) => {
            tracing::info!(rsvp = placed.rsvp.id, "rsvp received");
            Ok(Admission::Admitted(placed.token))
        }
        Err(RsvpRefused::NotFound) => Err(AppError::NotFound),
        Err(RsvpRefused::Closed) => {
            let mut errors = keep_all(form);
            errors.add("party_size", "events.closed.deadline");
            Err(AppError::Invalid(errors))
        }
    }
}
