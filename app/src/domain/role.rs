//! Staff roles and what each may do.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Everything, including staff accounts and settings.
    Admin,
    /// Works the moderation queue.
    Moderator,
    /// Reads results and exports them.
    Analyst,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Moderator, Role::Analyst];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
            Role::Analyst => "analyst",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim().to_ascii_lowercase())
    }

    /// The i18n key of the role's display name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role.admin",
            Role::Moderator => "role.moderator",
            Role::Analyst => "role.analyst",
        }
    }
}

/// What staff may do, named once; every staff page, server function and file route asks for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Any signed-in staff member: the dashboard.
    SignedIn,
    /// The moderation queue and the City's replies under comments.
    Moderate,
    /// The inquiry inbox: notes, status, assignee, replies.
    AnswerInquiries,
    /// Results, the feedback dashboard, reports, highlighted quotes, offline notes and every export.
    Analyse,
    /// Read the staff meeting pages.
    SeeMeetings,
    /// Create, edit, cancel meetings, check people in, email attendees.
    ManageMeetings,
    /// Edit sections and surveys.
    EditContent,
    /// Staff accounts and the outbox.
    Administer,
    /// Names, emails and phone numbers of the people who took part (always audited).
    SeeContactDetails,
    /// Breakdown cells under k shown as counts instead of "fewer than k".
    SeeSmallCells,
}

impl Permission {
    /// The roles that hold this permission.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Permission::SignedIn => &Role::ALL,
            Permission::Moderate | Permission::AnswerInquiries => &[Role::Admin, Role::Moderator],
            Permission::Analyse | Permission::SeeMeetings => &[Role::Admin, Role::Analyst],
            Permission::ManageMeetings
            | Permission::EditContent
            | Permission::Administer
            | Permission::SeeContactDetails
            | Permission::SeeSmallCells => &[Role::Admin],
        }
    }
}

impl Role {
    pub fn can(self, permission: Permission) -> bool {
        permission.roles().contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_for_admins_only() {
        assert!(Role::Admin.can(Permission::SeeContactDetails));
        assert!(!Role::Analyst.can(Permission::SeeContactDetails));
        assert!(!Role::Moderator.can(Permission::SeeContactDetails));
        assert!(Role::Moderator.can(Permission::Moderate));
        assert!(!Role::Analyst.can(Permission::Moderate));
        assert!(Role::Analyst.can(Permission::Analyse));
        assert!(Role::ALL.iter().all(|r| r.can(Permission::SignedIn)));
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse(" Admin "), Some(Role::Admin));
        assert_eq!(Role::parse("superuser"), None);
    }
}
