//! The home page: what the consultation is, the phase dates, what has come in so far and the next
//! meeting, its service areas, how to take part and where to follow it; every card is a link.

use crate::api::home_live::{HomeLive, get_home_live};
use crate::api::site::{HomeContent, get_home};
use crate::i18n::{format_date, t, t_count, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(content) => view! { <HomeView content/> }.into_any(),
                    Err(_) => view! {
                        <Title text=t("site.name")/>
                        <h1>{t("site.name")}</h1>
                        <p>{t("home.no_consultation")}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeView(content: HomeContent) -> impl IntoView {
    let locale = use_locale();
    let page_title = format!("{} | {}", content.title, content.city_name);
    let phase_dates = t_with(
        "home.phase_dates",
        &[
            ("opens", format_date(locale, &content.phase_opens_on)),
            ("closes", format_date(locale, &content.phase_closes_on)),
        ],
    );
    let areas_heading = t_count("home.areas_heading", content.service_areas.len() as u64);
    // English shown to a Spanish or Russian reader says which language it is.
    let other = |lang: &str| (lang != locale.code()).then(|| lang.to_string());
    let text_lang = other(&content.lang);
    view! {
        <Title text=page_title/>
        <Meta name="description" content=content.summary.clone()/>
        <section class="hero" aria-labelledby="home-title">
            <p class="eyebrow">{content.city_name.clone()}</p>
            <h1 id="home-title" lang=text_lang.clone()>{content.title.clone()}</h1>
            <p class="draft-label">{t("home.draft_label")}</p>
            <p class="lead" lang=text_lang.clone()>{content.summary.clone()}</p>
        </section>

        <section class="phase" aria-labelledby="phase-title">
            <h2 id="phase-title" lang=text_lang.clone()>{content.phase_label.clone()}</h2>
            <p class="phase-dates"><strong>{phase_dates}</strong></p>
            <p lang=text_lang>{content.phase_summary.clone()}</p>
        </section>

        <HomeLiveParts/>

        <section aria-labelledby="areas-title">
            <h2 id="areas-title">{areas_heading}</h2>
            <ul class="card-list">
                {content
                    .service_areas
                    .into_iter()
                    .map(|area| view! {
                        <li class="card" lang=other(&area.lang)>
                            <h3>{area.name}</h3>
                            <p>{area.summary}</p>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>

        <section aria-labelledby="take-part-title">
            <h2 id="take-part-title">{t("home.take_part_heading")}</h2>
            <ul class="card-list">
                <li class="card">
                    <h3><a href="/strategy">{t("home.way.read.title")}</a></h3>
                    <p>{t("home.way.read.body")}</p>
                </li>
                <li class="card">
                    <h3><a href="/surveys">{t("home.way.survey.title")}</a></h3>
                    <p>{t("home.way.survey.body")}</p>
                </li>
                <li class="card">
                    <h3><a href="/events">{t("home.way.meeting.title")}</a></h3>
                    <p>{t("home.way.meeting.body")}</p>
                </li>
                <li class="card">
                    <h3><a href="/contact">{t("home.way.contact.title")}</a></h3>
                    <p>{t("home.way.contact.body")}</p>
                </li>
            </ul>
        </section>

        <section aria-labelledby="follow-along-title">
            <h2 id="follow-along-title">{t("home.follow_heading")}</h2>
            <ul class="card-list">
                <li class="card">
                    <h3><a href="/timeline">{t("home.way.timeline.title")}</a></h3>
                    <p>{t("home.way.timeline.body")}</p>
                </li>
                <li class="card">
                    <h3><a href="/what-we-heard">{t("home.way.heard.title")}</a></h3>
                    <p>{t("home.way.heard.body")}</p>
                </li>
                <li class="card">
                    <h3><a href="/follow">{t("home.way.follow.title")}</a></h3>
                    <p>{t("home.way.follow.body")}</p>
                </li>
                <li class="card">
                    <h3><a href="/faq">{t("home.way.faq.title")}</a></h3>
                    <p>{t("home.way.faq.body")}</p>
                </li>
            </ul>
        </section>
    }
}

/// What has come in so far and the next meeting, read fresh on every visit.
#[component]
fn HomeLiveParts() -> impl IntoView {
    let live = Resource::new(|| (), |_| get_home_live());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                live.await.ok().map(|live| view! { <SoFar live/> })
            })}
        </Suspense>
    }
}

#[component]
fn SoFar(live: HomeLive) -> impl IntoView {
    let locale = use_locale();
    let next = match live.next_meeting {
        Some(m) => {
            use crate::pages::events::clock;
            let when = format!(
                "{}, {}–{} {}",
                format_date(locale, &m.date),
                clock(locale, &m.starts),
                clock(locale, &m.ends),
                m.zone
            );
            let format = t(&format!("events.format.{}", m.format));
            let lang = (m.lang != locale.code()).then(|| m.lang.clone());
            view! {
                <p class="next-meeting-title"><a href=format!("/events/{}", m.slug) lang=lang>{m.title}</a></p>
                <p>{when} " · " {format}</p>
            }
            .into_any()
        }
        None => view! { <p>{t("home.next_meeting.none")}</p> }.into_any(),
    };
    view! {
        <div class="home-live">
            <section class="so-far" aria-labelledby="so-far-title">
                <h2 id="so-far-title">{t("home.so_far.heading")}</h2>
                <ul>
                    <li>{t_count("count.comments", live.comments)}</li>
                    <li>{t_count("count.survey_responses", live.survey_responses)}</li>
                    <li>{t_count("count.rsvps", live.rsvps)}</li>
                </ul>
                <p class="hint">{t("home.so_far.note")} " " <a href="/transparency">{t("home.so_far.link")}</a></p>
            </section>
            <section class="next-meeting" aria-labelledby="next-meeting-title">
                <h2 id="next-meeting-title">{t("home.next_meeting.heading")}</h2>
                {next}
                <p><a href="/events">{t("home.next_meeting.all")}</a></p>
            </section>
        </div>
    }
}
