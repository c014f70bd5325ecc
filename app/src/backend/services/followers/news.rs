//! Announcements the portal writes itself when staff publish something followers asked to hear
//! about: a new version of a section, a survey's results.

use super::{Announcement, Wording, announce};
use crate::backend::MailContext;
use crate::backend::entity::{follower_update, section, survey};
use crate::backend::services::translations::Localized;
use crate::domain::follow::UpdateKind;
use crate::i18n::{Locale, translate_with};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Words in every language from one catalogue key, filled per language.
fn worded(
    key: &str,
    titles: &[(Locale, String)],
    extra: &[(&str, String)],
) -> (Wording, Option<Wording>, Option<Wording>) {
    let mut words = titles.iter().map(|(locale, title)| {
        let mut args: Vec<(&str, &str)> = vec![("title", title.as_str())];
        args.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
        Wording {
            subject: translate_with(*locale, &format!("{key}.subject"), &args),
            body: translate_with(*locale, &format!("{key}.body"), &args),
        }
    });
    let en = words.next().unwrap_or_default();
    (en, words.next(), words.next())
}

/// Tells the followers of the consultation and of the section that a new version is published.
pub async fn announce_version(
    conn: &impl ConnectionTrait,
    ctx: &MailContext,
    found: &section::Model,
    number: i32,
    staff_id: Option<i32>,
) -> Result<u64, DbErr> {
    let titles = crate::backend::services::strategy::titles(conn, found).await?;
    let (en, es, ru) = worded("follow.version", &titles, &[("number", number.to_string())]);
    let announcement = Announcement {
        kind: UpdateKind::NewVersion,
        en,
        es,
        ru,
        link_path: Some(format!("/strategy/{}/versions/{number}", found.slug)),
        sent_by: staff_id,
    };
    announce(
        conn,
        ctx,
        found.consultation_id,
        Some(found.id),
        announcement,
    )
    .await
}

/// Tells the consultation's followers that a survey's results are published on What we heard;
/// the first time only, so taking results off and back on is not news twice.
pub async fn announce_results(
    conn: &impl ConnectionTrait,
    ctx: &MailContext,
    found: &survey::Model,
    staff_id: Option<i32>,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let link_path = format!("/what-we-heard#wwh-survey-{}", found.slug);
    let announced = follower_update::Entity::find()
        .filter(follower_update::Column::ConsultationId.eq(found.consultation_id))
        .filter(follower_update::Column::Kind.eq(UpdateKind::Results))
        .filter(follower_update::Column::LinkPath.eq(link_path.as_str()))
        .count(conn)
        .await?;
    if announced > 0 {
        return Ok(0);
    }
    let mut titles = Vec::with_capacity(Locale::ALL.len());
    for locale in Locale::ALL {
        let title = Localized::load(conn, locale)
            .await?
            .of("survey", &found.slug, "title", &found.title)
            .unwrap_or_else(|| found.title.clone());
        titles.push((locale, title));
    }
    let (en, es, ru) = worded("follow.results", &titles, &[]);
    let announcement = Announcement {
        kind: UpdateKind::Results,
        en,
        es,
        ru,
        link_path: Some(link_path),
        sent_by: staff_id,
    };
    announce(conn, ctx, found.consultation_id, None, announcement).await
}
