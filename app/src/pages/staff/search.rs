//! Staff search across everything people wrote (comments of every status, written survey answers,
//! offline notes, inquiries) with filters and the matching words marked; each result can be given
//! themes, and every result of a search can be tagged, or untagged, at once.

use crate::api::search::{
    SearchHitView, SearchPageView, SearchQuery, TagItem, TagResults, ThemeChip, search_feedback,
};
use crate::components::form::ErrorSummary;
use crate::components::staff_gate::staff_gate;
use crate::domain::feedback::FeedbackKind;
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::{Locale, format_date, t, t_count, t_count_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn StaffSearchPage() -> impl IntoView {
    let tag_item = ServerAction::<TagItem>::new();
    let tag_results = ServerAction::<TagResults>::new();
    let search = use_location().search;
    let results = Resource::new(
        move || {
            (
                search.get(),
                tag_item.version().get(),
                tag_results.version().get(),
            )
        },
        |(search, _, _)| search_feedback(search),
    );
    view! {
        <Title text=t("search.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("search.title")}</h1>
        <p class="lead">{t("search.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(results.await, "/staff/search", move |view| {
                    view! { <Results view tag_item tag_results/> }.into_any()
                })
            })}
        </Suspense>
    }
}

/// A filter drop-down of (value, label) pairs, "any" first.
#[component]
fn FilterSelect(
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let id = format!("search-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{t("moderation.filter.any")}</option>
                {options.into_iter().map(|(value, label)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Filters(view: SearchPageView) -> impl IntoView {
    let q = view.query.clone();
    let kinds = FeedbackKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), t(k.label_key())))
        .collect();
    let groups = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.as_str().to_string(), t(g.label_key())))
        .collect();
    let channels = [
        "online",
        "focus_group",
        "pop_up",
        "paper_form",
        "phone",
        "other",
    ]
    .iter()
    .map(|c| (c.to_string(), t(&format!("feedback.channel.{c}"))))
    .collect();
    let languages = Locale::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.native_name().to_string()))
        .collect();
    let questions = view
        .questions
        .iter()
        .map(|(value, label)| {
            if value.ends_with("__other") {
                (
                    value.clone(),
                    format!("{label} ({})", t("search.other_text")),
                )
            } else {
                (value.clone(), label.clone())
            }
        })
        .collect();
    let mut themes: Vec<(String, String)> = vec![("none".into(), t("search.no_theme"))];
    themes.extend(
        view.themes
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone())),
    );
    view! {
        <form method="get" action="/staff/search" class="filters search-filters" role="search" aria-label=t("search.filters")>
            <div class="field field-wide">
                <label for="search-q">{t("search.words")}</label>
                <input id="search-q" type="search" name="q" value=q.q.clone() aria-describedby="search-q-hint"/>
                <p class="hint" id="search-q-hint">{t("search.words_hint")}</p>
            </div>
            <FilterSelect name="kind" label=t("search.kind") options=kinds selected=q.kind.clone()/>
            <FilterSelect name="section" label=t("transparency.section") options=view.sections.clone() selected=q.section.clone()/>
            <FilterSelect name="survey" label=t("staff.surveys.survey") options=view.surveys.clone() selected=q.survey.clone()/>
            <FilterSelect name="question" label=t("search.question") options=questions selected=q.question.clone()/>
            <FilterSelect name="group" label=t("field.stakeholder_group.label") options=groups selected=q.group.clone()/>
            <FilterSelect name="identity" label=t("staff.surveys.identity") options=view.identities.clone() selected=q.identity.clone()/>
            <FilterSelect name="channel" label=t("feedback.channel") options=channels selected=q.channel.clone()/>
            <FilterSelect name="language" label=t("moderation.filter.language") options=languages selected=q.language.clone()/>
            <FilterSelect name="theme" label=t("search.theme") options=themes selected=q.theme.clone()/>
            <div class="field">
                <label for="search-from">{t("moderation.filter.from")}</label>
                <input id="search-from" type="date" name="from" value=q.from.clone()/>
            </div>
            <div class="field">
                <label for="search-to">{t("moderation.filter.to")}</label>
                <input id="search-to" type="date" name="to" value=q.to.clone()/>
            </div>
            <button type="submit" class="button">{t("search.submit")}</button>
            " " <a href="/staff/search">{t("moderation.filter.clear")}</a>
        </form>
    }
}

