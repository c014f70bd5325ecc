//! The files of a content pack as Engage reads them: the consultation, its phases and service
//! areas, its sections, surveys, timeline and FAQ, each translation checked against its English.

use crate::backend::services::strategy::{self, SectionPack};
use crate::backend::services::{events, surveys, timeline_faq, translations};
use chrono::NaiveDate;
use sea_orm::DbErr;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct ConsultationPack {
    pub slug: String,
    pub city_name: String,
    pub title: String,
    pub short_title: String,
    pub summary: String,
    /// IANA time zone the consultation runs in; West Hollywood's when the pack does not say.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    pub phase: PhasePack,
    pub service_areas: Vec<ServiceAreaPack>,
    /// Community meetings, dated relative to the first import.
    #[serde(default)]
    pub events: Vec<events::EventPack>,
    /// Community identities a survey's "about you" page offers (several may be chosen).
    #[serde(default)]
    pub identities: Vec<crate::domain::survey::Choice>,
    /// The draft's sections, read from `sections/*.md` beside `consultation.toml`.
    #[serde(skip)]
    pub sections: Vec<SectionPack>,
    /// Surveys, read from `surveys/*.toml`.
    #[serde(skip)]
    pub surveys: Vec<surveys::SurveyPack>,
    /// The pack's own words in other languages, from `consultation.<code>.toml`.
    #[serde(skip)]
    pub translations: Vec<translations::ConsultationTranslation>,
    /// The consultation's steps, from `timeline.toml` (and `timeline.<code>.toml`).
    #[serde(skip)]
    pub timeline: Vec<timeline_faq::pack::TimelineStepPack>,
    /// Questions and answers, from `faq.toml` (and `faq.<code>.toml`).
    #[serde(skip)]
    pub faq: Vec<timeline_faq::pack::FaqPack>,
}

fn default_time_zone() -> String {
    "America/Los_Angeles".into()
}

/// The zone of a stored consultation; a name the code cannot read (only possible by editing the
/// database by hand) falls back to the default rather than failing every page.
pub fn zone_named(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::America::Los_Angeles)
}

#[derive(Clone, Debug, Deserialize)]
pub struct PhasePack {
    pub label: String,
    pub summary: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ServiceAreaPack {
    pub name: String,
    pub summary: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("consultation.toml is not valid: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("consultation.toml: {0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Section(#[from] strategy::SectionFileError),
    #[error(
        "consultation.toml: time_zone \"{0}\" is not an IANA time zone name (for example America/Los_Angeles or Europe/Madrid)"
    )]
    UnknownZone(String),
    #[error("two sections share the slug {0}")]
    DuplicateSlug(String),
    #[error("section translation {0}")]
    Translation(String),
    #[error("survey file {0}")]
    Survey(String),
    #[error("{0}")]
    TimelineOrFaq(String),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl ConsultationPack {
    pub fn from_toml(text: &str) -> Result<ConsultationPack, ContentError> {
        let pack: ConsultationPack = toml::from_str(text)?;
        if pack.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(ContentError::UnknownZone(pack.time_zone));
        }
        if pack.phase.closes_on < pack.phase.opens_on {
            return Err(ContentError::Invalid(
                "phase.closes_on is before phase.opens_on",
            ));
        }
        if pack.service_areas.is_empty() {
            return Err(ContentError::Invalid("at least one service area is needed"));
        }
        Ok(pack)
    }

    /// The zone, checked by `from_toml`.
    pub fn zone(&self) -> chrono_tz::Tz {
        zone_named(&self.time_zone)
    }

    /// Adds the section files, given as (file name, text) pairs.
    pub fn with_sections<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ConsultationPack, ContentError> {
        let mut sections = Vec::new();
        let mut translations = Vec::new();
        for (name, text) in files {
            let parsed = SectionPack::parse(name, text)?;
            match strategy::translation_locale(name) {
                Some(locale) => translations.push((name, locale, parsed)),
                None => sections.push(parsed),
            }
        }
        sections.sort_by_key(|s| s.order);
        let mut slugs = std::collections::HashSet::new();
        if let Some(duplicate) = sections.iter().find(|s| !slugs.insert(s.slug.clone())) {
            return Err(ContentError::DuplicateSlug(duplicate.slug.clone()));
        }
        for (name, locale, translated) in translations {
            let Some(english) = sections.iter_mut().find(|s| s.slug == translated.slug) else {
                return Err(ContentError::Translation(format!(
                    "{name}: no English section has the slug {}",
                    translated.slug
                )));
            };
            let (theirs, ours) = (
                strategy::paragraph_count(&translated.body),
                strategy::paragraph_count(&english.body),
            );
            // Comments are kept by paragraph: a translation must have the same ones.
            if theirs != ours {
                return Err(ContentError::Translation(format!(
                    "{name}: {theirs} paragraphs where the English text has {ours}"
                )));
            }
            english.translations.push(strategy::SectionTranslationPack {
                locale,
                title: translated.title,
                summary: translated.summary,
                body: translated.body,
            });
        }
        self.sections = sections;
        Ok(self)
    }

    /// Adds the translation files (`consultation.es.toml`, ...), given as (file name, text) pairs;
    /// other names are ignored.
    pub fn with_translations<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ConsultationPack, ContentError> {
        use translations::{ConsultationTranslation, file_locale};
        for (name, text) in files {
            if let Some(locale) = file_locale(name) {
                self.translations
                    .push(ConsultationTranslation::parse(name, text, locale)?);
            }
        }
        translations::check(&self)?;
        Ok(self)
    }

    /// Adds the survey files, given as (file name, text) pairs.
    pub fn with_surveys<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ConsultationPack, ContentError> {
        use surveys::{SurveyPack, translation_locale};
        let mut translations = Vec::new();
        for (name, text) in files {
            let parsed = SurveyPack::parse(name, text).map_err(ContentError::Survey)?;
            match translation_locale(name) {
                Some(locale) => translations.push((name, locale, parsed)),
                None => self.surveys.push(parsed),
            }
        }
        self.surveys.sort_by(|a, b| a.slug.cmp(&b.slug));
        for (name, locale, translated) in translations {
            let Some(english) = self.surveys.iter_mut().find(|s| s.slug == translated.slug) else {
                return Err(ContentError::Survey(format!(
                    "{name}: no English survey has the slug {}",
                    translated.slug
                )));
            };
            // Answers are stored by key: a translation changes words, never questions.
            if !crate::domain::survey::same_questions(&english.pages, &translated.pages) {
                return Err(ContentError::Survey(format!(
                    "{name}: its pages, questions, options and conditions must be the English \
                     file's, with only the words translated"
                )));
            }
            english.translations.push((locale, translated));
        }
        Ok(self)
    }
}
