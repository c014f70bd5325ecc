//! Earlier versions of a section: the list, and one version with its word-level changes.

use crate::api::change_responses::ChangeView;
use crate::api::sections::{VersionList, VersionView, get_version, get_versions};
use crate::components::error_view::error_view;
use crate::domain::section::Change;
use crate::i18n::{format_date, t, t_count, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VersionsPage() -> impl IntoView {
    let params = use_params_map();
    let list = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_versions,
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Versions list/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Versions(list: VersionList) -> impl IntoView {
    let locale = use_locale();
    let heading = t_with("versions.title", &[("section", list.title.clone())]);
    let slug = list.slug.clone();
    view! {
        <Title text=heading.clone()/>
        <nav aria-label=t("strategy.breadcrumb")>
            <a href=format!("/strategy/{}", list.slug)>{list.title.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        <p>{t("versions.intro")}</p>
        <ol class="link-list" reversed>
            {list.versions.into_iter().map(|v| {
                let label = t_with("versions.item", &[
                    ("number", v.number.to_string()),
                    ("date", format_date(locale, &v.published_on)),
                ]);
                view! {
                    <li>
                        <a href=format!("/strategy/{slug}/versions/{}", v.number)>{label}</a>
                        {v.current.then(|| view! { " " <span class="badge">{t("versions.current")}</span> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn VersionPage() -> impl IntoView {
    let params = use_params_map();
    let version = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("number")
                    .and_then(|n| n.parse::<i32>().ok())
                    .unwrap_or(0),
            )
        },
        |(slug, number)| get_version(slug, number),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match version.await {
                    Ok(version) => view! { <Version version/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Version(version: VersionView) -> impl IntoView {
    let locale = use_locale();
    let heading = t_with(
        "versions.item",
        &[
            ("number", version.number.to_string()),
            ("date", format_date(locale, &version.published_on)),
        ],
    );
    let slug = version.slug.clone();
    let changes_heading = version
        .previous_number
        .map(|n| t_with("versions.changes", &[("number", n.to_string())]));
    view! {
        <Title text=format!("{} | {}", heading, version.title)/>
        <nav aria-label=t("strategy.breadcrumb")>
            <a href=format!("/strategy/{slug}")>{version.title.clone()}</a> " › "
            <a href=format!("/strategy/{slug}/versions")>{t("versions.all")}</a>
        </nav>
        <h1>{version.title.clone()} ": " {heading}</h1>
        {if version.current {
            view! { <p class="version-note">{t("versions.is_current")}</p> }.into_any()
        } else {
            view! {
                <p class="version-note">
                    {t("versions.is_older")} " "
                    <a href=format!("/strategy/{slug}")>{t("versions.read_current")}</a>
                </p>
            }.into_any()
        }}
        {(!version.explained.is_empty()).then(|| view! {
            <Explained slug=slug.clone() changes=version.explained.clone()/>
        })}
        {changes_heading.map(|heading| view! {
            <section class="diff" aria-labelledby="changes-title">
                <h2 id="changes-title">{heading}</h2>
                <p class="hint">{t("versions.legend")}</p>
                <div class="diff-text">
                    {version.changes.iter().map(|part| match part.change {
                        Change::Same => view! { <span>{part.text.clone()}</span> }.into_any(),
                        // Screen readers do not announce <ins>/<del>; the hidden words say it.
                        Change::Added => view! {
                            <ins><span class="visually-hidden">{t("versions.added")} " "</span>{part.text.clone()}</ins>
                        }.into_any(),
                        Change::Removed => view! {
                            <del><span class="visually-hidden">{t("versions.removed")} " "</span>{part.text.clone()}</del>
                        }.into_any(),
                    }).collect_view()}
                </div>
            </section>
        })}
        <section aria-labelledby="text-title">
            <h2 id="text-title">{t("versions.text")}</h2>
            // Sanitised with ammonia when the version was published.
            <div class="section-body" inner_html=version.html></div>
        </section>
    }
}

/// "You said, we did": why this version changed, and the comments and themes that prompted it.
#[component]
fn Explained(slug: String, changes: Vec<ChangeView>) -> impl IntoView {
    let locale = use_locale();
    let count = changes.len();
    view! {
        <section class="you-said" aria-labelledby="why-title">
            <h2 id="why-title">{t("changes.heading")}</h2>
            {changes.into_iter().enumerate().map(|(n, change)| {
                let title = if count == 1 {
                    t("changes.one_change")
                } else {
                    t_with("changes.change_n", &[("n", (n + 1).to_string())])
                };
                let lang = (change.explanation_lang != locale.code()).then(|| change.explanation_lang.clone());
                let more = change.comment_total.saturating_sub(change.comments.len());
                let slug = slug.clone();
                view! {
                    <article class="change-response" id=format!("change-{}", change.id) aria-labelledby=format!("change-{}-title", change.id)>
                        <h3 id=format!("change-{}-title", change.id)>{title}</h3>
                        {if change.passage.is_empty() {
                            view! { <p class="hint">{t("changes.whole_section")}</p> }.into_any()
                        } else {
                            view! {
                                <figure class="changed-passage">
                                    <figcaption>{t("changes.passage")}</figcaption>
                                    <blockquote lang="en"><p>{change.passage.clone()}</p></blockquote>
                                </figure>
                            }.into_any()
                        }}
                        {(change.comment_total > 0).then(|| view! {
                            <p class="change-count"><strong>{t_count("changes.in_response", change.comment_total as u64)}</strong></p>
                        })}
                        <p class="change-explanation">
                            <strong>{t("changes.city_says")}</strong> " "
                            <span lang=lang>{change.explanation.clone()}</span>
                        </p>
                        {(!change.themes.is_empty()).then(|| view! {
                            <p>{t("changes.themes")} " " {change.themes.join(", ")}</p>
                        })}
                        {(!change.comments.is_empty()).then(|| view! {
                            <details>
                                <summary>{t_count("changes.show_comments", change.comment_total as u64)}</summary>
                                <ul class="inline-list">
                                    {change.comments.iter().map(|(id, reference)| view! {
                                        <li><a href=format!("/strategy/{slug}/comments/{id}")>{reference.clone()}</a></li>
                                    }).collect_view()}
                                </ul>
                                {(more > 0).then(|| view! { <p>{t_count("changes.more_comments", more as u64)}</p> })}
                            </details>
                        })}
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
