//! Screening a comment for moderators: the duplicate fingerprint, and the flags that point at
//! links, contact details and shouting (the form itself is checked in `domain::forms::comment`).

use crate::backend::services::sha256_hex;

/// The same words with different spacing or capitals count as the same comment.
pub fn text_hash(body: &str) -> String {
    let normalised = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    sha256_hex(&[&normalised])
}

/// What moderators should look at twice: links, contact details, shouting.
const PROFANITY: &str = include_str!("profanity.txt");

/// The list, read once.
static PROFANE_WORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        PROFANITY
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });

fn is_profane(word: &str) -> bool {
    PROFANE_WORDS.contains(word)
}

pub fn flags(body: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    let lower = body.to_lowercase();
    if lower.split(|c: char| !c.is_alphanumeric()).any(is_profane) {
        found.push("profanity");
    }
    if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") {
        found.push("url");
    }
    if body
        .split_whitespace()
        .any(|w| w.contains('@') && w.contains('.'))
    {
        found.push("email");
    }
    let mut run = 0;
    let mut longest = 0;
    for c in body.chars() {
        if c.is_ascii_digit() {
            run += 1;
            longest = longest.max(run);
        } else if !" -().".contains(c) {
            run = 0;
        }
    }
    if longest >= 7 {
        found.push("phone");
    }
    let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 20
        && letters.iter().filter(|c| c.is_uppercase()).count() * 10 > letters.len() * 7
    {
        found.push("capitals");
    }
    found
}

/// The text with email addresses and phone numbers replaced, as a starting point for a moderator
/// who redacts personal information before approving.
pub fn suggest_redaction(body: &str) -> String {
    let without_emails = body
        .split(' ')
        .map(|word| {
            if word.contains('@') && word.contains('.') {
                let trail: String = word
                    .chars()
                    .rev()
                    .take_while(|c| ",;:!?)".contains(*c))
                    .collect();
                format!("[email removed]{}", trail.chars().rev().collect::<String>())
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    // A phone number: a run of digits and separators holding at least seven digits.
    let chars: Vec<char> = without_emails.chars().collect();
    let mut out = String::with_capacity(without_emails.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit() || (chars[i] == '(' || chars[i] == '+');
        if starts_number {
            let mut end = i;
            let mut digits = 0;
            let mut last_digit = i;
            while end < chars.len()
                && (chars[end].is_ascii_digit() || " -().+".contains(chars[end]))
            {
                if chars[end].is_ascii_digit() {
                    digits += 1;
                    last_digit = end;
                }
                end += 1;
            }
            if digits >= 7 {
                out.push_str("[phone removed]");
                i = last_digit + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::comment::MAX_COMMENT_CHARS;
    use crate::domain::forms::comment::*;
    use crate::i18n::Locale;

    fn form() -> CommentForm {
        CommentForm {
            body: "More lighting on Santa Monica Boulevard, please.".into(),
            stakeholder_group: "resident".into(),
            consent_public: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_plain_comment_is_accepted_and_the_name_may_be_left_out() {
        let checked = check(&form(), &[], Locale::En).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.display_name, "");
        assert!(checked.email.is_none());
    }

    #[test]
    fn limits_and_forged_paragraphs_are_refused_with_the_text_kept() {
        let long = CommentForm {
            body: "x".repeat(MAX_COMMENT_CHARS + 1),
            paragraph: "p-forged".into(),
            ..form()
        };
        let Err(errors) = check(&long, &["p-real".into()], Locale::En) else {
            panic!("accepted")
        };
        assert_eq!(errors.for_field("body"), Some("field.comment.too_long"));
        assert_eq!(
            errors.for_field("paragraph"),
            Some("field.paragraph.invalid")
        );
        assert_eq!(
            errors.kept("body").map(str::len),
            Some(MAX_COMMENT_CHARS + 1)
        );
        let exact = CommentForm {
            body: "é".repeat(MAX_COMMENT_CHARS),
            ..form()
        };
        assert!(
            check(&exact, &[], Locale::En).is_ok(),
            "2,000 characters, not bytes"
        );
    }

    #[test]
    fn being_told_of_changes_needs_an_address() {
        let Err(errors) = check(
            &CommentForm {
                notify_on_change: true,
                ..form()
            },
            &[],
            Locale::En,
        ) else {
            panic!("accepted a request to be emailed without an address")
        };
        assert_eq!(
            errors.for_field("email"),
            Some("field.comment_email.needed_to_notify")
        );
        assert_eq!(errors.kept("notify_on_change"), Some("on"));
        let asked = check(
            &CommentForm {
                notify_on_change: true,
                email: "ana@example.org".into(),
                ..form()
            },
            &[],
            Locale::En,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(asked.notify_on_change);
    }

    #[test]
    fn the_same_words_hash_the_same() {
        assert_eq!(
            text_hash("More  lighting\nplease"),
            text_hash("more lighting please")
        );
        assert_ne!(text_hash("more lighting"), text_hash("less lighting"));
    }

    #[test]
    fn flags_point_moderators_at_links_contacts_and_shouting() {
        assert_eq!(flags("see https://example.org"), ["url"]);
        assert_eq!(flags("write me at ana@example.org"), ["email"]);
        assert_eq!(flags("call (323) 555-0123"), ["phone"]);
        assert_eq!(flags("THIS IS ABSOLUTELY UNACCEPTABLE NOW"), ["capitals"]);
        assert!(flags("A calm, ordinary comment.").is_empty());
        assert_eq!(flags("This is bullshit."), ["profanity"]);
        // Whole words only: "Scunthorpe" and "cocktail" are fine.
        assert!(flags("Cocktail bars in Scunthorpe.").is_empty());
    }

    #[test]
    fn redaction_removes_emails_and_phone_numbers_and_keeps_the_rest() {
        assert_eq!(
            suggest_redaction("Call me at (323) 555-0123 or write ana@example.org, thanks."),
            "Call me at [phone removed] or write [email removed], thanks."
        );
        assert_eq!(
            suggest_redaction("Open 9 to 5 daily."),
            "Open 9 to 5 daily."
        );
    }
}
