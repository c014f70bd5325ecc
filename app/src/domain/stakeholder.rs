//! The stakeholder groups every input carries, so feedback can be summarised per group.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StakeholderGroup {
    Resident,
    Business,
    CommunityOrganization,
    GovernmentPartner,
    FirstResponder,
    SocialServiceProvider,
    CivicGroup,
    /// Described in the person's own words.
    Other,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 8] = [
        StakeholderGroup::Resident,
        StakeholderGroup::Business,
        StakeholderGroup::CommunityOrganization,
        StakeholderGroup::GovernmentPartner,
        StakeholderGroup::FirstResponder,
        StakeholderGroup::SocialServiceProvider,
        StakeholderGroup::CivicGroup,
        StakeholderGroup::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StakeholderGroup::Resident => "resident",
            StakeholderGroup::Business => "business",
            StakeholderGroup::CommunityOrganization => "community_organization",
            StakeholderGroup::GovernmentPartner => "government_partner",
            StakeholderGroup::FirstResponder => "first_responder",
            StakeholderGroup::SocialServiceProvider => "social_service_provider",
            StakeholderGroup::CivicGroup => "civic_group",
            StakeholderGroup::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<StakeholderGroup> {
        StakeholderGroup::ALL
            .into_iter()
            .find(|g| g.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            StakeholderGroup::Resident => "stakeholder.resident",
            StakeholderGroup::Business => "stakeholder.business",
            StakeholderGroup::CommunityOrganization => "stakeholder.community_organization",
            StakeholderGroup::GovernmentPartner => "stakeholder.government_partner",
            StakeholderGroup::FirstResponder => "stakeholder.first_responder",
            StakeholderGroup::SocialServiceProvider => "stakeholder.social_service_provider",
            StakeholderGroup::CivicGroup => "stakeholder.civic_group",
            StakeholderGroup::Other => "stakeholder.other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_round_trips_and_unknown_text_is_refused() {
        for group in StakeholderGroup::ALL {
            assert_eq!(StakeholderGroup::parse(group.as_str()), Some(group));
        }
        assert_eq!(StakeholderGroup::parse("Resident"), None);
        assert_eq!(StakeholderGroup::parse("' OR 1=1"), None);
    }
}
