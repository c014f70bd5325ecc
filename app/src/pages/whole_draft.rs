//! The whole current draft on one page: a table of contents, then every section in order with its
//! title and text, in the reader's language where translated. Print styles (`@media print` in
//! `style/main.css`) leave out the site's header, footer and these links.

use crate::api::whole_draft::{DraftSectionView, WholeDraftView, get_whole_draft};
use crate::components::error_view::error_view;
use crate::i18n::{format_date, t, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WholeDraftPage() -> impl IntoView {
    let draft = Resource::new(|| (), |_| get_whole_draft());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => view! { <WholeDraft draft/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

/// `lang` for text whose language differs from the page's; nothing when they match.
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

#[component]
fn WholeDraft(draft: WholeDraftView) -> impl IntoView {
    let locale = use_locale();
    let period = t_with(
        "strategy.period",
        &[
            ("opens", format_date(locale, &draft.opens_on)),
            ("closes", format_date(locale, &draft.closes_on)),
        ],
    );
    let some_english = draft.sections.iter().any(|s| s.lang != locale.code());
    let heading = t_with("whole_draft.title", &[("title", draft.title.clone())]);
    view! {
        <Title text=heading.clone()/>
        <nav class="no-print" aria-label=t("strategy.breadcrumb")>
            <a href="/strategy">{t("strategy.title")}</a>
        </nav>
        <p class="eyebrow">{draft.city_name.clone()}</p>
        <h1>{heading}</h1>
        <p class="draft-label">{t("home.draft_label")}</p>
        <p><strong>{period}</strong></p>
        <ul class="no-print whole-draft-actions">
            <li>{t("whole_draft.print_hint")}</li>
            <li>
                // A plain download: the client router must not take it for a page.
                <a href=crate::paths::WHOLE_DRAFT_MD rel="external" download="">{t("whole_draft.download")}</a>
            </li>
        </ul>
        {some_english.then(|| view! { <p class="notice-box">{t("whole_draft.english_note")}</p> })}
        <nav class="whole-draft-contents" aria-labelledby="contents-title">
            <h2 id="contents-title">{t("whole_draft.contents")}</h2>
            <ol>
                {draft
                    .sections
                    .iter()
                    .map(|s| {
                        // rel=external: the client router would otherwise swallow the in-page link.
                        view! { <li><a href=format!("#{}", s.slug) rel="external" lang=other_lang(&s.lang)>{s.title.clone()}</a></li> }
                    })
                    .collect_view()}
            </ol>
        </nav>
        {draft
            .sections
            .into_iter()
            .enumerate()
            .map(|(i, section)| view! { <DraftSection section number=i + 1/> })
            .collect_view()}
    }
}

#[component]
fn DraftSection(section: DraftSectionView, number: usize) -> impl IntoView {
    let locale = use_locale();
    let version = t_with(
        "strategy.version",
        &[
            ("number", section.version.to_string()),
            ("date", format_date(locale, &section.published_on)),
        ],
    );
    let title_id = format!("{}-title", section.slug);
    let lang = other_lang(&section.lang);
    view! {
        <article class="whole-draft-section" id=section.slug.clone() aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone() lang=lang.clone()>{format!("{number}. {}", section.title)}</h2>
            <p class="version-note">
                {version} " "
                <a class="no-print" href=format!("/strategy/{}", section.slug)>{t("whole_draft.comment_link")}<span class="visually-hidden">{format!(": {}", section.title)}</span></a>
            </p>
            // Sanitised with ammonia when the version (or its translation) was saved.
            <div class="section-body" lang=lang inner_html=section.html></div>
        </article>
    }
}
