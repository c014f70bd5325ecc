//! Admins see every email the portal sends: queued, failing, sent and dead, with each attempt; dead ones can be retried.

use crate::api::outbox::{OutboxView, RetryOutboxMessage, list_outbox};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_count, t_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffOutboxPage() -> impl IntoView {
    let query = use_query_map();
    let retry = ServerAction::<RetryOutboxMessage>::new();
    let status = move || query.read().get("status").filter(|s| !s.is_empty());
    let view_data = Resource::new(
        move || (status(), retry.version().get()),
        |(status, _)| list_outbox(status),
    );
    view! {
        <Title text=t("staff.outbox.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.outbox.title")}</h1>
        <nav class="tabs" aria-label=t("staff.outbox.filter")>
            <ul>
                {[("", "staff.outbox.all"), ("queued", "staff.outbox.queued"), ("failed", "staff.outbox.failed"), ("sent", "staff.outbox.sent"), ("dead", "staff.outbox.dead")]
                    .into_iter()
                    .map(|(value, key)| {
                        let href = if value.is_empty() { "/staff/outbox".to_string() } else { format!("/staff/outbox?status={value}") };
                        let current = move || (status().unwrap_or_default() == value).then_some("page");
                        view! { <li><a href=href aria-current=current>{t(key)}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(view_data.await, "/staff/outbox", move |data| view! { <OutboxTable data retry/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn OutboxTable(data: OutboxView, retry: ServerAction<RetryOutboxMessage>) -> impl IntoView {
    view! {
        {data.files_folder.map(|folder| view! {
            <p class="notice" role="status">{t_with("staff.outbox.files_notice", &[("folder", folder)])}</p>
        })}
        {if data.rows.is_empty() {
            view! { <p>{t("staff.outbox.empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="outbox-list">
                    {data
                        .rows
                        .into_iter()
                        .map(|row| {
                            let status_key = match (row.status.as_str(), row.failing) {
                                ("queued", true) => "staff.outbox.failed",
                                ("queued", false) => "staff.outbox.queued",
                                ("sent", _) => "staff.outbox.sent",
                                _ => "staff.outbox.dead",
                            };
                            let dead = row.status == "dead";
                            let id = row.id;
                            view! {
                                <li class="card">
                                    <h2 class="outbox-subject">{row.subject.clone()}</h2>
                                    <p>
                                        <strong>{t(status_key)}</strong> " · " {row.kind.clone()} " · " {t("staff.outbox.to")} " " {row.to.clone()}
                                    </p>
                                    <p>{t("staff.outbox.created")} " " {row.created.clone()}
                                        {row.sent.clone().map(|s| view! { " · " {t("staff.outbox.sent_at")} " " {s} })}
                                        {row.next_attempt.clone().map(|s| view! { " · " {t("staff.outbox.next_attempt")} " " {s} })}
                                    </p>
                                    {row.last_error.clone().map(|e| view! { <p class="field-error">{e}</p> })}
                                    {(!row.attempts.is_empty()).then(|| view! {
                                        <details>
                                            <summary>{t_count("staff.outbox.attempts", row.attempts.len() as u64)}</summary>
                                            <ol>
                                                {row.attempts.iter().map(|a| view! {
                                                    <li>
                                                        {a.at.clone()} " · " {a.worker.clone()} " · "
                                                        {if a.succeeded { t("staff.outbox.ok") } else { a.error.clone().unwrap_or_default() }}
                                                    </li>
                                                }).collect_view()}
                                            </ol>
                                        </details>
                                    })}
                                    {dead.then(|| view! {
                                        <ActionForm action=retry>
                                            <input type="hidden" name="id" value=id/>
                                            <button type="submit" class="button button-secondary">{t("staff.outbox.retry")}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}
