//! What every public form carries for the intake gate (`backend::intake`): the signed stamp of
//! when the form was served, and the honeypot that people never see.

use crate::api::site::form_stamp;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn IntakeFields(#[prop(into)] stamp: String) -> impl IntoView {
    view! {
        <input type="hidden" name="form_stamp" value=stamp/>
        <div class="honeypot" aria-hidden="true">
            <label for="field-website">{t("contact.honeypot")}</label>
            <input type="text" id="field-website" name="website" tabindex="-1" autocomplete="off"/>
        </div>
    }
}

/// The same fields, with a stamp fetched for forms whose page loads nothing else.
#[component]
pub fn StampedIntakeFields() -> impl IntoView {
    let stamp = Resource::new(|| (), |_| form_stamp());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view! { <IntakeFields stamp=stamp.await.unwrap_or_default()/> }
            })}
        </Suspense>
    }
}
