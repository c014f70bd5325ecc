//! Addresses of the plain routes (files and feeds) that pages link to; the server mounts these same
//! templates, so a link and its route cannot drift apart.

pub const OPEN_COMMENTS_CSV: &str = "/open-data/comments.csv";
pub const OPEN_COMMENTS_JSON: &str = "/open-data/comments.json";
pub const WHAT_WE_HEARD_CSV: &str = "/open-data/what-we-heard.csv";
pub const WHAT_WE_HEARD_JSON: &str = "/open-data/what-we-heard.json";
pub const COMMENTS_CSV: &str = "/staff/exports/comments.csv";
pub const RSVPS_CSV: &str = "/staff/exports/rsvps.csv";
pub const INQUIRIES_CSV: &str = "/staff/exports/inquiries.csv";
pub const AUDIT_CSV: &str = "/staff/exports/audit.csv";
pub const GROUP_WORKBOOK: &str = "/staff/exports/groups/{group}";
pub const SURVEY_RESPONSES_CSV: &str = "/staff/surveys/{id}/responses.csv";
/// The CSV template that paper responses are typed into for import.
pub const PAPER_TEMPLATE_CSV: &str = "/staff/surveys/{id}/paper-template.csv";
pub const SURVEY_RESPONSES_XLSX: &str = "/staff/surveys/{id}/responses.xlsx";
pub const ATTENDEES_CSV: &str = "/staff/events/{id}/attendees.csv";
pub const MEETINGS_ICS: &str = "/events.ics";
pub const MEETING_ICS: &str = "/events/{slug}/calendar.ics";
/// The whole current draft as one Markdown file to download, in the reader's language.
pub const WHOLE_DRAFT_MD: &str = "/strategy/draft.md";
/// The whole current draft on one page, to read in one go or print.
pub const WHOLE_DRAFT_PAGE: &str = "/strategy/print";

/// A template with its one `{…}` segment filled in: `at(ATTENDEES_CSV, 7)` is
/// `/staff/events/7/attendees.csv`.
pub fn at(template: &str, value: impl std::fmt::Display) -> String {
    match (template.find('{'), template.find('}')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{value}{}", &template[..open], &template[close + 1..])
        }
        _ => template.to_string(),
    }
}

/// Text made safe as one query-string value (RFC 3986 unreserved characters kept, the rest
/// percent-encoded), so a hostile path can never break a Location header or the query around it.
pub fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The same page in another language: the path and every query parameter kept (a survey's step,
/// a list's filters), `lang` replaced.
pub fn with_language(path: &str, search: &str, code: &str) -> String {
    let mut address = format!("{path}?");
    for pair in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
    {
        address.push_str(pair);
        address.push('&');
    }
    address.push_str("lang=");
    address.push_str(code);
    address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_language_keeps_the_whole_address() {
        assert_eq!(
            with_language("/surveys/s/answer/t", "step=2&lang=es", "ru"),
            "/surveys/s/answer/t?step=2&lang=ru"
        );
        assert_eq!(with_language("/", "", "es"), "/?lang=es");
        assert_eq!(
            with_language("/staff/feedback", "?group=resident&page=2", "en"),
            "/staff/feedback?group=resident&page=2&lang=en"
        );
    }

    #[test]
    fn fills_the_one_segment() {
        assert_eq!(at(ATTENDEES_CSV, 7), "/staff/events/7/attendees.csv");
        assert_eq!(
            at(MEETING_ICS, "town-hall"),
            "/events/town-hall/calendar.ics"
        );
        assert_eq!(at(RSVPS_CSV, 1), RSVPS_CSV);
    }

    #[test]
    fn query_values_carry_no_control_characters_or_separators() {
        assert_eq!(query_value("/staff/surveys/a\nb"), "/staff/surveys/a%0Ab");
        assert_eq!(query_value("/x?y=1&z"), "/x%3Fy%3D1%26z");
    }
}
