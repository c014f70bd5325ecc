//! The meeting editor's form and its check: times entered in the consultation's zone, every problem
//! reported at once with the input kept.

use crate::domain::status::EventStatus;
use crate::error::FormErrors;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub const FORMATS: [&str; 3] = ["in_person", "online", "hybrid"];
pub const MAX_TITLE_CHARS: usize = 200;
const MAX_CAPACITY: i32 = 100_000;

/// The editor's form as it arrives; times are local (`datetime-local`, America/Los_Angeles).
#[derive(Clone, Debug, Default)]
pub struct EventForm {
    pub title: String,
    pub description: String,
    pub starts_local: String,
    pub ends_local: String,
    pub format: String,
    pub venue_name: String,
    pub venue_address: String,
    pub online_url: String,
    pub capacity: String,
    pub deadline_local: String,
    pub languages: String,
    pub accessibility_notes: String,
    pub status: String,
}

/// A checked event, ready to store.
#[derive(Clone, Debug)]
pub struct EventSaved {
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: String,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub rsvp_deadline: Option<DateTime<Utc>>,
    pub languages: String,
    pub accessibility_notes: String,
    pub status: EventStatus,
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A `datetime-local` value read as wall-clock time in the consultation's zone.
pub fn parse_local(text: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").ok()?;
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The value a `datetime-local` input shows for a stored time.
pub fn to_local_input(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string()
}

fn keep_all(form: &EventForm) -> FormErrors {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("title", &form.title),
        ("description", &form.description),
        ("starts_local", &form.starts_local),
        ("ends_local", &form.ends_local),
        ("format", &form.format),
        ("venue_name", &form.venue_name),
        ("venue_address", &form.venue_address),
        ("online_url", &form.online_url),
        ("capacity", &form.capacity),
        ("deadline_local", &form.deadline_local),
        ("languages", &form.languages),
        ("accessibility_notes", &form.accessibility_notes),
        ("status", &form.status),
    ] {
        errors.keep(field, value);
    }
    errors
}

/// Checks the editor's form; every problem at once, the input kept.
pub fn check_event(form: &EventForm, zone: Tz) -> Result<EventSaved, FormErrors> {
    let mut errors = keep_all(form);
    let title = form.title.trim();
    if title.is_empty() {
        errors.add("title", "field.event_title.required");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        errors.add("title", "field.event_title.too_long");
    }
    let starts = parse_local(&form.starts_local, zone);
    if starts.is_none() {
        errors.add("starts_local", "field.event_time.invalid");
    }
    let ends = parse_local(&form.ends_local, zone);
    match (starts, ends) {
        (_, None) => errors.add("ends_local", "field.event_time.invalid"),
        (Some(s), Some(e)) if e <= s => errors.add("ends_local", "field.event_end.before_start"),
        _ => {}
    }
    let format = form.format.trim();
    if !FORMATS.contains(&format) {
        errors.add("format", "field.event_format.required");
    }
    let venue_name = optional(&form.venue_name);
    if format != "online" && venue_name.is_none() {
        errors.add("venue_name", "field.venue.required");
    }
    let online_url = optional(&form.online_url);
    if format != "in_person" {
        match &online_url {
            None => errors.add("online_url", "field.online_url.required"),
            Some(url) if !url.starts_with("https://") || url.contains(char::is_whitespace) => {
                errors.add("online_url", "field.online_url.invalid")
            }
            Some(_) => {}
        }
    }
    let capacity = match optional(&form.capacity) {
        None => None,
        Some(text) => match text.parse::<i32>() {
            Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Some(n),
            _ => {
                errors.add("capacity", "field.capacity.invalid");
                None
            }
        },
    };
    let deadline = match optional(&form.deadline_local) {
        None => None,
        Some(text) => match (parse_local(&text, zone), starts) {
            (Some(d), Some(s)) if d <= s => Some(d),
            (Some(_), Some(_)) => {
                errors.add("deadline_local", "field.deadline.after_start");
                None
            }
            _ => {
                errors.add("deadline_local", "field.event_time.invalid");
                None
            }
        },
    };
    // A meeting is cancelled only through its own action, never by the editor.
    let status = EventStatus::parse(form.status.trim())
        .filter(|s| [EventStatus::Draft, EventStatus::Published].contains(s));
    if status.is_none() {
        errors.add("status", "field.event_status.required");
    }
    match (starts, ends) {
        (Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(EventSaved {
            title: title.to_string(),
            description: form.description.replace("\r\n", "\n").trim().to_string(),
            starts_at,
            ends_at,
            format: format.to_string(),
            venue_name: venue_name.filter(|_| format != "online"),
            venue_address: optional(&form.venue_address).filter(|_| format != "online"),
            online_url: online_url.filter(|_| format != "in_person"),
            capacity,
            rsvp_deadline: deadline,
            languages: form.languages.trim().to_string(),
            accessibility_notes: form.accessibility_notes.trim().to_string(),
            status: status.unwrap_or(EventStatus::Draft),
        }),
        _ => Err(errors),
    }
}
