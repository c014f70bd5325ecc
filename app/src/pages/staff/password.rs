//! Passwords without an admin at the command line: "forgot password" by email, and the page an
//! invitation or reset link opens to choose a new one.

use crate::api::staff_accounts::{ForgotPassword, SetPassword, password_link};
use crate::components::form::{ErrorSummary, TextField};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t("password.forgot.title")/>
        <div class="narrow">
            <h1>{t("password.forgot.title")}</h1>
            {move || sent().then(|| view! { <p class="notice" role="status">{t("password.forgot.sent")}</p> })}
            <p>{t("password.forgot.intro")}</p>
            <ErrorSummary error/>
            <ActionForm action attr:novalidate=true>
                <TextField name="email" label_key="field.email.label" input_type="email" autocomplete="username" required=true error/>
                <button type="submit" class="button">{t("password.forgot.submit")}</button>
            </ActionForm>
            <p><a href="/staff/sign-in">{t("password.back_to_sign_in")}</a></p>
        </div>
    }
}

#[component]
pub fn PasswordLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, password_link);
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(found) => view! { <ChoosePassword found token=token()/> }.into_any(),
                    Err(_) => view! {
                        <Title text=t("password.link.title")/>
                        <div class="narrow">
                            <h1>{t("password.link.title")}</h1>
                            <p>{t("password.link.expired")}</p>
                            <p><a href="/staff/forgot-password">{t("password.forgot.title")}</a></p>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChoosePassword(
    found: crate::api::staff_accounts::PasswordLinkView,
    token: String,
) -> impl IntoView {
    let action = ServerAction::<SetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let heading = if found.invitation {
        t("password.link.welcome")
    } else {
        t("password.link.title")
    };
    view! {
        <Title text=heading.clone()/>
        <div class="narrow">
            <h1>{heading}</h1>
            <p>{t("password.link.for")} " " <strong>{found.email.clone()}</strong></p>
            <p class="hint">{t("password.rules")}</p>
            <ErrorSummary error/>
            <ActionForm action attr:novalidate=true>
                <input type="hidden" name="token" value=token/>
                // Password managers file the new password under this address.
                <input type="hidden" name="username" autocomplete="username" value=found.email.clone()/>
                <TextField name="password" label_key="password.new" input_type="password" autocomplete="new-password" required=true keep_value=false error/>
                <TextField name="confirm" label_key="password.confirm" input_type="password" autocomplete="new-password" required=true keep_value=false error/>
                <button type="submit" class="button">{t("password.link.submit")}</button>
            </ActionForm>
        </div>
    }
}
