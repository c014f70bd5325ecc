//! Admins read the audit log: filter by who, action, object and date; download the matches as CSV.

use crate::api::audit::{AuditFilters, AuditView, PAGE_ROWS, audit_log};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn current_filters() -> impl Fn() -> AuditFilters + Copy {
    let query = use_query_map();
    move || {
        let query = query.read();
        let get = |name: &str| query.get(name).unwrap_or_default();
        AuditFilters {
            who: get("who"),
            action: get("action"),
            object: get("object"),
            from: get("from"),
            to: get("to"),
        }
    }
}

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let filters = current_filters();
    let log = Resource::new(filters, audit_log);
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(log.await, "/staff/audit", move |view| view! { <AuditTable view filters=filters()/> }.into_any())
            })}
        </Suspense>
    }
}

fn choices(current: String, values: Vec<(String, String)>) -> impl IntoView {
    view! {
        <option value="">{t("staff.audit.any")}</option>
        {values
            .into_iter()
            .map(|(value, label)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()}
    }
}

#[component]
fn AuditTable(view: AuditView, filters: AuditFilters) -> impl IntoView {
    let query = [
        ("who", &filters.who),
        ("action", &filters.action),
        ("object", &filters.object),
        ("from", &filters.from),
        ("to", &filters.to),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", crate::paths::query_value(v)))
    .collect::<Vec<_>>()
    .join("&");
    let csv = format!("{}?{query}", crate::paths::AUDIT_CSV);
    let staff = view
        .staff
        .iter()
        .map(|(id, email)| (id.to_string(), email.clone()))
        .collect();
    let actions = view
        .actions
        .iter()
        .map(|a| (a.clone(), a.clone()))
        .collect();
    let objects = view
        .objects
        .iter()
        .map(|o| (o.clone(), o.clone()))
        .collect();
    let shown = view.rows.len();
    view! {
        <Title text=t("staff.audit.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.audit.title")}</h1>
        <p>{t("staff.audit.intro")}</p>
        <form method="get" action="/staff/audit" class="filters" role="search" aria-label=t("staff.audit.filters")>
            <div class="field">
                <label for="audit-who">{t("staff.audit.who")}</label>
                <select id="audit-who" name="who">{choices(filters.who.clone(), staff)}</select>
            </div>
            <div class="field">
                <label for="audit-action">{t("staff.audit.action")}</label>
                <select id="audit-action" name="action">{choices(filters.action.clone(), actions)}</select>
            </div>
            <div class="field">
                <label for="audit-object">{t("staff.audit.object")}</label>
                <select id="audit-object" name="object">{choices(filters.object.clone(), objects)}</select>
            </div>
            <div class="field">
                <label for="audit-from">{t("staff.audit.from")}</label>
                <input id="audit-from" type="date" name="from" value=filters.from.clone()/>
            </div>
            <div class="field">
                <label for="audit-to">{t("staff.audit.to")}</label>
                <input id="audit-to" type="date" name="to" value=filters.to.clone()/>
            </div>
            <button type="submit" class="button">{t("staff.inquiries.apply")}</button>
        </form>
        <p role="status">
            {if view.truncated {
                t_with("staff.audit.truncated", &[("count", PAGE_ROWS.to_string())])
            } else {
                t_with("staff.audit.count", &[("count", shown.to_string())])
            }}
        </p>
        <p><a href=csv download="">{t("staff.audit.download")}</a></p>
        <table>
            <caption class="visually-hidden">{t("staff.audit.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("staff.audit.when")}</th>
                    <th scope="col">{t("staff.audit.who")}</th>
                    <th scope="col">{t("staff.audit.action")}</th>
                    <th scope="col">{t("staff.audit.object")}</th>
                    <th scope="col">{t("staff.audit.detail")}</th>
                </tr>
            </thead>
            <tbody>
                {view.rows.into_iter().map(|row| view! {
                    <tr>
                        <td>{row.at}</td>
                        <td>{if row.who.is_empty() { t("staff.audit.nobody") } else { row.who }}</td>
                        <td><code>{row.action}</code></td>
                        <td>{format!("{} {}", row.object, row.object_id)}</td>
                        <td>{row.detail}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
