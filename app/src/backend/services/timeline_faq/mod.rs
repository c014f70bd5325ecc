//! Closing the loop: the consultation's timeline (what happened at each step and where it stands
//! now) and its FAQ (questions admins manage in three languages). The pack's files are in `pack`,
//! storing them in `import`, staff changes to the FAQ in `faq`.

pub mod faq;
mod faq_form;
pub mod import;
pub mod pack;

use crate::backend::entity::{consultation, timeline_step};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

/// The `content_translation` subject of a timeline step's words.
pub const STEP_SUBJECT: &str = "timeline_step";

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    Past,
    Current,
    Upcoming,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Past => "past",
            StepStatus::Current => "current",
            StepStatus::Upcoming => "upcoming",
        }
    }

    pub fn parse(text: &str) -> Option<StepStatus> {
        [StepStatus::Past, StepStatus::Current, StepStatus::Upcoming]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// What the status of a step is worked out from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepDates {
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Set by the pack; wins over the dates.
    pub fixed: Option<StepStatus>,
}

/// The status of each step, in order. A step's own dates decide when it has them; a step
/// without dates is over once a later step has begun, happening when it is the first or follows
/// one that is over, and upcoming otherwise: before Phase II opens, Phase I is the current step;
/// once it closes, Council consideration is.
pub fn statuses(steps: &[StepDates], today: NaiveDate) -> Vec<StepStatus> {
    let began = |s: &StepDates| {
        matches!(s.fixed, Some(StepStatus::Past | StepStatus::Current))
            || s.starts_on.is_some_and(|d| d <= today)
            || s.ends_on.is_some_and(|d| d < today)
    };
    let mut out: Vec<StepStatus> = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        let status = if let Some(fixed) = step.fixed {
            fixed
        } else if step.ends_on.is_some_and(|d| d < today) || steps[i + 1..].iter().any(began) {
            StepStatus::Past
        } else if step.starts_on.is_some_and(|d| d <= today) {
            StepStatus::Current
        } else if step.starts_on.is_some_and(|d| d > today) {
            StepStatus::Upcoming
        } else if i == 0 || out.get(i - 1) == Some(&StepStatus::Past) {
            StepStatus::Current
        } else {
            StepStatus::Upcoming
        };
        out.push(status);
    }
    out
}

/// A step with its dates as readers see them (the consultation's for the comment period).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub step: timeline_step::Model,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub status: StepStatus,
    pub links: Vec<pack::StepLink>,
}

/// The consultation's timeline in order, each step with its status on `today`.
pub async fn timeline(
    conn: &impl ConnectionTrait,
    found: &consultation::Model,
    today: NaiveDate,
) -> Result<Vec<Step>, DbErr> {
    let rows = timeline_step::Entity::find()
        .filter(timeline_step::Column::ConsultationId.eq(found.id))
        .order_by_asc(timeline_step::Column::Position)
        .order_by_asc(timeline_step::Column::Id)
        .all(conn)
        .await?;
    let dated: Vec<StepDates> = rows
        .iter()
        .map(|r| {
            let (starts_on, ends_on) = if r.phase_dates {
                (Some(found.phase_opens_on), Some(found.phase_closes_on))
            } else {
                (r.starts_on, r.ends_on)
            };
            StepDates {
                starts_on,
                ends_on,
                fixed: r.status.as_deref().and_then(StepStatus::parse),
            }
        })
        .collect();
    let status = statuses(&dated, today);
    Ok(rows
        .into_iter()
        .zip(dated)
        .zip(status)
        .map(|((step, dates), status)| Step {
            // A list the code cannot read (only possible by editing the database) shows no links.
            links: serde_json::from_str(&step.links).unwrap_or_default(),
            step,
            starts_on: dates.starts_on,
            ends_on: dates.ends_on,
            status,
        })
        .collect())
}

/// Markdown written by staff or the pack (an answer, what happened at a step) as sanitised HTML.
/// Unlike a section's text, paragraphs get no ids: several of these share one page.
pub fn render_text(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH),
    );
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"))
    }

    /// Phase I without dates, Phase II with the comment period, Council consideration without.
    fn cswb() -> Vec<StepDates> {
        vec![
            StepDates::default(),
            StepDates {
                starts_on: Some(day("2026-11-02")),
                ends_on: Some(day("2027-01-29")),
                fixed: None,
            },
            StepDates::default(),
        ]
    }

    #[test]
    fn the_current_step_moves_along_with_the_dates() {
        use StepStatus::*;
        assert_eq!(
            statuses(&cswb(), day("2026-10-01")),
            [Current, Upcoming, Upcoming]
        );
        assert_eq!(
            statuses(&cswb(), day("2026-11-02")),
            [Past, Current, Upcoming]
        );
        assert_eq!(
            statuses(&cswb(), day("2027-01-29")),
            [Past, Current, Upcoming]
        );
        assert_eq!(statuses(&cswb(), day("2027-01-30")), [Past, Past, Current]);
    }

    #[test]
    fn a_status_the_pack_gives_wins() {
        let mut steps = cswb();
        steps[2].fixed = Some(StepStatus::Past);
        assert_eq!(
            statuses(&steps, day("2026-12-01")),
            [StepStatus::Past, StepStatus::Past, StepStatus::Past]
        );
    }

    #[test]
    fn rendered_text_has_no_scripts_and_no_ids() {
        let html = render_text("Hi <script>alert(1)</script> [x](javascript:alert(1))\n\nTwo");
        assert!(
            !html.contains("<script") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(!html.contains("id="), "{html}");
    }
}
