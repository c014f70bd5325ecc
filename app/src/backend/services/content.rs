//! Consultation content packs: the city's text lives in files in the repository and is imported on first start.

use super::strategy::{self, SectionPack};
use crate::backend::entity::{consultation, section, service_area};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};
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
    pub events: Vec<super::events::EventPack>,
    /// Community identities a survey's "about you" page offers (several may be chosen).
    #[serde(default)]
    pub identities: Vec<crate::domain::survey::Choice>,
    /// The draft's sections, read from `sections/*.md` beside `consultation.toml`.
    #[serde(skip)]
    pub sections: Vec<SectionPack>,
    /// Surveys, read from `surveys/*.toml`.
    #[serde(skip)]
    pub surveys: Vec<super::surveys::SurveyPack>,
    /// The pack's own words in other languages, from `consultation.<code>.toml`.
    #[serde(skip)]
    pub translations: Vec<super::translations::ConsultationTranslation>,
    /// The consultation's steps, from `timeline.toml` (and `timeline.<code>.toml`).
    #[serde(skip)]
    pub timeline: Vec<super::timeline_faq::pack::TimelineStepPack>,
    /// Questions and answers, from `faq.toml` (and `faq.<code>.toml`).
    #[serde(skip)]
    pub faq: Vec<super::timeline_faq::pack::FaqPack>,
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
        use super::translations::{ConsultationTranslation, file_locale};
        for (name, text) in files {
            if let Some(locale) = file_locale(name) {
                self.translations
                    .push(ConsultationTranslation::parse(name, text, locale)?);
            }
        }
        super::translations::check(&self)?;
        Ok(self)
    }

    /// Adds the survey files, given as (file name, text) pairs.
    pub fn with_surveys<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ConsultationPack, ContentError> {
        use super::surveys::{SurveyPack, translation_locale};
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

/// Imports the pack unless a consultation with its slug exists; returns whether it imported.
/// Several instances may start at once: the unique slug lets exactly one of them win.
pub async fn import_if_missing<C>(db: &C, pack: &ConsultationPack) -> Result<bool, ContentError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let existing = consultation::Entity::find()
        .filter(consultation::Column::Slug.eq(&pack.slug))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        // A database from before sections existed gets them once; later edits are made in the portal.
        let has_sections = section::Entity::find()
            .filter(section::Column::ConsultationId.eq(existing.id))
            .one(db)
            .await?
            .is_some();
        if !has_sections && !pack.sections.is_empty() {
            let txn = crate::backend::services::begin_write(db).await?;
            strategy::import_sections(&txn, existing.id, &pack.sections).await?;
            txn.commit().await?;
        }
        // Likewise a database from before meetings existed gets the pack's sample meetings once.
        if !super::events::has_events(db, existing.id).await? && !pack.events.is_empty() {
            let txn = crate::backend::services::begin_write(db).await?;
            super::events::import_events(&txn, existing.id, &pack.events, pack.zone()).await?;
            txn.commit().await?;
        }
        // New surveys in the pack are added; existing ones are edited in the portal.
        let txn = crate::backend::services::begin_write(db).await?;
        super::surveys::import_surveys(&txn, existing.id, &pack.surveys, &pack.identities).await?;
        // The pack's translations follow its files at every start, like its new surveys.
        super::translations::save(&txn, pack).await?;
        super::timeline_faq::import::import_once(&txn, existing.id, pack).await?;
        txn.commit().await?;
        return Ok(false);
    }
    let txn = crate::backend::services::begin_write(db).await?;
    let inserted = consultation::ActiveModel {
        slug: Set(pack.slug.clone()),
        city_name: Set(pack.city_name.clone()),
        title: Set(pack.title.clone()),
        short_title: Set(pack.short_title.clone()),
        summary: Set(pack.summary.trim().to_string()),
        phase_label: Set(pack.phase.label.clone()),
        phase_summary: Set(pack.phase.summary.trim().to_string()),
        phase_opens_on: Set(pack.phase.opens_on),
        phase_closes_on: Set(pack.phase.closes_on),
        imported_at: Set(Utc::now()),
        time_zone: Set(pack.time_zone.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let consultation = match inserted {
        Ok(model) => model,
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Ok(false);
        }
        Err(err) => return Err(err.into()),
    };
    for (position, area) in (1..).zip(&pack.service_areas) {
        service_area::ActiveModel {
            consultation_id: Set(consultation.id),
            position: Set(position),
            name: Set(area.name.clone()),
            summary: Set(area.summary.trim().to_string()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    strategy::import_sections(&txn, consultation.id, &pack.sections).await?;
    super::events::import_events(&txn, consultation.id, &pack.events, pack.zone()).await?;
    super::surveys::import_surveys(&txn, consultation.id, &pack.surveys, &pack.identities).await?;
    super::translations::save(&txn, pack).await?;
    super::timeline_faq::import::import_once(&txn, consultation.id, pack).await?;
    txn.commit().await?;
    Ok(true)
}

/// What an import did, for the person who ran it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub consultation: String,
    pub consultation_created: bool,
    pub sections: strategy::ImportReport,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.consultation_created {
            "created"
        } else {
            "updated"
        };
        writeln!(f, "Consultation {}: {verb}.", self.consultation)?;
        let list = |slugs: &[String]| {
            if slugs.is_empty() {
                "none".to_string()
            } else {
                slugs.join(", ")
            }
        };
        writeln!(f, "New sections: {}", list(&self.sections.created))?;
        writeln!(f, "New versions: {}", list(&self.sections.new_versions))?;
        write!(f, "Unchanged: {}", list(&self.sections.unchanged))
    }
}

/// Imports the pack, or, when its consultation exists, brings it in line with the pack: the
/// consultation's texts and dates, and its sections (see `strategy::reimport_sections`).
pub async fn import_or_update<C>(
    db: &C,
    pack: &ConsultationPack,
) -> Result<ImportSummary, ContentError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if import_if_missing(db, pack).await? {
        return Ok(ImportSummary {
            consultation: pack.slug.clone(),
            consultation_created: true,
            sections: strategy::ImportReport {
                created: pack.sections.iter().map(|s| s.slug.clone()).collect(),
                ..Default::default()
            },
        });
    }
    let txn = crate::backend::services::begin_write(db).await?;
    let existing = consultation::Entity::find()
        .filter(consultation::Column::Slug.eq(&pack.slug))
        .one(&txn)
        .await?
        .ok_or(ContentError::Invalid(
            "the consultation vanished during the import",
        ))?;
    let id = existing.id;
    let mut edited: consultation::ActiveModel = existing.into();
    edited.city_name = Set(pack.city_name.clone());
    edited.title = Set(pack.title.clone());
    edited.short_title = Set(pack.short_title.clone());
    edited.summary = Set(pack.summary.trim().to_string());
    edited.phase_label = Set(pack.phase.label.clone());
    edited.phase_summary = Set(pack.phase.summary.trim().to_string());
    edited.phase_opens_on = Set(pack.phase.opens_on);
    edited.phase_closes_on = Set(pack.phase.closes_on);
    edited.time_zone = Set(pack.time_zone.clone());
    edited.update(&txn).await?;
    let sections = strategy::reimport_sections(&txn, id, &pack.sections).await?;
    // The timeline follows the files (staff do not edit it); the FAQ is the staff's.
    super::timeline_faq::import::reimport_timeline(&txn, id, pack).await?;
    txn.commit().await?;
    Ok(ImportSummary {
        consultation: pack.slug.clone(),
        consultation_created: false,
        sections,
    })
}

/// The consultation the portal presents: the most recently imported one.
pub async fn current_consultation(
    db: &impl ConnectionTrait,
) -> Result<Option<consultation::Model>, DbErr> {
    consultation::Entity::find()
        .order_by_desc(consultation::Column::Id)
        .one(db)
        .await
}

/// The current consultation with its service areas, for the home page.
pub async fn current(
    db: &impl ConnectionTrait,
) -> Result<Option<(consultation::Model, Vec<service_area::Model>)>, DbErr> {
    let Some(found) = current_consultation(db).await? else {
        return Ok(None);
    };
    let areas = service_area::Entity::find()
        .filter(service_area::Column::ConsultationId.eq(found.id))
        .order_by_asc(service_area::Column::Position)
        .all(db)
        .await?;
    Ok(Some((found, areas)))
}
