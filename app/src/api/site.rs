//! What every page shows (contact details) and the home page's consultation overview.

#[cfg(feature = "ssr")]
use crate::backend::services::translations::Localized;
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
    /// The language name and summary are in (English when not translated).
    pub lang: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeContent {
    /// The language of the consultation's own texts below (English when not translated).
    pub lang: String,
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
    let words = Localized::load(&state.db, crate::i18n::resolve_locale()).await?;
    let (city_name, consultation_short_title) = current
        .map(|(c, _)| {
            let short = words
                .of("consultation", &c.slug, "short_title", &c.short_title)
                .unwrap_or(c.short_title);
            (c.city_name, short)
        })
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
    let locale = crate::i18n::resolve_locale();
    let words = Localized::load(&state.db, locale).await?;
    let slug = consultation.slug.clone();
    let own = |field: &str, english: String| {
        words
            .of("consultation", &slug, field, &english)
            .unwrap_or(english)
    };
    let translated = words
        .of("consultation", &slug, "title", &consultation.title)
        .is_some();
    let lang_of = |done: bool| if done { locale.code() } else { "en" }.to_string();
    Ok(HomeContent {
        lang: lang_of(translated || locale == crate::i18n::Locale::En),
        city_name: consultation.city_name,
        title: own("title", consultation.title),
        short_title: own("short_title", consultation.short_title),
        summary: own("summary", consultation.summary),
        phase_label: own("phase_label", consultation.phase_label),
        phase_summary: own("phase_summary", consultation.phase_summary),
        phase_opens_on: consultation.phase_opens_on.to_string(),
        phase_closes_on: consultation.phase_closes_on.to_string(),
        service_areas: areas
            .into_iter()
            .map(|a| {
                let key = a.position.to_string();
                let name = words.of("service_area", &key, "name", &a.name);
                let summary = words.of("service_area", &key, "summary", &a.summary);
                ServiceAreaView {
                    lang: lang_of(name.is_some() || locale == crate::i18n::Locale::En),
                    name: name.unwrap_or(a.name),
                    summary: summary.unwrap_or(a.summary),
                }
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
