//! The closed lists an inquiry is made of: topic, preferred reply channel, and its status in the staff inbox.

use serde::{Deserialize, Serialize};

macro_rules! closed_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? } prefix $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text)
            }

            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, ".", $text)),+ }
            }
        }
    };
}

closed_list!(
    /// What the inquiry is about.
    Topic {
        General => "general",
        DraftStrategy => "draft_strategy",
        MeetingsAccessibility => "meetings_accessibility",
        Surveys => "surveys",
        Media => "media",
        Other => "other",
    } prefix "topic"
);

closed_list!(
    /// How the person would like the city to answer.
    ReplyChannel {
        Email => "email",
        Phone => "phone",
        Tty => "tty",
    } prefix "reply_channel"
);

pub use super::status::InquiryStatus;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_lists_round_trip() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.as_str()), Some(*topic));
        }
        assert_eq!(ReplyChannel::parse("tty"), Some(ReplyChannel::Tty));
        assert_eq!(
            InquiryStatus::parse("in_progress"),
            Some(InquiryStatus::InProgress)
        );
        assert_eq!(Topic::parse("nonsense"), None);
        assert_eq!(
            InquiryStatus::Answered.label_key(),
            "inquiry_status.answered"
        );
    }
}
