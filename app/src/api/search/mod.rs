//! Staff search across everything people wrote, and the themes put on it: one item at a time, or
//! every result of a search at once.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The search as it stands in the address bar (a GET form, so a search is a link to share).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub kind: String,
    pub section: String,
    pub survey: String,
    pub question: String,
    pub group: String,
    pub identity: String,
    pub channel: String,
    pub language: String,
    pub from: String,
    pub to: String,
    /// A theme id, or "none" for items without a theme.
    pub theme: String,
    pub page: u64,
}

impl SearchQuery {
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut query = SearchQuery::default();
        for (key, value) in pairs {
            let value = value.as_ref().trim().to_string();
            match key.as_ref() {
                "q" => query.q = value,
                "kind" => query.kind = value,
                "section" => query.section = value,
                "survey" => query.survey = value,
                "question" => query.question = value,
                "group" => query.group = value,
                "identity" => query.identity = value,
                "channel" => query.channel = value,
                "language" => query.language = value,
                "from" => query.from = value,
                "to" => query.to = value,
                "theme" => query.theme = value,
                "page" => query.page = value.parse().unwrap_or(1),
                _ => {}
            }
        }
        query
    }

    /// The filters as a query string (no page), for links and the bulk form.
    pub fn filters_string(&self) -> String {
        [
            ("q", &self.q),
            ("kind", &self.kind),
            ("section", &self.section),
            ("survey", &self.survey),
            ("question", &self.question),
            ("group", &self.group),
            ("identity", &self.identity),
            ("channel", &self.channel),
            ("language", &self.language),
            ("from", &self.from),
            ("to", &self.to),
            ("theme", &self.theme),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::paths::query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// This search at another page.
    pub fn page_link(&self, page: u64) -> String {
        let filters = self.filters_string();
        if filters.is_empty() {
            format!("/staff/search?page={page}")
        } else {
            format!("/staff/search?{filters}&page={page}")
        }
    }

    /// The query string (with or without its `?`) as a search.
    pub fn parse(search: &str) -> Self {
        Self::from_pairs(
            search
                .trim_start_matches('?')
                .split('&')
                .filter_map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    Some((decode(key)?, decode(value)?))
                }),
        )
    }
}

/// Percent-decoding of one query-string part (`+` is a space, as forms send it).
fn decode(part: &str) -> Option<String> {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// A theme as lists and chips show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChip {
    pub id: i32,
    pub name: String,
    pub colour: String,
}

/// One thing someone wrote, as a search result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHitView {
    pub id: i32,
    /// comment, survey_answer or inquiry
    pub kind: String,
    pub reference: String,
    /// Where it was written: the section, the survey and its question, or (inquiries) the i18n key
    /// of the topic.
    pub context: String,
    pub group: String,
    pub channel: String,
    pub language: String,
    pub date: String,
    /// The comment's or inquiry's status key ("" for survey answers).
    pub status: String,
    /// The text in pieces; `true` marks a word that matched.
    pub pieces: Vec<(String, bool)>,
    pub themes: Vec<ThemeChip>,
    /// A staff page about it, when the viewer may open one.
    pub link: Option<String>,
    /// The survey question answered ("" outside survey answers).
    pub question: String,
}

