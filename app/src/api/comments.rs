//! Comments on the draft: submitting, reading the published ones, and the moderation queue.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub display_name: String,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub paragraph: Option<String>,
    pub body: String,
    pub posted_on: String,
    /// Made on an earlier version of the section than the one shown.
    pub on_older_version: bool,
    /// The City's official replies, oldest first.
    pub replies: Vec<ReplyView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub body: String,
    pub posted_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    pub comments: Vec<CommentView>,
    pub total: u64,
    pub page: u64,
    pub page_count: u64,
    /// Whether the comment period is open today.
    pub open: bool,
    /// When the form was served (minimum fill time); carried here so the form needs no resource of its own.
    pub form_stamp: String,
    /// Who official replies are from ("City of West Hollywood").
    pub city_name: String,
    /// A signed-in moderator or admin sees a reply form under each comment.
    pub can_reply: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i32,
    pub reference: String,
    pub section_title: String,
    pub section_slug: String,
    pub paragraph: Option<String>,
    pub stakeholder_group: String,
    pub stakeholder_other: Option<String>,
    pub body: String,
    /// The text with contact details taken out, to start a redaction from.
    pub suggested_redaction: String,
    pub flags: Vec<String>,
    pub received: String,
    /// Readers' reports; a comment hidden by them is in the queue again.
    pub reports: i64,
    pub hidden: bool,
    /// Already public (post-moderation) and not yet reviewed.
    pub published: bool,
}

#[cfg(feature = "ssr")]
async fn open_section(
    slug: &str,
) -> Result<
    (
        crate::server::AppState,
        crate::server::entity::consultation::Model,
        crate::server::entity::section::Model,
        crate::server::entity::section_version::Model,
    ),
    AppError,
> {
    use crate::server::{app_state, services::content, services::strategy};
    let state = app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (section, version) = strategy::section_with_version(&state.db, consultation.id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((state, consultation, section, version))
}

#[cfg(feature = "ssr")]
fn period_open(consultation: &crate::server::entity::consultation::Model) -> bool {
    let today = chrono::Utc::now().date_naive();
    (consultation.phase_opens_on..=consultation.phase_closes_on).contains(&today)
}

#[server(endpoint = "strategy/comments/send")]
pub async fn submit_comment(
    slug: String,
    #[server(default)] paragraph: String,
    body: String,
    stakeholder_group: String,
    #[server(default)] stakeholder_other: String,
    #[server(default)] display_name: String,
    #[server(default)] zip: String,
    #[server(default)] email: String,
    #[server(default)] consent_public: Option<String>,
    #[server(default)] website: String,
    #[server(default)] started_at: String,
) -> Result<(), AppError> {
    use crate::api::inquiry::MIN_FILL_SECONDS;
    use crate::i18n::resolve_locale;
    use crate::server::request;
    use crate::server::services::{comments, rate_limit, strategy};

    let (state, consultation, section, version) = open_section(&slug).await?;
    let form = comments::CommentForm {
        paragraph,
        body,
        stakeholder_group,
        stakeholder_other,
        display_name,
        zip,
        email,
        consent_public: consent_public.is_some(),
    };
    if !website.trim().is_empty() {
        tracing::info!("comment honeypot filled; dropped");
        leptos_axum::redirect(&format!("/strategy/{slug}/received"));
        return Ok(());
    }
    if !period_open(&consultation) {
        let mut errors = comments::keep_all(&form);
        errors.add("body", "comments.closed");
        return Err(AppError::Invalid(errors));
    }
    let anchors = strategy::paragraph_anchors(&version.body_html);
    let checked = comments::check(&form, &anchors, resolve_locale());
    let started = started_at.trim().parse::<i64>().unwrap_or(0);
    if chrono::Utc::now().timestamp() - started < MIN_FILL_SECONDS {
        let mut errors = checked.err().unwrap_or_else(|| comments::keep_all(&form));
        errors.add("body", "field.too_fast");
        return Err(AppError::Invalid(errors));
    }
    let new = checked.map_err(AppError::Invalid)?;
    if comments::seen_recently(&state.db, &comments::text_hash(&new.body)).await? {
        let mut errors = comments::keep_all(&form);
        errors.add("body", "field.comment.duplicate");
        return Err(AppError::Invalid(errors));
    }
    let ip = request::client_ip().to_string();
    let mut limits = vec![(&rate_limit::COMMENT_PER_IP, ip.clone())];
    if let Some(email) = &new.email {
        limits.push((&rate_limit::COMMENT_PER_EMAIL, email.as_str().to_string()));
    }
    for (limit, key) in &limits {
        if let Err(minutes) = rate_limit::check(&state.db, limit, key).await? {
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
                form: comments::keep_all(&form),
            });
        }
    }
    for (limit, key) in &limits {
        rate_limit::record(&state.db, limit, key).await?;
    }
    let ctx = crate::api::inquiry::mail_context(&state).await?;
    let post = state.portal.post_moderation;
    let reference = comments::submit(&state.db, &section, version.id, &new, post, &ctx).await?;
    tracing::info!(%reference, post_moderation = post, "comment received");
    let published = if post { "&published=1" } else { "" };
    leptos_axum::redirect(&format!(
        "/strategy/{slug}/received?ref={reference}{published}"
    ));
    Ok(())
}

