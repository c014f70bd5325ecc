//! The public archive of the updates sent to followers: the list, newest first, and one update
//! in the reader's language (English, marked, when it was not written in theirs).

use crate::api::follow::{UpdateSummary, UpdateView, get_update, list_updates};
use crate::components::error_view::{error_view, not_found_view};
use crate::domain::follow::UpdateKind;
use crate::i18n::{format_date, t, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `lang` for text whose language differs from the page's; nothing when they match.
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

fn kind_label(kind: &str) -> String {
    UpdateKind::parse(kind).map_or_else(|| kind.to_string(), |k| t(k.label_key()))
}

#[component]
pub fn UpdatesPage() -> impl IntoView {
    let updates = Resource::new(|| (), |_| list_updates());
    view! {
        <Title text=t("updates.title")/>
        <h1>{t("updates.title")}</h1>
        <p class="lead">{t("updates.intro")}</p>
        <p><a href="/follow">{t("updates.follow_link")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match updates.await {
                    Ok(found) if found.is_empty() => view! { <p>{t("updates.none")}</p> }.into_any(),
                    Ok(found) => view! {
                        <ul class="update-list">
                            {found.into_iter().map(|u| view! { <UpdateItem update=u/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UpdateItem(update: UpdateSummary) -> impl IntoView {
    let locale = use_locale();
    let lang = other_lang(&update.lang);
    view! {
        <li>
            <a href=format!("/updates/{}", update.id) lang=lang>{update.subject}</a>
            <p class="update-meta">{kind_label(&update.kind)} " · " {format_date(locale, &update.sent_on)}</p>
        </li>
    }
}

#[component]
pub fn UpdatePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let update = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_update(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match update.await {
                    Ok(found) => view! { <OneUpdate update=found/> }.into_any(),
                    Err(crate::error::AppError::NotFound) => not_found_view(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OneUpdate(update: UpdateView) -> impl IntoView {
    let locale = use_locale();
    let lang = other_lang(&update.lang);
    let english_only = lang.is_some().then(|| {
        view! { <p class="notice-box">{t("updates.english_only")}</p> }
    });
    let sent = t_with(
        "updates.sent_on",
        &[
            ("kind", kind_label(&update.kind)),
            ("date", format_date(locale, &update.sent_on)),
        ],
    );
    let paragraphs = update
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view();
    view! {
        <Title text=format!("{} | {}", update.subject, t("updates.title"))/>
        <nav aria-label=t("updates.breadcrumb")>
            <a href="/updates">{t("updates.title")}</a>
        </nav>
        {english_only}
        <article class="update" aria-labelledby="update-title">
            <h1 id="update-title" lang=lang.clone()>{update.subject.clone()}</h1>
            <p class="update-meta">{sent}</p>
            {update.section.map(|s| {
                let section_lang = other_lang(&s.lang);
                view! {
                    <p>{t("updates.about_section")} " " <a href=format!("/strategy/{}", s.slug) lang=section_lang>{s.title}</a></p>
                }
            })}
            <div class="update-body" lang=lang>{paragraphs}</div>
            {update.link_path.map(|path| view! { <p><a href=path>{t("updates.read_more")}</a></p> })}
        </article>
        <p><a href="/follow">{t("updates.follow_link")}</a></p>
    }
}
