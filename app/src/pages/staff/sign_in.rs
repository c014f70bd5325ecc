//! Staff sign-in: a plain form that posts without JavaScript and shows errors next to the fields.

use crate::api::auth::SignIn;
use crate::components::form::{ErrorSummary, TextField};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let query = query.read();
        [
            ("signed-out", "signin.signed_out"),
            ("password-set", "signin.password_set"),
            ("expired", "signin.expired"),
        ]
        .into_iter()
        .find(|(name, _)| query.get(name).is_some())
        .map(|(_, key)| t(key))
    };
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t("signin.title")/>
        <div class="narrow">
            <h1>{t("signin.title")}</h1>
            {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <ErrorSummary error/>
            <ActionForm action>
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label_key="field.email.label" input_type="email" autocomplete="username" required=true error/>
                <TextField
                    name="password"
                    label_key="field.password.label"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    keep_value=false
                    error
                />
                <button type="submit" class="button">{t("signin.submit")}</button>
            </ActionForm>
            <p><a href="/staff/forgot-password">{t("signin.forgot")}</a></p>
        </div>
    }
}
