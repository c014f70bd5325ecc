//! One FAQ entry's editor: its words in English, Spanish and Russian, whether it is published,
//! and deleting it once a box says so.

use crate::api::faq_staff::{DeleteFaqEntry, SaveFaqEntry, staff_faq};
use crate::components::form::{ErrorSummary, FieldError};
use crate::components::staff_gate::staff_gate;
use crate::error::AppError;
use crate::i18n::{t, t_with};
use crate::pages::staff::faq::FaqForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffFaqEntryPage() -> impl IntoView {
    let save = ServerAction::<SaveFaqEntry>::new();
    let delete = ServerAction::<DeleteFaqEntry>::new();
    let params = use_params_map();
    let list = Resource::new(move || save.version().get(), |_| staff_faq());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let id: Option<i32> = params.read_untracked().get("id").and_then(|i| i.parse().ok());
                let here = format!("/staff/faq/{}", id.unwrap_or_default());
                staff_gate(list.await, &here, move |entries| {
                    match entries.into_iter().find(|e| Some(e.id) == id) {
                        Some(entry) => {
                            let heading = t_with("staff.faq.edit_title", &[("question", entry.question_en.clone())]);
                            let entry_id = entry.id;
                            view! {
                                <Title text=heading.clone()/>
                                <p><a href="/staff/faq">{t("staff.faq.back")}</a></p>
                                <h1>{heading}</h1>
                                <p><a href=format!("/faq#{}", entry.anchor)>{t("staff.faq.see_public")}</a></p>
                                <FaqForm entry=Some(entry) save/>
                                <DeleteEntry id=entry_id delete/>
                            }
                            .into_any()
                        }
                        None => crate::components::error_view::not_found_view(),
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn DeleteEntry(id: i32, delete: ServerAction<DeleteFaqEntry>) -> impl IntoView {
    let error: Signal<Option<AppError>> =
        Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t("staff.faq.delete_heading")}</h2>
            <p>{t("staff.faq.delete_note")}</p>
            <ErrorSummary error/>
            <ActionForm action=delete attr:class="stacked-form">
                <input type="hidden" name="id" value=id/>
                <div class="field choice">
                    <FieldError name="confirm" error/>
                    <input type="checkbox" id="field-confirm" name="confirm"/>
                    <label for="field-confirm">{t("staff.faq.delete_confirm")}</label>
                </div>
                <button type="submit" class="button button-secondary">{t("staff.faq.delete")}</button>
            </ActionForm>
        </section>
    }
}
