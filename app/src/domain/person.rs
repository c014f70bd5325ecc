//! The fields about a person that several public forms share (name, email, phone, stakeholder
//! group, ZIP), checked one way everywhere: each adds its message to the form's errors.

use crate::domain::email::EmailAddress;
use crate::domain::stakeholder::StakeholderGroup;
use crate::domain::zip::valid_zip;
use crate::error::FormErrors;

/// Longest name in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The trimmed text, or `None` when nothing was typed.
pub fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A required name.
pub fn check_name(errors: &mut FormErrors, name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", "field.name.required");
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.add("name", "field.name.too_long");
    }
    name.to_string()
}

/// A required email address.
pub fn check_email(errors: &mut FormErrors, field: &str, email: &str) -> Option<EmailAddress> {
    EmailAddress::parse(email)
        .map_err(|key| errors.add(field, key))
        .ok()
}

/// 7 to 15 digits, with the usual separators.
pub fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// An optional phone number.
pub fn check_phone(errors: &mut FormErrors, phone: &str) -> Option<String> {
    let phone = optional(phone);
    if phone.as_deref().is_some_and(|p| !valid_phone(p)) {
        errors.add("phone", "field.phone.invalid");
    }
    phone
}

/// The required stakeholder group, and the description that "Other" needs (kept only for it).
pub fn check_group(
    errors: &mut FormErrors,
    group: &str,
    other: &str,
) -> (Option<StakeholderGroup>, Option<String>) {
    let group = StakeholderGroup::parse(group.trim());
    if group.is_none() {
        errors.add("stakeholder_group", "field.stakeholder_group.required");
    }
    let other = optional(other);
    if group == Some(StakeholderGroup::Other) && other.is_none() {
        errors.add("stakeholder_other", "field.stakeholder_other.required");
    }
    (group, other)
}

/// An optional ZIP code.
pub fn check_zip(errors: &mut FormErrors, zip: &str) -> Option<String> {
    let zip = optional(zip);
    if zip.as_deref().is_some_and(|z| !valid_zip(z)) {
        errors.add("zip", "field.zip.invalid");
    }
    zip
}
