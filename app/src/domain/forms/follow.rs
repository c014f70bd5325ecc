//! Checking the follow form: an address, what to follow, and the language of the emails.

use crate::domain::email::EmailAddress;
use crate::domain::person::check_email;
use crate::error::FormErrors;
use crate::i18n::Locale;

/// The value of "what to follow" that means the whole consultation; anything else is a section's slug.
pub const WHOLE_CONSULTATION: &str = "all";

/// The form as it arrives.
#[derive(Clone, Debug, Default)]
pub struct FollowForm {
    pub email: String,
    pub target: String,
    pub language: String,
}

/// What a person asked to follow, before the section's slug is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowTarget {
    Consultation,
    Section(String),
}

/// A checked request to follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFollower {
    pub email: EmailAddress,
    pub target: FollowTarget,
    /// `None`: the language of the page the form was sent from.
    pub locale: Option<Locale>,
}

/// The form's values to put back into it.
pub fn keep_all(form: &FollowForm) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.keep("email", &form.email);
    errors.keep("target", &form.target);
    errors.keep("language", &form.language);
    errors
}

/// The request, or every problem at once with the input kept.
pub fn check(form: &FollowForm) -> Result<NewFollower, FormErrors> {
    let mut errors = keep_all(form);
    let email = check_email(&mut errors, "email", &form.email);
    let target = match form.target.trim() {
        "" => {
            errors.add("target", "field.follow_target.required");
            None
        }
        WHOLE_CONSULTATION => Some(FollowTarget::Consultation),
        slug if slug.len() <= 100
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Some(FollowTarget::Section(slug.to_string()))
        }
        _ => {
            errors.add("target", "field.follow_target.invalid");
            None
        }
    };
    // Only the three offered languages; the page's language when the choice is missing.
    let locale = match form.language.trim() {
        "" => None,
        code => {
            let found = Locale::ALL.into_iter().find(|l| l.code() == code);
            if found.is_none() {
                errors.add("language", "field.follow_language.invalid");
            }
            found
        }
    };
    match (email, target) {
        (Some(email), Some(target)) if errors.is_empty() => Ok(NewFollower {
            email,
            target,
            locale,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_address_is_refused_and_everything_is_kept() {
        let Err(errors) = check(&FollowForm {
            email: "ana-at-example".into(),
            target: "housing".into(),
            language: "es".into(),
        }) else {
            panic!("accepted a bad address");
        };
        assert_eq!(errors.for_field("email"), Some("field.email.invalid"));
        assert_eq!(errors.kept("email"), Some("ana-at-example"));
        assert_eq!(errors.kept("target"), Some("housing"));
        assert_eq!(errors.kept("language"), Some("es"));
    }

    #[test]
    fn the_target_is_the_consultation_or_a_slug() {
        let checked = check(&FollowForm {
            email: "Ana@Example.org".into(),
            target: "all".into(),
            language: "ru".into(),
        });
        assert_eq!(
            checked.map(|f| (f.email.as_str().to_string(), f.target, f.locale)),
            Ok((
                "ana@example.org".to_string(),
                FollowTarget::Consultation,
                Some(Locale::Ru)
            ))
        );
        let section = check(&FollowForm {
            email: "ana@example.org".into(),
            target: "neighborhood-livability".into(),
            language: String::new(),
        });
        assert!(
            matches!(section, Ok(f) if f.target == FollowTarget::Section("neighborhood-livability".into()))
        );
        for (target, key) in [
            ("", "field.follow_target.required"),
            ("../etc", "field.follow_target.invalid"),
        ] {
            let Err(errors) = check(&FollowForm {
                email: "ana@example.org".into(),
                target: target.into(),
                language: "en".into(),
            }) else {
                panic!("accepted {target:?}");
            };
            assert_eq!(errors.for_field("target"), Some(key));
        }
        let Err(errors) = check(&FollowForm {
            email: "ana@example.org".into(),
            target: "all".into(),
            language: "fr".into(),
        }) else {
            panic!("accepted French");
        };
        assert_eq!(
            errors.for_field("language"),
            Some("field.follow_language.invalid")
        );
    }
}
