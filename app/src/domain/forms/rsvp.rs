//! Checking an RSVP form: every problem reported at once, the input kept.

use crate::domain::person::{
    check_email, check_group, check_name, check_phone, check_zip, optional,
};
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::FormErrors;
use crate::i18n::Locale;

/// Accommodation codes, in the order the form lists them.
pub const ACCOMMODATIONS: [&str; 7] = [
    "asl",
    "cart",
    "spanish",
    "russian",
    "wheelchair",
    "childcare",
    "other",
];
const MAX_OTHER_CHARS: usize = 500;

pub const MAX_PARTY: i32 = 5;

/// An RSVP as checked by the form layer.
#[derive(Clone, Debug, Default)]
pub struct NewRsvp {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub party_size: i32,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub zip: Option<String>,
    pub accommodations: Vec<String>,
    pub accommodation_other: Option<String>,
    pub reminder_consent: bool,
    pub locale: String,
}

/// The form as it arrives, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct RsvpForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub party_size: String,
    pub stakeholder_group: String,
    pub stakeholder_other: String,
    pub zip: String,
    pub accommodations: Vec<String>,
    pub accommodation_other: String,
    pub reminder_consent: bool,
}

/// The form's values to put back into it; ticked boxes are kept as `accommodations_<code>`.
pub fn keep_all(form: &RsvpForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("name", &form.name),
        ("email", &form.email),
        ("phone", &form.phone),
        ("party_size", &form.party_size),
        ("stakeholder_group", &form.stakeholder_group),
        ("stakeholder_other", &form.stakeholder_other),
        ("zip", &form.zip),
        ("accommodation_other", &form.accommodation_other),
    ] {
        errors.keep(field, value);
    }
    for code in &form.accommodations {
        if ACCOMMODATIONS.contains(&code.as_str()) {
            errors.keep(&format!("accommodations_{code}"), "on");
        }
    }
    if form.reminder_consent {
        errors.keep("reminder_consent", "on");
    }
    errors
}

/// Checks every field; a forged accommodation code or party size is an error, not a crash.
pub fn check(form: &RsvpForm, locale: Locale) -> Result<NewRsvp, FormErrors> {
    let mut errors = keep_all(form);
    let name = check_name(&mut errors, &form.name);
    let email = check_email(&mut errors, "email", &form.email);
    let phone = check_phone(&mut errors, &form.phone);
    let party_size = form
        .party_size
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=MAX_PARTY).contains(n));
    if party_size.is_none() {
        errors.add("party_size", "field.party_size.invalid");
    }
    let (group, group_other) = check_group(
        &mut errors,
        &form.stakeholder_group,
        &form.stakeholder_other,
    );
    let zip = check_zip(&mut errors, &form.zip);
    let mut accommodations: Vec<String> = Vec::new();
    for code in &form.accommodations {
        if !ACCOMMODATIONS.contains(&code.as_str()) {
            errors.add("accommodations", "field.accommodations.invalid");
        } else if !accommodations.contains(code) {
            accommodations.push(code.clone());
        }
    }
    accommodations.sort_by_key(|c| ACCOMMODATIONS.iter().position(|a| a == c));
    let accommodation_other = optional(&form.accommodation_other);
    let wants_other = accommodations.iter().any(|c| c == "other");
    if wants_other && accommodation_other.is_none() {
        errors.add("accommodation_other", "field.accommodation_other.required");
    } else if accommodation_other
        .as_deref()
        .is_some_and(|o| o.chars().count() > MAX_OTHER_CHARS)
    {
        errors.add("accommodation_other", "field.accommodation_other.too_long");
    }

    match (email, party_size, group) {
        (Some(email), Some(party_size), Some(group)) if errors.is_empty() => Ok(NewRsvp {
            name,
            email: email.as_str().to_string(),
            phone,
            party_size,
            stakeholder_group: group.as_str().to_string(),
            stakeholder_other: group_other.filter(|_| group == StakeholderGroup::Other),
            zip,
            accommodations,
            accommodation_other: accommodation_other.filter(|_| wants_other),
            reminder_consent: form.reminder_consent,
            locale: locale.code().to_string(),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> RsvpForm {
        RsvpForm {
            name: "Ana Resident".into(),
            email: "ana@example.org".into(),
            party_size: "2".into(),
            stakeholder_group: "resident".into(),
            accommodations: vec!["cart".into(), "asl".into()],
            reminder_consent: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_is_accepted_with_accommodations_in_list_order() {
        let checked = check(&valid_form(), Locale::Es);
        let Ok(new) = checked else {
            panic!("refused a good form: {checked:?}")
        };
        assert_eq!(new.accommodations, ["asl", "cart"]);
        assert_eq!(new.party_size, 2);
        assert_eq!(new.locale, "es");
    }

    #[test]
    fn every_problem_is_reported_and_the_input_kept() {
        let form = RsvpForm {
            email: "ana-at-example".into(),
            phone: "call me".into(),
            party_size: "6".into(),
            stakeholder_group: "other".into(),
            zip: "9006".into(),
            accommodations: vec!["other".into(), "valet".into()],
            ..Default::default()
        };
        let Err(errors) = check(&form, Locale::En) else {
            panic!("accepted a bad form")
        };
        for field in [
            "name",
            "email",
            "phone",
            "party_size",
            "stakeholder_other",
            "zip",
            "accommodations",
            "accommodation_other",
        ] {
            assert!(errors.for_field(field).is_some(), "no error for {field}");
        }
        assert_eq!(errors.kept("party_size"), Some("6"));
        assert_eq!(errors.kept("accommodations_other"), Some("on"));
        assert_eq!(errors.kept("accommodations_valet"), None);
    }

    #[test]
    fn party_size_must_be_a_whole_number_from_one_to_five() {
        for bad in ["0", "-1", "1.5", "", "five"] {
            let form = RsvpForm {
                party_size: bad.into(),
                ..valid_form()
            };
            assert!(check(&form, Locale::En).is_err(), "accepted {bad:?}");
        }
        let five = RsvpForm {
            party_size: " 5 ".into(),
            ..valid_form()
        };
        assert!(check(&five, Locale::En).is_ok());
    }
}
