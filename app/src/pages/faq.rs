//! The FAQ: every published question as a heading with its answer below and an id to link to,
//! and a list of the questions on top. Plain HTML: nothing to open, so it works without
//! JavaScript and prints whole.

use crate::api::timeline_faq::{FaqEntryView, get_faq};
use crate::components::error_view::error_view;
use crate::i18n::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn FaqPage() -> impl IntoView {
    let entries = Resource::new(|| (), |_| get_faq());
    view! {
        <Title text=t("faq.title")/>
        <Meta name="description" content=t("faq.intro")/>
        <h1>{t("faq.title")}</h1>
        <p class="lead">{t("faq.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(entries) => view! { <Questions entries/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
        <section class="faq-more" aria-labelledby="faq-more-title">
            <h2 id="faq-more-title">{t("faq.more_heading")}</h2>
            <p>
                {t("faq.more_body")} " "
                <a href="/contact">{t("faq.more_link")}</a>
            </p>
        </section>
    }
}

/// `lang` for text whose language differs from the page's; nothing when they match.
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

#[component]
fn Questions(entries: Vec<FaqEntryView>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{t("faq.none")}</p> }.into_any();
    }
    let contents = entries
        .iter()
        .map(|e| {
            let href = format!("#{}", e.anchor);
            // rel=external: the client router would otherwise swallow the in-page link.
            view! { <li><a href=href rel="external" lang=other_lang(&e.lang)>{e.question.clone()}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="faq-contents" aria-labelledby="faq-contents-title">
            <h2 id="faq-contents-title">{t("faq.contents")}</h2>
            <ol>{contents}</ol>
        </nav>
        <div class="faq-list">
            {entries
                .into_iter()
                .map(|e| {
                    let lang = other_lang(&e.lang);
                    view! {
                        <section class="faq-entry" id=e.anchor.clone() lang=lang aria-labelledby=format!("{}-q", e.anchor)>
                            <h2 id=format!("{}-q", e.anchor)>{e.question}</h2>
                            // Sanitised on the server (Markdown rendered through ammonia).
                            <div class="faq-answer" inner_html=e.answer_html></div>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}
