//! Asking about one's data without the link from a confirmation email: the form (an address and
//! what to do), and the page the emailed link opens to confirm the request.

use crate::api::privacy_requests::{
    ConfirmPrivacyRequest, MakePrivacyRequest, PrivacyRequestView, privacy_request_link,
};
use crate::components::form::{ErrorSummary, RadioGroup, TextField};
use crate::components::intake::StampedIntakeFields;
use crate::domain::status::PrivacyRequestKind;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PrivacyRequestPage() -> impl IntoView {
    let action = ServerAction::<MakePrivacyRequest>::new();
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let kinds: Vec<(&'static str, &'static str)> = PrivacyRequestKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label_key()))
        .collect();
    view! {
        <Title text=t("privacy_request.title")/>
        <div class="narrow">
            <h1>{t("privacy_request.title")}</h1>
            {move || sent().then(|| view! { <p class="notice" role="status">{t("privacy_request.sent")}</p> })}
            <p>{t("privacy_request.intro")}</p>
            <p>{t("privacy_request.links_first")}</p>
            <ErrorSummary error/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                <StampedIntakeFields/>
                <TextField name="email" label_key="privacy_request.email" hint_key="privacy_request.email_hint" input_type="email" autocomplete="email" required=true error/>
                <RadioGroup name="kind" legend_key="privacy_request.kind" options=kinds error/>
                <p><a href="/privacy#choices">{t("privacy.form_link")}</a></p>
                <button type="submit" class="button">{t("privacy_request.submit")}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn PrivacyRequestLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirm = ServerAction::<ConfirmPrivacyRequest>::new();
    let found = Resource::new(
        move || (token(), confirm.version().get()),
        |(token, _)| privacy_request_link(token),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(request) => view! { <ConfirmRequest request token=token() confirm/> }.into_any(),
                    Err(_) => view! {
                        <Title text=t("privacy_request.link_title")/>
                        <div class="narrow">
                            <h1>{t("privacy_request.link_title")}</h1>
                            <p>{t("privacy_request.link_expired")}</p>
                            <p><a href="/privacy/request">{t("privacy_request.ask_again")}</a></p>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConfirmRequest(
    request: PrivacyRequestView,
    token: String,
    confirm: ServerAction<ConfirmPrivacyRequest>,
) -> impl IntoView {
    let what = t(&format!("privacy_request.kind.{}", request.kind));
    view! {
        <Title text=t("privacy_request.link_title")/>
        <div class="narrow">
            <h1>{t("privacy_request.link_title")}</h1>
            <p>{t("privacy_request.you_asked")} " " <strong>{what}</strong></p>
            {match request.status.as_str() {
                "unconfirmed" => view! {
                    <p>{t("privacy_request.confirm_explained")}</p>
                    <ActionForm action=confirm>
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" class="button">{t("privacy_request.confirm")}</button>
                    </ActionForm>
                }.into_any(),
                // Handled requests forget their link, so only a confirmed one is left here.
                _ => view! {
                    <p class="notice" role="status">{t("privacy_request.confirmed")}</p>
                }.into_any(),
            }}
        </div>
    }
}
