//! The moderation queue for moderators and admins: pending, reported and (under post-moderation)
//! unreviewed comments with flags and filters; approve, reject, redact, or decide many at once.
// One server-function argument per form field keeps the plain HTML form's field names flat.
#![allow(clippy::too_many_arguments)]
#[cfg(feature = "ssr")]
use crate::domain::status::CommentStatus;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    /// The language it was written in (its native name).
    pub language: String,
    /// Readers' reports; a comment hidden by them is in the queue again.
    pub reports: i64,
    pub hidden: bool,
    /// Already public (post-moderation) and not yet reviewed.
    pub published: bool,
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
    language: Option<String>,
) -> Result<QueueView, AppError> {
    use crate::backend::access::require;
    use crate::backend::entity::section;
    use crate::backend::{app_state, services::comments};
    use crate::domain::Permission;
    use crate::domain::stakeholder::StakeholderGroup;
    use sea_orm::EntityTrait;
    require(Permission::Moderate).await?;
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
        locale: language.as_deref().and_then(crate::i18n::Locale::from_code),
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
                hidden: c.status == CommentStatus::Hidden,
                published: c.status == CommentStatus::Published,
                body: c.body,
                received: state.mail.wall_clock(c.created_at),
                language: crate::i18n::Locale::from_code(&c.locale)
                    .map_or_else(|| c.locale.clone(), |l| l.native_name().to_string()),
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
) -> Result<crate::backend::services::comments::Decision, AppError> {
    use crate::backend::services::comments::{self, Decision, MAX_COMMENT_CHARS};
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
    decision: crate::backend::services::comments::Decision,
    staff_id: i32,
) -> Result<usize, AppError> {
    use crate::backend::app_state;
    use crate::backend::entity::section;
    use crate::backend::services::comments;
    use sea_orm::EntityTrait;
    let state = app_state()?;
    let ctx = state.mail.clone();
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
    use crate::backend::access::require;
    use crate::domain::Permission;
    let staff_id = require(Permission::Moderate).await?.staff_id;
    let decision = read_decision(&decision, &reason, &note, &body)?;
    if apply_decision(&[id], decision, staff_id).await? == 0 {
        return Err(AppError::NotFound);
    }
    crate::backend::request::redirect("/staff/moderation");
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
    use crate::backend::access::require;
    use crate::domain::Permission;
    let staff_id = require(Permission::Moderate).await?.staff_id;
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
    crate::backend::request::redirect(&format!("/staff/moderation?decided={decided}"));
    Ok(())
}