/// What the last bulk change did, from the address it came back to.
fn bulk_notice(themes: &[ThemeChip]) -> Option<String> {
    let query = use_query_map();
    let query = query.read_untracked();
    let done = query.get("done")?;
    let count: u64 = query.get("count")?.parse().ok()?;
    let with = query.get("with")?.parse::<i32>().ok()?;
    let name = themes.iter().find(|c| c.id == with)?.name.clone();
    let key = if done == "removed" {
        "search.bulk.removed"
    } else {
        "search.bulk.added"
    };
    Some(t_count_with(
        key,
        count,
        &[("count", count.to_string()), ("theme", name)],
    ))
}

#[component]
fn Results(
    view: SearchPageView,
    tag_item: ServerAction<TagItem>,
    tag_results: ServerAction<TagResults>,
) -> impl IntoView {
    let error: Signal<Option<AppError>> = Signal::derive(move || {
        tag_results
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| tag_item.value().get().and_then(Result::err))
    });
    let notice = bulk_notice(&view.themes);
    let total = view.total;
    let capped = view.capped;
    let query = view.query.clone();
    let here = {
        let filters = query.filters_string();
        if filters.is_empty() {
            format!("/staff/search?page={}", view.page)
        } else {
            format!("/staff/search?{filters}&page={}", view.page)
        }
    };
    let themes = view.themes.clone();
    let hits = view.hits.clone();
    view! {
        <Filters view=view.clone()/>
        <ErrorSummary error/>
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <h2 id="results-heading">{if capped {
            crate::i18n::t_with("search.results_more", &[("count", crate::i18n::format_number(use_locale(), total))])
        } else {
            t_count("search.results", total)
        }}</h2>
        {(total > 0 && !themes.is_empty()).then(|| view! {
            <BulkTag query=query.clone() total capped themes=themes.clone() tag_results/>
        })}
        {(total > 0 && themes.is_empty()).then(|| view! {
            <p class="hint">{t("search.no_codebook")} " " <a href="/staff/themes">{t("themes.title")}</a></p>
        })}
        <ol class="search-results" aria-labelledby="results-heading">
            {hits.into_iter().map(|hit| view! {
                <Hit hit themes=themes.clone() back=here.clone() tag_item/>
            }).collect_view()}
        </ol>
        <Pages query page=view.page pages=view.pages/>
    }
}

