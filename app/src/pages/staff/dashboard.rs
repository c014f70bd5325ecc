//! The staff home: who is signed in, what their role lets them do, and sign-out.

use crate::api::auth::{SignOut, SignOutEverywhere, StaffUser, current_staff};
use crate::components::staff_gate::staff_gate;
use crate::domain::{Permission, Role};
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| current_staff());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(me.await, "/staff", |user| view! { <Dashboard user/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(user: StaffUser) -> impl IntoView {
    let greeting = t_with(
        "staff.dashboard.signed_in_as",
        &[
            ("email", user.email.clone()),
            ("role", t(user.role.label_key())),
        ],
    );
    view! {
        <Title text=t("staff.dashboard.title")/>
        <h1>{t("staff.dashboard.title")}</h1>
        <p>{greeting}</p>
        <h2>{t("staff.dashboard.tools_heading")}</h2>
        <ul class="link-list">
            {user.role.can(Permission::Moderate).then(|| view! {
                <li><a href="/staff/moderation">{t("moderation.title")}</a></li>
                <li><a href="/staff/inquiries">{t("staff.inquiries.title")}</a></li>
            })}
            {user.role.can(Permission::Analyse).then(|| view! {
                <li><a href="/staff/events">{t("staff.events.title")}</a></li>
                <li><a href="/staff/surveys">{t("staff.surveys.title")}</a></li>
                <li><a href="/staff/feedback">{t("feedback.title")}</a></li>
                <li><a href="/staff/search">{t("search.title")}</a></li>
                <li><a href="/staff/themes">{t("themes.title")}</a></li>
                <li><a href="/staff/themes/suggestions">{t("suggestions.title")}</a></li>
            })}
            {user.role.can(Permission::Administer).then(|| view! {
                <li><a href="/staff/sections">{t("sections.title")}</a></li>
                <li><a href="/staff/outbox">{t("staff.outbox.title")}</a></li>
                <li><a href="/staff/accounts">{t("staff.accounts.title")}</a></li>
                <li><a href="/staff/audit">{t("staff.audit.title")}</a></li>
                <li><a href="/staff/privacy-requests">{t("staff.privacy.title")}</a></li>
            })}
            <li><a href="/staff/account">{t("staff.account.title")}</a></li>
            {(user.role == Role::Analyst).then(|| view! {
                <li>{t("staff.dashboard.analyst_note")}</li>
            })}
        </ul>
        <SignOutButton/>
        <SignOutEverywhereButton/>
    }
}

/// Ends this person's sessions on every device (a lost laptop, a shared computer).
#[component]
fn SignOutEverywhereButton() -> impl IntoView {
    let action = ServerAction::<SignOutEverywhere>::new();
    view! {
        <ActionForm action>
            <button type="submit" class="button button-secondary">{t("staff.sign_out_everywhere")}</button>
        </ActionForm>
    }
}

#[component]
pub fn SignOutButton() -> impl IntoView {
    let action = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action>
            <button type="submit" class="button button-secondary">{t("staff.sign_out")}</button>
        </ActionForm>
    }
}
