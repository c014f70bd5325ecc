//! The staff feedback dashboard: every channel by stakeholder group, comments per section by group.
//! Outside the admin role, cells under k read "fewer than k".

use crate::api::transparency::GroupLine;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub groups: Vec<GroupLine>,
    /// Section slugs and titles, in order.
    pub sections: Vec<(String, String)>,
    /// Per group: a cell per section (`None` when suppressed).
    pub matrix: Vec<(String, Vec<Option<i64>>)>,
    pub totals: (i64, i64, i64, i64),
    pub k: u64,
    pub is_admin: bool,
    /// Surveys for the export links: (id, title).
    pub surveys: Vec<(i32, String)>,
}

#[server(endpoint = "staff/feedback")]
pub async fn feedback_dashboard() -> Result<DashboardView, AppError> {
    use crate::api::auth::require_staff;
    use crate::api::transparency::suppressed;
    use crate::domain::Role;
    use crate::domain::stakeholder::StakeholderGroup;
    use crate::server::services::{content, strategy, surveys, transparency};
    let user = require_staff(&[Role::Admin, Role::Analyst]).await?;
    let is_admin = user.role == Role::Admin;
    let state = crate::server::app_state()?;
    let k = if is_admin {
        1
    } else {
        state.portal.small_cell_k
    };
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let counts = transparency::transparency(&state.db, consultation.id).await?;
    let cells = transparency::comments_by_section_and_group(&state.db, consultation.id).await?;
    let sections: Vec<(String, String)> = strategy::sections(&state.db, consultation.id)
        .await?
        .into_iter()
        .map(|s| (s.slug, s.title))
        .collect();
    let matrix = StakeholderGroup::ALL
        .iter()
        .map(|g| {
            let row = sections
                .iter()
                .map(|(slug, _)| {
                    let n = cells
                        .iter()
                        .find(|(s, group, _)| s == slug && group == g.as_str())
                        .map_or(0, |(_, _, n)| *n);
                    suppressed(n, k)
                })
                .collect();
            (g.as_str().to_string(), row)
        })
        .collect();
    Ok(DashboardView {
        groups: crate::api::transparency::group_lines(&counts.by_group, k),
        totals: (
            counts.totals.comments,
            counts.totals.survey_responses,
            counts.totals.rsvps,
            counts.totals.inquiries,
        ),
        sections,
        matrix,
        k: state.portal.small_cell_k,
        is_admin,
        surveys: surveys::public_surveys(&state.db, consultation.id)
            .await?
            .into_iter()
            .map(|s| (s.id, s.title))
            .collect(),
    })
}
