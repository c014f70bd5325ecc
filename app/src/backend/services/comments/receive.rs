//! The public side of comments in one place each: a comment on the draft and a reader's report,
//! both through the intake gate before anything is stored.

use super::{CommentForm, check, keep_all, seen_recently, submit, text_hash};
use crate::backend::AppState;
use crate::backend::entity::{consultation, section, section_version};
use crate::backend::intake::{Admission, Gate, IntakeFields, Started, admit, client_key};
use crate::backend::services::rate_limit::{COMMENT_PER_EMAIL, COMMENT_PER_IP, REPORT_PER_IP};
use crate::backend::services::{content, strategy};
use crate::domain::comment::{MAX_REPORT_NOTE_CHARS, REPORT_REASONS};
use crate::error::{AppError, FormErrors};
use crate::i18n::Locale;

/// A published section of the current consultation with its current version.
pub struct OpenSection {
    pub consultation: consultation::Model,
    pub section: section::Model,
    pub version: section_version::Model,
}

impl OpenSection {
    pub async fn find(state: &AppState, slug: &str) -> Result<OpenSection, AppError> {
        let consultation = content::current_consultation(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let (section, version) = strategy::section_with_version(&state.db, consultation.id, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(OpenSection {
            consultation,
            section,
            version,
        })
    }

    /// Whether the comment period is open today.
    pub fn open(&self) -> bool {
        let today = chrono::Utc::now().date_naive();
        (self.consultation.phase_opens_on..=self.consultation.phase_closes_on).contains(&today)
    }
}

/// A comment that was stored: its reference, and whether it went public at once.
#[derive(Debug)]
pub struct Received {
    pub reference: String,
    pub published: bool,
}

/// A comment from the public form.
pub async fn receive(
    state: &AppState,
    slug: &str,
    form: &CommentForm,
    intake: &IntakeFields,
    locale: Locale,
) -> Result<Admission<Received>, AppError> {
    let open = OpenSection::find(state, slug).await?;
    let checked = if open.open() {
        check(
            form,
            &strategy::paragraph_anchors(&open.version.body_html),
            locale,
        )
    } else {
        let mut errors = keep_all(form);
        errors.add("body", "comments.closed");
        Err(errors)
    };
    let mut limits = vec![(&COMMENT_PER_IP, client_key())];
    let mut duplicate = false;
    if let Ok(new) = &checked {
        if let Some(email) = &new.email {
            limits.push((&COMMENT_PER_EMAIL, email.as_str().to_string()));
        }
        duplicate = seen_recently(&state.db, &text_hash(&new.body)).await?;
    }
    let gate = Gate {
        form: "comment",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "body",
        duplicate,
        limits,
    };
    let Admission::Admitted(new) = admit(state, gate, checked, keep_all(form)).await? else {
        return Ok(Admission::Dropped);
    };
    let published = state.portal.post_moderation;
    let reference = submit(
        &state.db,
        &open.section,
        &open.version,
        &new,
        published,
        &state.mail,
    )
    .await?;
    tracing::info!(%reference, post_moderation = published, "comment received");
    Ok(Admission::Admitted(Received {
        reference,
        published,
    }))
}

/// A reader's report on a published comment.
pub async fn receive_report(
    state: &AppState,
    comment_id: i32,
    reason: &str,
    note: &str,
    intake: &IntakeFields,
) -> Result<Admission<()>, AppError> {
    let mut kept = FormErrors::default();
    kept.keep("reason", reason);
    kept.keep("note", note);
    let mut errors = kept.clone();
    if !REPORT_REASONS.contains(&reason) {
        errors.add("reason", "field.report_reason.required");
    }
    if note.chars().count() > MAX_REPORT_NOTE_CHARS {
        errors.add("note", "field.report_note.too_long");
    }
    let checked = if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    };
    let reporter = client_key();
    let gate = Gate {
        form: "report",
        honeypot: &intake.website,
        started: Started::Stamp(&intake.form_stamp),
        field: "reason",
        duplicate: false,
        limits: vec![(&REPORT_PER_IP, reporter.clone())],
    };
    if let Admission::Dropped = admit(state, gate, checked, kept).await? {
        return Ok(Admission::Dropped);
    }
    let note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    super::report(
        &state.db,
        comment_id,
        reason,
        note,
        &state.privacy_key.hash(&reporter),
        state.portal.report_threshold,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Admission::Admitted(()))
}
