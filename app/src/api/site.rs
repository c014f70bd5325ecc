//! What every page shows (contact details) and the home page's consultation overview.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub inquiry_inbox: String,
    pub tty_number: String,
    pub city_name: String,
    pub consultation_short_title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAreaView {
    pub name: String,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeContent {
    pub city_name: String,
    pub title: String,
    pub short_title: String,
    pub summary: String,
    pub phase_label: String,
    pub phase_summary: String,
    /// ISO dates; the page formats them.
    pub phase_opens_on: String,
    pub phase_closes_on: String,
    pub service_areas: Vec<ServiceAreaView>,
}

#[server(endpoint = "site/info")]
pub async fn get_site_info() -> Result<SiteInfo, AppError> {
    use crate::backend::{app_state, services::content};
    let state = app_state()?;
    let current = content::current(&state.db).await?;
    let (city_name, consultation_short_title) = current
        .map(|(c, _)| (c.city_name, c.short_title))
        .unwrap_or_default();
    Ok(SiteInfo {
        inquiry_inbox: state.portal.inquiry_inbox.clone(),
        tty_number: state.portal.tty_number.clone(),
        city_name,
        consultation_short_title,
    })
}

#[server(endpoint = "site/home")]
pub async fn get_home() -> Result<HomeContent, AppError> {
    use crate::backend::{app_state, services::content};
    let state = app_state()?;
    let (consultation, areas) = content::current(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HomeContent {
        city_name: consultation.city_name,
        title: consultation.title,
        short_title: consultation.short_title,
        summary: consultation.summary,
        phase_label: consultation.phase_label,
        phase_summary: consultation.phase_summary,
        phase_opens_on: consultation.phase_opens_on.to_string(),
        phase_closes_on: consultation.phase_closes_on.to_string(),
        service_areas: areas
            .into_iter()
            .map(|a| ServiceAreaView {
                name: a.name,
                summary: a.summary,
            })
            .collect(),
    })
}

/// A signed stamp of when a public form was served; the intake gate refuses posts made only
/// seconds after it (people take longer than that).
#[server(endpoint = "form/stamp")]
pub async fn form_stamp() -> Result<String, AppError> {
    Ok(crate::backend::app_state()?.stamps.issue())
}

/// What the privacy notice states from the configuration: retention periods, moderation mode,
/// the threshold for small groups and where to ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyView {
    pub contact_days: i64,
    pub email_days: i64,
    pub report_key_days: i64,
    pub audit_days: i64,
    pub post_moderation: bool,
    pub small_cell_k: u64,
    pub inquiry_inbox: String,
    pub tty_number: String,
}

#[server(endpoint = "site/privacy")]
pub async fn privacy_facts() -> Result<PrivacyView, AppError> {
    let state = crate::backend::app_state()?;
    let portal = &state.portal;
    Ok(PrivacyView {
        contact_days: portal.retention.contact_days,
        email_days: portal.retention.email_days,
        report_key_days: portal.retention.report_key_days,
        audit_days: portal.retention.audit_days,
        post_moderation: portal.post_moderation,
        small_cell_k: portal.small_cell_k,
        inquiry_inbox: portal.inquiry_inbox.clone(),
        tty_number: portal.tty_number.clone(),
    })
}
