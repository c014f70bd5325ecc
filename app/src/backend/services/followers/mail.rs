//! The emails a follower gets, each in the language they chose: the confirmation link, the note
//! that they already follow, and an update with the way to stop in its last lines.

use super::announce::Wording;
use crate::backend::MailContext;
use crate::backend::entity::{consultation, section};
use crate::backend::services::outbox::{self, NewEmail};
use crate::backend::services::{strategy, translations::Localized};
use crate::i18n::{Locale, translate_with};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// What is followed, as a sentence part in `locale`: "the whole consultation (…)" or "the
/// section “…”", in the reader's language when a current translation exists.
pub(super) async fn target_label(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    section_id: Option<i32>,
    locale: Locale,
) -> Result<String, DbErr> {
    if let Some(id) = section_id
        && let Some(found) = section::Entity::find_by_id(id).one(conn).await?
    {
        let translated = strategy::translations_for(conn, std::slice::from_ref(&found), locale)
            .await?
            .into_iter()
            .next()
            .flatten();
        let title = translated.map_or(found.title, |t| t.title);
        return Ok(translate_with(
            locale,
            "follow.target.section",
            &[("section", title)],
        ));
    }
    let title = match consultation::Entity::find_by_id(consultation_id)
        .one(conn)
        .await?
    {
        Some(found) => {
            Localized::load(conn, locale)
                .await?
                .or_english("consultation", &found.slug, "title", &found.title)
                .0
        }
        None => String::new(),
    };
    Ok(translate_with(
        locale,
        "follow.target.consultation",
        &[("consultation", title)],
    ))
}

/// The double opt-in: nothing else is sent until this link is used.
pub(super) fn confirmation(
    locale: Locale,
    to: &str,
    what: &str,
    token: &str,
    ctx: &MailContext,
) -> NewEmail {
    let link = format!("{}/follow/confirm/{token}", ctx.public_url);
    outbox::resident_email(
        locale,
        to,
        "follow-confirm",
        "mail.follow_confirm",
        &[
            ("what", what),
            ("link", link.as_str()),
            ("inbox", ctx.inbox.as_str()),
        ],
        ctx,
    )
}

/// To someone who asked to follow what they already follow: the mailbox learns it, the form
/// did not say so.
pub(super) fn already_following(
    locale: Locale,
    to: &str,
    what: &str,
    ctx: &MailContext,
) -> NewEmail {
    let archive = format!("{}/updates", ctx.public_url);
    outbox::resident_email(
        locale,
        to,
        "follow-already",
        "mail.follow_already",
        &[
            ("what", what),
            ("archive", archive.as_str()),
            ("inbox", ctx.inbox.as_str()),
        ],
        ctx,
    )
}

/// One update to one follower: the words staff wrote (or the announcement made of a meeting),
/// the page it points to, and why they get it with the link that stops it.
pub(super) fn update(
    locale: Locale,
    to: &str,
    wording: &Wording,
    link_path: Option<&str>,
    what: &str,
    unsubscribe: &str,
    ctx: &MailContext,
) -> NewEmail {
    let mut body = wording.body.trim().to_string();
    if let Some(path) = link_path {
        let link = format!("{}{path}", ctx.public_url);
        body.push_str("\n\n");
        body.push_str(&translate_with(
            locale,
            "mail.follower_update.more",
            &[("link", link)],
        ));
    }
    body.push_str("\n\n");
    body.push_str(&translate_with(
        locale,
        "mail.follower_update.footer",
        &[
            ("what", what.to_string()),
            ("archive", format!("{}/updates", ctx.public_url)),
            ("unsubscribe", unsubscribe.to_string()),
        ],
    ));
    NewEmail {
        kind: "follower-update",
        to_address: to.to_string(),
        to_name: None,
        reply_to: Some((None, ctx.inbox.clone())),
        subject: wording.subject.clone(),
        html_body: outbox::paragraphs_html(&body),
        text_body: body,
        attachment: None,
    }
}
