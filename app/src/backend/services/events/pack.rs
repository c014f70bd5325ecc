//! Meetings from a content pack, and the list of meetings people can see.
use crate::domain::status::EventStatus;

use crate::backend::entity::event;
use chrono::Utc;
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

/// A meeting as written in a content pack; dates count from the day of the first import.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct EventPack {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub starts_in_days: i64,
    /// Local time in the city's zone, `HH:MM`.
    pub start_time: String,
    pub duration_minutes: i64,
    pub format: String,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    /// RSVPs close at midnight this many days before the meeting.
    pub rsvp_closes_days_before: Option<i64>,
    pub languages: String,
    pub accessibility_notes: String,
}

pub async fn has_events(conn: &impl ConnectionTrait, consultation_id: i32) -> Result<bool, DbErr> {
    Ok(event::Entity::find()
        .filter(event::Column::ConsultationId.eq(consultation_id))
        .count(conn)
        .await?
        > 0)
}

/// Creates the pack's meetings, published, dated from today in the consultation's zone.
pub async fn import_events(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
    packs: &[EventPack],
    zone: Tz,
) -> Result<(), DbErr> {
    use chrono::TimeZone;
    let today = Utc::now().with_timezone(&zone).date_naive();
    for pack in packs {
        // Slugs end up in addresses and file names.
        if pack.slug.is_empty()
            || !pack
                .slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(DbErr::Custom(format!(
                "{}: an event slug may hold only lower-case letters, digits and dashes",
                pack.slug
            )));
        }
        let time = chrono::NaiveTime::parse_from_str(&pack.start_time, "%H:%M")
            .map_err(|_| DbErr::Custom(format!("{}: start_time must be HH:MM", pack.slug)))?;
        let day = today + chrono::Duration::days(pack.starts_in_days);
        let starts = zone
            .from_local_datetime(&day.and_time(time))
            .earliest()
            .ok_or_else(|| DbErr::Custom(format!("{}: no such local time", pack.slug)))?
            .with_timezone(&Utc);
        let deadline = pack.rsvp_closes_days_before.and_then(|days| {
            zone.from_local_datetime(&(day - chrono::Duration::days(days)).and_hms_opt(0, 0, 0)?)
                .earliest()
                .map(|d| d.with_timezone(&Utc))
        });
        event::ActiveModel {
            consultation_id: Set(consultation_id),
            slug: Set(pack.slug.clone()),
            title: Set(pack.title.clone()),
            description_html: Set(crate::backend::services::strategy::render_markdown(
                pack.description.trim(),
            )),
            description_markdown: Set(pack.description.trim().to_string()),
            starts_at: Set(starts),
            ends_at: Set(starts + chrono::Duration::minutes(pack.duration_minutes)),
            format: Set(pack.format.clone()),
            venue_name: Set(pack.venue_name.clone()),
            venue_address: Set(pack.venue_address.clone()),
            online_url: Set(pack.online_url.clone()),
            capacity: Set(pack.capacity),
            rsvp_deadline: Set(deadline),
            languages: Set(pack.languages.clone()),
            accessibility_notes: Set(pack.accessibility_notes.clone()),
            status: Set(EventStatus::Published),
            revision: Set(0),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// The meetings people can see (published or cancelled), soonest first.
pub async fn public_events(
    conn: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::ConsultationId.eq(consultation_id))
        .filter(event::Column::Status.ne(EventStatus::Draft))
        .order_by_asc(event::Column::StartsAt)
        .all(conn)
        .await
}
