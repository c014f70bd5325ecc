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
    /// The versions this comment shaped: (version number, change id), oldest first.
    pub shaped: Vec<(i32, i32)>,
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
    #[server(default)] notify_on_change: Option<String>,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::{Admission, IntakeFields};
    use crate::backend::services::comments;
    let state = crate::backend::app_state()?;
    let form = comments::CommentForm {
        paragraph,
        body,
        stakeholder_group,
        stakeholder_other,
        display_name,
        zip,
        email,
        consent_public: consent_public.is_some(),
        notify_on_change: notify_on_change.is_some(),
    };
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    let locale = crate::i18n::resolve_locale();
    match comments::receive(&state, &slug, &form, &intake, locale).await? {
        Admission::Admitted(received) => {
            let published = if received.published {
                "&published=1"
            } else {
                ""
            };
            crate::backend::request::redirect(&format!(
                "/strategy/{slug}/received?ref={}{published}",
                received.reference
            ));
        }
        Admission::Dropped => {
            crate::backend::request::redirect(&format!("/strategy/{slug}/received"))
        }
    }
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
    use crate::backend::services::comments::{self, OpenSection};
    use crate::domain::stakeholder::StakeholderGroup;
    let state = crate::backend::app_state()?;
    let open = OpenSection::find(&state, &slug).await?;
    let (section, version) = (&open.section, &open.version);
    let filter = comments::CommentFilter {
        group: group.as_deref().and_then(StakeholderGroup::parse),
        paragraph: paragraph.filter(|p| p.starts_with("p-")),
        oldest_first: order.as_deref() == Some("oldest"),
        page: page.unwrap_or(1).max(1) - 1,
    };
    let (found, total) = comments::published(&state.db, section.id, &filter).await?;
    let ids: Vec<i32> = found.iter().map(|c| c.id).collect();
    let replies = comments::replies(&state.db, &ids).await?;
    // Only versions after the first can be explained: a section still on its first has none.
    let mut shaped = if version.number > 1 {
        crate::backend::services::change_responses::shaped_by(&state.db, &ids).await?
    } else {
        Default::default()
    };
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
                shaped: shaped.remove(&c.id).unwrap_or_default(),
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
        open: open.open(),
        form_stamp: state.stamps.issue(),
        city_name: open.consultation.city_name.clone(),
        can_reply,
    })
}

#[server(endpoint = "strategy/comments/report")]
pub async fn report_comment(
    slug: String,
    id: i32,
    #[server(default)] reason: String,
    #[server(default)] note: String,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::IntakeFields;
    let state = crate::backend::app_state()?;
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    crate::backend::services::comments::receive_report(&state, id, &reason, &note, &intake).await?;
    crate::backend::request::redirect(&format!("/strategy/{slug}?reported=1#comments"));
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
    crate::backend::request::redirect(&format!("/strategy/{slug}?replied={id}#comment-{id}"));
    Ok(())
}

/// One published comment on its own page: what the versions it shaped link to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SingleComment {
    pub slug: String,
    pub section_title: String,
    pub reference: String,
    pub comment: CommentView,
    /// The paragraph it was made on, as the person read it.
    pub paragraph_text: Option<String>,
    pub city_name: String,
}

#[server(endpoint = "strategy/comment")]
pub async fn get_comment(slug: String, id: i32) -> Result<SingleComment, AppError> {
    use crate::backend::entity::{comment, section_version};
    use crate::backend::services::{change_responses, comments, strategy};
    use crate::domain::status::CommentStatus;
    use sea_orm::EntityTrait;
    let state = crate::backend::app_state()?;
    let open = comments::OpenSection::find(&state, &slug).await?;
    let found = comment::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|c| c.section_id == open.section.id && c.status == CommentStatus::Published)
        .ok_or(AppError::NotFound)?;
    // Comments from before the text was kept: their version still holds the paragraph.
    let paragraph_text = match (&found.paragraph_text, &found.paragraph_anchor) {
        (Some(text), _) => Some(text.clone()),
        (None, Some(anchor)) => section_version::Entity::find_by_id(found.section_version_id)
            .one(&state.db)
            .await?
            .and_then(|v| strategy::passage_text(&v.body_markdown, anchor)),
        (None, None) => None,
    };
    let replies = comments::replies(&state.db, &[found.id]).await?;
    let shaped = change_responses::shaped_by(&state.db, &[found.id])
        .await?
        .remove(&found.id)
        .unwrap_or_default();
    Ok(SingleComment {
        slug: open.section.slug.clone(),
        section_title: open.section.title.clone(),
        reference: found.reference.clone().unwrap_or_default(),
        paragraph_text,
        city_name: open.consultation.city_name.clone(),
        comment: CommentView {
            replies: replies
                .iter()
                .map(|r| ReplyView {
                    body: r.body.clone(),
                    posted_on: r.created_at.date_naive().to_string(),
                })
                .collect(),
            on_older_version: found.section_version_id != open.version.id,
            shaped,
            id: found.id,
            display_name: found.display_name,
            stakeholder_group: found.stakeholder_group,
            stakeholder_other: found.stakeholder_other,
            paragraph: found.paragraph_anchor,
            body: found.body,
            posted_on: found.created_at.date_naive().to_string(),
        },
    })
}
