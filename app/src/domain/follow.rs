//! What an update to followers is about: the kinds of news a follower of the consultation gets.

use serde::{Deserialize, Serialize};

/// The kind of an update sent to followers and kept in the public archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum UpdateKind {
    /// News staff wrote themselves.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "update"))]
    Update,
    /// A section of the draft was published in a new version.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "new_version"))]
    NewVersion,
    /// A community meeting was published.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "new_meeting"))]
    NewMeeting,
    /// Results of the consultation (a survey's, what we heard).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "results"))]
    Results,
    /// The final report.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "final_report"))]
    FinalReport,
}

impl UpdateKind {
    pub const ALL: [UpdateKind; 5] = [
        UpdateKind::Update,
        UpdateKind::NewVersion,
        UpdateKind::NewMeeting,
        UpdateKind::Results,
        UpdateKind::FinalReport,
    ];

    /// What staff may pick when they write an update themselves; versions and meetings are
    /// announced by publishing them.
    pub const COMPOSED: [UpdateKind; 3] = [
        UpdateKind::Update,
        UpdateKind::Results,
        UpdateKind::FinalReport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UpdateKind::Update => "update",
            UpdateKind::NewVersion => "new_version",
            UpdateKind::NewMeeting => "new_meeting",
            UpdateKind::Results => "results",
            UpdateKind::FinalReport => "final_report",
        }
    }

    pub fn parse(text: &str) -> Option<UpdateKind> {
        UpdateKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }

    /// The i18n key of the kind's name.
    pub fn label_key(self) -> &'static str {
        match self {
            UpdateKind::Update => "follow.kind.update",
            UpdateKind::NewVersion => "follow.kind.new_version",
            UpdateKind::NewMeeting => "follow.kind.new_meeting",
            UpdateKind::Results => "follow.kind.results",
            UpdateKind::FinalReport => "follow.kind.final_report",
        }
    }
}

impl std::fmt::Display for UpdateKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_text() {
        for kind in UpdateKind::ALL {
            assert_eq!(UpdateKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(UpdateKind::parse("newsletter"), None);
    }

    #[test]
    fn every_kind_has_a_name_in_each_language() {
        use crate::i18n::{Locale, translate};
        for kind in UpdateKind::ALL {
            for locale in Locale::ALL {
                assert_ne!(translate(locale, kind.label_key()), kind.label_key());
            }
        }
    }
}
