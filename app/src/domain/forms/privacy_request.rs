//! Checking a request about one's data made by email address (for people without their link).

use crate::domain::email::EmailAddress;
use crate::domain::person::check_email;
use crate::domain::status::PrivacyRequestKind;
use crate::error::FormErrors;

/// The form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct PrivacyRequestForm {
    pub email: String,
    pub kind: String,
}

/// The form's values to put back into it.
pub fn keep_all(form: &PrivacyRequestForm) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.keep("email", &form.email);
    errors.keep("kind", &form.kind);
    errors
}

/// The address and what is asked for, or every problem at once.
pub fn check(form: &PrivacyRequestForm) -> Result<(EmailAddress, PrivacyRequestKind), FormErrors> {
    let mut errors = keep_all(form);
    let email = check_email(&mut errors, "email", &form.email);
    let kind = PrivacyRequestKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", "field.privacy_request_kind.required");
    }
    match (email, kind) {
        (Some(email), Some(kind)) if errors.is_empty() => Ok((email, kind)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fields_are_needed_and_the_input_is_kept() {
        let Err(errors) = check(&PrivacyRequestForm {
            email: "not an address".into(),
            kind: String::new(),
        }) else {
            panic!("accepted an empty request");
        };
        assert!(errors.for_field("email").is_some());
        assert_eq!(
            errors.for_field("kind"),
            Some("field.privacy_request_kind.required")
        );
        assert_eq!(errors.kept("email"), Some("not an address"));
        let checked = check(&PrivacyRequestForm {
            email: "ana@example.org".into(),
            kind: "erase".into(),
        });
        assert!(matches!(checked, Ok((_, PrivacyRequestKind::Erase))));
    }
}
