//! The staff feedback dashboard: every channel by stakeholder group, comments per section by group,
//! and feedback gathered offline keyed in as comments. Outside the admin role, cells under k read
//! "fewer than k".
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

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

/// Feedback gathered offline, keyed in by staff as a published comment on a section.
#[server(endpoint = "staff/feedback/offline")]
pub async fn record_offline_feedback(
    section: String,
    channel: String,
    stakeholder_group: String,
    #[server(default)] stakeholder_other: String,
    #[server(default)] display_name: String,
    body: String,
) -> Result<(), AppError> {
    use crate::api::auth::require_staff_id;
    use crate::domain::Role;
    use crate::domain::stakeholder::StakeholderGroup;
    use crate::server::services::comments::offline::{self, OFFLINE_CHANNELS, OfflineFeedback};
    use crate::server::services::{content, strategy};
    let staff_id = require_staff_id(&[Role::Admin, Role::Analyst]).await?;
    let state = crate::server::app_state()?;
    let mut errors = crate::error::FormErrors::default();
    for (field, value) in [
        ("section", &section),
        ("channel", &channel),
        ("stakeholder_group", &stakeholder_group),
        ("stakeholder_other", &stakeholder_other),
        ("display_name", &display_name),
        ("body", &body),
    ] {
        errors.keep(field, value);
    }
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let found = strategy::sections(&state.db, consultation.id)
        .await?
        .into_iter()
        .find(|s| s.slug == section);
    if found.is_none() {
        errors.add("section", "feedback.offline.section_required");
    }
    if !OFFLINE_CHANNELS.contains(&channel.as_str()) {
        errors.add("channel", "feedback.offline.channel_required");
    }
    let group = StakeholderGroup::parse(stakeholder_group.trim());
    if group.is_none() {
        errors.add("stakeholder_group", "field.stakeholder_group.required");
    }
    let other = Some(stakeholder_other.trim().to_string()).filter(|o| !o.is_empty());
    if group == Some(StakeholderGroup::Other) && other.is_none() {
        errors.add("stakeholder_other", "field.stakeholder_other.required");
    }
    let text = body.replace("\r\n", "\n").trim().to_string();
    if text.is_empty() || text.chars().count() > 5_000 {
        errors.add("body", "feedback.offline.body_required");
    }
    let (Some(found), Some(group)) = (found, group) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let name = display_name.trim();
    let feedback = OfflineFeedback {
        channel,
        stakeholder_group: group.as_str().to_string(),
        stakeholder_other: other.filter(|_| group == StakeholderGroup::Other),
        display_name: if name.is_empty() {
            "Community member".into()
        } else {
            name.chars().take(100).collect()
        },
        body: text,
    };
    let ctx = crate::api::inquiry::mail_context(&state).await?;
    let reference = offline::record(
        &state.db,
        &found,
        &feedback,
        staff_id,
        &ctx.reference_prefix,
    )
    .await?;
    leptos_axum::redirect(&format!("/staff/feedback?recorded={reference}"));
    Ok(())
}
