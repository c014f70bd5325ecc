//! A staff member's own account: change the password, set up two-factor sign-in.

use crate::api::auth::StartTwoFactor;
use crate::api::staff_accounts::{ChangePassword, MyAccountView, my_account};
use crate::api::themes::{SetDigest, digest_setting};
use crate::components::form::{ErrorSummary, TextField};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(account.await, "/staff/account", |me| view! { <Account me/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Account(me: MyAccountView) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let start = ServerAction::<StartTwoFactor>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let query = use_query_map();
    let changed = move || query.read().get("done").as_deref() == Some("password");
    view! {
        <Title text=t("staff.account.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.account.title")}</h1>
        {move || changed().then(|| view! { <p class="notice" role="status">{t("staff.account.password_changed")}</p> })}
        <p>{me.email.clone()} " · " {t(me.role.label_key())}</p>
        <section aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{t("staff.account.two_factor")}</h2>
            {if me.two_factor {
                view! {
                    <p>{t("staff.account.two_factor_on")}</p>
                    <p>{t_with("staff.account.recovery_left", &[("count", me.recovery_codes_left.to_string())])}</p>
                }.into_any()
            } else {
                view! {
                    <p>{if me.two_factor_required { t("staff.account.two_factor_required") } else { t("staff.account.two_factor_off") }}</p>
                }.into_any()
            }}
            <ActionForm action=start>
                <button type="submit" class="button-secondary">
                    {if me.two_factor { t("staff.account.two_factor_again") } else { t("staff.account.two_factor_start") }}
                </button>
            </ActionForm>
        </section>
        <Digest/>
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t("staff.account.change_password")}</h2>
            <p class="hint">{t("password.rules")}</p>
            <ErrorSummary error/>
            <ActionForm action=change attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="username" autocomplete="username" value=me.email.clone()/>
                <TextField name="current" label_key="staff.account.current" input_type="password" autocomplete="current-password" required=true keep_value=false error/>
                <TextField name="password" label_key="password.new" input_type="password" autocomplete="new-password" required=true keep_value=false error/>
                <TextField name="confirm" label_key="password.confirm" input_type="password" autocomplete="new-password" required=true keep_value=false error/>
                <button type="submit" class="button">{t("staff.account.change_password")}</button>
            </ActionForm>
        </section>
    }
}

/// The daily email of what waits (moderators and admins).
#[component]
fn Digest() -> impl IntoView {
    let set = ServerAction::<SetDigest>::new();
    let setting = Resource::new(move || set.version().get(), |_| digest_setting());
    let query = use_query_map();
    let saved = move || query.read().get("digest").is_some();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                setting.await.ok().filter(|s| s.allowed).map(|s| view! {
                    <section aria-labelledby="digest-heading">
                        <h2 id="digest-heading">{t("digest.heading")}</h2>
                        <p>{t("digest.explain")}</p>
                        {move || saved().then(|| view! { <p class="notice" role="status">{t("digest.saved")}</p> })}
                        <ActionForm action=set>
                            <fieldset>
                                <legend>{t("digest.legend")}</legend>
                                <div class="field choice">
                                    <input type="radio" id="digest-on" name="digest" value="on" checked=s.subscribed/>
                                    <label for="digest-on">{t("digest.on")}</label>
                                </div>
                                <div class="field choice">
                                    <input type="radio" id="digest-off" name="digest" value="off" checked=!s.subscribed/>
                                    <label for="digest-off">{t("digest.off")}</label>
                                </div>
                            </fieldset>
                            <button type="submit" class="button-secondary">{t("digest.save")}</button>
                        </ActionForm>
                    </section>
                })
            })}
        </Suspense>
    }
}
