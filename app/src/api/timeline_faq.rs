//! The public timeline and FAQ, in the reader's language where the words are translated.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A document or page about a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepLinkView {
    pub label: String,
    pub url: String,
    /// The label's language (English when not translated).
    pub lang: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub key: String,
    /// The language of title, summary and what happened (English when not translated).
    pub lang: String,
    pub title: String,
    pub summary: String,
    /// Sanitised on the server.
    pub what_happened_html: String,
    /// ISO dates.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// past, current or upcoming.
    pub status: String,
    pub links: Vec<StepLinkView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineView {
    /// The consultation's title, in the reader's language where translated.
    pub consultation: String,
    pub steps: Vec<StepView>,
}

#[server(endpoint = "timeline")]
pub async fn get_timeline() -> Result<TimelineView, AppError> {
    use crate::backend::services::timeline_faq::{self, STEP_SUBJECT, render_text};
    use crate::backend::services::{content, translations::Localized};
    let state = crate::backend::app_state()?;
    let found = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = content::zone_named(&found.time_zone);
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let locale = crate::i18n::resolve_locale();
    let words = Localized::load(&state.db, locale).await?;
    let steps = timeline_faq::timeline(&state.db, &found, today).await?;
    let lang_of = |translated: bool| if translated { locale.code() } else { "en" }.to_string();
    Ok(TimelineView {
        consultation: words
            .of("consultation", &found.slug, "title", &found.title)
            .unwrap_or(found.title.clone()),
        steps: steps
            .into_iter()
            .map(|s| {
                let key = s.step.key.clone();
                let own = |field: &str, english: &str| {
                    words.or_english(STEP_SUBJECT, &key, field, english)
                };
                let (title, title_done) = own("title", &s.step.title);
                // The step's words go together: all translated, or all English.
                let (summary, what_happened) = if title_done {
                    (
                        own("summary", &s.step.summary).0,
                        own("what_happened", &s.step.what_happened).0,
                    )
                } else {
                    (s.step.summary.clone(), s.step.what_happened.clone())
                };
                let links = s
                    .links
                    .iter()
                    .enumerate()
                    .map(|(n, link)| {
                        let (label, done) = own(&format!("link.{n}"), &link.label);
                        StepLinkView {
                            label,
                            url: link.url.clone(),
                            lang: lang_of(done || locale == crate::i18n::Locale::En),
                        }
                    })
                    .collect();
                StepView {
                    lang: lang_of(title_done || locale == crate::i18n::Locale::En),
                    title,
                    summary,
                    what_happened_html: render_text(&what_happened),
                    starts_on: s.starts_on.map(|d| d.to_string()),
                    ends_on: s.ends_on.map(|d| d.to_string()),
                    status: s.status.as_str().to_string(),
                    key,
                    links,
                }
            })
            .collect(),
    })
}

/// One published question with its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntryView {
    pub anchor: String,
    /// The language of question and answer: the reader's, or English when not translated.
    pub lang: String,
    pub question: String,
    /// Sanitised on the server.
    pub answer_html: String,
}

#[server(endpoint = "faq")]
pub async fn get_faq() -> Result<Vec<FaqEntryView>, AppError> {
    use crate::backend::services::content;
    use crate::backend::services::timeline_faq::{faq, render_text};
    let state = crate::backend::app_state()?;
    let Some(found) = content::current_consultation(&state.db).await? else {
        return Ok(Vec::new());
    };
    let locale = crate::i18n::resolve_locale();
    Ok(faq::entries(&state.db, found.id, true)
        .await?
        .iter()
        .map(|entry| {
            let (question, answer, lang) = faq::words_for(entry, locale);
            FaqEntryView {
                anchor: entry.anchor.clone(),
                lang: lang.code().to_string(),
                question,
                answer_html: render_text(&answer),
            }
        })
        .collect())
}
