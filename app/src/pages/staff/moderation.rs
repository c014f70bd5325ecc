//! The moderation queue: pending and reported comments oldest first, with automatic flags and filters;
//! approve, reject with a reason, redact personal information and approve, or decide many at once.

use crate::api::moderation::{
    ModerateComment, ModerateSelected, QUEUE_FLAGS, QueueItem, QueueView, moderation_queue,
};
use crate::components::form::{ErrorSummary, GroupFilter};
use crate::components::staff_gate::staff_gate;
use crate::domain::comment::{REJECT_REASONS, reason_label_key};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_count, t_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffModerationPage() -> impl IntoView {
    let query = use_query_map();
    let decide = ServerAction::<ModerateComment>::new();
    let bulk = ServerAction::<ModerateSelected>::new();
    let queue = Resource::new(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            (
                get("section"),
                get("group"),
                get("flag"),
                get("from"),
                get("to"),
                get("language"),
                decide.version().get(),
                bulk.version().get(),
            )
        },
        |(section, group, flag, from, to, language, ..)| {
            moderation_queue(section, group, flag, from, to, language)
        },
    );
    let error = Signal::derive(move || {
        decide
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| bulk.value().get().and_then(Result::err))
    });
    let decided = move || {
        query
            .read()
            .get("decided")
            .and_then(|n| n.parse::<u64>().ok())
            .map(|n| t_count("moderation.decided", n))
    };
    view! {
        <Title text=t("moderation.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("moderation.title")}</h1>
        <p role="status">{decided}</p>
        <ErrorSummary error/>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(queue.await, "/staff/moderation", move |queue| view! { <Queue queue decide bulk/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Filters(sections: Vec<(String, String)>) -> impl IntoView {
    let query = use_query_map();
    let current = move |k: &str| query.read().get(k).unwrap_or_default();
    view! {
        <form method="get" action="/staff/moderation" class="filters" aria-label=t("moderation.filters")>
            <div class="field">
                <label for="filter-section">{t("moderation.filter.section")}</label>
                <select id="filter-section" name="section">
                    <option value="">{t("moderation.filter.any")}</option>
                    {sections.into_iter().map(|(slug, title)| {
                        let selected = current("section") == slug;
                        view! { <option value=slug selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <GroupFilter label_key="moderation.filter.group" any_key="moderation.filter.any" selected=current("group")/>
            <div class="field">
                <label for="filter-flag">{t("moderation.filter.flag")}</label>
                <select id="filter-flag" name="flag">
                    <option value="">{t("moderation.filter.any")}</option>
                    {QUEUE_FLAGS.into_iter().map(|f| {
                        let selected = current("flag") == f;
                        view! { <option value=f selected=selected>{t(&format!("moderation.flag.{f}"))}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-language">{t("moderation.filter.language")}</label>
                <select id="filter-language" name="language">
                    <option value="">{t("moderation.filter.any")}</option>
                    {crate::i18n::Locale::ALL.into_iter().map(|l| {
                        let selected = current("language") == l.code();
                        view! { <option value=l.code() selected=selected lang=l.code()>{l.native_name()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-from">{t("moderation.filter.from")}</label>
                <input id="filter-from" type="date" name="from" value=current("from")/>
            </div>
            <div class="field">
                <label for="filter-to">{t("moderation.filter.to")}</label>
                <input id="filter-to" type="date" name="to" value=current("to")/>
            </div>
            <button type="submit" class="button button-secondary">{t("moderation.filter.apply")}</button>
            " " <a href="/staff/moderation">{t("moderation.filter.clear")}</a>
        </form>
    }
}

fn reason_select(id: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{t("moderation.reason")}</label>
            <select id=id name="reason">
                {REJECT_REASONS.iter().map(|value| view! { <option value=*value>{t(reason_label_key(value))}</option> }).collect_view()}
            </select>
        </div>
    }
}

fn note_field(id: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{t("moderation.note")}</label>
            <input id=id type="text" name="note" maxlength="500"/>
        </div>
    }
}

#[component]
fn Queue(
    queue: QueueView,
    decide: ServerAction<ModerateComment>,
    bulk: ServerAction<ModerateSelected>,
) -> impl IntoView {
    let items = queue.items;
    let filters = view! { <Filters sections=queue.sections/> };
    if items.is_empty() {
        return view! { {filters} <p role="status">{t("moderation.empty")}</p> }.into_any();
    }
    let count = t_count("moderation.count", items.len() as u64);
    view! {
        {filters}
        <p>{count}</p>
        // Checkboxes in the list belong to this form through their `form` attribute.
        <ActionForm action=bulk attr:id="bulk-form" attr:class="bulk-form">
            <fieldset>
                <legend>{t("moderation.bulk.legend")}</legend>
                <div class="field">
                    <label for="bulk-decision">{t("moderation.bulk.decision")}</label>
                    <select id="bulk-decision" name="decision">
                        <option value="approve">{t("moderation.approve")}</option>
                        <option value="reject">{t("moderation.reject")}</option>
                    </select>
                </div>
                {reason_select("bulk-reason".into())}
                {note_field("bulk-note".into())}
                <button type="submit" class="button">{t("moderation.bulk.apply")}</button>
            </fieldset>
        </ActionForm>
        <ol class="outbox-list">
            {items.into_iter().enumerate().map(|(n, item)| view! { <Item n item decide/> }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Item(n: usize, item: QueueItem, decide: ServerAction<ModerateComment>) -> impl IntoView {
    let group = StakeholderGroup::parse(&item.stakeholder_group)
        .map_or_else(|| item.stakeholder_group.clone(), |g| t(g.label_key()));
    let group = match &item.stakeholder_other {
        Some(o) => format!("{group} ({o})"),
        None => group,
    };
    let where_ = match &item.paragraph {
        Some(p) => format!("/strategy/{}#{p}", item.section_slug),
        None => format!("/strategy/{}", item.section_slug),
    };
    let id = item.id;
    let select_id = format!("select-{id}");
    let select_label = t_with(
        "moderation.select",
        &[("reference", item.reference.clone())],
    );
    let redact_id = format!("redact-{id}");
    let has_personal_information = item.flags.iter().any(|f| f == "email" || f == "phone");
    view! {
        <li class="card">
            <h2 class="outbox-subject">{item.reference.clone()}</h2>
            <p class="field-inline">
                <input type="checkbox" id=select_id.clone() name=format!("ids[{n}]") value=id form="bulk-form"/>
                <label for=select_id>{select_label}</label>
            </p>
            <p>
                <a href=where_>{item.section_title.clone()}</a> " · " {group} " · " {item.received.clone()}
                " · " {format!("{} {}", t("moderation.written_in"), item.language)}
            </p>
            {item.published.then(|| view! {
                <p>{t("moderation.already_public")}</p>
            })}
            {item.hidden.then(|| view! {
                <p class="field-error">{t_count("moderation.hidden_by_reports", item.reports as u64)}</p>
            })}
            {(!item.flags.is_empty()).then(|| view! {
                <p class="field-error">
                    {t("moderation.flags")} " "
                    {item.flags.iter().map(|f| t(&format!("moderation.flag.{f}"))).collect::<Vec<_>>().join(", ")}
                </p>
            })}
            <blockquote class="message-text">{item.body.clone()}</blockquote>
            <div class="decisions">
                <ActionForm action=decide>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button">{t("moderation.approve")}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="reject-form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="reject"/>
                    {reason_select(format!("reason-{id}"))}
                    {note_field(format!("note-{id}"))}
                    <button type="submit" class="button button-secondary">{t("moderation.reject")}</button>
                </ActionForm>
            </div>
            <details class="redact" open=has_personal_information>
                <summary>{t("moderation.redact.summary")}</summary>
                <ActionForm action=decide>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="redact"/>
                    <div class="field">
                        <label for=redact_id.clone()>{t("moderation.redact.label")}</label>
                        <p class="hint" id=format!("{redact_id}-hint")>{t("moderation.redact.hint")}</p>
                        <textarea id=redact_id.clone() name="body" rows="5" aria-describedby=format!("{redact_id}-hint")>
                            {crate::components::form::escape_text(&item.suggested_redaction)}
                        </textarea>
                    </div>
                    <button type="submit" class="button">{t("moderation.redact.apply")}</button>
                </ActionForm>
            </details>
        </li>
    }
}
