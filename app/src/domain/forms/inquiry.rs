//! Checking what people send through the contact form: every problem reported at once, the input kept.

use crate::domain::email::EmailAddress;
use crate::domain::inquiry::{ReplyChannel, Topic};
use crate::domain::person::{
    check_email, check_group, check_name, check_zip, optional, valid_phone,
};
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::FormErrors;
use crate::i18n::Locale;

pub const MAX_MESSAGE_CHARS: usize = 5_000;

/// The form as it arrives, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct InquiryForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub reply_channel: String,
    pub stakeholder_group: String,
    pub stakeholder_other: String,
    pub zip: String,
    pub topic: String,
    pub message: String,
    pub consent: bool,
}

/// A checked inquiry, ready to store.
#[derive(Clone, Debug)]
pub struct NewInquiry {
    pub name: String,
    pub email: EmailAddress,
    pub phone: Option<String>,
    pub reply_channel: ReplyChannel,
    pub group: StakeholderGroup,
    pub group_other: Option<String>,
    pub zip: Option<String>,
    pub topic: Topic,
    pub message: String,
    pub locale: Locale,
}

/// The form's values to put back into it, with no errors yet.
pub fn keep_all(form: &InquiryForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("name", &form.name),
        ("email", &form.email),
        ("phone", &form.phone),
        ("reply_channel", &form.reply_channel),
        ("stakeholder_group", &form.stakeholder_group),
        ("stakeholder_other", &form.stakeholder_other),
        ("zip", &form.zip),
        ("topic", &form.topic),
        ("message", &form.message),
    ] {
        errors.keep(field, value);
    }
    if form.consent {
        errors.keep("consent", "on");
    }
    errors
}

/// Checks every field; on failure every problem is reported at once, with the input kept.
pub fn check(form: &InquiryForm, locale: Locale) -> Result<NewInquiry, FormErrors> {
    let mut errors = keep_all(form);
    let name = check_name(&mut errors, &form.name);
    let email = check_email(&mut errors, "email", &form.email);
    let reply_channel =
        ReplyChannel::parse(form.reply_channel.trim()).unwrap_or(ReplyChannel::Email);
    let phone = optional(&form.phone);
    match &phone {
        Some(p) if !valid_phone(p) => errors.add("phone", "field.phone.invalid"),
        None if reply_channel != ReplyChannel::Email => {
            errors.add("phone", "field.phone.required_for_channel")
        }
        _ => {}
    }
    let (group, group_other) = check_group(
        &mut errors,
        &form.stakeholder_group,
        &form.stakeholder_other,
    );
    let zip = check_zip(&mut errors, &form.zip);
    let topic = Topic::parse(form.topic.trim());
    if topic.is_none() {
        errors.add("topic", "field.topic.required");
    }
    let message = form.message.trim();
    if message.is_empty() {
        errors.add("message", "field.message.required");
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        errors.add("message", "field.message.too_long");
    }
    if !form.consent {
        errors.add("consent", "field.consent.required");
    }

    match (email, group, topic) {
        (Some(email), Some(group), Some(topic)) if errors.is_empty() => Ok(NewInquiry {
            name,
            email,
            phone,
            reply_channel,
            group,
            group_other: group_other.filter(|_| group == StakeholderGroup::Other),
            zip,
            topic,
            message: message.to_string(),
            locale,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::zip::valid_zip;

    fn valid_form() -> InquiryForm {
        InquiryForm {
            name: "Ana Resident".into(),
            email: "ana@example.org".into(),
            reply_channel: "email".into(),
            stakeholder_group: "resident".into(),
            topic: "draft_strategy".into(),
            message: "Please light the alley behind Santa Monica Blvd.".into(),
            consent: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let checked = check(&valid_form(), Locale::Es);
        assert!(checked.is_ok(), "{checked:?}");
    }

    #[test]
    fn every_problem_is_reported_and_the_input_kept() {
        let form = InquiryForm {
            email: "ana-at-example".into(),
            reply_channel: "phone".into(),
            stakeholder_group: "other".into(),
            zip: "9006".into(),
            topic: "forged".into(),
            message: "x".repeat(MAX_MESSAGE_CHARS + 1),
            ..Default::default()
        };
        let Err(errors) = check(&form, Locale::En) else {
            panic!("accepted a bad form")
        };
        for field in [
            "name",
            "email",
            "phone",
            "stakeholder_other",
            "zip",
            "topic",
            "message",
            "consent",
        ] {
            assert!(errors.for_field(field).is_some(), "no error for {field}");
        }
        assert_eq!(errors.kept("email"), Some("ana-at-example"));
        assert_eq!(
            errors.kept("message").map(str::len),
            Some(MAX_MESSAGE_CHARS + 1)
        );
    }

    #[test]
    fn zip_codes_and_phone_numbers() {
        assert!(valid_zip("90069") && valid_zip("90069-1234"));
        assert!(!valid_zip("9006") && !valid_zip("90069-12") && !valid_zip("abcde"));
        assert!(valid_phone("(323) 848-6496") && valid_phone("+1 323 848 6496"));
        assert!(!valid_phone("call me") && !valid_phone("123"));
    }
}
