//! What the City did with what it heard: its official replies under comments, the changes it
//! explained, and the versions of the draft published since the consultation opened.

use super::{group_label, other_lang};
use crate::api::what_we_heard::{ChangeLine, OfficialResponse, VersionLine, WhatWeHeardView};
use crate::i18n::{Locale, format_date, t, t_count, t_with, use_locale};
use leptos::prelude::*;

#[component]
pub fn Responses(view: WhatWeHeardView) -> impl IntoView {
    let locale = use_locale();
    if view.responses.is_empty() {
        return view! { <p>{t("wwh.no_responses")}</p> }.into_any();
    }
    let whole = view.section.is_none();
    let shown = view.responses.len() as u64;
    let summary = if whole && view.responses_total > shown {
        t_with(
            "wwh.responses_newest",
            &[
                ("shown", shown.to_string()),
                ("total", view.responses_total.to_string()),
            ],
        )
    } else {
        t_count("wwh.responses_count", view.responses_total)
    };
    let page = view.responses_page + 1;
    let pages = view.responses_pages;
    let here = view
        .section
        .as_ref()
        .map(|s| format!("/what-we-heard/{}", s.slug))
        .unwrap_or_default();
    let link = move |n: u64| format!("{here}?page={n}#wwh-responses");
    let city = view.city.clone();
    view! {
        <p>{summary}</p>
        <ol class="comment-list wwh-responses">
            {view.responses.into_iter().map(|r| view! { <Response response=r whole city=city.clone() locale/> }).collect_view()}
        </ol>
        {(!whole && pages > 1).then(|| view! {
            <nav class="pagination" aria-label=t("staff.inquiries.pages")>
                {(page > 1).then(|| view! { <a href=link(page - 1)>{t("pagination.previous")}</a> })}
                <span>{t_with("wwh.page_of", &[("page", page.to_string()), ("pages", pages.to_string())])}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1)>{t("pagination.next")}</a> })}
            </nav>
        })}
    }
    .into_any()
}

#[component]
fn Response(
    response: OfficialResponse,
    whole: bool,
    city: String,
    locale: Locale,
) -> impl IntoView {
    let section_lang = other_lang(&response.section.lang);
    let comment_lang = other_lang(&response.comment_lang);
    view! {
        <li class="comment">
            <p class="comment-meta">
                {whole.then(|| view! {
                    <a href=format!("/what-we-heard/{}", response.section.slug) lang=section_lang>{response.section.title.clone()}</a>
                    " · "
                })}
                {group_label(&response.group)}
            </p>
            // Always text: a comment can never add markup or links.
            <blockquote class="message-text" lang=comment_lang>{response.comment}</blockquote>
            {response.replies.into_iter().map(|(on, body)| view! {
                <div class="official-reply">
                    <p class="official-label"><strong>{t_with("comments.official_reply", &[("city", city.clone())])}</strong> " · " {format_date(locale, &on)}</p>
                    <p class="message-text">{body}</p>
                </div>
            }).collect_view()}
        </li>
    }
}

#[component]
pub fn Changes(changes: Vec<ChangeLine>) -> impl IntoView {
    let locale = use_locale();
    if changes.is_empty() {
        return view! { <p>{t("wwh.no_changes")}</p> }.into_any();
    }
    // Staff name themes in English, the language of the draft.
    let theme_lang = (locale != Locale::En).then_some("en");
    view! {
        <ul class="wwh-changes">
            {changes.into_iter().map(|c| {
                let title_lang = other_lang(&c.section.lang);
                let explanation_lang = other_lang(&c.explanation_lang);
                let version = t_with("wwh.version_n", &[("n", c.version.to_string())]);
                view! {
                    <li>
                        <p>
                            <strong lang=title_lang>{c.section.title.clone()}</strong> " · "
                            <a href=format!("/strategy/{}/versions/{}", c.section.slug, c.version)>{version}</a>
                            " · " {format_date(locale, &c.published_on)}
                        </p>
                        <p lang=explanation_lang>{c.explanation}</p>
                        {(c.comments > 0).then(|| view! {
                            <p>{t_count("wwh.in_response_to", c.comments.max(0) as u64)}</p>
                        })}
                        {(!c.themes.is_empty()).then(|| view! {
                            <p>{t("wwh.change_themes")} " " <span lang=theme_lang>{c.themes.join(", ")}</span></p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn Versions(versions: Vec<VersionLine>) -> impl IntoView {
    let locale = use_locale();
    if versions.is_empty() {
        return view! { <p>{t("wwh.no_versions")}</p> }.into_any();
    }
    view! {
        <ul>
            {versions.into_iter().map(|v| {
                let lang = other_lang(&v.section.lang);
                let label = t_with("wwh.version_published", &[
                    ("n", v.version.to_string()),
                    ("date", format_date(locale, &v.published_on)),
                ]);
                view! {
                    <li>
                        <span lang=lang>{v.section.title.clone()}</span> ": "
                        <a href=format!("/strategy/{}/versions/{}", v.section.slug, v.version)>{label}</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
