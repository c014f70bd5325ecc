//! Admins see every staff account (accounts are made with `engage create-staff`).

use crate::api::auth::{StaffAccountSummary, list_staff_accounts};
use crate::components::staff_gate::staff_gate;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let accounts = Resource::new(|| (), |_| list_staff_accounts());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(accounts.await, "/staff/accounts", |rows| view! { <AccountsTable rows/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AccountsTable(rows: Vec<StaffAccountSummary>) -> impl IntoView {
    view! {
        <Title text=t("staff.accounts.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.accounts.title")}</h1>
        <p>{t("staff.accounts.how_to_add")}</p>
        <table>
            <caption class="visually-hidden">{t("staff.accounts.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("field.email.label")}</th>
                    <th scope="col">{t("staff.accounts.role")}</th>
                    <th scope="col">{t("staff.accounts.status")}</th>
                    <th scope="col">{t("staff.accounts.created")}</th>
                    <th scope="col">{t("staff.accounts.last_sign_in")}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| view! {
                        <tr>
                            <td>{row.email}</td>
                            <td>{t(row.role.label_key())}</td>
                            <td>{if row.active { t("staff.accounts.active") } else { t("staff.accounts.disabled") }}</td>
                            <td>{row.created_on}</td>
                            <td>{row.last_sign_in.unwrap_or_else(|| t("staff.accounts.never"))}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
