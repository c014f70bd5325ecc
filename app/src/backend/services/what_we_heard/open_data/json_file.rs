//! The open data as one JSON document with stable field names; a withheld count is `null`.

use super::OpenData;
use crate::api::what_we_heard::{GroupThemes, SurveyResult, WhatWeHeardView};
use crate::error::AppError;
use serde::Serialize;

#[derive(Serialize)]
struct Participation<'a> {
    stakeholder_group: &'a str,
    comments: Option<i64>,
    survey_responses: Option<i64>,
    rsvps: Option<i64>,
    inquiries: Option<i64>,
}

#[derive(Serialize)]
struct ThemeCount<'a> {
    theme: &'a str,
    count: Option<i64>,
}

#[derive(Serialize)]
struct Themes<'a> {
    stakeholder_group: &'a str,
    themes: Vec<ThemeCount<'a>>,
}

#[derive(Serialize)]
struct ChannelCount<'a> {
    stakeholder_group: &'a str,
    channel: &'a str,
    count: Option<i64>,
}

#[derive(Serialize)]
struct Change<'a> {
    version: i32,
    published_on: &'a str,
    explanation: &'a str,
    comments: i64,
    themes: &'a [String],
}

#[derive(Serialize)]
struct Version<'a> {
    version: i32,
    published_on: &'a str,
}

#[derive(Serialize)]
struct Section<'a> {
    slug: &'a str,
    title: &'a str,
    comments: i64,
    comments_by_group_and_channel: Vec<ChannelCount<'a>>,
    themes_by_group: Vec<Themes<'a>>,
    changes: Vec<Change<'a>>,
    versions: Vec<Version<'a>>,
}

#[derive(Serialize)]
struct Answer<'a> {
    key: &'a str,
    label: &'a str,
    count: u64,
    average_rank: Option<f64>,
}

#[derive(Serialize)]
struct Question<'a> {
    key: &'a str,
    prompt: &'a str,
    kind: &'a str,
    answered: Option<u64>,
    mean: Option<f64>,
    answers: Vec<Answer<'a>>,
}

#[derive(Serialize)]
struct Survey<'a> {
    slug: &'a str,
    title: &'a str,
    respondents: Option<u64>,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Document<'a> {
    consultation: &'a str,
    title: &'a str,
    generated_at: String,
    license: &'static str,
    small_cell_k: u64,
    withheld: String,
    participation: Vec<Participation<'a>>,
    themes_by_group: Vec<Themes<'a>>,
    sections: Vec<Section<'a>>,
    surveys: Vec<Survey<'a>>,
}

fn themes(groups: &[GroupThemes]) -> Vec<Themes<'_>> {
    groups
        .iter()
        .map(|g| Themes {
            stakeholder_group: &g.group,
            themes: g
                .themes
                .iter()
                .map(|t| ThemeCount {
                    theme: &t.theme,
                    count: t.count,
                })
                .collect(),
        })
        .collect()
}

fn section(one: &WhatWeHeardView) -> Section<'_> {
    let (slug, title) = one
        .section
        .as_ref()
        .map_or(("", ""), |s| (s.slug.as_str(), s.title.as_str()));
    Section {
        slug,
        title,
        // Received in all, as the transparency page counts a section; the breakdown withholds.
        comments: one
            .sections
            .iter()
            .find(|s| s.section.slug == slug)
            .map_or(0, |s| s.comments),
        comments_by_group_and_channel: one
            .comments_by_channel
            .iter()
            .map(|c| ChannelCount {
                stakeholder_group: &c.group,
                channel: &c.channel,
                count: c.count,
            })
            .collect(),
        themes_by_group: themes(&one.themes),
        changes: one
            .changes
            .iter()
            .map(|c| Change {
                version: c.version,
                published_on: &c.published_on,
                explanation: &c.explanation,
                comments: c.comments,
                themes: &c.themes,
            })
            .collect(),
        versions: one
            .versions
            .iter()
            .map(|v| Version {
                version: v.version,
                published_on: &v.published_on,
            })
            .collect(),
    }
}

fn survey(found: &SurveyResult) -> Survey<'_> {
    Survey {
        slug: &found.slug,
        title: &found.title,
        respondents: found.respondents,
        questions: found
            .questions
            .iter()
            .map(|q| Question {
                key: &q.key,
                prompt: &q.prompt,
                kind: &q.kind,
                answered: q.answered,
                mean: q.mean,
                answers: q
                    .answers
                    .iter()
                    .map(|a| Answer {
                        key: &a.key,
                        label: &a.label,
                        count: a.count,
                        average_rank: a.average_rank,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The JSON document; a withheld count is `null`.
pub fn json(data: &OpenData) -> Result<Vec<u8>, AppError> {
    let whole = &data.whole;
    let document = Document {
        consultation: &data.slug,
        title: &whole.consultation,
        generated_at: chrono::Utc::now().to_rfc3339(),
        license: "Aggregate counts as published on the portal; no personal data",
        small_cell_k: whole.k,
        withheld: format!(
            "A count of null means fewer than {} people; it is withheld so that nobody can be singled out.",
            whole.k
        ),
        participation: whole
            .participation
            .iter()
            .map(|g| Participation {
                stakeholder_group: &g.group,
                comments: g.comments,
                survey_responses: g.survey_responses,
                rsvps: g.rsvps,
                inquiries: g.inquiries,
            })
            .collect(),
        themes_by_group: themes(&whole.themes),
        sections: data.sections.iter().map(section).collect(),
        surveys: whole.surveys.iter().map(survey).collect(),
    };
    serde_json::to_vec_pretty(&document).map_err(|e| AppError::internal("what we heard json", e))
}
