//! Following the consultation by email (the form, the confirmation link, the unsubscribe page)
//! and the public archive of the updates sent to followers.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The plain route that takes the one-click POST of mail clients (RFC 8058); the page is the same.
pub const UNSUBSCRIBE_PATH: &str = "/unsubscribe/{token}";

/// A section one can follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionChoice {
    pub slug: String,
    pub title: String,
    /// The language the title is in (English when not translated).
    pub lang: String,
}

/// What the follow form offers, with the stamp of when it was served.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowFormData {
    pub sections: Vec<SectionChoice>,
    pub stamp: String,
}

#[cfg(feature = "ssr")]
async fn section_choices(
    state: &crate::backend::AppState,
    consultation_id: i32,
) -> Result<Vec<SectionChoice>, AppError> {
    use crate::backend::services::strategy;
    let sections = strategy::sections(&state.db, consultation_id).await?;
    let translations =
        strategy::translations_for(&state.db, &sections, crate::i18n::resolve_locale()).await?;
    Ok(sections
        .into_iter()
        .zip(translations)
        .filter(|(s, _)| s.current_version_id.is_some())
        .map(|(s, translated)| {
            let (title, lang) = match translated {
                Some(t) => (t.title, t.locale),
                None => (s.title, "en".to_string()),
            };
            SectionChoice {
                slug: s.slug,
                title,
                lang,
            }
        })
        .collect())
}

/// The section an update was about, titled in the reader's language when translated.
#[cfg(feature = "ssr")]
async fn section_choice(
    state: &crate::backend::AppState,
    section_id: i32,
    locale: crate::i18n::Locale,
) -> Result<Option<SectionChoice>, AppError> {
    use crate::backend::entity::section;
    use crate::backend::services::strategy;
    use sea_orm::EntityTrait;
    let Some(found) = section::Entity::find_by_id(section_id)
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let translated = strategy::translations_for(&state.db, std::slice::from_ref(&found), locale)
        .await?
        .into_iter()
        .next()
        .flatten();
    let (title, lang) = match translated {
        Some(t) => (t.title, t.locale),
        None => (found.title, "en".to_string()),
    };
    Ok(Some(SectionChoice {
        slug: found.slug,
        title,
        lang,
    }))
}

#[server(endpoint = "follow/options")]
pub async fn follow_options() -> Result<FollowFormData, AppError> {
    use crate::backend::services::content;
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(FollowFormData {
        sections: section_choices(&state, consultation.id).await?,
        stamp: state.stamps.issue(),
    })
}

/// `target` is `all` or a section's slug; `language` a code, the page's when empty.
#[server(endpoint = "follow")]
pub async fn follow(
    email: String,
    #[server(default)] target: String,
    #[server(default)] language: String,
    #[server(default)] website: String,
    #[server(default)] form_stamp: String,
) -> Result<(), AppError> {
    use crate::backend::intake::IntakeFields;
    use crate::backend::services::followers::{self, FollowForm};
    let state = crate::backend::app_state()?;
    let form = FollowForm {
        email,
        target,
        language,
    };
    let intake = IntakeFields {
        website,
        form_stamp,
    };
    // A bot, a new follower and someone already following all see the same page.
    followers::receive(&state, &form, &intake, crate::i18n::resolve_locale()).await?;
    crate::backend::request::redirect("/follow/check-email");
    Ok(())
}

/// What a confirmation link is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowLinkView {
    /// What is followed, as a sentence part in the reader's language.
    pub what: String,
    pub confirmed: bool,
}

