//! The home page's live part: what has come in so far and the next meeting.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The next published meeting; date and times in the consultation's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMeetingView {
    pub slug: String,
    pub title: String,
    /// The title's language (English when not translated).
    pub lang: String,
    /// ISO date and `HH:MM` times.
    pub date: String,
    pub starts: String,
    pub ends: String,
    /// The zone's abbreviation on that day (`PST`).
    pub zone: String,
    /// in_person, online or hybrid.
    pub format: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeLive {
    pub comments: u64,
    pub survey_responses: u64,
    pub rsvps: u64,
    pub next_meeting: Option<NextMeetingView>,
}

#[server(endpoint = "site/home/live")]
pub async fn get_home_live() -> Result<HomeLive, AppError> {
    use crate::backend::services::{content, participation, translations::Localized};
    let state = crate::backend::app_state()?;
    let found = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let so_far = participation::so_far(&state.db, found.id).await?;
    let next = participation::next_meeting(&state.db, found.id, chrono::Utc::now()).await?;
    let next_meeting = match next {
        Some(meeting) => {
            let locale = crate::i18n::resolve_locale();
            let words = Localized::load(&state.db, locale).await?;
            let (title, translated) =
                words.or_english("event", &meeting.slug, "title", &meeting.title);
            let zone = content::zone_named(&found.time_zone);
            let starts = meeting.starts_at.with_timezone(&zone);
            let ends = meeting.ends_at.with_timezone(&zone);
            Some(NextMeetingView {
                slug: meeting.slug,
                title,
                lang: if translated || locale == crate::i18n::Locale::En {
                    locale.code()
                } else {
                    "en"
                }
                .to_string(),
                date: starts.date_naive().to_string(),
                starts: starts.format("%H:%M").to_string(),
                ends: ends.format("%H:%M").to_string(),
                zone: starts.format("%Z").to_string(),
                format: meeting.format,
            })
        }
        None => None,
    };
    Ok(HomeLive {
        comments: so_far.comments,
        survey_responses: so_far.survey_responses,
        rsvps: so_far.rsvps,
        next_meeting,
    })
}
