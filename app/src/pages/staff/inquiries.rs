//! The staff inbox: inquiries with status, topic, stakeholder group and age; filters and search by GET, so links can be shared.

use crate::api::inquiry::{InquiryPage, InquiryQuery, list_inquiries};
use crate::components::staff_gate::staff_gate;
use crate::domain::inquiry::{InquiryStatus, Topic};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_count_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub fn status_label(status: &str) -> String {
    InquiryStatus::parse(status).map_or_else(|| status.to_string(), |s| t(s.label_key()))
}

pub fn topic_label(topic: &str) -> String {
    Topic::parse(topic).map_or_else(|| topic.to_string(), |s| t(s.label_key()))
}

pub fn group_label(group: &str) -> String {
    StakeholderGroup::parse(group).map_or_else(|| group.to_string(), |s| t(s.label_key()))
}

#[component]
pub fn StaffInquiriesPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
        InquiryQuery {
            status: get("status"),
            topic: get("topic"),
            group: get("group"),
            q: get("q"),
            page: get("page").and_then(|p| p.parse().ok()),
        }
    };
    let page = Resource::new(filter, |f| {
        list_inquiries(f.status, f.topic, f.group, f.q, f.page)
    });
    view! {
        <Title text=t("staff.inquiries.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.inquiries.title")}</h1>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let current = filter();
                staff_gate(page.await, "/staff/inquiries", move |page| view! { <Inbox page current/> }.into_any())
            })}
        </Suspense>
    }
}

fn select_options(chosen: Option<String>, options: Vec<(&'static str, String)>) -> impl IntoView {
    let chosen = chosen.unwrap_or_default();
    view! {
        <option value="">{t("staff.inquiries.any")}</option>
        {options
            .into_iter()
            .map(|(value, label)| view! { <option value=value selected=chosen == value>{label}</option> })
            .collect_view()}
    }
}

#[component]
fn Inbox(page: InquiryPage, current: InquiryQuery) -> impl IntoView {
    let statuses = InquiryStatus::ALL
        .iter()
        .map(|s| (s.as_str(), t(s.label_key())))
        .collect();
    let topics = Topic::ALL
        .iter()
        .map(|s| (s.as_str(), t(s.label_key())))
        .collect();
    let groups = StakeholderGroup::ALL
        .iter()
        .map(|s| (s.as_str(), t(s.label_key())))
        .collect();
    let summary = t_count_with(
        "staff.inquiries.count",
        page.total,
        &[
            ("total", page.total.to_string()),
            ("page", page.page.to_string()),
            ("pages", page.page_count.to_string()),
        ],
    );
    let page_link = {
        let current = current.clone();
        move |n: u64| {
            let mut parts = vec![format!("page={n}")];
            for (key, value) in [
                ("status", &current.status),
                ("topic", &current.topic),
                ("group", &current.group),
                ("q", &current.q),
            ] {
                if let Some(value) = value {
                    parts.push(format!("{key}={}", urlencode(value)));
                }
            }
            format!("/staff/inquiries?{}", parts.join("&"))
        }
    };
    view! {
        <form method="get" action="/staff/inquiries" class="filters" role="search" aria-label=t("staff.inquiries.filters")>
            <div class="field">
                <label for="filter-status">{t("staff.inquiries.status")}</label>
                <select id="filter-status" name="status">{select_options(current.status.clone(), statuses)}</select>
            </div>
            <div class="field">
                <label for="filter-topic">{t("field.topic.label")}</label>
                <select id="filter-topic" name="topic">{select_options(current.topic.clone(), topics)}</select>
            </div>
            <div class="field">
                <label for="filter-group">{t("field.stakeholder_group.label")}</label>
                <select id="filter-group" name="group">{select_options(current.group.clone(), groups)}</select>
            </div>
            <div class="field">
                <label for="filter-q">{t("staff.inquiries.search")}</label>
                <input id="filter-q" type="search" name="q" value=current.q.clone().unwrap_or_default()/>
            </div>
            <button type="submit" class="button">{t("staff.inquiries.apply")}</button>
        </form>
        <p role="status">{summary}</p>
        <table>
            <caption class="visually-hidden">{t("staff.inquiries.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("staff.inquiries.reference")}</th>
                    <th scope="col">{t("field.name.label")}</th>
                    <th scope="col">{t("staff.inquiries.status")}</th>
                    <th scope="col">{t("field.topic.label")}</th>
                    <th scope="col">{t("field.stakeholder_group.label")}</th>
                    <th scope="col">{t("staff.inquiries.age")}</th>
                </tr>
            </thead>
            <tbody>
                {page
                    .rows
                    .into_iter()
                    .map(|row| view! {
                        <tr>
                            <td><a href=format!("/staff/inquiries/{}", row.id)>{row.reference}</a></td>
                            <td>{row.name}</td>
                            <td>{status_label(&row.status)}</td>
                            <td>{topic_label(&row.topic)}</td>
                            <td>{group_label(&row.stakeholder_group)}</td>
                            <td>{t_count_with("staff.inquiries.days", row.age_days.unsigned_abs(), &[("days", row.age_days.to_string())])}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
        <nav class="pagination" aria-label=t("staff.inquiries.pages")>
            {(page.page > 1).then(|| view! { <a href=page_link(page.page - 1)>{t("pagination.previous")}</a> })}
            {(page.page < page.page_count).then(|| view! { <a href=page_link(page.page + 1)>{t("pagination.next")}</a> })}
        </nav>
    }
}

/// Percent-encodes a query value (filters come back into links).
pub fn urlencode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
