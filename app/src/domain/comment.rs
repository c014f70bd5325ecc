//! The limits and closed lists of a comment, shared by the server's checks and the pages' forms.

/// Longest comment (and official reply) in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
/// Longest note a reader adds to a report.
pub const MAX_REPORT_NOTE_CHARS: usize = 500;

/// What a reader may report a comment for.
pub const REPORT_REASONS: [&str; 4] = ["spam", "abusive", "personal_information", "off_topic"];
/// Why a moderator may decline to publish a comment: every report reason, and two of their own.
pub const REJECT_REASONS: [&str; 6] = [
    "spam",
    "abusive",
    "personal_information",
    "off_topic",
    "duplicate",
    "other",
];

/// The i18n key of a report or rejection reason.
pub fn reason_label_key(reason: &str) -> &'static str {
    match reason {
        "spam" => "moderation.reason.spam",
        "abusive" => "moderation.reason.abusive",
        "personal_information" => "moderation.reason.personal_information",
        "off_topic" => "moderation.reason.off_topic",
        "duplicate" => "moderation.reason.duplicate",
        _ => "moderation.reason.other",
    }
}
