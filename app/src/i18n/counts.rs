//! Numbers in sentences: the CLDR plural category of a count per language (through
//! `intl_pluralrules`, the rules Firefox's Fluent uses), and digits grouped the way each
//! language writes them.

use super::{Locale, translate, use_locale};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;

fn rules_for(code: &str) -> Option<PluralRules> {
    let langid: LanguageIdentifier = code.parse().ok()?;
    PluralRules::create(langid, PluralRuleType::CARDINAL).ok()
}

// Built once per language; `None` only if the crate lost a language it has always had.
static RULES: LazyLock<[Option<PluralRules>; 3]> =
    LazyLock::new(|| Locale::ALL.map(|locale| rules_for(locale.code())));

/// The CLDR plural category of `n` in `locale`: `one`, `few`, `many` or `other` for the three
/// languages Engage speaks ("1 комментарий, 2 комментария, 5 комментариев, 21 комментарий").
pub fn plural_category(locale: Locale, n: u64) -> &'static str {
    let index = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
    let category = RULES[index]
        .as_ref()
        .and_then(|rules| rules.select(n).ok())
        .unwrap_or(PluralCategory::OTHER);
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// Translates `{key}.{category of n}`, falling back to `{key}.other`, and fills `args`.
pub fn translate_count<V: AsRef<str>>(
    locale: Locale,
    key: &str,
    n: u64,
    args: &[(&str, V)],
) -> String {
    let exact = format!("{key}.{}", plural_category(locale, n));
    let text = if locale.catalogue().contains_key(&exact) {
        translate(locale, &exact)
    } else {
        translate(locale, &format!("{key}.other"))
    };
    args.iter().fold(text, |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value.as_ref())
    })
}

/// [`translate_count`] in the current page's locale, with `{count}` set to `n` as the
/// language writes numbers.
pub fn t_count(key: &str, n: u64) -> String {
    let locale = use_locale();
    translate_count(locale, key, n, &[("count", format_number(locale, n))])
}

/// [`translate_count`] in the current page's locale with more placeholders than `{count}`.
pub fn t_count_with(key: &str, n: u64, args: &[(&str, String)]) -> String {
    translate_count(use_locale(), key, n, args)
}

/// Groups digits as the language does: 12,345 in English, 12.345 in Spanish (not below
/// 10,000: "1234"), 12 345 in Russian (with a no-break space, so a number never wraps).
pub fn format_number(locale: Locale, n: u64) -> String {
    let digits = n.to_string();
    let (separator, min_len) = match locale {
        Locale::En => (',', 4),
        Locale::Es => ('.', 5),
        Locale::Ru => ('\u{a0}', 5),
    };
    if digits.len() < min_len {
        return digits;
    }
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(locale: Locale, n: u64) -> String {
        translate_count(locale, "count.comments", n, &[("count", n.to_string())])
    }

    #[test]
    fn russian_counts_take_the_form_cldr_gives_them() {
        let forms: Vec<String> = [1, 2, 5, 11, 21, 22, 25, 111]
            .into_iter()
            .map(|n| comments(Locale::Ru, n))
            .collect();
        assert_eq!(
            forms,
            [
                "1 комментарий",
                "2 комментария",
                "5 комментариев",
                "11 комментариев",
                "21 комментарий",
                "22 комментария",
                "25 комментариев",
                "111 комментариев",
            ]
        );
    }

    #[test]
    fn spanish_and_english_have_one_and_other() {
        assert_eq!(
            translate_count(Locale::Es, "events.seats.left", 1, &[("count", "1")]),
            "1 plaza libre"
        );
        assert_eq!(
            translate_count(Locale::Es, "events.seats.left", 3, &[("count", "3")]),
            "3 plazas libres"
        );
        assert_eq!(comments(Locale::En, 1), "1 comment");
        assert_eq!(comments(Locale::En, 0), "0 comments");
    }

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(format_number(Locale::En, 1234), "1,234");
        assert_eq!(format_number(Locale::En, 999), "999");
        assert_eq!(format_number(Locale::Es, 1234), "1234");
        assert_eq!(format_number(Locale::Es, 12345), "12.345");
        assert_eq!(format_number(Locale::Ru, 1_234_567), "1\u{a0}234\u{a0}567");
    }

    /// Every counted phrase has the forms its language needs: Russian one, few, many and other;
    /// Spanish and English one and other.
    #[test]
    fn every_counted_phrase_has_each_form_its_language_needs() {
        let en: Vec<String> = Locale::En
            .catalogue()
            .keys()
            .filter_map(|k| k.strip_suffix(".other"))
            .filter(|base| Locale::En.catalogue().contains_key(&format!("{base}.one")))
            .map(str::to_string)
            .collect();
        assert!(en.len() >= 10, "counted phrases found: {en:?}");
        for (locale, forms) in [
            (Locale::En, &["one", "other"][..]),
            (Locale::Es, &["one", "other"][..]),
            (Locale::Ru, &["one", "few", "many", "other"][..]),
        ] {
            for base in &en {
                for form in forms {
                    let key = format!("{base}.{form}");
                    assert!(
                        locale.catalogue().contains_key(&key),
                        "{} lacks {key}",
                        locale.code()
                    );
                }
            }
        }
    }
}
