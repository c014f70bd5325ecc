//! The header of the staff area: a "Staff area" mark, the tools this person's role can use in
//! groups, who is signed in, their account, sign-out, and the way back to the public site.

use crate::api::auth::{SignOut, StaffUser};
use crate::domain::Permission;
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Whether `path` is a staff page that shows the staff header. Signing in, the second factor and
/// password links are for people not signed in yet: they keep the public header.
pub fn is_staff_area(path: &str) -> bool {
    let staff = path == "/staff" || path.starts_with("/staff/");
    let signing_in = [
        "/staff/sign-in",
        "/staff/forgot-password",
        "/staff/password",
    ]
    .iter()
    .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    staff && !signing_in
}

/// One group of tools: its label's key, the permission it needs, and (address, title key) links.
struct ToolGroup {
    label_key: &'static str,
    links: &'static [(&'static str, Permission, &'static str)],
}

const TOOLS: [ToolGroup; 4] = [
    ToolGroup {
        label_key: "staff_nav.group.moderation",
        links: &[
            (
                "/staff/moderation",
                Permission::Moderate,
                "moderation.title",
            ),
            (
                "/staff/inquiries",
                Permission::AnswerInquiries,
                "staff.inquiries.title",
            ),
        ],
    },
    ToolGroup {
        label_key: "staff_nav.group.consultation",
        links: &[
            ("/staff/surveys", Permission::Analyse, "staff.surveys.title"),
            (
                "/staff/events",
                Permission::SeeMeetings,
                "staff.events.title",
            ),
            ("/staff/sections", Permission::EditContent, "sections.title"),
            ("/staff/faq", Permission::EditContent, "staff.faq.title"),
            (
                "/staff/updates",
                Permission::EditContent,
                "staff.updates.title",
            ),
        ],
    },
    ToolGroup {
        label_key: "staff_nav.group.analysis",
        links: &[
            ("/staff/feedback", Permission::Analyse, "feedback.title"),
            ("/staff/search", Permission::Analyse, "search.title"),
            ("/staff/themes", Permission::Analyse, "themes.title"),
            (
                "/staff/themes/suggestions",
                Permission::Analyse,
                "suggestions.title",
            ),
        ],
    },
    ToolGroup {
        label_key: "staff_nav.group.administration",
        links: &[
            (
                "/staff/outbox",
                Permission::Administer,
                "staff.outbox.title",
            ),
            (
                "/staff/accounts",
                Permission::Administer,
                "staff.accounts.title",
            ),
            ("/staff/audit", Permission::Administer, "staff.audit.title"),
            (
                "/staff/privacy-requests",
                Permission::Administer,
                "staff.privacy.title",
            ),
        ],
    },
];

/// The tool `path` belongs to: the longest address it is or lies under (`/staff/themes/7` is the
/// codebook, `/staff/themes/suggestions` the suggestions). The dashboard only matches itself.
pub fn current_tool(path: &str) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    if path == "/staff" {
        return Some("/staff");
    }
    TOOLS
        .iter()
        .flat_map(|group| group.links.iter().map(|(href, ..)| *href))
        .chain(["/staff/account"])
        .filter(|href| path == *href || path.starts_with(&format!("{href}/")))
        .max_by_key(|href| href.len())
}

#[component]
pub fn StaffHeader(user: StaffUser, children: Children) -> impl IntoView {
    let location = use_location();
    let current = move |href: &'static str| {
        move || (current_tool(&location.pathname.get()) == Some(href)).then_some("page")
    };
    let role = user.role;
    let groups = TOOLS
        .iter()
        .filter_map(|group| {
            let links: Vec<_> = group
                .links
                .iter()
                .filter(|(_, permission, _)| role.can(*permission))
                .map(|&(href, _, title_key)| {
                    view! { <li><a href=href aria-current=current(href)>{t(title_key)}</a></li> }
                })
                .collect();
            (!links.is_empty()).then(|| {
                view! {
                    <li class="staff-nav-group">
                        <span class="staff-nav-label">{t(group.label_key)}</span>
                        <ul>{links}</ul>
                    </li>
                }
            })
        })
        .collect_view();
    let signed_in = t_with(
        "staff_nav.signed_in_as",
        &[("email", user.email.clone()), ("role", t(role.label_key()))],
    );
    view! {
        <header class="site-header staff-header">
            <div class="wrap header-row">
                <a class="brand" href="/staff">
                    <span class="brand-name">{t("site.name")}</span>
                    <span class="staff-mark">{t("staff_nav.mark")}</span>
                </a>
                <div class="staff-person">
                    <p>{signed_in}</p>
                    <ul>
                        <li><a href="/staff/account" aria-current=current("/staff/account")>{t("staff.account.title")}</a></li>
                        <li><SignOutButton/></li>
                        <li><a href="/">{t("staff_nav.public_site")}</a></li>
                    </ul>
                </div>
                {children()}
            </div>
            <div class="staff-nav-row">
                <nav class="wrap staff-nav" aria-label=t("staff_nav.label")>
                    <ul>
                        <li class="staff-nav-home"><a href="/staff" aria-current=current("/staff")>{t("staff_nav.dashboard")}</a></li>
                        {groups}
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SignOutButton() -> impl IntoView {
    let action = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action attr:class="inline-form">
            <button type="submit" class="header-button">{t("staff.sign_out")}</button>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_in_keeps_the_public_header() {
        assert!(is_staff_area("/staff"));
        assert!(is_staff_area("/staff/moderation"));
        assert!(is_staff_area("/staff/account"));
        assert!(!is_staff_area("/staff/sign-in"));
        assert!(!is_staff_area("/staff/sign-in/code"));
        assert!(!is_staff_area("/staff/forgot-password"));
        assert!(!is_staff_area("/staff/password/abc"));
        assert!(!is_staff_area("/staffing"));
        assert!(!is_staff_area("/"));
    }

    #[test]
    fn a_page_belongs_to_the_longest_matching_tool() {
        assert_eq!(current_tool("/staff"), Some("/staff"));
        assert_eq!(current_tool("/staff/themes/7"), Some("/staff/themes"));
        assert_eq!(
            current_tool("/staff/themes/suggestions"),
            Some("/staff/themes/suggestions")
        );
        assert_eq!(current_tool("/staff/events/3"), Some("/staff/events"));
        assert_eq!(current_tool("/staff/accounts"), Some("/staff/accounts"));
        assert_eq!(current_tool("/staff/account"), Some("/staff/account"));
        assert_eq!(current_tool("/staff/reports/resident"), None);
    }
}
