//! iCalendar (RFC 5545) for meetings: the download, the feed, and the invitation in the confirmation
//! email. Times carry the consultation's zone (TZID) with its VTIMEZONE, so calendars show local time.

use crate::backend::entity::event;
use crate::domain::status::EventStatus;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// The zone's observances over `from..=to`: the one in force at `from`, then every change of
/// offset, found day by day and narrowed to the minute. Generated from the time zone database, so
/// any city's zone works and calendars need not know the name.
fn vtimezone(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    use chrono::{Duration, Offset, TimeZone};
    use chrono_tz::{OffsetComponents, OffsetName};
    let offset = |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc());
    let seconds = |at: DateTime<Utc>| offset(at).fix().local_minus_utc();
    let hhmm = |secs: i32| {
        let sign = if secs < 0 { '-' } else { '+' };
        let minutes = secs.abs() / 60;
        format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
    };
    let observance = |before: i32, at: DateTime<Utc>| {
        let after = offset(at);
        let kind = if after.dst_offset().is_zero() {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // DTSTART is the wall-clock moment of the change, read with the offset before it.
        let onset = (at.naive_utc() + Duration::seconds(i64::from(before))).format("%Y%m%dT%H%M%S");
        let name = after
            .abbreviation()
            .map(|n| format!("TZNAME:{n}\r\n"))
            .unwrap_or_default();
        format!(
            "BEGIN:{kind}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n{name}DTSTART:{onset}\r\nEND:{kind}\r\n",
            hhmm(before),
            hhmm(after.fix().local_minus_utc()),
        )
    };
    let start = from - Duration::days(1);
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", zone.name());
    out.push_str(&observance(seconds(start), start));
    let mut day = start;
    while day < to {
        let next = day + Duration::days(1);
        if seconds(next) != seconds(day) {
            let (mut before, mut after) = (day, next);
            while after - before > Duration::minutes(1) {
                let middle = before + (after - before) / 2;
                if seconds(middle) == seconds(before) {
                    before = middle;
                } else {
                    after = middle;
                }
            }
            // Changes happen on the minute: `after` is the first minute of the new offset.
            let at = Utc
                .timestamp_opt(after.timestamp() - after.timestamp() % 60, 0)
                .single()
                .unwrap_or(after);
            out.push_str(&observance(seconds(before), at));
        }
        day = next;
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// PUBLISH for downloads and the feed; REQUEST for the invitation sent to one attendee.
pub enum Method<'a> {
    Publish,
    Request {
        organizer: &'a str,
        attendee_name: &'a str,
        attendee_email: &'a str,
    },
    /// Tells an attendee's calendar that the meeting is off.
    Cancel {
        organizer: &'a str,
        attendee_name: &'a str,
        attendee_email: &'a str,
    },
}

/// What a calendar needs that the event row does not say.
pub struct CalendarContext<'a> {
    /// The host part of UIDs, so they stay stable and unique (`event-7@engage.weho.org`).
    pub host: &'a str,
    pub public_url: &'a str,
    /// Included only for people who RSVPed (the invitation), never in public downloads.
    pub include_online_link: bool,
    /// The consultation's zone.
    pub zone: Tz,
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn local(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y%m%dT%H%M%S").to_string()
}

fn vevent(event: &event::Model, method: &Method, ctx: &CalendarContext) -> String {
    let url = format!("{}/events/{}", ctx.public_url, event.slug);
    let place = [event.venue_name.as_deref(), event.venue_address.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let online = ctx
        .include_online_link
        .then_some(event.online_url.as_deref())
        .flatten();
    let location = match (place.is_empty(), online) {
        (false, _) => place,
        (true, Some(link)) => format!("Online: {link}"),
        (true, None) => "Online".to_string(),
    };
    let mut description = event.description_markdown.clone();
    if let Some(link) = online {
        description.push_str(&format!("\n\nJoin online: {link}"));
    }
    description.push_str(&format!("\n\n{url}"));
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:event-{}@{}", event.id, ctx.host),
        format!("DTSTAMP:{}", Utc::now().format("%Y%m%dT%H%M%SZ")),
        format!(
            "DTSTART;TZID={}:{}",
            ctx.zone.name(),
            local(event.starts_at, ctx.zone)
        ),
        format!(
            "DTEND;TZID={}:{}",
            ctx.zone.name(),
            local(event.ends_at, ctx.zone)
        ),
        format!("SUMMARY:{}", escape(&event.title)),
        format!("DESCRIPTION:{}", escape(&description)),
        format!("LOCATION:{}", escape(&location)),
        format!("URL:{url}"),
        format!(
            "STATUS:{}",
            if event.status == EventStatus::Cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ),
        // A cancellation must outrank the invitation it withdraws.
        format!(
            "SEQUENCE:{}",
            if event.status == EventStatus::Cancelled {
                1
            } else {
                0
            }
        ),
    ];
    if let Method::Request {
        organizer,
        attendee_name,
        attendee_email,
    }
    | Method::Cancel {
        organizer,
        attendee_name,
        attendee_email,
    } = method
    {
        lines.push(format!("ORGANIZER:mailto:{organizer}"));
        lines.push(format!(
            "ATTENDEE;CN=\"{}\";ROLE=REQ-PARTICIPANT:mailto:{attendee_email}",
            attendee_name.replace(['"', '\r', '\n'], "")
        ));
    }
    lines.push("END:VEVENT".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// A calendar holding the given events.
pub fn calendar(events: &[event::Model], method: Method, ctx: &CalendarContext) -> String {
    let method_name = match method {
        Method::Publish => "PUBLISH",
        Method::Request { .. } => "REQUEST",
        Method::Cancel { .. } => "CANCEL",
    };
    let mut out = String::new();
    out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Engage//Community meetings//EN\r\n");
    out.push_str("CALSCALE:GREGORIAN\r\n");
    out.push_str(&format!("METHOD:{method_name}\r\n"));
    let from = events.iter().map(|e| e.starts_at).min();
    let to = events.iter().map(|e| e.ends_at).max();
    if let (Some(from), Some(to)) = (from, to) {
        out.push_str(&vtimezone(ctx.zone, from, to));
    }
    for event in events {
        out.push_str(&vevent(event, &method, ctx));
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};

    const WEHO: Tz = chrono_tz::America::Los_Angeles;

    fn meeting() -> event::Model {
        meeting_in(WEHO, 2026, 12, 10)
    }

    fn meeting_in(zone: Tz, year: i32, month: u32, day: u32) -> event::Model {
        let starts = zone
            .with_ymd_and_hms(year, month, day, 18, 30, 0)
            .single()
            .unwrap_or_else(|| panic!("a real time"))
            .with_timezone(&Utc);
        event::Model {
            id: 7,
            consultation_id: 1,
            slug: "plummer-park-session".into(),
            title: "Phase II session, Plummer Park".into(),
            description_markdown: "Talk with us; bring neighbors, questions and ideas.".into(),
            description_html: String::new(),
            starts_at: starts,
            ends_at: starts + chrono::Duration::hours(2),
            format: "hybrid".into(),
            venue_name: Some("Plummer Park Community Center".into()),
            venue_address: Some("7377 Santa Monica Blvd, West Hollywood".into()),
            online_url: Some("https://meet.example.org/cswb".into()),
            capacity: Some(60),
            rsvp_deadline: None,
            languages: "en,es,ru".into(),
            accessibility_notes: String::new(),
            status: EventStatus::Published,
            revision: 3,
            created_at: starts,
        }
    }

    fn parse(text: &str) -> Vec<icalendar::Event> {
        let parsed: Calendar = text.parse().unwrap_or_else(|e| panic!("not RFC 5545: {e}"));
        parsed
            .components
            .into_iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_invitation_reads_back_field_by_field() {
        let ctx = CalendarContext {
            host: "engage.weho.org",
            public_url: "https://engage.weho.org",
            include_online_link: true,
            zone: WEHO,
        };
        let method = Method::Request {
            organizer: "cswb@weho.org",
            attendee_name: "Ana \"A\" Resident",
            attendee_email: "ana@example.org",
        };
        let text = calendar(&[meeting()], method, &ctx);
        assert!(text.contains("METHOD:REQUEST\r\n"));
        assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20261210T183000\r\n"));
        assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");
        let events = parse(&text);
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(event.get_uid(), Some("event-7@engage.weho.org"));
        assert_eq!(event.get_summary(), Some("Phase II session, Plummer Park"));
        assert_eq!(
            event.get_location(),
            Some("Plummer Park Community Center, 7377 Santa Monica Blvd, West Hollywood")
        );
        let description = event.get_description().unwrap_or_default();
        assert!(description.contains("Talk with us; bring neighbors, questions and ideas."));
        assert!(description.contains("Join online: https://meet.example.org/cswb"));
        match event.get_start() {
            Some(DatePerhapsTime::DateTime(start)) => {
                let utc = start
                    .try_into_utc()
                    .unwrap_or_else(|| panic!("the zone is understood"));
                assert_eq!(utc, meeting().starts_at);
            }
            other => panic!("no start: {other:?}"),
        }
    }

    #[test]
    fn a_public_download_never_carries_the_online_link() {
        let ctx = CalendarContext {
            host: "engage.weho.org",
            public_url: "https://engage.weho.org",
            include_online_link: false,
            zone: WEHO,
        };
        let text = calendar(&[meeting()], Method::Publish, &ctx);
        assert!(text.contains("METHOD:PUBLISH\r\n"));
        assert!(!text.contains("meet.example.org"));
        assert_eq!(parse(&text).len(), 1);
    }

    #[test]
    fn another_city_gets_its_own_zone_and_observance() {
        let madrid = chrono_tz::Europe::Madrid;
        let ctx = CalendarContext {
            host: "engage.example.es",
            public_url: "https://engage.example.es",
            include_online_link: false,
            zone: madrid,
        };
        let event = meeting_in(madrid, 2026, 12, 10);
        let text = calendar(std::slice::from_ref(&event), Method::Publish, &ctx);
        assert!(text.contains("DTSTART;TZID=Europe/Madrid:20261210T183000\r\n"));
        assert!(text.contains("TZID:Europe/Madrid\r\n"));
        assert!(text.contains("TZOFFSETTO:+0100\r\n"));
        assert!(!text.contains("Los_Angeles"));
        match parse(&text)[0].get_start() {
            Some(DatePerhapsTime::DateTime(start)) => {
                assert_eq!(start.try_into_utc(), Some(event.starts_at));
            }
            other => panic!("no start: {other:?}"),
        }
    }

    #[test]
    fn a_feed_across_a_change_of_clocks_lists_the_change() {
        let ctx = CalendarContext {
            host: "engage.weho.org",
            public_url: "https://engage.weho.org",
            include_online_link: false,
            zone: WEHO,
        };
        let winter = meeting_in(WEHO, 2027, 3, 1);
        let spring = meeting_in(WEHO, 2027, 3, 20);
        let text = calendar(&[winter, spring], Method::Publish, &ctx);
        // US clocks go forward at 02:00 on the second Sunday of March (14 March 2027).
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nTZNAME:PDT\r\nDTSTART:20270314T020000\r\n"
            ),
            "{text}"
        );
        assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20270320T183000\r\n"));
    }

    #[test]
    fn a_zone_without_summer_time_has_one_observance() {
        let tokyo = chrono_tz::Asia::Tokyo;
        let text = vtimezone(
            tokyo,
            meeting_in(tokyo, 2027, 1, 5).starts_at,
            meeting_in(tokyo, 2027, 9, 5).ends_at,
        );
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1);
        assert!(!text.contains("DAYLIGHT"));
        assert!(text.contains("TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n"));
    }
}
