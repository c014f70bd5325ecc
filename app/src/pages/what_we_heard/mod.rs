//! The public "What we heard" pages: the consultation as a whole (`/what-we-heard`) and one
//! section (`/what-we-heard/:slug`). Plain HTML that prints cleanly; counts under k read "fewer
//! than k", exactly as on the transparency page.

use crate::api::what_we_heard::{
    ChannelCount, GroupThemes, WhatWeHeardView, what_we_heard, what_we_heard_section,
};
use crate::components::error_view::not_found_view;
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::{Locale, format_date, t, t_count, t_with, use_locale};
use crate::pages::transparency::GroupChannelTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use responses::{Changes, Responses, Versions};
use surveys::PublishedSurveys;

mod responses;
pub mod surveys;

#[component]
pub fn WhatWeHeardPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| what_we_heard());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move { shown(report.await) })}
        </Suspense>
    }
}

#[component]
pub fn WhatWeHeardSectionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let report = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("page").and_then(|p| p.parse::<u64>().ok()),
            )
        },
        |(slug, page)| what_we_heard_section(slug, page),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move { shown(report.await) })}
        </Suspense>
    }
}

fn shown(result: Result<WhatWeHeardView, AppError>) -> AnyView {
    match result {
        Ok(view) => view! { <Report view/> }.into_any(),
        Err(AppError::NotFound) => not_found_view(),
        Err(_) => view! {
            <Title text=t("wwh.title")/>
            <h1>{t("wwh.title")}</h1>
            <p>{t("home.no_consultation")}</p>
        }
        .into_any(),
    }
}

/// The language of a text when it is not the reader's, for its `lang` attribute.
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

fn group_label(code: &str) -> String {
    StakeholderGroup::parse(code)
        .map(|g| t(g.label_key()))
        .unwrap_or_else(|| t("transparency.group_unknown"))
}

fn channel_label(code: &str) -> String {
    let key = format!("feedback.channel.{code}");
    let label = t(&key);
    if label == key {
        code.to_string()
    } else {
        label
    }
}

fn count_text(count: Option<i64>, k: u64) -> String {
    count
        .map(|n| n.to_string())
        .unwrap_or_else(|| t_with("staff.surveys.fewer_than", &[("k", k.to_string())]))
}

