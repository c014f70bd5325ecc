//! The public contact form and the staff inbox.
// One server-function argument per form field keeps the plain HTML form's field names flat;
// the #[server] macro does not carry an item-level allow over to the code it generates.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryRow {
    pub id: i32,
    pub reference: String,
    pub name: String,
    pub status: String,
    pub topic: String,
    pub stakeholder_group: String,
    pub received: String,
    pub age_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryPage {
    pub rows: Vec<InquiryRow>,
    pub total: u64,
    pub page: u64,
    pub page_count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadEntry {
    pub kind: String,
    pub author: String,
    pub body: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOption {
    pub id: i32,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryDetail {
    pub id: i32,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub reply_channel: String,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub zip: Option<String>,
    pub topic: String,
    pub message: String,
    pub locale: String,
    pub status: String,
    pub assignee_id: Option<i32>,
    pub received: String,
    pub thread: Vec<ThreadEntry>,
    pub staff: Vec<StaffOption>,
}

/// Query of the inbox page; all optional, as they come from the filter form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryQuery {
    pub status: Option<String>,
    pub topic: Option<String>,
    pub group: Option<String>,
    pub q: Option<String>,
    pub page: Option<u64>,
}

#[server(endpoint = "contact/send")]
pub async fn submit_inquiry(
    name: String,
    email: String,
    phone: String,
    reply_channel: String,
    stakeholder_group: String,
    #[server(default)] stakeholder_other: String,
    zip: String,
    topic: String,
    message: String,
    #[server(default)] consent: Option<String>,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::{Admission, IntakeFields};
    use crate::backend::services::inquiry;
    let state = crate::backend::app_state()?;
    let form = inquiry::InquiryForm {
        name,
        email,
        phone,
        reply_channel,
        stakeholder_group,
        stakeholder_other,
        zip,
        topic,
        message,
        consent: consent.is_some(),
    };
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    match inquiry::receive(&state, &form, &intake, crate::i18n::resolve_locale()).await? {
        Admission::Admitted(reference) => {
            crate::backend::request::redirect(&format!("/contact/thanks?ref={reference}"))
        }
        // Told nothing useful: a bot learns neither that it was caught nor a reference.
        Admission::Dropped => crate::backend::request::redirect("/contact/thanks"),
    }
    Ok(())
}

/// Flat arguments: a struct argument does not survive the URL encoding when every field is empty.
#[server(endpoint = "staff/inquiries/list")]
pub async fn list_inquiries(
    status: Option<String>,
    topic: Option<String>,
    group: Option<String>,
    q: Option<String>,
    page: Option<u64>,
) -> Result<InquiryPage, AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::inquiry};
    use crate::domain::Permission;
    use crate::domain::inquiry::{InquiryStatus, Topic};
    use crate::domain::stakeholder::StakeholderGroup;

    require(Permission::AnswerInquiries).await?;
    let state = app_state()?;
    let filter = inquiry::InquiryFilter {
        status: status.as_deref().and_then(InquiryStatus::parse),
        topic: topic.as_deref().and_then(Topic::parse),
        group: group.as_deref().and_then(StakeholderGroup::parse),
        search: q,
        page: page.unwrap_or(1).max(1) - 1,
    };
    let (found, total) = inquiry::list(&state.db, &filter).await?;
    let now = chrono::Utc::now();
    Ok(InquiryPage {
        rows: found
            .into_iter()
            .map(|i| InquiryRow {
                id: i.id,
                reference: i.reference.unwrap_or_default(),
                name: i.name,
                status: i.status.to_string(),
                topic: i.topic,
                stakeholder_group: i.stakeholder_group,
                received: state.mail.wall_clock(i.created_at),
                age_days: (now - i.created_at).num_days(),
            })
            .collect(),
        total,
        page: filter.page + 1,
        page_count: total.div_ceil(inquiry::PAGE_SIZE).max(1),
    })
}

