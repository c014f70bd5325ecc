//! The consultation's own words in other languages, from `consultation.<code>.toml` beside
//! `consultation.toml`: title, phase, service areas, meetings and identities. Each stored text
//! carries a hash of the English it translates; when staff change the English, readers get the
//! English (marked) until the translation follows, never a stale translation.

use super::content::{ConsultationPack, ContentError};
use super::sha256_hex;
use crate::backend::entity::content_translation;
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Deserialize;
use std::collections::HashMap;

/// `consultation.es.toml`: the translatable fields only, in the English file's shape.
#[derive(Clone, Debug, Deserialize)]
pub struct ConsultationTranslation {
    #[serde(skip)]
    pub locale: Option<Locale>,
    pub title: String,
    pub short_title: String,
    pub summary: String,
    pub phase: PhaseText,
    #[serde(default)]
    pub service_areas: Vec<AreaText>,
    #[serde(default)]
    pub events: Vec<EventText>,
    #[serde(default)]
    pub identities: Vec<IdentityText>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct PhaseText {
    pub label: String,
    pub summary: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AreaText {
    pub name: String,
    pub summary: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct EventText {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub languages: String,
    pub accessibility_notes: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct IdentityText {
    pub key: String,
    pub label: String,
}

/// The language of `consultation.<code>.toml`; `None` for any other file name.
pub fn file_locale(file_name: &str) -> Option<Locale> {
    let code = file_name
        .strip_prefix("consultation.")?
        .strip_suffix(".toml")?;
    Locale::from_code(code).filter(|l| *l != Locale::En && l.code() == code)
}

/// One translated field and the English it translates.
struct Entry<'a> {
    subject: &'static str,
    key: String,
    field: &'static str,
    text: &'a str,
    english: &'a str,
}

impl ConsultationTranslation {
    pub fn parse(name: &str, text: &str, locale: Locale) -> Result<Self, ContentError> {
        let mut parsed: ConsultationTranslation =
            toml::from_str(text).map_err(|e| ContentError::Translation(format!("{name}: {e}")))?;
        parsed.locale = Some(locale);
        Ok(parsed)
    }

    /// Every field paired with its English, or what does not match the English file.
    fn entries<'a>(
        &'a self,
        name: &str,
        english: &'a ConsultationPack,
    ) -> Result<Vec<Entry<'a>>, ContentError> {
        let wrong = |what: String| ContentError::Translation(format!("{name}: {what}"));
        if self.service_areas.len() != english.service_areas.len() {
            return Err(wrong(format!(
                "{} service areas where consultation.toml has {}",
                self.service_areas.len(),
                english.service_areas.len()
            )));
        }
        let slug = english.slug.clone();
        let mut entries = vec![
            entry("consultation", &slug, "title", &self.title, &english.title),
            entry(
                "consultation",
                &slug,
                "short_title",
                &self.short_title,
                &english.short_title,
            ),
            entry(
                "consultation",
                &slug,
                "summary",
                &self.summary,
                &english.summary,
            ),
            entry(
                "consultation",
                &slug,
                "phase_label",
                &self.phase.label,
                &english.phase.label,
            ),
            entry(
                "consultation",
                &slug,
                "phase_summary",
                &self.phase.summary,
                &english.phase.summary,
            ),
        ];
        for (position, (ours, theirs)) in
            (1..).zip(self.service_areas.iter().zip(&english.service_areas))
        {
            let key = format!("{position}");
            entries.push(entry(
                "service_area",
                &key,
                "name",
                &ours.name,
                &theirs.name,
            ));
            entries.push(entry(
                "service_area",
                &key,
                "summary",
                &ours.summary,
                &theirs.summary,
            ));
        }
        for ours in &self.events {
            let theirs = english
                .events
                .iter()
                .find(|e| e.slug == ours.slug)
                .ok_or_else(|| wrong(format!("no meeting has the slug {}", ours.slug)))?;
            entries.push(entry(
                "event",
                &ours.slug,
                "title",
                &ours.title,
                &theirs.title,
            ));
            entries.push(entry(
                "event",
                &ours.slug,
                "description",
                &ours.description,
                &theirs.description,
            ));
            entries.push(entry(
                "event",
                &ours.slug,
                "languages",
                &ours.languages,
                &theirs.languages,
            ));
            entries.push(entry(
                "event",
                &ours.slug,
                "accessibility_notes",
                &ours.accessibility_notes,
                &theirs.accessibility_notes,
            ));
        }
        for ours in &self.identities {
            let theirs = english
                .identities
                .iter()
                .find(|i| i.key == ours.key)
                .ok_or_else(|| wrong(format!("no identity has the key {}", ours.key)))?;
            entries.push(entry(
                "identity",
                &ours.key,
                "label",
                &ours.label,
                &theirs.label,
            ));
        }
        Ok(entries)
    }
}

fn entry<'a>(
    subject: &'static str,
    key: &str,
    field: &'static str,
    text: &'a str,
    english: &'a str,
) -> Entry<'a> {
    Entry {
        subject,
        key: key.to_string(),
        field,
        text,
        english,
    }
}

/// The hash a translation keeps of its English: whitespace-insensitive, like the pack's text.
pub fn source_hash(english: &str) -> String {
    let normalised = english.split_whitespace().collect::<Vec<_>>().join(" ");
    sha256_hex(&["translation-source", &normalised])
}

