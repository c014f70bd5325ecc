//! Surveys from a content pack (`surveys/*.toml` beside `consultation.toml`), created once by slug.

use crate::backend::entity::survey;
use crate::domain::status::SurveyStatus;
use crate::domain::survey::{Choice, SurveyDefinition, SurveyPage};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

#[derive(Clone, Debug, serde::Deserialize)]
pub struct SurveyPack {
    pub slug: String,
    pub title: String,
    pub audience: String,
    pub intro: String,
    /// Opens this many days after the first import (0: at once).
    #[serde(default)]
    pub opens_in_days: i64,
    /// Closes this many days after it opens; none: open until staff close it.
    #[serde(default)]
    pub open_for_days: Option<i64>,
    pub status: String,
    #[serde(default)]
    pub ask_contact: bool,
    #[serde(default)]
    pub one_per_browser: bool,
    pub pages: Vec<SurveyPage>,
    /// The same survey in other languages (`business.es.toml` beside `business.toml`).
    #[serde(skip)]
    pub translations: Vec<(crate::i18n::Locale, SurveyPack)>,
}

/// The language of a survey file named `<name>.<code>.toml`; `None` for the English file.
pub fn translation_locale(file_name: &str) -> Option<crate::i18n::Locale> {
    let stem = file_name.strip_suffix(".toml")?;
    let (_, code) = stem.rsplit_once('.')?;
    crate::i18n::Locale::from_code(code)
        .filter(|l| *l != crate::i18n::Locale::En && l.code() == code)
}

impl SurveyPack {
    /// Reads one survey file; problems in its questions are reported by name.
    pub fn parse(name: &str, text: &str) -> Result<SurveyPack, String> {
        let pack: SurveyPack = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        let problems = SurveyDefinition {
            pages: pack.pages.clone(),
            identities: Vec::new(),
        }
        .problems();
        if !problems.is_empty() {
            return Err(format!("{name}: {}", problems.join("; ")));
        }
        if SurveyStatus::parse(&pack.status).is_none() {
            return Err(format!("{name}: status is draft, open or closed"));
        }
        Ok(pack)
    }
}

/// Creates the pack's surveys that do not exist yet (by slug); returns how many it created.
pub async fn import_surveys(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    packs: &[SurveyPack],
    identities: &[Choice],
) -> Result<usize, DbErr> {
    let mut created = 0;
    for pack in packs {
        let exists = survey::Entity::find()
            .filter(survey::Column::Slug.eq(&pack.slug))
            .count(conn)
            .await?
            > 0;
        if exists {
            continue;
        }
        let opens = Utc::now() + chrono::Duration::days(pack.opens_in_days);
        let definition = SurveyDefinition {
            pages: pack.pages.clone(),
            identities: identities.to_vec(),
        };
        let json = serde_json::to_string(&definition)
            .map_err(|e| DbErr::Custom(format!("{}: {e}", pack.slug)))?;
        survey::ActiveModel {
            consultation_id: Set(consultation_id),
            slug: Set(pack.slug.clone()),
            title: Set(pack.title.clone()),
            intro_html: Set(crate::backend::services::strategy::render_markdown(
                pack.intro.trim(),
            )),
            intro_markdown: Set(pack.intro.trim().to_string()),
            audience: Set(pack.audience.clone()),
            opens_at: Set(Some(opens)),
            closes_at: Set(pack
                .open_for_days
                .map(|days| opens + chrono::Duration::days(days))),
            status: Set(SurveyStatus::parse(&pack.status).unwrap_or(SurveyStatus::Draft)),
            ask_contact: Set(pack.ask_contact),
            one_per_browser: Set(pack.one_per_browser),
            definition: Set(json),
            created_at: Set(Utc::now()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
        created += 1;
    }
    Ok(created)
}