#[component]
fn Report(view: WhatWeHeardView) -> impl IntoView {
    let locale = use_locale();
    let k = view.k;
    let whole = view.section.is_none();
    let heading = match &view.section {
        Some(s) => format!("{} {}", t("wwh.section_title"), s.title),
        None => t("wwh.title"),
    };
    // A section's title may be the English one: marked, apart from the words around it.
    let h1 = match &view.section {
        Some(s) => {
            let lang = other_lang(&s.lang);
            view! { <h1>{t("wwh.section_title")} " " <span lang=lang>{s.title.clone()}</span></h1> }
                .into_any()
        }
        None => view! { <h1>{t("wwh.title")}</h1> }.into_any(),
    };
    let intro = match &view.section {
        Some(_) => t("wwh.section_intro"),
        None => t_with(
            "wwh.intro",
            &[
                ("consultation", view.consultation.clone()),
                ("opens", format_date(locale, &view.opens_on)),
                ("closes", format_date(locale, &view.closes_on)),
            ],
        ),
    };
    let section_link = view.section.clone();
    view! {
        <Title text=heading.clone()/>
        <div class="what-we-heard">
            {h1}
            <p class="lead">{intro}</p>
            {section_link.map(|s| view! {
                <p>
                    <a href=format!("/strategy/{}", s.slug)>{t("wwh.read_section")}</a> " · "
                    <a href="/what-we-heard">{t("wwh.whole_consultation")}</a>
                </p>
            })}
            <p class="hint no-print">{t("wwh.print_hint")}</p>
            <p class="hint">{t_with("wwh.suppression_note", &[("k", k.to_string())])}</p>

            <section aria-labelledby="wwh-who">
                <h2 id="wwh-who">{if whole { t("wwh.who") } else { t("wwh.who_section") }}</h2>
                {whole.then(|| view! { <GroupChannelTable groups=view.participation.clone() k/> })}
                <ChannelTable counts=view.comments_by_channel.clone() k/>
            </section>

            <section aria-labelledby="wwh-themes">
                <h2 id="wwh-themes">{t("wwh.themes")}</h2>
                <p>{t("wwh.themes_intro")}</p>
                <Themes groups=view.themes.clone() k/>
            </section>

            {whole.then(|| view! {
                <section aria-labelledby="wwh-surveys">
                    <h2 id="wwh-surveys">{t("wwh.surveys")}</h2>
                    <PublishedSurveys surveys=view.surveys.clone() k/>
                </section>
            })}

            <section aria-labelledby="wwh-responses">
                <h2 id="wwh-responses">{t("wwh.responses")}</h2>
                <Responses view=view.clone()/>
            </section>

            <section aria-labelledby="wwh-changes">
                <h2 id="wwh-changes">{t("wwh.changes")}</h2>
                <Changes changes=view.changes.clone()/>
                <h3>{t("wwh.versions")}</h3>
                <Versions versions=view.versions.clone()/>
            </section>

            {whole.then(|| view! {
                <section aria-labelledby="wwh-sections">
                    <h2 id="wwh-sections">{t("wwh.by_section")}</h2>
                    <ul>
                        {view.sections.iter().map(|s| {
                            let lang = other_lang(&s.section.lang);
                            view! {
                                <li>
                                    <a href=format!("/what-we-heard/{}", s.section.slug) lang=lang>{s.section.title.clone()}</a>
                                    " · " {t_count("wwh.comments_received", s.comments.max(0) as u64)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <section aria-labelledby="wwh-open-data">
                <h2 id="wwh-open-data">{t("wwh.open_data")}</h2>
                <p>{t("wwh.open_data_intro")}</p>
                <ul>
                    <li><a href=crate::paths::WHAT_WE_HEARD_CSV rel="external">{t("wwh.open_data_csv")}</a></li>
                    <li><a href=crate::paths::WHAT_WE_HEARD_JSON rel="external">{t("wwh.open_data_json")}</a></li>
                </ul>
            </section>
        </div>
    }
}

/// Comments by stakeholder group (rows) and channel (columns); a missing pair is zero.
#[component]
fn ChannelTable(counts: Vec<ChannelCount>, k: u64) -> impl IntoView {
    if counts.is_empty() {
        return view! { <p>{t("wwh.no_comments")}</p> }.into_any();
    }
    let mut groups: Vec<String> = Vec::new();
    let mut channels: Vec<String> = Vec::new();
    for c in &counts {
        if !groups.contains(&c.group) {
            groups.push(c.group.clone());
        }
        if !channels.contains(&c.channel) {
            channels.push(c.channel.clone());
        }
    }
    let cell = move |group: &str, channel: &str| {
        counts
            .iter()
            .find(|c| c.group == group && c.channel == channel)
            .map_or_else(|| "0".to_string(), |c| count_text(c.count, k))
    };
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption>{t("wwh.comments_by_channel")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("field.stakeholder_group.label")}</th>
                        {channels.iter().map(|c| view! { <th scope="col">{channel_label(c)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {groups.iter().map(|g| view! {
                        <tr>
                            <th scope="row">{group_label(g)}</th>
                            {channels.iter().map(|c| view! { <td>{cell(g, c)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Themes(groups: Vec<GroupThemes>, k: u64) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p>{t("wwh.no_themes")}</p> }.into_any();
    }
    // Staff name themes in English, the language of the draft.
    let theme_lang = (use_locale() != Locale::En).then_some("en");
    groups
        .into_iter()
        .map(|g| {
            view! {
                <table class="data-table wwh-themes">
                    <caption>{group_label(&g.group)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("wwh.theme")}</th>
                            <th scope="col">{t("wwh.inputs")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {g.themes.into_iter().map(|theme| view! {
                            <tr>
                                <th scope="row" lang=theme_lang>{theme.theme}</th>
                                <td>{count_text(theme.count, k)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
        .collect_view()
        .into_any()
}