/// Checks every translation file of the pack against its English (run when the pack is read,
/// so a start with a broken file stops with the reason).
pub fn check(pack: &ConsultationPack) -> Result<(), ContentError> {
    for translation in &pack.translations {
        translation.entries("consultation translation", pack)?;
    }
    Ok(())
}

/// A survey's words in another language, paired with the English they translate; the pages go
/// as one JSON field, so any change to the English questions makes them out of date together.
fn survey_entries(
    english: &super::surveys::SurveyPack,
    translated: &super::surveys::SurveyPack,
) -> Result<Vec<(&'static str, String, String)>, ContentError> {
    let json = |pages: &[crate::domain::survey::SurveyPage]| {
        serde_json::to_string(pages).map_err(|e| ContentError::Survey(e.to_string()))
    };
    Ok(vec![
        ("title", translated.title.clone(), english.title.clone()),
        (
            "audience",
            translated.audience.clone(),
            english.audience.clone(),
        ),
        (
            "intro",
            translated.intro.trim().to_string(),
            english.intro.trim().to_string(),
        ),
        ("pages", json(&translated.pages)?, json(&english.pages)?),
    ])
}

/// Stores the pack's translations (replacing earlier text of the same fields).
pub async fn save(
    conn: &impl ConnectionTrait,
    pack: &ConsultationPack,
) -> Result<(), ContentError> {
    for survey in &pack.surveys {
        for (locale, translated) in &survey.translations {
            for (field, text, english) in survey_entries(survey, translated)? {
                upsert(
                    conn,
                    *locale,
                    "survey",
                    &survey.slug,
                    field,
                    &text,
                    &english,
                )
                .await?;
            }
        }
    }
    for translation in &pack.translations {
        let Some(locale) = translation.locale else {
            continue;
        };
        for found in translation.entries("consultation translation", pack)? {
            upsert(
                conn,
                locale,
                found.subject,
                &found.key,
                found.field,
                found.text.trim(),
                found.english,
            )
            .await?;
        }
    }
    Ok(())
}

pub(crate) async fn upsert(
    conn: &impl ConnectionTrait,
    locale: Locale,
    subject: &str,
    key: &str,
    field: &str,
    text: &str,
    english: &str,
) -> Result<(), DbErr> {
    content_translation::Entity::insert(content_translation::ActiveModel {
        locale: Set(locale.code().to_string()),
        subject: Set(subject.to_string()),
        subject_key: Set(key.to_string()),
        field: Set(field.to_string()),
        text: Set(text.to_string()),
        source_hash: Set(source_hash(english)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            content_translation::Column::Locale,
            content_translation::Column::Subject,
            content_translation::Column::SubjectKey,
            content_translation::Column::Field,
        ])
        .update_columns([
            content_translation::Column::Text,
            content_translation::Column::SourceHash,
            content_translation::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(conn)
    .await
    .map(|_| ())
}

/// The stored translations of one language, read once per request.
#[derive(Clone, Debug, Default)]
pub struct Localized {
    texts: HashMap<(String, String, String), (String, String)>,
}

impl Localized {
    pub async fn load(conn: &impl ConnectionTrait, locale: Locale) -> Result<Localized, DbErr> {
        if locale == Locale::En {
            return Ok(Localized::default());
        }
        let rows = content_translation::Entity::find()
            .filter(content_translation::Column::Locale.eq(locale.code()))
            .all(conn)
            .await?;
        Ok(Localized {
            texts: rows
                .into_iter()
                .map(|r| ((r.subject, r.subject_key, r.field), (r.text, r.source_hash)))
                .collect(),
        })
    }

    /// The translation of `english`, when there is one of this very English text.
    pub fn of(&self, subject: &str, key: &str, field: &str, english: &str) -> Option<String> {
        let (text, hash) =
            self.texts
                .get(&(subject.to_string(), key.to_string(), field.to_string()))?;
        (*hash == source_hash(english)).then(|| text.clone())
    }

    /// The translation, or the English (with `false`: the page marks it `lang="en"`).
    pub fn or_english(
        &self,
        subject: &str,
        key: &str,
        field: &str,
        english: &str,
    ) -> (String, bool) {
        match self.of(subject, key, field, english) {
            Some(text) => (text, true),
            None => (english.to_string(), false),
        }
    }
}

/// A survey as a reader of the loaded language sees it.
#[derive(Clone, Debug, Default)]
pub struct SurveyWords {
    pub title: Option<String>,
    pub audience: Option<String>,
    pub intro_html: Option<String>,
    /// The translated pages, when they translate the survey's current questions.
    pub pages: Option<Vec<crate::domain::survey::SurveyPage>>,
}

impl Localized {
    pub fn survey(
        &self,
        found: &crate::backend::entity::survey::Model,
        definition: &crate::domain::survey::SurveyDefinition,
    ) -> SurveyWords {
        use crate::domain::survey::{SurveyPage, same_questions};
        let of = |field: &str, english: &str| self.of("survey", &found.slug, field, english);
        let pages = serde_json::to_string(&definition.pages)
            .ok()
            .and_then(|english| of("pages", &english))
            .and_then(|json| serde_json::from_str::<Vec<SurveyPage>>(&json).ok())
            .filter(|pages| same_questions(&definition.pages, pages));
        SurveyWords {
            title: of("title", &found.title),
            audience: of("audience", &found.audience),
            intro_html: of("intro", &found.intro_markdown)
                .map(|text| super::strategy::render_markdown(&text)),
            pages,
        }
    }
}
