//! Admins run staff accounts here: invite by email, change a role, disable or enable, force a
//! password reset, reset two-factor after a lost phone.

use crate::api::staff_accounts::{
    AccountRow, AccountsView, ChangeStaff, InviteStaff, SetTwoFactorRule, staff_accounts,
};
use crate::components::form::{ErrorSummary, SelectField, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::Role;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let invite = ServerAction::<InviteStaff>::new();
    let change = ServerAction::<ChangeStaff>::new();
    let rule = ServerAction::<SetTwoFactorRule>::new();
    let accounts = Resource::new(
        move || {
            (
                invite.version().get(),
                change.version().get(),
                rule.version().get(),
            )
        },
        |_| staff_accounts(),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(accounts.await, "/staff/accounts", |view| view! { <Accounts view invite change rule/> }.into_any())
            })}
        </Suspense>
    }
}

fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str(), r.label_key()))
        .collect()
}

#[component]
fn Accounts(
    view: AccountsView,
    invite: ServerAction<InviteStaff>,
    change: ServerAction<ChangeStaff>,
    rule: ServerAction<SetTwoFactorRule>,
) -> impl IntoView {
    let AccountsView {
        rows,
        two_factor_for_everyone,
        two_factor_from_config,
    } = view;
    let query = use_query_map();
    let done = move || {
        query
            .read()
            .get("done")
            .filter(|d| {
                [
                    "invited",
                    "role",
                    "disable",
                    "enable",
                    "reset-password",
                    "reset-two-factor",
                    "two-factor-rule",
                ]
                .contains(&d.as_str())
            })
            .map(|d| t(&format!("staff.accounts.done.{}", d.replace('-', "_"))))
    };
    let invite_error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let change_error = Signal::derive(move || change.value().get().and_then(Result::err));
    view! {
        <Title text=t("staff.accounts.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.accounts.title")}</h1>
        {move || done().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <ErrorSummary error=change_error/>
        <table>
            <caption class="visually-hidden">{t("staff.accounts.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("field.email.label")}</th>
                    <th scope="col">{t("staff.accounts.role")}</th>
                    <th scope="col">{t("staff.accounts.status")}</th>
                    <th scope="col">{t("staff.accounts.two_factor")}</th>
                    <th scope="col">{t("staff.accounts.last_sign_in")}</th>
                    <th scope="col">{t("staff.accounts.actions")}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <AccountLine row change/> }).collect_view()}
            </tbody>
        </table>
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t("staff.accounts.invite")}</h2>
            <p class="hint">{t("staff.accounts.invite_hint")}</p>
            <ErrorSummary error=invite_error/>
            <ActionForm action=invite attr:class="stacked-form" attr:novalidate=true>
                <TextField name="email" label_key="field.email.label" input_type="email" autocomplete="off" required=true error=invite_error/>
                <SelectField name="role" label_key="staff.accounts.role" options=role_options() required=true error=invite_error/>
                <button type="submit" class="button">{t("staff.accounts.invite_submit")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="two-factor-rule-heading">
            <h2 id="two-factor-rule-heading">{t("staff.accounts.two_factor_rule")}</h2>
            <p class="hint">{t("staff.accounts.two_factor_rule_hint")}</p>
            {if two_factor_from_config {
                view! { <p>{t("staff.accounts.two_factor_rule_config")}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=rule attr:class="stacked-form">
                        <div class="field choice">
                            <input type="checkbox" id="two-factor-everyone" name="everyone" value="on" checked=two_factor_for_everyone/>
                            <label for="two-factor-everyone">{t("staff.accounts.two_factor_everyone")}</label>
                        </div>
                        <button type="submit" class="button">{t("staff.accounts.two_factor_rule_save")}</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn AccountLine(row: AccountRow, change: ServerAction<ChangeStaff>) -> impl IntoView {
    let status = if !row.active {
        t("staff.accounts.disabled")
    } else if row.invited {
        t("staff.accounts.invited")
    } else {
        t("staff.accounts.active")
    };
    let select_id = format!("role-{}", row.id);
    let id = row.id;
    let email = row.email.clone();
    // The address is in each button's name too, so a screen reader's list of buttons says whose.
    let action_button = move |change_name: &'static str, label_key: &'static str| {
        let email = email.clone();
        view! {
            <ActionForm action=change attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="change" value=change_name/>
                <button type="submit" class="button-secondary">
                    {t(label_key)}
                    <span class="visually-hidden">" " {email.clone()}</span>
                </button>
            </ActionForm>
        }
    };
    let current = row.role;
    view! {
        <tr>
            <td>{row.email.clone()}</td>
            <td>{t(row.role.label_key())}</td>
            <td>{status}</td>
            <td>{if row.two_factor { t("staff.accounts.two_factor_on") } else { t("staff.accounts.two_factor_off") }}</td>
            <td>{row.last_sign_in.clone().unwrap_or_else(|| t("staff.accounts.never"))}</td>
            <td>
                {if row.is_you {
                    view! { <p>{t("staff.accounts.is_you")}</p> }.into_any()
                } else {
                    view! {
                        <div class="row-actions">
                            <ActionForm action=change attr:class="inline-form">
                                <input type="hidden" name="id" value=id/>
                                <input type="hidden" name="change" value="role"/>
                                <label for=select_id.clone()>{t("staff.accounts.new_role")} " " <span class="visually-hidden">{row.email.clone()}</span></label>
                                <select id=select_id name="role">
                                    {Role::ALL
                                        .iter()
                                        .map(|r| view! { <option value=r.as_str() selected=*r == current>{t(r.label_key())}</option> })
                                        .collect_view()}
                                </select>
                                <button type="submit" class="button-secondary">{t("staff.accounts.change_role")}</button>
                            </ActionForm>
                            {if row.active {
                                action_button("disable", "staff.accounts.disable").into_any()
                            } else {
                                action_button("enable", "staff.accounts.enable").into_any()
                            }}
                            {action_button("reset-password", "staff.accounts.reset_password")}
                            {row.two_factor.then(|| action_button("reset-two-factor", "staff.accounts.reset_two_factor"))}
                        </div>
                    }
                    .into_any()
                }}
            </td>
        </tr>
    }
}
