//! The kinds of text people write that staff search and tag.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeedbackKind {
    /// A comment on a section, online or keyed in from an offline channel.
    Comment,
    /// One written answer of a survey response (a text question, or "other, please specify").
    SurveyAnswer,
    /// A message sent through the contact form.
    Inquiry,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 3] = [
        FeedbackKind::Comment,
        FeedbackKind::SurveyAnswer,
        FeedbackKind::Inquiry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Comment => "comment",
            FeedbackKind::SurveyAnswer => "survey_answer",
            FeedbackKind::Inquiry => "inquiry",
        }
    }

    pub fn parse(text: &str) -> Option<FeedbackKind> {
        FeedbackKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            FeedbackKind::Comment => "search.kind.comment",
            FeedbackKind::SurveyAnswer => "search.kind.survey_answer",
            FeedbackKind::Inquiry => "search.kind.inquiry",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in FeedbackKind::ALL {
            assert_eq!(FeedbackKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(FeedbackKind::parse("rsvp"), None);
    }
}
