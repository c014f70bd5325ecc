//! "You said, we did": the City's account of why a section changed, linked to the comments and
//! themes that prompted the change, explained in each language.

use crate::i18n::Locale;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

/// One explained change, as the public pages list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeSummary {
    pub section_slug: String,
    pub section_title: String,
    pub version_number: i32,
    pub published_at: DateTime<Utc>,
    /// The City's explanation in the reader's language (English when not translated).
    pub explanation: String,
    /// The language `explanation` is written in.
    pub explanation_lang: Locale,
    /// Published comments linked to the change.
    pub comment_count: i64,
    /// Names of the linked themes.
    pub themes: Vec<String>,
}

/// Every explained change of the consultation, or of one section, newest first.
pub async fn summaries(
    _conn: &impl ConnectionTrait,
    _consultation_id: i32,
    _section_id: Option<i32>,
    _locale: Locale,
) -> Result<Vec<ChangeSummary>, DbErr> {
    Ok(Vec::new())
}