#[server(endpoint = "strategy/comments/list")]
pub async fn get_comments(
    slug: String,
    group: Option<String>,
    paragraph: Option<String>,
    order: Option<String>,
    page: Option<u64>,
) -> Result<CommentPage, AppError> {
    use crate::domain::stakeholder::StakeholderGroup;
    use crate::server::services::comments;
    let (state, consultation, section, version) = open_section(&slug).await?;
    let filter = comments::CommentFilter {
        group: group.as_deref().and_then(StakeholderGroup::parse),
        paragraph: paragraph.filter(|p| p.starts_with("p-")),
        oldest_first: order.as_deref() == Some("oldest"),
        page: page.unwrap_or(1).max(1) - 1,
    };
    let (found, total) = comments::published(&state.db, section.id, &filter).await?;
    let ids: Vec<i32> = found.iter().map(|c| c.id).collect();
    let replies = comments::replies(&state.db, &ids).await?;
    let can_reply = crate::api::auth::require_staff(&[
        crate::domain::Role::Admin,
        crate::domain::Role::Moderator,
    ])
    .await
    .is_ok();
    Ok(CommentPage {
        comments: found
            .into_iter()
            .map(|c| CommentView {
                replies: replies
                    .iter()
                    .filter(|r| r.comment_id == c.id)
                    .map(|r| ReplyView {
                        body: r.body.clone(),
                        posted_on: r.created_at.date_naive().to_string(),
                    })
                    .collect(),
                on_older_version: c.section_version_id != version.id,
                id: c.id,
                display_name: c.display_name,
                stakeholder_group: c.stakeholder_group,
                stakeholder_other: c.stakeholder_other,
                paragraph: c.paragraph_anchor,
                body: c.body,
                posted_on: c.created_at.date_naive().to_string(),
            })
            .collect(),
        total,
        page: filter.page + 1,
        page_count: total.div_ceil(comments::PAGE_SIZE).max(1),
        open: period_open(&consultation),
        form_stamp: chrono::Utc::now().timestamp().to_string(),
        city_name: consultation.city_name,
        can_reply,
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub items: Vec<QueueItem>,
    /// (slug, title) of every section, for the section filter.
    pub sections: Vec<(String, String)>,
}

/// Flags a moderator can filter by.
pub const QUEUE_FLAGS: [&str; 7] = [
    "reported",
    "profanity",
    "url",
    "email",
    "phone",
    "capitals",
    "seen",
];

#[server(endpoint = "staff/moderation/queue")]
pub async fn moderation_queue(
    section: Option<String>,
    group: Option<String>,
    flag: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<QueueView, AppError> {
    use crate::api::auth::require_staff;
    use crate::domain::Role;
    use crate::domain::stakeholder::StakeholderGroup;
    use crate::server::entity::section;
    use crate::server::{app_state, services::comments};
    use sea_orm::EntityTrait;
    require_staff(&[Role::Admin, Role::Moderator]).await?;
    let state = app_state()?;
    let sections = section::Entity::find().all(&state.db).await?;
    let date = |v: Option<String>| v.and_then(|d| d.parse::<chrono::NaiveDate>().ok());
    let filter = comments::QueueFilter {
        section_id: section
            .as_deref()
            .and_then(|slug| sections.iter().find(|s| s.slug == slug))
            .map(|s| s.id),
        group: group.as_deref().and_then(StakeholderGroup::parse),
        received_from: date(from),
        received_to: date(to),
    };
    let queue = comments::pending(&state.db, &filter).await?;
    let ids: Vec<i32> = queue.iter().map(|c| c.id).collect();
    let hashes: Vec<String> = queue.iter().map(|c| c.text_hash.clone()).collect();
    let reports = comments::report_counts(&state.db, &ids).await?;
    let repeated = comments::repeated_texts(&state.db, &hashes).await?;
    let items = queue
        .into_iter()
        .map(|c| {
            let found = sections.iter().find(|s| s.id == c.section_id);
            let reports = reports
                .iter()
                .find(|(id, _)| *id == c.id)
                .map_or(0, |(_, n)| *n);
            let mut flags: Vec<String> = comments::flags(&c.body)
                .into_iter()
                .map(str::to_string)
                .collect();
            if repeated.contains(&c.text_hash) {
                flags.push("seen".into());
            }
            if reports > 0 {
                flags.push("reported".into());
            }
            QueueItem {
                id: c.id,
                reference: c.reference.unwrap_or_default(),
                section_title: found.map(|s| s.title.clone()).unwrap_or_default(),
                section_slug: found.map(|s| s.slug.clone()).unwrap_or_default(),
                paragraph: c.paragraph_anchor,
                stakeholder_group: c.stakeholder_group,
                stakeholder_other: c.stakeholder_other,
                suggested_redaction: comments::suggest_redaction(&c.body),
                flags,
                reports,
                hidden: c.status == comments::STATUS_HIDDEN,
                published: c.status == comments::STATUS_PUBLISHED,
                body: c.body,
                received: c.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            }
        })
        .filter(|item| match flag.as_deref() {
            Some(flag) if QUEUE_FLAGS.contains(&flag) => item.flags.iter().any(|f| f == flag),
            _ => true,
        })
        .collect();
    Ok(QueueView {
        items,
        sections: sections.into_iter().map(|s| (s.slug, s.title)).collect(),
    })
}

/// A decision as the form sends it, checked; errors name the field to fix.
#[cfg(feature = "ssr")]
fn read_decision(
    decision: &str,
    reason: &str,
    note: &str,
    body: &str,
) -> Result<crate::server::services::comments::Decision, AppError> {
    use crate::server::services::comments::{self, Decision, MAX_COMMENT_CHARS};
    let mut errors = crate::error::FormErrors::default();
    errors.keep("note", note);
    let note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    let decided = match decision {
        "approve" => Some(Decision::Approve),
        "reject" if !comments::REJECT_REASONS.contains(&reason) => {
            errors.add("reason", "field.reject_reason.required");
            None
        }
        "reject" if reason == "other" && note.is_none() => {
            errors.add("note", "field.reject_note.required");
            None
        }
        "reject" => Some(Decision::Reject {
            reason: reason.to_string(),
            note,
        }),
        "redact" => {
            let body = body.trim();
            if body.is_empty() || body.chars().count() > MAX_COMMENT_CHARS {
                errors.add("body", "field.redacted_body.required");
                None
            } else {
                Some(Decision::RedactAndApprove {
                    body: body.to_string(),
                })
            }
        }
        _ => {
            errors.add("decision", "field.decision.required");
            None
        }
    };
    decided.ok_or(AppError::Invalid(errors))
}

#[cfg(feature = "ssr")]
async fn apply_decision(
    ids: &[i32],
    decision: crate::server::services::comments::Decision,
    staff_id: i32,
) -> Result<usize, AppError> {
    use crate::server::app_state;
    use crate::server::entity::section;
    use crate::server::services::comments;
    use sea_orm::EntityTrait;
    let state = app_state()?;
    let ctx = crate::api::inquiry::mail_context(&state).await?;
    let sections = section::Entity::find().all(&state.db).await?;
    let public_url = state.portal.public_url.clone();
    let url = |section_id: i32| {
        let slug = sections
            .iter()
            .find(|s| s.id == section_id)
            .map(|s| s.slug.clone())
            .unwrap_or_default();
        format!("{public_url}/strategy/{slug}#comments")
    };
    let mut decided = 0;
    for id in ids {
        if comments::decide(&state.db, *id, staff_id, &decision, &url, &ctx).await? {
            decided += 1;
        }
    }
    Ok(decided)
}

#[server(endpoint = "staff/moderation/decide")]
pub async fn moderate_comment(
    id: i32,
    decision: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
    #[server(default)] body: String,
) -> Result<(), AppError> {
    use crate::api::auth::require_staff_id;
    use crate::domain::Role;
    let staff_id = require_staff_id(&[Role::Admin, Role::Moderator]).await?;
    let decision = read_decision(&decision, &reason, &note, &body)?;
    if apply_decision(&[id], decision, staff_id).await? == 0 {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/staff/moderation");
    Ok(())
}

/// Approve or reject every selected comment at once; each gets its own audit entry.
#[server(endpoint = "staff/moderation/bulk")]
pub async fn moderate_selected(
    #[server(default)] ids: Vec<i32>,
    decision: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::api::auth::require_staff_id;
    use crate::domain::Role;
    let staff_id = require_staff_id(&[Role::Admin, Role::Moderator]).await?;
    if ids.is_empty() {
        let mut errors = crate::error::FormErrors::default();
        errors.add("ids", "field.selection.required");
        return Err(AppError::Invalid(errors));
    }
    if decision == "redact" {
        return Err(AppError::NotFound);
    }
    let decision = read_decision(&decision, &reason, &note, "")?;
    let decided = apply_decision(&ids, decision, staff_id).await?;
    leptos_axum::redirect(&format!("/staff/moderation?decided={decided}"));
    Ok(())
}

#[server(endpoint = "strategy/comments/report")]
pub async fn report_comment(
    slug: String,
    id: i32,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::server::services::{comments, rate_limit};
    use crate::server::{app_state, request};
    let state = app_state()?;
    let mut errors = crate::error::FormErrors::default();
    errors.keep("reason", &reason);
    errors.keep("note", &note);
    if !comments::REPORT_REASONS.contains(&reason.as_str()) {
        errors.add("reason", "field.report_reason.required");
    }
    if note.chars().count() > 500 {
        errors.add("note", "field.report_note.too_long");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let ip = request::client_ip().to_string();
    if let Err(minutes) = rate_limit::check(&state.db, &rate_limit::REPORT_PER_IP, &ip).await? {
        return Err(AppError::RateLimited {
            retry_after_minutes: minutes,
            form: errors,
        });
    }
    rate_limit::record(&state.db, &rate_limit::REPORT_PER_IP, &ip).await?;
    let note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    comments::report(
        &state.db,
        id,
        &reason,
        note,
        &ip,
        state.portal.report_threshold,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/strategy/{slug}?reported=1#comments"));
    Ok(())
}

/// The City's official reply under a published comment (moderators and admins).
#[server(endpoint = "strategy/comments/reply")]
pub async fn reply_to_comment(slug: String, id: i32, body: String) -> Result<(), AppError> {
    use crate::api::auth::require_staff_id;
    use crate::domain::Role;
    use crate::server::{app_state, services::comments};
    let staff_id = require_staff_id(&[Role::Admin, Role::Moderator]).await?;
    let state = app_state()?;
    let mut errors = crate::error::FormErrors::default();
    errors.keep("body", &body);
    let text = body.trim();
    if text.is_empty() || text.chars().count() > comments::MAX_COMMENT_CHARS {
        errors.add("body", "field.reply.required");
        return Err(AppError::Invalid(errors));
    }
    comments::reply(&state.db, id, staff_id, text)
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/strategy/{slug}?replied={id}#comment-{id}"));
    Ok(())
}
