//! The timeline and FAQ files of a content pack (`timeline.toml`, `faq.toml` and their
//! `.<code>.toml` translations beside `consultation.toml`), checked when the pack is read; `import`
//! stores them.

use super::super::content::{ConsultationPack, ContentError};
use super::StepStatus;
use crate::i18n::Locale;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A document or page about a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepLink {
    pub label: String,
    pub url: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct TimelineStepPack {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub what_happened: String,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// The step is the consultation's comment period and takes its dates.
    #[serde(default)]
    pub phase_dates: bool,
    #[serde(default)]
    pub status: Option<StepStatus>,
    #[serde(default)]
    pub links: Vec<StepLink>,
    #[serde(skip)]
    pub translations: Vec<(Locale, StepText)>,
}

/// A step's words in another language; `links` are the labels, in the English file's order.
#[derive(Clone, Debug, Deserialize)]
pub struct StepText {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub what_happened: String,
    #[serde(default)]
    pub links: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct FaqPack {
    pub key: String,
    pub question: String,
    pub answer: String,
    #[serde(skip)]
    pub translations: Vec<(Locale, FaqText)>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct FaqText {
    pub key: String,
    pub question: String,
    pub answer: String,
}

#[derive(Deserialize)]
struct TimelineFile<T> {
    #[serde(default = "Vec::new")]
    steps: Vec<T>,
}

#[derive(Deserialize)]
struct FaqFile<T> {
    #[serde(default = "Vec::new")]
    questions: Vec<T>,
}

/// `timeline.toml` → (`timeline`, None); `faq.es.toml` → (`faq`, Some(Es)); other names → None.
fn file_kind(name: &str) -> Option<(&'static str, Option<Locale>)> {
    let stem = name.strip_suffix(".toml")?;
    let (base, code) = match stem.split_once('.') {
        Some((base, code)) => (base, Some(code)),
        None => (stem, None),
    };
    let kind = ["timeline", "faq"].into_iter().find(|k| *k == base)?;
    match code {
        None => Some((kind, None)),
        Some(code) => {
            let locale =
                Locale::from_code(code).filter(|l| *l != Locale::En && l.code() == code)?;
            Some((kind, Some(locale)))
        }
    }
}

/// A key is an address fragment: lower-case letters, digits and dashes.
fn good_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A link goes to a page of the portal or to a document on the web.
fn good_url(url: &str) -> bool {
    (url.starts_with('/') && !url.starts_with("//")) || url.starts_with("https://")
}

fn wrong(name: &str, what: impl std::fmt::Display) -> ContentError {
    ContentError::TimelineOrFaq(format!("{name}: {what}"))
}

impl ConsultationPack {
    /// Adds the timeline and FAQ files, given as (file name, text) pairs with any other files of
    /// the pack's folder (they are ignored): English first, whatever the order given.
    pub fn with_timeline_and_faq<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ConsultationPack, ContentError> {
        let mut translated = Vec::new();
        for (name, text) in files {
            match file_kind(name) {
                Some(("timeline", None)) => {
                    let file: TimelineFile<TimelineStepPack> =
                        toml::from_str(text).map_err(|e| wrong(name, e))?;
                    self.timeline = file.steps;
                    check_steps(name, &self.timeline)?;
                }
                Some(("faq", None)) => {
                    let file: FaqFile<FaqPack> =
                        toml::from_str(text).map_err(|e| wrong(name, e))?;
                    self.faq = file.questions;
                    check_questions(name, &self.faq)?;
                }
                Some((kind, Some(locale))) => translated.push((kind, name, locale, text)),
                _ => {}
            }
        }
        for (kind, name, locale, text) in translated {
            if kind == "timeline" {
                let file: TimelineFile<StepText> =
                    toml::from_str(text).map_err(|e| wrong(name, e))?;
                for words in file.steps {
                    let english = self
                        .timeline
                        .iter_mut()
                        .find(|s| s.key == words.key)
                        .ok_or_else(|| wrong(name, format!("no step has the key {}", words.key)))?;
                    if !words.links.is_empty() && words.links.len() != english.links.len() {
                        return Err(wrong(
                            name,
                            format!(
                                "step {} has {} link labels where timeline.toml has {} links",
                                words.key,
                                words.links.len(),
                                english.links.len()
                            ),
                        ));
                    }
                    english.translations.push((locale, words));
                }
            } else {
                let file: FaqFile<FaqText> = toml::from_str(text).map_err(|e| wrong(name, e))?;
                for words in file.questions {
                    let english = self
                        .faq
                        .iter_mut()
                        .find(|q| q.key == words.key)
                        .ok_or_else(|| {
                            wrong(name, format!("no question has the key {}", words.key))
                        })?;
                    english.translations.push((locale, words));
                }
            }
        }
        Ok(self)
    }
}

fn check_steps(name: &str, steps: &[TimelineStepPack]) -> Result<(), ContentError> {
    let mut keys = std::collections::HashSet::new();
    for step in steps {
        if !good_key(&step.key) {
            return Err(wrong(
                name,
                format!(
                    "the key \"{}\" may hold only lower-case letters, digits and dashes",
                    step.key
                ),
            ));
        }
        if !keys.insert(step.key.as_str()) {
            return Err(wrong(name, format!("two steps share the key {}", step.key)));
        }
        if step.title.trim().is_empty() {
            return Err(wrong(name, format!("step {} has no title", step.key)));
        }
        if let (Some(starts), Some(ends)) = (step.starts_on, step.ends_on)
            && ends < starts
        {
            return Err(wrong(
                name,
                format!("step {} ends before it starts", step.key),
            ));
        }
        if step.phase_dates && (step.starts_on.is_some() || step.ends_on.is_some()) {
            return Err(wrong(
                name,
                format!(
                    "step {} takes the comment period's dates (phase_dates) and gives its own",
                    step.key
                ),
            ));
        }
        if let Some(link) = step.links.iter().find(|l| !good_url(&l.url)) {
            return Err(wrong(
                name,
                format!(
                    "step {}: the link {} must start with / (a page of the portal) or https://",
                    step.key, link.url
                ),
            ));
        }
    }
    Ok(())
}

fn check_questions(name: &str, questions: &[FaqPack]) -> Result<(), ContentError> {
    let mut keys = std::collections::HashSet::new();
    for question in questions {
        if !good_key(&question.key) {
            return Err(wrong(
                name,
                format!(
                    "the key \"{}\" may hold only lower-case letters, digits and dashes",
                    question.key
                ),
            ));
        }
        if !keys.insert(question.key.as_str()) {
            return Err(wrong(
                name,
                format!("two questions share the key {}", question.key),
            ));
        }
        if question.question.trim().is_empty() || question.answer.trim().is_empty() {
            return Err(wrong(
                name,
                format!("{} needs a question and an answer", question.key),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> ConsultationPack {
        ConsultationPack::from_toml(
            "slug = \"x\"\ncity_name = \"C\"\ntitle = \"T\"\nshort_title = \"T\"\nsummary = \"S\"\n\
             [phase]\nlabel = \"L\"\nsummary = \"S\"\nopens_on = \"2026-11-02\"\ncloses_on = \"2027-01-29\"\n\
             [[service_areas]]\nname = \"A\"\nsummary = \"S\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    const TIMELINE: &str = "[[steps]]\nkey = \"one\"\ntitle = \"One\"\n[[steps.links]]\nlabel = \"Read\"\nurl = \"/strategy\"\n\
                            [[steps]]\nkey = \"two\"\ntitle = \"Two\"\nphase_dates = true\n";

    #[test]
    fn files_are_told_apart_by_name() {
        assert_eq!(file_kind("timeline.toml"), Some(("timeline", None)));
        assert_eq!(file_kind("faq.ru.toml"), Some(("faq", Some(Locale::Ru))));
        assert_eq!(file_kind("consultation.es.toml"), None);
        assert_eq!(file_kind("faq.en.toml"), None);
        assert_eq!(file_kind("faq.de.toml"), None);
    }

    #[test]
    fn translations_find_their_english_whatever_the_order() {
        let spanish = "[[steps]]\nkey = \"one\"\ntitle = \"Uno\"\nlinks = [\"Lea\"]\n";
        let read = pack()
            .with_timeline_and_faq([("timeline.es.toml", spanish), ("timeline.toml", TIMELINE)])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.timeline.len(), 2);
        assert_eq!(read.timeline[0].translations[0].1.title, "Uno");
        assert!(read.timeline[1].phase_dates);
    }

    #[test]
    fn mistakes_say_which_file_and_what() {
        let bad_link = TIMELINE.replace("/strategy", "javascript:alert(1)");
        let error = pack()
            .with_timeline_and_faq([("timeline.toml", bad_link.as_str())])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("timeline.toml") && error.contains("https://"),
            "{error}"
        );
        let stray = "[[questions]]\nkey = \"nope\"\nquestion = \"Q\"\nanswer = \"A\"\n";
        let english = "[[questions]]\nkey = \"yes\"\nquestion = \"Q\"\nanswer = \"A\"\n";
        let error = pack()
            .with_timeline_and_faq([("faq.toml", english), ("faq.ru.toml", stray)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("faq.ru.toml") && error.contains("nope"),
            "{error}"
        );
        let labels = "[[steps]]\nkey = \"one\"\ntitle = \"Uno\"\nlinks = [\"a\", \"b\"]\n";
        assert!(
            pack()
                .with_timeline_and_faq([("timeline.toml", TIMELINE), ("timeline.es.toml", labels)])
                .is_err()
        );
    }
}
