//! The update staff write themselves: checking the form (English required, Spanish and Russian
//! whole or absent, a link only to this site) and sending it, audited by count.

use super::announce::{Announcement, Wording, send_update};
use crate::backend::MailContext;
use crate::backend::entity::follower_update;
use crate::backend::services::{audit, begin_write};
use crate::domain::follow::UpdateKind;
use crate::domain::forms::follow::WHOLE_CONSULTATION;
use crate::error::{AppError, FormErrors};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 20_000;

/// The staff form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct ComposeForm {
    /// `all`, or a section's slug.
    pub audience: String,
    pub kind: String,
    pub subject_en: String,
    pub body_en: String,
    pub subject_es: String,
    pub body_es: String,
    pub subject_ru: String,
    pub body_ru: String,
    /// Optional: a page of this site.
    pub link: String,
}

/// Everything typed, to put back into the form.
pub fn keep_compose(form: &ComposeForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("audience", &form.audience),
        ("kind", &form.kind),
        ("subject_en", &form.subject_en),
        ("body_en", &form.body_en),
        ("subject_es", &form.subject_es),
        ("body_es", &form.body_es),
        ("subject_ru", &form.subject_ru),
        ("body_ru", &form.body_ru),
        ("link", &form.link),
    ] {
        errors.keep(field, value);
    }
    errors
}

fn check_wording(
    errors: &mut FormErrors,
    code: &str,
    subject: &str,
    body: &str,
    required: bool,
) -> Option<Wording> {
    let (subject, body) = (subject.trim(), body.trim());
    let subject_field = format!("subject_{code}");
    let body_field = format!("body_{code}");
    if subject.is_empty() && body.is_empty() && !required {
        return None;
    }
    // A translation is whole or absent: half of one would reach followers as a mix.
    let (subject_missing, body_missing) = if required {
        (
            "field.update_subject.required",
            "field.update_body.required",
        )
    } else {
        (
            "field.update_translation.incomplete",
            "field.update_translation.incomplete",
        )
    };
    if subject.is_empty() {
        errors.add(&subject_field, subject_missing);
    } else if subject.chars().count() > MAX_SUBJECT_CHARS {
        errors.add(&subject_field, "field.update_subject.too_long");
    }
    if body.is_empty() {
        errors.add(&body_field, body_missing);
    } else if body.chars().count() > MAX_BODY_CHARS {
        errors.add(&body_field, "field.update_body.too_long");
    }
    Some(Wording {
        subject: subject.to_string(),
        body: body.to_string(),
    })
}

/// The audience (`None` for the whole consultation, else a section's slug) and the
/// announcement, or every problem at once.
pub fn check_compose(form: &ComposeForm) -> Result<(Option<String>, Announcement), FormErrors> {
    let mut errors = keep_compose(form);
    let audience = match form.audience.trim() {
        WHOLE_CONSULTATION => Some(None),
        "" => {
            errors.add("audience", "field.update_audience.required");
            None
        }
        slug => Some(Some(slug.to_string())),
    };
    let kind = UpdateKind::parse(&form.kind).filter(|k| UpdateKind::COMPOSED.contains(k));
    if kind.is_none() {
        errors.add("kind", "field.update_kind.invalid");
    }
    let en = check_wording(&mut errors, "en", &form.subject_en, &form.body_en, true);
    let es = check_wording(&mut errors, "es", &form.subject_es, &form.body_es, false);
    let ru = check_wording(&mut errors, "ru", &form.subject_ru, &form.body_ru, false);
    let link = form.link.trim();
    let link_path = if link.is_empty() {
        None
    } else {
        // Only a page of this portal: an update must never send followers elsewhere.
        let local = crate::backend::request::local_path_or(Some(link), "");
        if local.is_empty() || local.len() > 300 {
            errors.add("link", "field.update_link.invalid");
        }
        Some(local)
    };
    match (audience, kind, en) {
        (Some(audience), Some(kind), Some(en)) if errors.is_empty() => Ok((
            audience,
            Announcement {
                kind,
                en,
                es,
                ru,
                link_path,
                sent_by: None,
            },
        )),
        _ => Err(errors),
    }
}

/// Checks the staff form and sends the update to its audience in one transaction, audited
/// with the number of recipients (never who they are).
pub async fn send_composed<C>(
    db: &C,
    ctx: &MailContext,
    consultation_id: i32,
    staff_id: i32,
    form: &ComposeForm,
) -> Result<follower_update::Model, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let (audience, mut announcement) = check_compose(form).map_err(AppError::Invalid)?;
    let txn = begin_write(db).await?;
    let section_id = match audience {
        None => None,
        Some(slug) => match super::published_section(&txn, consultation_id, &slug).await? {
            Some(found) => Some(found.id),
            None => {
                let mut errors = keep_compose(form);
                errors.add("audience", "field.update_audience.required");
                return Err(AppError::Invalid(errors));
            }
        },
    };
    announcement.sent_by = Some(staff_id);
    let sent = send_update(&txn, ctx, consultation_id, section_id, announcement).await?;
    audit::record(
        &txn,
        Some(staff_id),
        "follower_update.sent",
        "follower_update",
        sent.id,
        Some(format!("{} recipients", sent.recipient_count)),
    )
    .await?;
    txn.commit().await?;
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ComposeForm {
        ComposeForm {
            audience: "all".into(),
            kind: "update".into(),
            subject_en: "Workshop notes are online".into(),
            body_en: "Thank you to everyone who came.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn english_alone_is_enough_and_a_half_translation_is_not() {
        let Ok((audience, announcement)) = check_compose(&form()) else {
            panic!("refused English alone");
        };
        assert_eq!(audience, None);
        assert_eq!(announcement.es, None);
        let half = ComposeForm {
            subject_es: "Notas del taller".into(),
            ..form()
        };
        let Err(errors) = check_compose(&half) else {
            panic!("accepted a subject without its message");
        };
        assert_eq!(
            errors.for_field("body_es"),
            Some("field.update_translation.incomplete")
        );
        assert_eq!(errors.kept("subject_es"), Some("Notas del taller"));
    }

    #[test]
    fn links_stay_on_this_site_and_kinds_are_the_composed_ones() {
        for link in [
            "https://evil.example/",
            "//evil.example",
            "javascript:alert(1)",
        ] {
            let Err(errors) = check_compose(&ComposeForm {
                link: link.into(),
                ..form()
            }) else {
                panic!("accepted {link}");
            };
            assert_eq!(errors.for_field("link"), Some("field.update_link.invalid"));
        }
        let Ok((_, announcement)) = check_compose(&ComposeForm {
            link: "/strategy/introduction".into(),
            ..form()
        }) else {
            panic!("refused a page of this site");
        };
        assert_eq!(
            announcement.link_path.as_deref(),
            Some("/strategy/introduction")
        );
        let Err(errors) = check_compose(&ComposeForm {
            kind: "new_meeting".into(),
            ..form()
        }) else {
            panic!("accepted a kind that publishing sends");
        };
        assert_eq!(errors.for_field("kind"), Some("field.update_kind.invalid"));
    }
}
