//! Admins act on residents' confirmed requests about their data: erase everything held about the
//! address, or email it a copy, or close the request. The address is forgotten once handled.

use crate::api::privacy_requests::{
    HandlePrivacyRequest, PrivacyQueueView, PrivacyRequestRow, privacy_queue,
};
use crate::components::form::ErrorSummary;
use crate::components::staff_gate::staff_gate;
use crate::i18n::{format_date, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffPrivacyRequestsPage() -> impl IntoView {
    let handle = ServerAction::<HandlePrivacyRequest>::new();
    let queue = Resource::new(move || handle.version().get(), |_| privacy_queue());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(queue.await, "/staff/privacy-requests", |queue| view! { <Queue queue handle/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Queue(queue: PrivacyQueueView, handle: ServerAction<HandlePrivacyRequest>) -> impl IntoView {
    let query = use_query_map();
    let done = move || query.read().get("done").is_some();
    let error = Signal::derive(move || handle.value().get().and_then(Result::err));
    let locale = use_locale();
    view! {
        <Title text=t("staff.privacy.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.privacy.title")}</h1>
        <p class="lead">{t("staff.privacy.intro")}</p>
        {move || done().then(|| view! { <p class="notice" role="status">{t("staff.privacy.done")}</p> })}
        <ErrorSummary error/>
        <h2>{t("staff.privacy.waiting")}</h2>
        {if queue.waiting.is_empty() {
            view! { <p>{t("staff.privacy.none_waiting")}</p> }.into_any()
        } else {
            view! {
                <ul class="request-list">
                    {queue.waiting.into_iter().map(|row| view! { <Waiting row handle/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{t("staff.privacy.handled")}</h2>
        {if queue.handled.is_empty() {
            view! { <p>{t("staff.privacy.none_handled")}</p> }.into_any()
        } else {
            view! {
                <table>
                    <caption class="visually-hidden">{t("staff.privacy.handled")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("staff.privacy.number")}</th>
                            <th scope="col">{t("privacy_request.kind")}</th>
                            <th scope="col">{t("staff.privacy.outcome")}</th>
                            <th scope="col">{t("staff.privacy.handled_on")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {queue.handled.into_iter().map(|row| view! {
                            <tr>
                                <td>{row.id}</td>
                                <td>{t(&format!("privacy_request.kind.{}", row.kind))}</td>
                                <td>{t(&format!("staff.privacy.outcome.{}", row.outcome))}</td>
                                <td>{format_date(locale, &row.handled_on)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

#[component]
fn Waiting(row: PrivacyRequestRow, handle: ServerAction<HandlePrivacyRequest>) -> impl IntoView {
    let locale = use_locale();
    let id = row.id;
    let heading_id = format!("request-{id}");
    let labelled_by = heading_id.clone();
    let button = move |handling: &'static str, label: &'static str, class: &'static str| {
        view! {
            <ActionForm action=handle attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="handling" value=handling/>
                <button type="submit" class=class>{t(label)}</button>
            </ActionForm>
        }
    };
    let main_action = if row.kind == "erase" {
        button("erase", "staff.privacy.erase", "button")
    } else {
        button("copy", "staff.privacy.send_copy", "button")
    };
    view! {
        <li aria-labelledby=labelled_by>
            <h3 id=heading_id>{t(&format!("privacy_request.kind.{}", row.kind))} ": " {row.email.clone()}</h3>
            <dl class="facts">
                <dt>{t("staff.privacy.made_on")}</dt>
                <dd>{format_date(locale, &row.made_on)}</dd>
                <dt>{t("staff.privacy.confirmed_on")}</dt>
                <dd>{format_date(locale, &row.confirmed_on)}</dd>
                <dt>{t("staff.privacy.held")}</dt>
                <dd>
                    <ul>
                        <li>{format!("{}: {}", t("staff.privacy.held.comments"), row.comments)}</li>
                        <li>{format!("{}: {}", t("staff.privacy.held.rsvps"), row.rsvps)}</li>
                        <li>{format!("{}: {}", t("staff.privacy.held.responses"), row.survey_responses)}</li>
                        <li>{format!("{}: {}", t("staff.privacy.held.inquiries"), row.inquiries)}</li>
                        <li>{format!("{}: {}", t("staff.privacy.held.follows"), row.follows)}</li>
                    </ul>
                </dd>
            </dl>
            <div class="row-actions">
                {main_action}
                {button("close", "staff.privacy.close", "button-secondary")}
            </div>
        </li>
    }
}
