//! iCalendar (RFC 5545) for meetings: the download, the feed, and the invitation in the confirmation
//! email. Times carry the city's zone (TZID) with its VTIMEZONE, so calendars show local time.

use crate::backend::entity::event;
use crate::domain::status::EventStatus;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// The zone meetings are entered and shown in.
pub const CITY_ZONE: Tz = chrono_tz::America::Los_Angeles;

/// US Pacific rules since 2007; enough for every meeting Engage schedules.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700\r\nTZNAME:PDT\r\n\
DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST\r\n\
DTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

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

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&CITY_ZONE)
        .format("%Y%m%dT%H%M%S")
        .to_string()
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
            "DTSTART;TZID=America/Los_Angeles:{}",
            local(event.starts_at)
        ),
        format!("DTEND;TZID=America/Los_Angeles:{}", local(event.ends_at)),
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
    out.push_str(VTIMEZONE);
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

    fn meeting() -> event::Model {
        let starts = CITY_ZONE
            .with_ymd_and_hms(2026, 12, 10, 18, 30, 0)
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
        };
        let text = calendar(&[meeting()], Method::Publish, &ctx);
        assert!(text.contains("METHOD:PUBLISH\r\n"));
        assert!(!text.contains("meet.example.org"));
        assert_eq!(parse(&text).len(), 1);
    }
}
