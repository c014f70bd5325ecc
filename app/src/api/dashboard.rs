//! The staff dashboard: what waits for the signed-in person's role, and the consultation at a
//! glance for those who read results.

use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Counts are `None` when this person's role cannot act on them (the page leaves them out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub email: String,
    pub role: Role,
    pub to_moderate: Option<u64>,
    pub reported: Option<u64>,
    pub hidden_by_reports: Option<u64>,
    pub open_inquiries: Option<u64>,
    pub unassigned_inquiries: Option<u64>,
    /// RSVPs with accommodations for meetings in the next `accommodation_days`.
    pub accommodations: Option<u64>,
    pub accommodation_days: u64,
    pub emails_failing: Option<u64>,
    pub emails_dead: Option<u64>,
    pub glance: Option<Glance>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Glance {
    /// (channel code, inputs in the last `days`), every channel, online first.
    pub inputs: Vec<(String, u64)>,
    pub days: u64,
    pub period: Period,
    pub next_meeting: Option<NextMeeting>,
}

/// Where the comment period stands today; dates are ISO (`2026-11-02`) for `format_date`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    NotYetOpen {
        opens_on: String,
    },
    /// `days_left` is 0 on the closing day.
    Open {
        days_left: u64,
        closes_on: String,
    },
    Closed {
        closed_on: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMeeting {
    pub id: i32,
    pub title: String,
    /// Local date (ISO) and time (`18:30`) in the consultation's time zone.
    pub date: String,
    pub time: String,
    pub seats_taken: i64,
    /// `None` when the meeting has no seat limit.
    pub capacity: Option<i32>,
}

#[server(endpoint = "staff/dashboard")]
pub async fn staff_dashboard() -> Result<DashboardView, AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::dashboard};
    use crate::domain::Permission;
    let me = require(Permission::SignedIn).await?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    let waiting = dashboard::waiting(&state.db, me.role, now).await?;
    let glance = if me.can(Permission::Analyse) {
        dashboard::glance(&state.db, now).await?.map(|g| Glance {
            inputs: g
                .inputs
                .into_iter()
                .map(|(channel, n)| (channel.to_string(), n))
                .collect(),
            days: dashboard::GLANCE_DAYS.unsigned_abs(),
            period: if g.today < g.opens_on {
                Period::NotYetOpen {
                    opens_on: g.opens_on.to_string(),
                }
            } else if g.today > g.closes_on {
                Period::Closed {
                    closed_on: g.closes_on.to_string(),
                }
            } else {
                Period::Open {
                    days_left: (g.closes_on - g.today).num_days().unsigned_abs(),
                    closes_on: g.closes_on.to_string(),
                }
            },
            next_meeting: g.next_meeting.map(|next| {
                let starts = next.meeting.starts_at.with_timezone(&state.mail.zone);
                NextMeeting {
                    id: next.meeting.id,
                    title: next.meeting.title,
                    date: starts.date_naive().to_string(),
                    time: starts.format("%H:%M").to_string(),
                    seats_taken: next.seats_taken,
                    capacity: next.meeting.capacity,
                }
            }),
        })
    } else {
        None
    };
    Ok(DashboardView {
        email: me.email,
        role: me.role,
        to_moderate: waiting.to_moderate,
        reported: waiting.reported,
        hidden_by_reports: waiting.hidden_by_reports,
        open_inquiries: waiting.open_inquiries,
        unassigned_inquiries: waiting.unassigned_inquiries,
        accommodations: waiting.accommodations,
        accommodation_days: dashboard::ACCOMMODATION_DAYS.unsigned_abs(),
        emails_failing: waiting.emails_failing,
        emails_dead: waiting.emails_dead,
        glance,
    })
}
