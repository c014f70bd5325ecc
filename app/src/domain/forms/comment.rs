//! The comment form: every problem reported at once with the text kept.

use crate::domain::comment::{MAX_COMMENT_CHARS, MAX_DISPLAY_NAME_CHARS};
use crate::domain::email::EmailAddress;
use crate::domain::person::{check_group, optional};
use crate::domain::stakeholder::StakeholderGroup;
use crate::domain::zip::valid_zip;
use crate::error::FormErrors;
use crate::i18n::Locale;

/// The comment form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct CommentForm {
    pub paragraph: String,
    pub body: String,
    pub stakeholder_group: String,
    pub stakeholder_other: String,
    pub display_name: String,
    pub zip: String,
    pub email: String,
    pub consent_public: bool,
    /// Email me when the section changes in response.
    pub notify_on_change: bool,
}

#[derive(Clone, Debug)]
pub struct NewComment {
    pub paragraph: Option<String>,
    pub body: String,
    pub group: StakeholderGroup,
    pub group_other: Option<String>,
    pub display_name: String,
    pub zip: Option<String>,
    pub email: Option<EmailAddress>,
    pub notify_on_change: bool,
    pub locale: Locale,
}

pub fn keep_all(form: &CommentForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("paragraph", &form.paragraph),
        ("body", &form.body),
        ("stakeholder_group", &form.stakeholder_group),
        ("stakeholder_other", &form.stakeholder_other),
        ("display_name", &form.display_name),
        ("zip", &form.zip),
        ("email", &form.email),
    ] {
        errors.keep(field, value);
    }
    if form.consent_public {
        errors.keep("consent_public", "on");
    }
    if form.notify_on_change {
        errors.keep("notify_on_change", "on");
    }
    errors
}

/// `anchors` are the paragraphs of the version being commented on; any other paragraph is refused.
pub fn check(
    form: &CommentForm,
    anchors: &[String],
    locale: Locale,
) -> Result<NewComment, FormErrors> {
    let mut errors = keep_all(form);
    let body = form.body.trim();
    if body.is_empty() {
        errors.add("body", "field.comment.required");
    } else if body.chars().count() > MAX_COMMENT_CHARS {
        errors.add("body", "field.comment.too_long");
    }
    let (group, group_other) = check_group(
        &mut errors,
        &form.stakeholder_group,
        &form.stakeholder_other,
    );
    let display_name = form.display_name.trim();
    if display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        errors.add("display_name", "field.display_name.too_long");
    }
    let zip = optional(&form.zip);
    if zip
        .as_deref()
        .is_some_and(|z| !(z.len() == 5 && valid_zip(z)))
    {
        errors.add("zip", "field.zip.invalid");
    }
    let email = match form.email.trim() {
        "" => None,
        text => EmailAddress::parse(text)
            .map_err(|key| errors.add("email", key))
            .ok(),
    };
    let paragraph = optional(&form.paragraph);
    if paragraph.as_ref().is_some_and(|p| !anchors.contains(p)) {
        errors.add("paragraph", "field.paragraph.invalid");
    }
    if form.notify_on_change && form.email.trim().is_empty() {
        errors.add("email", "field.comment_email.needed_to_notify");
    }
    if !form.consent_public {
        errors.add("consent_public", "field.consent_public.required");
    }
    match group {
        Some(group) if errors.is_empty() => Ok(NewComment {
            paragraph,
            body: body.to_string(),
            group,
            group_other: group_other.filter(|_| group == StakeholderGroup::Other),
            display_name: if display_name.is_empty() {
                String::new()
            } else {
                display_name.to_string()
            },
            zip,
            email,
            notify_on_change: form.notify_on_change,
            locale,
        }),
        _ => Err(errors),
    }
}
