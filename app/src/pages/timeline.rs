//! The consultation's timeline: its steps in order, with their dates, the current one marked in
//! words (not only colour), what happened at each and links to documents and pages.

use crate::api::timeline_faq::{StepView, TimelineView, get_timeline};
use crate::components::error_view::error_view;
use crate::i18n::{format_date, t, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn TimelinePage() -> impl IntoView {
    let timeline = Resource::new(|| (), |_| get_timeline());
    view! {
        <Title text=t("timeline.title")/>
        <Meta name="description" content=t("timeline.intro")/>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match timeline.await {
                    Ok(timeline) => view! { <Timeline timeline/> }.into_any(),
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
fn Timeline(timeline: TimelineView) -> impl IntoView {
    let total = timeline.steps.len();
    view! {
        <p class="eyebrow">{timeline.consultation.clone()}</p>
        <h1>{t("timeline.title")}</h1>
        <p class="lead">{t("timeline.intro")}</p>
        {if timeline.steps.is_empty() {
            view! { <p>{t("timeline.none")}</p> }.into_any()
        } else {
            view! {
                <ol class="timeline">
                    {timeline
                        .steps
                        .into_iter()
                        .enumerate()
                        .map(|(i, step)| view! { <Step step number=i + 1 total/> })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }}
        <p><a href="/faq">{t("timeline.faq_link")}</a></p>
    }
}

/// "November 2, 2026 to January 29, 2027", or the one date the step has.
fn dates(step: &StepView) -> Option<String> {
    let locale = use_locale();
    let day = |iso: &String| format_date(locale, iso);
    match (&step.starts_on, &step.ends_on) {
        (Some(start), Some(end)) => Some(t_with(
            "timeline.dates.both",
            &[("start", day(start)), ("end", day(end))],
        )),
        (Some(start), None) => Some(t_with("timeline.dates.from", &[("start", day(start))])),
        (None, Some(end)) => Some(t_with("timeline.dates.until", &[("end", day(end))])),
        (None, None) => None,
    }
}

#[component]
fn Step(step: StepView, number: usize, total: usize) -> impl IntoView {
    let status = match step.status.as_str() {
        "past" | "current" | "upcoming" => step.status.clone(),
        _ => "upcoming".to_string(),
    };
    let when = dates(&step);
    let text_lang = other_lang(&step.lang);
    let happened = (!step.what_happened_html.trim().is_empty()).then(|| {
        let html = step.what_happened_html.clone();
        let heading = t(&format!("timeline.heading.{status}"));
        let lang = text_lang.clone();
        view! {
            <h3>{heading}</h3>
            // Sanitised on the server (Markdown rendered through ammonia).
            <div class="timeline-text" lang=lang inner_html=html></div>
        }
    });
    let links = (!step.links.is_empty()).then(|| {
        let label = t_with("timeline.links_label", &[("step", step.title.clone())]);
        view! {
            <ul class="timeline-links" aria-label=label>
                {step
                    .links
                    .iter()
                    .map(|link| view! { <li><a href=link.url.clone() lang=other_lang(&link.lang)>{link.label.clone()}</a></li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <li
            class=format!("timeline-step timeline-{status}")
            id=step.key.clone()
            aria-current=(status == "current").then_some("step")
        >
            <p class="timeline-status">
                <span class="visually-hidden">{t_with("timeline.step_number", &[("number", number.to_string()), ("total", total.to_string())])} " "</span>
                <strong>{t(&format!("timeline.status.{status}"))}</strong>
            </p>
            <h2 lang=text_lang.clone()>{step.title.clone()}</h2>
            {when.map(|w| view! { <p class="timeline-dates">{w}</p> })}
            {(!step.summary.trim().is_empty()).then(|| view! { <p lang=text_lang.clone()>{step.summary.clone()}</p> })}
            {happened}
            {links}
        </li>
    }
}