impl SearchHitView {
    /// A survey answer given as "other, please specify".
    pub fn question_is_other(&self) -> bool {
        self.question.ends_with("__other")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPageView {
    pub query: SearchQuery,
    pub total: u64,
    /// More match than were counted: the page says "more than {total}".
    pub capped: bool,
    pub page: u64,
    pub pages: u64,
    pub hits: Vec<SearchHitView>,
    pub themes: Vec<ThemeChip>,
    /// Filter choices: (value, label).
    pub sections: Vec<(String, String)>,
    pub surveys: Vec<(String, String)>,
    pub questions: Vec<(String, String)>,
    pub identities: Vec<(String, String)>,
}

pub const PER_PAGE: u64 = 25;

#[cfg(feature = "ssr")]
mod hits;

/// The search page: `search` is the page's query string.
#[server(endpoint = "staff/search")]
pub async fn search_feedback(search: String) -> Result<SearchPageView, AppError> {
    use crate::backend::access::require;
    use crate::backend::services::{search, themes};
    use crate::domain::Permission;
    let user = require(Permission::Analyse).await?;
    let state = crate::backend::app_state()?;
    let query = SearchQuery::parse(&search);
    let (consultation_id, sections) = hits::consultation_and_sections(&state.db).await?;
    let (surveys, questions, identities) = hits::survey_choices(&state.db, consultation_id).await?;
    let filters = hits::filters(&query, &sections);
    let page = query.page.max(1);
    let found = search::query::search(&state.db, consultation_id, &filters, page, PER_PAGE).await?;
    let codebook = themes::codebook(&state.db, consultation_id).await?;
    let hits = hits::hits(
        &state.db,
        &found.items,
        &found.terms,
        &sections,
        &questions,
        &codebook,
        user.can(Permission::AnswerInquiries),
    )
    .await?;
    Ok(SearchPageView {
        capped: found.total > search::query::COUNT_CAP,
        total: found.total.min(search::query::COUNT_CAP),
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        hits,
        themes: hits::chips(&codebook),
        sections: sections.into_iter().map(|s| (s.slug, s.title)).collect(),
        surveys,
        questions,
        identities,
        query,
    })
}

/// Puts a theme on one item, or takes it off (`change` is "add" or "remove"); back to `back`.
#[server(endpoint = "staff/search/tag")]
pub async fn tag_item(
    item: i32,
    #[server(default)] theme: String,
    change: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::themes::{self, Tagging};
    use crate::domain::Permission;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    let (consultation_id, _) = hits::consultation_and_sections(&state.db).await?;
    let Some(found) = (match theme.trim().parse::<i32>() {
        Ok(id) => themes::find(&state.db, consultation_id, id).await?,
        Err(_) => None,
    }) else {
        let mut errors = crate::error::FormErrors::default();
        // Named after the item's own drop-down, so the error summary links to it.
        errors.add(&format!("item-{item}-theme"), "search.error.theme");
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::backend::services::begin_write(&state.db).await?;
    if change == "remove" {
        themes::untag(&txn, &found, &[item], staff_id, Tagging::One).await?;
    } else {
        themes::tag(&txn, &found, &[item], staff_id, Tagging::One).await?;
    }
    txn.commit().await?;
    let back = crate::backend::request::local_path_or(Some(&back), "/staff/search");
    let back = back.split('#').next().unwrap_or_default().to_string();
    crate::backend::request::redirect(&format!("{back}#item-{item}"));
    Ok(())
}

/// Puts a theme on every result of a search, or takes it off them all.
#[server(endpoint = "staff/search/tag-all")]
pub async fn tag_results(
    #[server(default)] search: String,
    #[server(default)] theme: String,
    change: String,
) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::services::themes::{self, Tagging};
    use crate::domain::Permission;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    let query = SearchQuery::parse(&search);
    let (consultation_id, sections) = hits::consultation_and_sections(&state.db).await?;
    let Some(found) = (match theme.trim().parse::<i32>() {
        Ok(id) => themes::find(&state.db, consultation_id, id).await?,
        Err(_) => None,
    }) else {
        let mut errors = crate::error::FormErrors::default();
        errors.add("bulk-theme", "search.error.theme");
        return Err(AppError::Invalid(errors));
    };
    let filters = hits::filters(&query, &sections);
    let txn = crate::backend::services::begin_write(&state.db).await?;
    // Read inside the transaction, so the items tagged are the items that matched.
    let ids =
        crate::backend::services::search::query::matching_ids(&txn, consultation_id, &filters)
            .await?;
    let (changed, done) = if change == "remove" {
        (
            themes::untag(&txn, &found, &ids, staff_id, Tagging::Bulk).await?,
            "removed",
        )
    } else {
        (
            themes::tag(&txn, &found, &ids, staff_id, Tagging::Bulk).await?,
            "added",
        )
    };
    txn.commit().await?;
    let filters = query.filters_string();
    let separator = if filters.is_empty() { "" } else { "&" };
    crate::backend::request::redirect(&format!(
        "/staff/search?{filters}{separator}done={done}&count={changed}&with={}",
        found.id
    ));
    Ok(())
}
