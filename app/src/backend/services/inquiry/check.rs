//! Checking what people send through the contact form: every problem reported at once, the input kept.

use crate::domain::email::EmailAddress;
use crate::domain::inquiry::{ReplyChannel, Topic};
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::FormErrors;
use crate::i18n::Locale;

pub const MAX_MESSAGE_CHARS: usize = 5_000;
pub const MAX_NAME_CHARS: usize = 200;

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

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

pub use crate::domain::zip::valid_zip;

pub fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
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
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", "field.name.required");
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.add("name", "field.name.too_long");
    }
    let email = EmailAddress::parse(&form.email)
        .map_err(|key| errors.add("email", key))
        .ok();
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
    let group = StakeholderGroup::parse(form.stakeholder_group.trim());
    if group.is_none() {
        errors.add("stakeholder_group", "field.stakeholder_group.required");
    }
    let group_other = optional(&form.stakeholder_other);
    if group == Some(StakeholderGroup::Other) && group_other.is_none() {
        errors.add("stakeholder_other", "field.stakeholder_other.required");
    }
    let zip = optional(&form.zip);
    if zip.as_deref().is_some_and(|z| !valid_zip(z)) {
        errors.add("zip", "field.zip.invalid");
    }
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
            name: name.to_string(),
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
