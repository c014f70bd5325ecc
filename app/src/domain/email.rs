//! An email address that has been trimmed, lower-cased and checked.

use validator::ValidateEmail;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Returns the i18n key of the problem when the text is not a usable address.
    pub fn parse(text: &str) -> Result<EmailAddress, &'static str> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("field.email.required");
        }
        // Header injection guard: an address never contains control characters.
        if trimmed.len() > 254 || trimmed.chars().any(char::is_control) || !trimmed.validate_email()
        {
            return Err("field.email.invalid");
        }
        Ok(EmailAddress(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses_are_normalised() {
        assert_eq!(
            EmailAddress::parse("  Clerk@WeHo.org ").map(|e| e.as_str().to_string()),
            Ok("clerk@weho.org".to_string())
        );
    }

    #[test]
    fn bad_addresses_are_refused_with_a_reason() {
        assert_eq!(EmailAddress::parse("   "), Err("field.email.required"));
        assert_eq!(
            EmailAddress::parse("not-an-address"),
            Err("field.email.invalid")
        );
        assert_eq!(
            EmailAddress::parse("a@b.org\r\nBcc: x@y.org"),
            Err("field.email.invalid")
        );
    }
}
