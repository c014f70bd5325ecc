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
    /// Every section, for the filter: (slug, title).
    pub all_sections: Vec<(String, String)>,
    /// Inputs per week: (Monday, [comments, survey responses, RSVPs, inquiries]).
    pub weekly: Vec<(String, [i64; 4])>,
    /// Survey responses per community identity (label, count; `None` when withheld).
    pub identities: Vec<(String, Option<i64>)>,
    /// Tagged items per theme, by group and by identity, within the same filters.
    pub themes: Vec<ThemeLine>,
    /// The identity columns of `ThemeLine::by_identity`.
    pub theme_identities: Vec<String>,
}

/// One theme on the dashboard; a cell is `None` when withheld.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeLine {
    pub id: i32,
    pub name: String,
    pub colour: String,
    /// `None` when it would give away the one withheld group cell.
    pub total: Option<i64>,
    /// One cell per `StakeholderGroup::ALL`.
    pub by_group: Vec<Option<i64>>,
    pub by_identity: Vec<Option<i64>>,
}

/// Flat arguments from the filter form; empty means "any".
#[server(endpoint = "staff/feedback")]
pub async fn feedback_dashboard(
    from: Option<String>,
    to: Option<String>,
    section: Option<String>,
    survey: Option<String>,
    channel: Option<String>,
    language: Option<String>,
) -> Result<DashboardView, AppError> {
    use crate::api::transparency::suppressed;
    use crate::backend::access::require;
    use crate::backend::services::{content, strategy, surveys, transparency};
    use crate::domain::Permission;
    use crate::domain::stakeholder::StakeholderGroup;
    let user = require(Permission::Analyse).await?;
    let is_admin = user.can(Permission::SeeSmallCells);
    let state = crate::backend::app_state()?;
    let k = if is_admin {
        1
    } else {
        state.portal.small_cell_k
    };
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let pick = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let day = |v: Option<String>| {
        pick(v)
            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    };
    let scope = transparency::Scope {
        from: day(from),
        until: day(to).map(|d| d + chrono::Duration::days(1)),
        section: pick(section),
        survey: pick(survey).and_then(|s| s.parse().ok()),
        channel: pick(channel),
        language: pick(language)
            .and_then(|code| crate::i18n::Locale::from_code(&code))
            .map(|l| l.code().to_string()),
    };
    let counts = transparency::transparency_in(&state.db, consultation.id, &scope).await?;
    let cells =
        transparency::comments_by_section_and_group(&state.db, consultation.id, &scope).await?;
    let all_sections_full = strategy::sections(&state.db, consultation.id).await?;
    let all_sections: Vec<(String, String)> = all_sections_full
        .iter()
        .map(|s| (s.slug.clone(), s.title.clone()))
        .collect();
    let sections: Vec<(String, String)> = all_sections
        .iter()
        .filter(|(slug, _)| scope.section.as_ref().is_none_or(|s| s == slug))
        .cloned()
        .collect();
    let weekly = transparency::weekly(
        &state.db,
        consultation.id,
        &scope,
        crate::backend::services::content::zone_named(&consultation.time_zone),
    )
    .await?
    .into_iter()
    .map(|(week, counts)| (week.to_string(), counts))
    .collect();
    let identity_labels = surveys::public_surveys(&state.db, consultation.id)
        .await?
        .first()
        .and_then(|s| surveys::definition(s).ok())
        .map(|d| d.identities)
        .unwrap_or_default();
    let identities = transparency::responses_by_identity(&state.db, consultation.id, &scope)
        .await?
        .into_iter()
        .map(|(code, n)| {
            let label = identity_labels
                .iter()
                .find(|c| c.key == code)
                .map_or(code, |c| c.label.clone());
            (label, suppressed(n, k))
        })
        .collect();
    let theme_filters = crate::backend::services::search::query::Filters {
        from: scope.from,
        until: scope.until,
        section_id: scope
            .section
            .as_ref()
            .and_then(|slug| all_sections_full.iter().find(|s| &s.slug == slug))
            .map(|s| s.id),
        survey_id: scope.survey,
        channel: scope.channel.clone(),
        language: scope.language.clone(),
        ..Default::default()
    };
    let codebook = crate::backend::services::themes::codebook(&state.db, consultation.id).await?;
    let theme_counts = crate::backend::services::themes::counts::counts(
        &state.db,
        consultation.id,
        &theme_filters,
    )
    .await?;
    let themes = codebook
        .iter()
        .map(|found| {
            let by_group: Vec<Option<i64>> = StakeholderGroup::ALL
                .iter()
                .map(|g| {
                    let n = theme_counts
                        .by_group
                        .get(&(found.id, g.as_str().to_string()))
                        .copied()
                        .unwrap_or(0);
                    suppressed(n, k)
                })
                .collect();
            let total = theme_counts.totals.get(&found.id).copied().unwrap_or(0);
            // With one cell withheld, the total minus the others would give it away.
            let withheld = by_group.iter().filter(|c| c.is_none()).count();
            ThemeLine {
                id: found.id,
                name: crate::backend::services::themes::full_name(&codebook, found),
                colour: found.colour.clone(),
                total: (withheld != 1).then_some(total),
                by_group,
                by_identity: identity_labels
                    .iter()
                    .map(|c| {
                        let n = theme_counts
                            .by_identity
                            .get(&(found.id, c.key.clone()))
                            .copied()
                            .unwrap_or(0);
                        suppressed(n, k)
                    })
                    .collect(),
            }
        })
        .collect();
    let theme_identities = identity_labels.iter().map(|c| c.label.clone()).collect();
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
        all_sections,
        weekly,
        identities,
        themes,
        theme_identities,
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
    use crate::backend::access::require;
    use crate::backend::services::comments::offline::{self, OFFLINE_CHANNELS, OfflineFeedback};
    use crate::backend::services::{content, strategy};
    use crate::domain::Permission;
    use crate::domain::stakeholder::StakeholderGroup;
    let staff_id = require(Permission::Analyse).await?.staff_id;
    let state = crate::backend::app_state()?;
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
    let ctx = state.mail.clone();
    let reference = offline::record(
        &state.db,
        &found,
        &feedback,
        staff_id,
        &ctx.reference_prefix,
    )
    .await?;
    crate::backend::request::redirect(&format!("/staff/feedback?recorded={reference}"));
    Ok(())
}
