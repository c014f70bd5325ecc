//! Words and their stems: what SQLite's full-text index holds for a text, how a search becomes a
//! match on both databases, and which words of a result to mark.
//!
//! A word is stemmed in the language its text was written in, the way PostgreSQL's dictionaries
//! do it (its Russian dictionary stems Latin words as English), so both databases find the same
//! things. A search term is tried in every language, since staff search across languages.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static SPANISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Spanish));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// At most this many words of a search are used.
const MAX_TERMS: usize = 8;

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The words of a text, lowercased, with their byte ranges in it.
fn words(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found.push((from..at, text[from..at].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    found
}

/// A word's stem in the language of the text it is in (`en`, `es` or `ru`).
fn stem_in(language: &str, word: &str) -> String {
    let stemmer: &Stemmer = match language {
        "es" => &SPANISH,
        "ru" if is_cyrillic(word) => &RUSSIAN,
        _ => &ENGLISH,
    };
    stemmer.stem(word).into_owned()
}

/// The stems of every word of a text written in `language`, separated by spaces.
pub fn stems(language: &str, text: &str) -> String {
    words(text)
        .into_iter()
        .map(|(_, word)| stem_in(language, &word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every stem a search word may have been indexed under, whatever language the text was in.
fn stem_variants(word: &str) -> Vec<String> {
    let mut variants = vec![
        stem_in("en", word),
        stem_in("es", word),
        stem_in("ru", word),
    ];
    variants.sort();
    variants.dedup();
    variants
}

/// The words of a search, lowercased, without repeats.
pub fn terms(search: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (_, word) in words(search) {
        if !found.contains(&word) {
            found.push(word);
        }
    }
    found.truncate(MAX_TERMS);
    found
}

/// An FTS5 MATCH expression for items written in `language`: every term, stemmed as that
/// language's items were. Terms hold only letters and digits, so quoting them keeps FTS5's own
/// syntax out.
pub fn fts5_match(language: &str, terms: &[String]) -> String {
    terms
        .iter()
        .map(|term| format!("stems : \"{}\"", stem_in(language, term)))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The ranges of `text` to mark for a search: words sharing a stem with a term.
pub fn marks(language: &str, text: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    let wanted: Vec<String> = terms.iter().flat_map(|t| stem_variants(t)).collect();
    words(text)
        .into_iter()
        .filter(|(_, word)| {
            let stem = stem_in(language, word);
            wanted.contains(&stem) || stem_variants(word).iter().any(|s| wanted.contains(s))
        })
        .map(|(range, _)| range)
        .collect()
}

/// A text cut into plain and marked pieces, in order.
pub fn marked_pieces(language: &str, text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for range in marks(language, text, terms) {
        if range.start > at {
            pieces.push((text[at..range.start].to_string(), false));
        }
        pieces.push((text[range.clone()].to_string(), true));
        at = range.end;
    }
    if at < text.len() {
        pieces.push((text[at..].to_string(), false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_and_spanish_word_forms_share_a_stem() {
        assert_eq!(stem_in("ru", "фонари"), stem_in("ru", "фонарей"));
        assert_eq!(stem_in("es", "iluminación"), stem_in("es", "iluminaciones"));
        assert_eq!(stem_in("en", "lighting"), stem_in("en", "lights"));
    }

    #[test]
    fn a_russian_text_stems_its_latin_words_as_english() {
        assert_eq!(stems("ru", "Фонари LED lights"), "фонар led light");
    }

    #[test]
    fn a_search_is_stemmed_as_the_language_indexed_it_and_keeps_fts_syntax_out() {
        let terms = terms("Street \"lighting\" OR* street");
        assert_eq!(terms, vec!["street", "lighting", "or"]);
        assert_eq!(
            fts5_match("en", &terms),
            "stems : \"street\" AND stems : \"light\" AND stems : \"or\""
        );
        assert_eq!(
            fts5_match("ru", &["фонари".to_string()]),
            "stems : \"фонар\""
        );
    }

    #[test]
    fn marks_fall_on_whole_words_with_a_matching_stem() {
        let pieces = marked_pieces("ru", "Нужно больше фонарей, фонарь!", &terms("фонари"));
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|(_, m)| *m)
            .map(|(p, _)| p.as_str())
            .collect();
        assert_eq!(marked, vec!["фонарей", "фонарь"]);
        let whole: String = pieces.into_iter().map(|(p, _)| p).collect();
        assert_eq!(whole, "Нужно больше фонарей, фонарь!");
    }
}
