//! The draft strategy: its table of contents, and each section on its own page.

use crate::api::comments::CommentPage;
use crate::api::strategy::{SectionView, StrategyToc, get_section, get_strategy};
use crate::components::error_view::error_view;
use crate::domain::section::paragraph_anchors;
use crate::error::AppError;
use crate::i18n::{format_date, t, t_count, t_with, use_locale};
use crate::pages::comments::{SectionComments, comment_page_resource, with_comment_links};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn StrategyPage() -> impl IntoView {
    let toc = Resource::new(|| (), |_| get_strategy());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match toc.await {
                    Ok(toc) => view! { <Contents toc/> }.into_any(),
                    Err(_) => view! { <h1>{t("strategy.title")}</h1><p>{t("home.no_consultation")}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Contents(toc: StrategyToc) -> impl IntoView {
    let locale = use_locale();
    let period = t_with(
        "strategy.period",
        &[
            ("opens", format_date(locale, &toc.opens_on)),
            ("closes", format_date(locale, &toc.closes_on)),
        ],
    );
    let progress = if toc.total_comments == 0 {
        t("strategy.progress_none")
    } else {
        t_with(
            "strategy.progress",
            &[
                (
                    "comments",
                    t_count("count.comments", toc.total_comments.unsigned_abs()),
                ),
                (
                    "groups",
                    t_count("count.groups", toc.stakeholder_groups as u64),
                ),
            ],
        )
    };
    view! {
        <Title text=format!("{} | {}", t("strategy.title"), toc.title)/>
        <p class="eyebrow">{toc.title.clone()}</p>
        <h1>{t("strategy.title")}</h1>
        <p class="draft-label">{t("home.draft_label")}</p>
        <p class="lead">{t("strategy.intro")}</p>
        <p><strong>{period}</strong></p>
        <p role="status">{progress}</p>
        <p class="whole-draft-links">
            <a href=crate::paths::WHOLE_DRAFT_PAGE>{t("strategy.whole_draft_link")}</a>
            " · "
            // A plain download: the client router must not take it for a page.
            <a href=crate::paths::WHOLE_DRAFT_MD rel="external" download="">{t("strategy.download_link")}</a>
        </p>
        <ol class="toc">
            {toc
                .sections
                .into_iter()
                .map(|s| view! {
                    <li class="card">
                        // English shown to a Spanish or Russian reader says which language it is.
                        <h2 lang=other_lang(&s.lang)><a href=format!("/strategy/{}", s.slug)>{s.title}</a></h2>
                        <p lang=other_lang(&s.lang)>{s.summary}</p>
                        <p class="comment-count">{t_count("count.comments", s.published_comments.unsigned_abs())}</p>
                    </li>
                })
                .collect_view()}
        </ol>
    }
}

/// `lang` for text whose language differs from the page's; nothing when they match.
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let section = Resource::new(slug, get_section);
    let comments = comment_page_resource(slug);
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match section.await {
                    Ok(section) => view! { <Section section comments/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Section(
    section: SectionView,
    comments: Resource<Result<CommentPage, AppError>>,
) -> impl IntoView {
    let locale = use_locale();
    let version = t_with(
        "strategy.version",
        &[
            ("number", section.version.to_string()),
            ("date", format_date(locale, &section.published_on)),
        ],
    );
    let text_lang = other_lang(&section.lang);
    let english_only = text_lang.is_some().then(|| {
        view! { <p class="notice-box">{t("strategy.english_only")}</p> }
    });
    view! {
        <Title text=format!("{} | {}", section.title, t("strategy.title"))/>
        <Meta name="description" content=section.summary.clone()/>
        <nav aria-label=t("strategy.breadcrumb")>
            <a href="/strategy">{t("strategy.title")}</a>
        </nav>
        {english_only}
        <article class="section" aria-labelledby="section-title">
            <h1 id="section-title" lang=text_lang.clone()>{section.title.clone()}</h1>
            <p class="draft-label">{t("home.draft_label")}</p>
            <p class="version-note">
                {version} " "
                {(section.version > 1).then(|| view! {
                    <a href=format!("/strategy/{}/versions", section.slug)>{t("versions.all")}</a>
                })}
            </p>
            // Sanitised with ammonia when the version was published; never raw input.
            <div class="section-body" lang=text_lang inner_html=with_comment_links(&section.html, &section.slug)></div>
        </article>
        <nav class="section-nav" aria-label=t("strategy.sections_nav")>
            {section.previous.map(|p| view! { <a rel="prev" href=format!("/strategy/{}", p.slug)>{t("strategy.previous")} ": " {p.title}</a> })}
            {section.next.map(|n| view! { <a rel="next" href=format!("/strategy/{}", n.slug)>{t("strategy.next")} ": " {n.title}</a> })}
        </nav>
        <p class="follow-link"><a href=format!("/follow?section={}", section.slug)>{t("follow.this_section")}</a></p>
        <SectionComments slug=section.slug.clone() anchors=paragraph_anchors(&section.html) page=comments/>
    }
}