#[server(endpoint = "follow/link")]
pub async fn follow_link(token: String) -> Result<FollowLinkView, AppError> {
    use crate::backend::services::followers;
    let state = crate::backend::app_state()?;
    let found = followers::by_confirm_token(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(FollowLinkView {
        what: followers::target_label(&state.db, &found, crate::i18n::resolve_locale()).await?,
        confirmed: found.confirmed_at.is_some(),
    })
}

/// Confirming takes a button press, not the link alone: mail scanners open links, and a
/// scanner must not subscribe someone who never asked.
#[server(endpoint = "follow/confirm")]
pub async fn confirm_follow(token: String) -> Result<(), AppError> {
    use crate::backend::services::followers;
    let state = crate::backend::app_state()?;
    followers::confirm(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::backend::request::redirect(&format!(
        "/follow/confirm/{}",
        crate::paths::query_value(&token)
    ));
    Ok(())
}

/// What an unsubscribe link is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeView {
    pub what: String,
    pub unsubscribed: bool,
}

#[server(endpoint = "follow/unsubscribe-link")]
pub async fn unsubscribe_link(token: String) -> Result<UnsubscribeView, AppError> {
    use crate::backend::services::followers;
    let state = crate::backend::app_state()?;
    let found = followers::by_unsubscribe_token(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UnsubscribeView {
        what: followers::target_label(&state.db, &found, crate::i18n::resolve_locale()).await?,
        unsubscribed: found.unsubscribed_at.is_some(),
    })
}

/// One sent update in the archive's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateSummary {
    pub id: i32,
    pub kind: String,
    pub subject: String,
    /// The language the subject is in: the reader's, or English when it was not written in theirs.
    pub lang: String,
    /// ISO date in the consultation's time zone.
    pub sent_on: String,
}

/// One sent update, in the reader's language when it was written in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub id: i32,
    pub kind: String,
    pub subject: String,
    /// Plain text; the page splits it into paragraphs.
    pub body: String,
    pub lang: String,
    pub sent_on: String,
    pub link_path: Option<String>,
    pub section: Option<SectionChoice>,
}

/// The subject and body for the reader, English when the update has none in their language.
#[cfg(feature = "ssr")]
fn in_language(
    found: &crate::backend::entity::follower_update::Model,
    locale: crate::i18n::Locale,
) -> (String, String, String) {
    let ((subject, body), lang) = locale.pick(
        (&found.subject_en, &found.body_en),
        found.subject_es.as_ref().zip(found.body_es.as_ref()),
        found.subject_ru.as_ref().zip(found.body_ru.as_ref()),
    );
    (subject.clone(), body.clone(), lang.code().to_string())
}

#[server(endpoint = "updates/list")]
pub async fn list_updates() -> Result<Vec<UpdateSummary>, AppError> {
    use crate::backend::services::{content, followers};
    let state = crate::backend::app_state()?;
    let Some(consultation) = content::current_consultation(&state.db).await? else {
        return Ok(Vec::new());
    };
    let locale = crate::i18n::resolve_locale();
    Ok(followers::sent_updates(&state.db, consultation.id, 500)
        .await?
        .into_iter()
        .map(|found| {
            let (subject, _, lang) = in_language(&found, locale);
            UpdateSummary {
                id: found.id,
                kind: found.kind.to_string(),
                subject,
                lang,
                sent_on: found
                    .sent_at
                    .with_timezone(&state.mail.zone)
                    .date_naive()
                    .to_string(),
            }
        })
        .collect())
}

#[server(endpoint = "updates/one")]
pub async fn get_update(id: i32) -> Result<UpdateView, AppError> {
    use crate::backend::services::{content, followers};
    let state = crate::backend::app_state()?;
    let consultation = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let found = followers::update_by_id(&state.db, consultation.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let locale = crate::i18n::resolve_locale();
    let section = match found.section_id {
        Some(section_id) => section_choice(&state, section_id, locale).await?,
        None => None,
    };
    let (subject, body, lang) = in_language(&found, locale);
    Ok(UpdateView {
        id: found.id,
        kind: found.kind.to_string(),
        subject,
        body,
        lang,
        sent_on: found
            .sent_at
            .with_timezone(&state.mail.zone)
            .date_naive()
            .to_string(),
        link_path: found.link_path,
        section,
    })
}
