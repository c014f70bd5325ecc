//! The printable report per stakeholder group, and marking comments as highlighted quotes.
//! Outside the admin role every count under k reads "fewer than k".

use crate::api::survey_results::Cell;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportQuestion {
    pub prompt: String,
    pub answered: Cell,
    pub options: Vec<(String, Cell)>,
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportMeeting {
    pub title: String,
    pub date: String,
    pub people: Cell,
    pub checked_in: Cell,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupReportView {
    pub group: String,
    pub consultation: String,
    pub generated_on: String,
    pub k: u64,
    pub is_admin: bool,
    pub comments: Cell,
    pub published: Cell,
    pub inquiries: Cell,
    pub sections: Vec<(String, Cell)>,
    pub highlights: Vec<(i32, String, String)>,
    pub candidates: Vec<(i32, String, String)>,
    pub surveys: Vec<(String, Cell, Vec<ReportQuestion>)>,
    pub meetings: Vec<ReportMeeting>,
    pub accommodations: Vec<(String, Cell)>,
    /// (locale code, inputs written in that language).
    pub languages: Vec<(String, Cell)>,
    /// The group's most frequent themes, with the highlighted quotes that carry them.
    pub themes: Vec<ReportTheme>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportTheme {
    pub name: String,
    pub items: Cell,
    /// (section title, comment text) of highlighted comments tagged with the theme.
    pub quotes: Vec<(String, String)>,
}

/// How many themes the report lists.
#[cfg(feature = "ssr")]
const TOP_THEMES: usize = 5;

#[server(endpoint = "staff/reports/group")]
pub async fn group_report(group: String) -> Result<GroupReportView, AppError> {
    use crate::api::survey_results::breakdown_cell;
    use crate::backend::access::require;
    use crate::backend::services::{content, report};
    use crate::domain::Permission;
    use crate::domain::stakeholder::StakeholderGroup;
    let user = require(Permission::Analyse).await?;
    let group = StakeholderGroup::parse(&group).ok_or(AppError::NotFound)?;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_admin = user.can(Permission::SeeSmallCells);
    let k = state.portal.small_cell_k;
    let suppress = !is_admin;
    let count = |n: i64| breakdown_cell(n.max(0) as u64, 0, k, suppress);
    let found = report::group_report(
        &state.db,
        consultation.id,
        group.as_str(),
        crate::backend::services::content::zone_named(&consultation.time_zone),
    )
    .await?;
    let themes = top_themes(
        &state.db,
        consultation.id,
        group.as_str(),
        &found.highlights,
    )
    .await?
    .into_iter()
    .map(|(name, n, quotes)| ReportTheme {
        name,
        items: count(n),
        quotes,
    })
    .collect();
    Ok(GroupReportView {
        themes,
        group: group.as_str().to_string(),
        consultation: consultation.title,
        generated_on: chrono::Utc::now().date_naive().to_string(),
        k,
        is_admin,
        comments: count(found.comments),
        published: count(found.published),
        inquiries: count(found.inquiries as i64),
        languages: found
            .languages
            .into_iter()
            .map(|(code, n)| (code, count(n as i64)))
            .collect(),
        sections: found
            .sections
            .into_iter()
            .map(|(title, n)| (title, count(n)))
            .collect(),
        highlights: found.highlights,
        candidates: found.candidates,
        surveys: found
            .surveys
            .into_iter()
            .map(|(title, tally)| {
                let questions = tally
                    .questions
                    .into_iter()
                    .filter(|q| !q.options.is_empty())
                    .map(|q| ReportQuestion {
                        answered: breakdown_cell(q.answered, 0, k, suppress),
                        options: q
                            .options
                            .iter()
                            .map(|o| {
                                (
                                    o.label.clone(),
                                    breakdown_cell(o.count, q.answered, k, suppress),
                                )
                            })
                            .collect(),
                        mean: q.mean.filter(|_| !suppress || q.answered >= k),
                        prompt: q.prompt,
                    })
                    .collect();
                (
                    title,
                    breakdown_cell(tally.respondents, 0, k, suppress),
                    questions,
                )
            })
            .collect(),
        meetings: found
            .meetings
            .into_iter()
            .map(|m| ReportMeeting {
                title: m.title,
                date: m.date,
                people: count(m.people),
                checked_in: count(m.checked_in),
            })
            .collect(),
        accommodations: found
            .accommodations
            .into_iter()
            .map(|(code, n)| (code, count(n as i64)))
            .collect(),
    })
}

/// The group's most frequent themes (name, tagged items, quotes among the highlighted comments).
#[cfg(feature = "ssr")]
async fn top_themes(
    db: &sea_orm::DatabaseConnection,
    consultation_id: i32,
    group: &str,
    highlights: &[(i32, String, String)],
) -> Result<Vec<(String, i64, Vec<(String, String)>)>, AppError> {
    use crate::backend::services::search::query::Filters;
    use crate::backend::services::themes;
    use crate::domain::feedback::FeedbackKind;
    let filters = Filters {
        group: Some(group.to_string()),
        ..Filters::default()
    };
    let counts = themes::counts::counts(db, consultation_id, &filters).await?;
    let codebook = themes::codebook(db, consultation_id).await?;
    let quoted: Vec<i32> = highlights.iter().map(|(id, _, _)| *id).collect();
    let tagged = themes::theme_ids_by_source(db, FeedbackKind::Comment, &quoted).await?;
    let mut ranked: Vec<(i32, i64)> = counts.totals.into_iter().filter(|(_, n)| *n > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ranked
        .into_iter()
        .take(TOP_THEMES)
        .filter_map(|(id, n)| {
            let found = codebook.iter().find(|t| t.id == id)?;
            let quotes = highlights
                .iter()
                .filter(|(comment, _, _)| tagged.get(comment).is_some_and(|l| l.contains(&id)))
                .map(|(_, section, body)| (section.clone(), body.clone()))
                .collect();
            Some((themes::full_name(&codebook, found), n, quotes))
        })
        .collect())
}

/// `on` "1" marks the comment as a highlighted quote, "0" removes the mark.
#[server(endpoint = "staff/reports/highlight")]
pub async fn highlight_comment(group: String, comment_id: i32, on: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::domain::Permission;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
    crate::backend::services::report::set_highlight(&state.db, comment_id, on == "1", staff_id)
        .await?;
    let group: String = group
        .chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    crate::backend::request::redirect(&format!("/staff/reports/{group}#quotes"));
    Ok(())
}
