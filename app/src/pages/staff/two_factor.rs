//! The second step of signing in: a code from an authenticator app, or setting one up first.

use crate::api::auth::{SecondFactor, enrolment};
use crate::components::form::{ErrorSummary, TextField};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn next_value() -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get("next").unwrap_or_default()
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let action = ServerAction::<SecondFactor>::new();
    let next = next_value();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t("signin.code.title")/>
        <div class="narrow">
            <h1>{t("signin.code.title")}</h1>
            <p>{t("signin.code.intro")}</p>
            <ErrorSummary error/>
            <ActionForm action attr:novalidate=true>
                <input type="hidden" name="next" value=next/>
                <TextField name="code" label_key="signin.code.label" hint_key="signin.code.hint" autocomplete="one-time-code" required=true keep_value=false error/>
                <button type="submit" class="button">{t("signin.code.submit")}</button>
            </ActionForm>
            <p><a href="/staff/sign-in">{t("signin.code.start_again")}</a></p>
        </div>
    }
}

#[component]
pub fn EnrolPage() -> impl IntoView {
    let view_data = Resource::new(|| (), |_| enrolment());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) => view! { <Enrol data/> }.into_any(),
                    Err(_) => view! {
                        <Title text=t("signin.enrol.title")/>
                        <div class="narrow">
                            <h1>{t("signin.enrol.title")}</h1>
                            <p>{t("signin.enrol.expired")}</p>
                            <p><a href="/staff/sign-in">{t("signin.code.start_again")}</a></p>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Enrol(data: crate::api::auth::EnrolmentView) -> impl IntoView {
    let action = ServerAction::<SecondFactor>::new();
    let next = next_value();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t("signin.enrol.title")/>
        <div class="narrow">
            <h1>{t("signin.enrol.title")}</h1>
            <p>{t("signin.enrol.intro")}</p>
            <ol class="steps">
                <li>
                    <p>{t("signin.enrol.scan")}</p>
                    <figure class="qr-code">
                        // The SVG is made on the server from the otpauth link alone (no user text in it).
                        <div role="img" aria-label=t("signin.enrol.qr_label") inner_html=data.qr_svg.clone()></div>
                    </figure>
                    <p>{t("signin.enrol.type_instead")}</p>
                    <p><code id="totp-secret" class="secret">{data.secret.clone()}</code></p>
                    <p class="hint">{t("signin.enrol.account")} " " {data.email.clone()}</p>
                </li>
                <li>
                    <p>{t("signin.enrol.recovery")}</p>
                    <ul class="recovery-codes" id="recovery-codes">
                        {data.recovery_codes.iter().map(|c| view! { <li><code>{c.clone()}</code></li> }).collect_view()}
                    </ul>
                </li>
                <li>
                    <p>{t("signin.enrol.confirm")}</p>
                    <ErrorSummary error/>
                    <ActionForm action attr:novalidate=true>
                        <input type="hidden" name="next" value=next/>
                        <TextField name="code" label_key="signin.code.label" hint_key="signin.code.hint" autocomplete="one-time-code" required=true keep_value=false error/>
                        <button type="submit" class="button">{t("signin.enrol.submit")}</button>
                    </ActionForm>
                </li>
            </ol>
        </div>
    }
}