#[server(endpoint = "staff/inquiries/get")]
pub async fn get_inquiry(id: i32) -> Result<InquiryDetail, AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::inquiry, services::staff};
    use crate::domain::Permission;

    let user = require(Permission::AnswerInquiries).await?;
    let state = app_state()?;
    let (found, entries) = inquiry::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    user.audit_view(&state.db, "inquiry", id).await?;
    let accounts = staff::list(&state.db).await?;
    let author = |staff_id: Option<i32>| {
        staff_id
            .and_then(|sid| accounts.iter().find(|a| a.id == sid))
            .map_or_else(|| "—".to_string(), |a| a.email.clone())
    };
    Ok(InquiryDetail {
        id: found.id,
        reference: found.reference.unwrap_or_default(),
        name: found.name,
        email: found.email,
        phone: found.phone,
        reply_channel: found.reply_channel,
        stakeholder_group: found.stakeholder_group,
        stakeholder_other: found.stakeholder_other,
        zip: found.zip,
        topic: found.topic,
        message: found.message,
        locale: found.locale,
        status: found.status.to_string(),
        assignee_id: found.assignee_id,
        received: state.mail.wall_clock(found.created_at),
        thread: entries
            .into_iter()
            .map(|e| ThreadEntry {
                kind: e.kind,
                author: author(e.staff_account_id),
                body: e.body,
                at: state.mail.wall_clock(e.created_at),
            })
            .collect(),
        staff: accounts
            .iter()
            .filter(|a| a.active)
            .map(|a| StaffOption {
                id: a.id,
                email: a.email.clone(),
            })
            .collect(),
    })
}

#[cfg(feature = "ssr")]
fn require_text(field: &str, body: &str) -> Result<String, AppError> {
    let body = body.trim();
    let mut errors = crate::error::FormErrors::default();
    errors.keep(field, body);
    if body.is_empty() {
        errors.add(field, "field.text.required");
    } else if body.chars().count() > 10_000 {
        errors.add(field, "field.text.too_long");
    }
    if errors.is_empty() {
        Ok(body.to_string())
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[server(endpoint = "staff/inquiries/note")]
pub async fn add_inquiry_note(id: i32, note: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::inquiry};
    use crate::domain::Permission;
    let staff_id = require(Permission::AnswerInquiries).await?.staff_id;
    let note = require_text("note", &note)?;
    let state = app_state()?;
    if !inquiry::add_note(&state.db, id, staff_id, &note).await? {
        return Err(AppError::NotFound);
    }
    crate::backend::request::redirect(&format!("/staff/inquiries/{id}"));
    Ok(())
}

#[server(endpoint = "staff/inquiries/update")]
pub async fn update_inquiry(id: i32, status: String, assignee: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::inquiry};
    use crate::domain::Permission;
    use crate::domain::inquiry::InquiryStatus;
    let staff_id = require(Permission::AnswerInquiries).await?.staff_id;
    let state = app_state()?;
    let status = InquiryStatus::parse(&status).ok_or_else(|| {
        let mut errors = crate::error::FormErrors::default();
        errors.add("status", "field.status.invalid");
        AppError::Invalid(errors)
    })?;
    let assignee = assignee.trim().parse::<i32>().ok();
    if let Some(assignee) = assignee {
        let known = crate::backend::services::staff::list(&state.db)
            .await?
            .iter()
            .any(|a| a.id == assignee && a.active);
        if !known {
            let mut errors = crate::error::FormErrors::default();
            errors.add("assignee", "field.assignee.invalid");
            return Err(AppError::Invalid(errors));
        }
    }
    if !inquiry::update(&state.db, id, staff_id, status, assignee).await? {
        return Err(AppError::NotFound);
    }
    crate::backend::request::redirect(&format!("/staff/inquiries/{id}"));
    Ok(())
}

#[server(endpoint = "staff/inquiries/reply")]
pub async fn reply_to_inquiry(id: i32, reply: String) -> Result<(), AppError> {
    use crate::backend::access::require;
    use crate::backend::{app_state, services::inquiry};
    use crate::domain::Permission;
    let staff_id = require(Permission::AnswerInquiries).await?.staff_id;
    let reply = require_text("reply", &reply)?;
    let state = app_state()?;
    if !inquiry::reply(&state.db, id, staff_id, &reply, &state.mail).await? {
        return Err(AppError::NotFound);
    }
    crate::backend::request::redirect(&format!("/staff/inquiries/{id}"));
    Ok(())
}
