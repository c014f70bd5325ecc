//! Comments on the draft: submitting, reading the published ones, reports and the City's replies.
//! The moderation queue is in `moderation`.
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

#[cfg(feature = "ssr")]
async fn open_section(
    slug: &str,
) -> Result<
    (
        crate::backend::AppState,
        crate::backend::entity::consultation::Model,
        crate::backend::entity::section::Model,
        crate::backend::entity::section_version::Model,
    ),
    AppError,
> {
    use crate::backend::{app_state, services::content, services::strategy};
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
fn period_open(consultation: &crate::backend::entity::consultation::Model) -> bool {
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
    use crate::backend::request;
    use crate::backend::services::{comments, rate_limit, strategy};
    use crate::i18n::resolve_locale;

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
    use crate::backend::services::comments;
    use crate::domain::stakeholder::StakeholderGroup;
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
    let can_reply = crate::backend::access::require(crate::domain::Permission::Moderate)
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

#[server(endpoint = "strategy/comments/report")]
pub async fn report_comment(
    slug: String,
    id: i32,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::backend::services::{comments, rate_limit};
    use crate::backend::{app_state, request};
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
    use crate::backend::access::require;
    use crate::backend::{app_state, services::comments};
    use crate::domain::Permission;
    let staff_id = require(Permission::Moderate).await?.staff_id;
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
