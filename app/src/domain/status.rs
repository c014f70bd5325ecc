//! Where each kind of record stands. Stored as the same text as before (string-backed sea-orm
//! active enums), so the database does not change and the compiler finds every use.

use serde::{Deserialize, Serialize};

macro_rules! status {
    ($(#[$meta:meta])* $name:ident prefix $prefix:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $($(#[$vmeta])* #[cfg_attr(feature = "ssr", sea_orm(string_value = $text))] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text)
            }

            /// The i18n key of the status's name.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, ".", $text)),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

status!(
    /// A comment on the draft.
    CommentStatus prefix "comment_status" {
        /// Waiting for a moderator (pre-moderation).
        Pending => "pending",
        Published => "published",
        Rejected => "rejected",
        /// Taken down by readers' reports until a moderator decides.
        Hidden => "hidden",
        /// Taken back by its author from the link in their confirmation email.
        Withdrawn => "withdrawn",
    }
);

status!(
    /// A survey as the builder sets it.
    SurveyStatus prefix "survey_status" {
        Draft => "draft",
        Open => "open",
        Closed => "closed",
    }
);

status!(
    /// One person's answers to a survey.
    ResponseStatus prefix "response_status" {
        /// Saved page by page under the answer token.
        Draft => "draft",
        Submitted => "submitted",
        /// Deleted by the respondent: answers and details erased, no longer counted.
        Withdrawn => "withdrawn",
    }
);

status!(
    /// Where an inquiry stands in the staff inbox.
    InquiryStatus prefix "inquiry_status" {
        New => "new",
        InProgress => "in_progress",
        Answered => "answered",
        Closed => "closed",
        /// Withdrawn by the sender: their details and message erased.
        Withdrawn => "withdrawn",
    }
);

status!(
    /// What a resident asked for by email address.
    PrivacyRequestKind prefix "privacy_request.kind" {
        /// Erase everything held about the address.
        Erase => "erase",
        /// Send a copy of everything held about the address.
        Copy => "copy",
    }
);

status!(
    /// Where a privacy request stands.
    PrivacyRequestStatus prefix "privacy_request.status" {
        /// Waiting for the link sent to the address to be opened.
        Unconfirmed => "unconfirmed",
        /// Confirmed from the mailbox; waiting for staff.
        Confirmed => "confirmed",
        Handled => "handled",
    }
);

status!(
    /// A community meeting.
    EventStatus prefix "event_status" {
        Draft => "draft",
        Published => "published",
        Cancelled => "cancelled",
    }
);

status!(
    /// One RSVP to a meeting.
    RsvpStatus prefix "rsvp_status" {
        Registered => "registered",
        Waitlisted => "waitlisted",
        Cancelled => "cancelled",
        CheckedIn => "checked_in",
    }
);

status!(
    /// An email in the outbox.
    OutboxStatus prefix "outbox_status" {
        Queued => "queued",
        Sent => "sent",
        Dead => "dead",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_keep_their_stored_text() {
        assert_eq!(CommentStatus::Published.as_str(), "published");
        assert_eq!(RsvpStatus::parse("checked_in"), Some(RsvpStatus::CheckedIn));
        assert_eq!(
            InquiryStatus::Answered.label_key(),
            "inquiry_status.answered"
        );
        assert_eq!(OutboxStatus::parse("sending"), None);
        for status in EventStatus::ALL {
            assert_eq!(EventStatus::parse(status.as_str()), Some(*status));
        }
    }
}