#[component]
fn BulkTag(
    query: SearchQuery,
    total: u64,
    capped: bool,
    themes: Vec<ThemeChip>,
    tag_results: ServerAction<TagResults>,
) -> impl IntoView {
    view! {
        <ActionForm action=tag_results attr:class="bulk-tag" attr:aria-label=t("search.bulk.label")>
            <input type="hidden" name="search" value=query.filters_string()/>
            <div class="field">
                <label for="field-bulk-theme">{t("search.bulk.theme")}</label>
                <select id="field-bulk-theme" name="theme" required=true>
                    <option value="">{t("form.choose")}</option>
                    {themes.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" name="change" value="add" class="button">
                {if capped { t("search.bulk.add_all") } else { t_count("search.bulk.add", total) }}
            </button>
            " "
            <button type="submit" name="change" value="remove" class="button button-secondary">
                {if capped { t("search.bulk.remove_all") } else { t_count("search.bulk.remove", total) }}
            </button>
        </ActionForm>
    }
}

#[component]
fn Hit(
    hit: SearchHitView,
    themes: Vec<ThemeChip>,
    back: String,
    tag_item: ServerAction<TagItem>,
) -> impl IntoView {
    let locale = use_locale();
    let id = hit.id;
    let anchor = format!("item-{id}");
    let heading = format!("item-{id}-heading");
    let select_id = format!("field-item-{id}-theme");
    let kind = FeedbackKind::parse(&hit.kind)
        .map(|k| t(k.label_key()))
        .unwrap_or_default();
    let group = StakeholderGroup::parse(&hit.group)
        .map(|g| t(g.label_key()))
        .unwrap_or_else(|| t("transparency.group_unknown"));
    let language = Locale::from_code(&hit.language).unwrap_or_default();
    let carried: Vec<i32> = hit.themes.iter().map(|c| c.id).collect();
    let addable: Vec<ThemeChip> = themes
        .into_iter()
        .filter(|c| !carried.contains(&c.id))
        .collect();
    let title = if hit.reference.is_empty() {
        kind.clone()
    } else {
        format!("{kind} {}", hit.reference)
    };
    let context = if hit.kind == FeedbackKind::Inquiry.as_str() {
        t(&hit.context)
    } else if hit.question_is_other() {
        format!("{} ({})", hit.context, t("search.other_text"))
    } else {
        hit.context.clone()
    };
    let title_for_chips = title.clone();
    let title_for_add = title.clone();
    let title_for_tag = title.clone();
    let facts = [
        context,
        group,
        t(&format!("feedback.channel.{}", hit.channel)),
        language.native_name().to_string(),
        format_date(locale, &hit.date),
    ]
    .into_iter()
    .chain((!hit.status.is_empty()).then(|| t(&hit.status)))
    .filter(|f| !f.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li id=anchor class="search-hit" aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>
                {match hit.link.clone() {
                    Some(link) => view! { <a href=link>{title.clone()}</a> }.into_any(),
                    None => view! { <span>{title.clone()}</span> }.into_any(),
                }}
            </h3>
            <p class="hit-facts">{facts}</p>
            <blockquote lang=language.code()>
                {hit.pieces.into_iter().map(|(text, marked)| {
                    if marked {
                        view! { <mark>{text}</mark> }.into_any()
                    } else {
                        text.into_any()
                    }
                }).collect_view()}
            </blockquote>
            <div class="hit-themes">
                {(!hit.themes.is_empty()).then(|| view! {
                    <ul class="theme-chips" aria-label=t("search.item_themes")>
                        {hit.themes.into_iter().map(|chip| {
                            let back = back.clone();
                            let hidden = format!(": {} ({})", chip.name, title_for_chips);
                            view! {
                                <li class="theme-chip">
                                    <Swatch colour=chip.colour.clone()/>
                                    {chip.name.clone()}
                                    <ActionForm action=tag_item attr:class="inline-form">
                                        <input type="hidden" name="item" value=id/>
                                        <input type="hidden" name="theme" value=chip.id/>
                                        <input type="hidden" name="back" value=back/>
                                        <button type="submit" name="change" value="remove" class="link-button">
                                            {t("search.remove_theme")}<span class="visually-hidden">{hidden}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(!addable.is_empty()).then(|| view! {
                    <ActionForm action=tag_item attr:class="inline-form add-theme">
                        <input type="hidden" name="item" value=id/>
                        <input type="hidden" name="back" value=back.clone()/>
                        <label for=select_id.clone()>{t("search.add_theme")}<span class="visually-hidden">{format!(" ({title_for_add})")}</span></label>
                        <select id=select_id name="theme" required=true>
                            <option value="">{t("form.choose")}</option>
                            {addable.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                        </select>
                        <button type="submit" name="change" value="add" class="button button-secondary">{t("search.tag")}<span class="visually-hidden">{format!(" ({title_for_tag})")}</span></button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}

#[component]
fn Pages(query: SearchQuery, page: u64, pages: u64) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t("search.pages")>
                {(page > 1).then(|| view! { <a href=query.page_link(page - 1) rel="prev">{t("pagination.previous")}</a> })}
                " " <span>{crate::i18n::t_with("search.page_of", &[("page", page.to_string()), ("pages", pages.to_string())])}</span> " "
                {(page < pages).then(|| view! { <a href=query.page_link(page + 1) rel="next">{t("pagination.next")}</a> })}
            </nav>
        }
    })
}

/// A theme's colour as a dot. An SVG fill, not a style attribute: the CSP allows no inline styles.
#[component]
pub fn Swatch(colour: String) -> impl IntoView {
    view! {
        <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
            <circle cx="5" cy="5" r="4.5" fill=colour></circle>
        </svg>
    }
}
