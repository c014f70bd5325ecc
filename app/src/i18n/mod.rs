//! One translation mechanism for every UI string: flat JSON catalogues per locale, English as the fallback.
//!
//! The locale comes from `?lang=` (remembered in a cookie), then the cookie, then Accept-Language;
//! the server resolves it per request and writes it into `<html lang>`, which the browser reads
//! back when it hydrates so both sides render the same words.

mod counts;

pub use counts::{format_number, plural_category, t_count, t_count_with, translate_count};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Name of the cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "engage_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Es,
    Ru,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Es, Locale::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Ru => "ru",
        }
    }

    /// Text stored per language (an FAQ entry, an update, an explanation): the reader's own when
    /// there is one, else the English, with the language it is in so the page can mark it.
    pub fn pick<T>(self, english: T, spanish: Option<T>, russian: Option<T>) -> (T, Locale) {
        let own = match self {
            Locale::En => None,
            Locale::Es => spanish,
            Locale::Ru => russian,
        };
        match own {
            Some(text) => (text, self),
            None => (english, Locale::En),
        }
    }

    /// The language's own name, as shown in the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
            Locale::Ru => "Русский",
        }
    }

    /// Accepts a bare code or a tag with a region ("es-MX").
    pub fn from_code(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the supported language the browser prefers most (RFC 9110 quality values).
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(tag) = pieces.next() else { continue };
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(locale) = Locale::from_code(tag)
                && quality > 0.0
                && best.is_none_or(|(_, q)| quality > q)
            {
                best = Some((locale, quality));
            }
        }
        best.map(|(l, _)| l)
    }

    fn catalogue(self) -> &'static HashMap<String, String> {
        match self {
            Locale::En => &EN,
            Locale::Es => &ES,
            Locale::Ru => &RU,
        }
    }
}

fn parse_catalogue(json: &str) -> HashMap<String, String> {
    // The catalogues are compiled in and checked by the unit tests below, so an empty map here
    // can only mean a broken build; falling back to English keys keeps pages readable.
    serde_json::from_str(json).unwrap_or_default()
}

static EN: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| parse_catalogue(include_str!("../../locales/en.json")));
static ES: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| parse_catalogue(include_str!("../../locales/es.json")));
static RU: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| parse_catalogue(include_str!("../../locales/ru.json")));

/// Looks a key up in the locale's catalogue, then in English; an unknown key shows itself.
pub fn translate(locale: Locale, key: &str) -> String {
    locale
        .catalogue()
        .get(key)
        .or_else(|| EN.get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The locale of the page being rendered.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Translates a key in the current page's locale.
pub fn t(key: &str) -> String {
    translate(use_locale(), key)
}

/// Translates a key in `locale` and fills its `{name}` placeholders (pages and emails alike).
pub fn translate_with<V: AsRef<str>>(locale: Locale, key: &str, args: &[(&str, V)]) -> String {
    args.iter()
        .fold(translate(locale, key), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value.as_ref())
        })
}

/// Translates a key in the current page's locale and fills `{name}` placeholders.
pub fn t_with(key: &str, args: &[(&str, String)]) -> String {
    translate_with(use_locale(), key, args)
}

