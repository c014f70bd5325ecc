//! Telling followers about news, inside the transaction of whatever made the news: the update is
//! archived for the public page and one email per confirmed follower is queued in the outbox,
//! in their language, with their one-click unsubscribe link.

use super::{link_key, mail, unsubscribe_token, unsubscribe_url};
use crate::backend::MailContext;
use crate::backend::entity::{event, follower, follower_update};
use crate::backend::services::outbox::{self, ListEmail};
use crate::backend::services::translations::Localized;
use crate::domain::follow::UpdateKind;
use crate::i18n::{Locale, translate, translate_with};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// An update's words in one language: plain text, paragraphs separated by a blank line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Wording {
    pub subject: String,
    pub body: String,
}

/// What to tell followers. English is required; a follower whose language is missing gets it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Announcement {
    pub kind: UpdateKind,
    pub en: Wording,
    pub es: Option<Wording>,
    pub ru: Option<Wording>,
    /// A page of this portal the update points to (`/events/town-hall`), linked in every email
    /// and on the archive page.
    pub link_path: Option<String>,
    /// The staff member who sent it, or whose action (publishing) made it.
    pub sent_by: Option<i32>,
}

impl Announcement {
    /// The words for a reader of `locale`, English when there are none in their language.
    pub fn wording(&self, locale: Locale) -> &Wording {
        locale.pick(&self.en, self.es.as_ref(), self.ru.as_ref()).0
    }
}

/// Archives the announcement and queues it to every confirmed follower of the consultation, and
/// also to the followers of `section_id` when it is set, in the caller's transaction; returns
/// how many emails were queued (one per address).
pub async fn announce(
    conn: &impl ConnectionTrait,
    ctx: &MailContext,
    consultation_id: i32,
    section_id: Option<i32>,
    announcement: Announcement,
) -> Result<u64, DbErr> {
    let sent = send_update(conn, ctx, consultation_id, section_id, announcement).await?;
    Ok(u64::try_from(sent.recipient_count).unwrap_or(0))
}

/// [`announce`], returning the archived update (staff pages link to it and audit it).
pub async fn send_update(
    conn: &impl ConnectionTrait,
    ctx: &MailContext,
    consultation_id: i32,
    section_id: Option<i32>,
    announcement: Announcement,
) -> Result<follower_update::Model, DbErr> {
    let followers = recipients(conn, consultation_id, section_id).await?;
    let key = if followers.is_empty() {
        String::new()
    } else {
        link_key(conn).await?
    };
    // Read once per language and target, not once per follower.
    let mut labels: HashMap<(Locale, Option<i32>), String> = HashMap::new();
    let mut emails = Vec::with_capacity(followers.len());
    for found in followers {
        let locale = Locale::from_code(&found.locale).unwrap_or_default();
        let what = match labels.get(&(locale, found.section_id)) {
            Some(label) => label.clone(),
            None => {
                let label =
                    mail::target_label(conn, consultation_id, found.section_id, locale).await?;
                labels.insert((locale, found.section_id), label.clone());
                label
            }
        };
        let url = unsubscribe_url(ctx, &unsubscribe_token(&key, found.id));
        let email = mail::update(
            locale,
            &found.email,
            announcement.wording(locale),
            announcement.link_path.as_deref(),
            &what,
            &url,
            ctx,
        );
        emails.push(ListEmail {
            email,
            unsubscribe_url: url,
        });
    }
    let queued = outbox::enqueue_list(conn, emails, &ctx.message_id_host).await?;
    let (subject_es, body_es) = split(announcement.es);
    let (subject_ru, body_ru) = split(announcement.ru);
    follower_update::ActiveModel {
        consultation_id: Set(consultation_id),
        section_id: Set(section_id),
        kind: Set(announcement.kind),
        subject_en: Set(announcement.en.subject),
        body_en: Set(announcement.en.body),
        subject_es: Set(subject_es),
        body_es: Set(body_es),
        subject_ru: Set(subject_ru),
        body_ru: Set(body_ru),
        link_path: Set(announcement.link_path),
        sent_at: Set(Utc::now()),
        sent_by: Set(announcement.sent_by),
        recipient_count: Set(i32::try_from(queued).unwrap_or(i32::MAX)),
        ..Default::default()
    }
    .insert(conn)
    .await
}

fn split(wording: Option<Wording>) -> (Option<String>, Option<String>) {
    match wording {
        Some(w) => (Some(w.subject), Some(w.body)),
        None => (None, None),
    }
}

/// Confirmed followers an update about `section_id` (or the whole consultation) reaches, one per
/// address: someone following both the consultation and the section gets one email, under their
/// subscription to the whole consultation.
pub(super) async fn recipients(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    section_id: Option<i32>,
) -> Result<Vec<follower::Model>, DbErr> {
    use follower::Column;
    let target = match section_id {
        Some(id) => Condition::any()
            .add(Column::SectionId.is_null())
            .add(Column::SectionId.eq(id)),
        None => Condition::all().add(Column::SectionId.is_null()),
    };
    let mut found = follower::Entity::find()
        .filter(Column::ConsultationId.eq(consultation_id))
        .filter(Column::ConfirmedAt.is_not_null())
        .filter(Column::UnsubscribedAt.is_null())
        .filter(target)
        .order_by_asc(Column::Id)
        .all(conn)
        .await?;
    found.sort_by_key(|f| (f.section_id.is_some(), f.id));
    let mut seen = HashSet::new();
    found.retain(|f| seen.insert(f.email.clone()));
    found.sort_by_key(|f| f.id);
    Ok(found)
}

/// Tells the consultation's followers about a meeting just published: its title (translated
/// when the pack has it), when and where, and the link to its page and RSVP. The online link is
/// never in it: only people who RSVP get that. A meeting taken back to draft and published
/// again is not announced twice.
pub async fn announce_meeting(
    conn: &impl ConnectionTrait,
    ctx: &MailContext,
    meeting: &event::Model,
    staff_id: Option<i32>,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let link_path = format!("/events/{}", meeting.slug);
    let announced = follower_update::Entity::find()
        .filter(follower_update::Column::ConsultationId.eq(meeting.consultation_id))
        .filter(follower_update::Column::Kind.eq(UpdateKind::NewMeeting))
        .filter(follower_update::Column::LinkPath.eq(link_path.as_str()))
        .count(conn)
        .await?;
    if announced > 0 {
        return Ok(0);
    }
    let when = meeting
        .starts_at
        .with_timezone(&ctx.zone)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string();
    let mut words = Vec::with_capacity(Locale::ALL.len());
    for locale in Locale::ALL {
        let title = Localized::load(conn, locale)
            .await?
            .of("event", &meeting.slug, "title", &meeting.title)
            .unwrap_or_else(|| meeting.title.clone());
        let place = match (&meeting.venue_name, &meeting.venue_address) {
            (Some(name), Some(address)) => format!("{name}, {address}"),
            (Some(name), None) => name.clone(),
            _ => translate(locale, "follow.meeting.online"),
        };
        words.push(Wording {
            subject: translate_with(locale, "follow.meeting.subject", &[("event", &title)]),
            body: translate_with(
                locale,
                "follow.meeting.body",
                &[("event", &title), ("when", &when), ("place", &place)],
            ),
        });
    }
    let mut words = words.into_iter();
    let en = words.next().unwrap_or_default();
    let announcement = Announcement {
        kind: UpdateKind::NewMeeting,
        en,
        es: words.next(),
        ru: words.next(),
        link_path: Some(link_path),
        sent_by: staff_id,
    };
    announce(conn, ctx, meeting.consultation_id, None, announcement).await
}