/// Works out the locale for this render: the server's per-request choice, or `<html lang>` in the browser.
pub fn resolve_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Locale>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .and_then(|lang| Locale::from_code(&lang))
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Locale::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(json: &str) -> BTreeSet<String> {
        let map: HashMap<String, String> = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("catalogue is not valid JSON: {e}"));
        map.into_keys().collect()
    }

    #[test]
    fn stored_text_falls_back_to_english_and_says_so() {
        assert_eq!(Locale::Es.pick("en", Some("es"), None), ("es", Locale::Es));
        assert_eq!(Locale::Ru.pick("en", Some("es"), None), ("en", Locale::En));
        assert_eq!(
            Locale::En.pick("en", Some("es"), Some("ru")),
            ("en", Locale::En)
        );
    }

    #[test]
    fn every_catalogue_has_exactly_the_english_keys() {
        let en = keys(include_str!("../../locales/en.json"));
        for (name, json) in [
            ("es", include_str!("../../locales/es.json")),
            ("ru", include_str!("../../locales/ru.json")),
        ] {
            let other = keys(json);
            let missing: Vec<_> = en.difference(&other).collect();
            // Languages with more plural forms than English add them beside `.other`.
            let extra: Vec<_> = other
                .difference(&en)
                .filter(|key| {
                    !["few", "many", "two", "zero"].iter().any(|form| {
                        key.strip_suffix(&format!(".{form}"))
                            .is_some_and(|base| en.contains(&format!("{base}.other")))
                    })
                })
                .collect();
            assert!(missing.is_empty(), "{name}.json lacks {missing:?}");
            assert!(extra.is_empty(), "{name}.json has unknown keys {extra:?}");
        }
    }

    /// Every literal key passed to `t(...)`/`t_with(...)` in the source must exist in English.
    #[test]
    fn every_key_used_in_the_source_exists() {
        let en = keys(include_str!("../../locales/en.json"));
        let mut missing = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for marker in ["t(\"", "t_with(\"", "_key=\""] {
                        // `t_count("key", n)` names a counted phrase: checked by the next test.
                        let chunks = text
                            .match_indices(marker)
                            .filter(|(at, _)| !text[..*at].ends_with("_coun"))
                            .map(|(at, _)| &text[at + marker.len()..]);
                        for chunk in chunks {
                            if let Some(key) = chunk.split('"').next()
                                && key.contains('.')
                                && !key.contains(' ')
                                && !en.contains(key)
                            {
                                missing.push(format!("{}: {key}", path.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from en.json: {missing:#?}"
        );
    }

    /// Counted phrases (`t_count("key", n)`) need at least the `.other` form.
    #[test]
    fn every_counted_key_used_in_the_source_exists() {
        let en = keys(include_str!("../../locales/en.json"));
        let mut missing = Vec::new();
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for marker in ["t_count(\"", "t_count_with(\"", "t_count_with(\n"] {
                        for chunk in text.split(marker).skip(1) {
                            let chunk = chunk.trim_start().trim_start_matches('"');
                            if let Some(key) = chunk.split('"').next()
                                && key.contains('.')
                                && !key.contains(' ')
                                && !en.contains(&format!("{key}.other"))
                            {
                                missing.push(format!("{}: {key}", path.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "counted keys without .other: {missing:#?}"
        );
    }

    /// A Spanish or Russian page must not fall back to English text: every value differs from the
    /// English one, except names and true cognates.
    #[test]
    fn spanish_and_russian_say_everything_in_their_own_words() {
        const SAME_IN_EVERY_LANGUAGE: &[&str] = &["site.name", "surveys.no"];
        let en: HashMap<String, String> =
            serde_json::from_str(include_str!("../../locales/en.json")).unwrap_or_default();
        for (name, json) in [
            ("es", include_str!("../../locales/es.json")),
            ("ru", include_str!("../../locales/ru.json")),
        ] {
            let other: HashMap<String, String> = serde_json::from_str(json).unwrap_or_default();
            let mut untranslated: Vec<&String> = en
                .iter()
                .filter(|(key, value)| {
                    !SAME_IN_EVERY_LANGUAGE.contains(&key.as_str())
                        && other.get(*key) == Some(*value)
                })
                .map(|(key, _)| key)
                .collect();
            untranslated.sort();
            assert!(
                untranslated.is_empty(),
                "{name}.json repeats the English of {untranslated:?}"
            );
        }
    }

    #[test]
    fn every_closed_list_label_exists() {
        use crate::domain::Role;
        use crate::domain::inquiry::{InquiryStatus, ReplyChannel, Topic};
        use crate::domain::stakeholder::StakeholderGroup;
        let en = keys(include_str!("../../locales/en.json"));
        let labels = StakeholderGroup::ALL
            .iter()
            .map(|v| v.label_key())
            .chain(Topic::ALL.iter().map(|v| v.label_key()))
            .chain(ReplyChannel::ALL.iter().map(|v| v.label_key()))
            .chain(InquiryStatus::ALL.iter().map(|v| v.label_key()))
            .chain(Role::ALL.iter().map(|v| v.label_key()));
        for key in labels {
            assert!(en.contains(key), "{key} missing from en.json");
        }
    }

    #[test]
    fn accept_language_picks_the_highest_quality_supported_language() {
        assert_eq!(
            Locale::from_accept_language("fr-CA, es;q=0.8, en;q=0.5"),
            Some(Locale::Es)
        );
        assert_eq!(
            Locale::from_accept_language("ru-RU,ru;q=0.9"),
            Some(Locale::Ru)
        );
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(
            Locale::from_accept_language("en;q=0, es;q=0.1"),
            Some(Locale::Es)
        );
    }

    #[test]
    fn unknown_keys_fall_back_to_english_then_to_the_key() {
        assert_eq!(translate(Locale::Ru, "no.such.key"), "no.such.key");
        assert_eq!(
            translate(Locale::Es, "site.skip_link"),
            translate(Locale::Es, "site.skip_link")
        );
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Formats an ISO date (`2026-11-02`) the way readers of the locale write it; bad input is shown as is.
pub fn format_date(locale: Locale, iso: &str) -> String {
    use chrono::Datelike;
    let Ok(date) = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") else {
        return iso.to_string();
    };
    let month = date.month0() as usize;
    let (day, year) = (date.day(), date.year());
    match locale {
        Locale::En => format!("{} {day}, {year}", MONTHS_EN[month]),
        Locale::Es => format!("{day} de {} de {year}", MONTHS_ES[month]),
        Locale::Ru => format!("{day} {} {year} г.", MONTHS_RU_GENITIVE[month]),
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        assert_eq!(format_date(Locale::En, "2026-11-02"), "November 2, 2026");
        assert_eq!(
            format_date(Locale::Es, "2026-11-02"),
            "2 de noviembre de 2026"
        );
        assert_eq!(format_date(Locale::Ru, "2026-11-02"), "2 ноября 2026 г.");
        assert_eq!(format_date(Locale::En, "soon"), "soon");
    }
}
