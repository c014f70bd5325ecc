//! The codebook: themes with a description, an optional parent, a colour and keywords per
//! language; the editor of one theme; and the review queue of themes suggested by keywords.

use crate::api::search::ThemeChip;
use crate::api::themes::{
    CodebookView, DecideSuggestion, SaveTheme, SuggestionView, ThemeView, codebook, suggestions,
};
use crate::components::form::{ErrorSummary, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::feedback::FeedbackKind;
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::{Locale, format_date, t, t_count, t_with, use_locale};
use crate::pages::staff::search::Swatch;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffThemesPage() -> impl IntoView {
    let save = ServerAction::<SaveTheme>::new();
    let list = Resource::new(move || save.version().get(), |_| codebook());
    view! {
        <Title text=t("themes.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("themes.title")}</h1>
        <p class="lead">{t("themes.intro")}</p>
        <p><a href="/staff/search">{t("search.title")}</a> " · " <a href="/staff/themes/suggestions">{t("suggestions.title")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(list.await, "/staff/themes", move |list| view! { <Codebook list save/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Codebook(list: CodebookView, save: ServerAction<SaveTheme>) -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let parents: Vec<(i32, String)> = list
        .themes
        .iter()
        .filter(|t| t.parent.is_none())
        .map(|t| (t.id, t.name.clone()))
        .collect();
    view! {
        {move || saved().then(|| view! { <p class="notice" role="status">{t("themes.saved")}</p> })}
        <h2>{t("themes.list")}</h2>
        {if list.themes.is_empty() {
            view! { <p>{t("themes.none")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table>
                        <thead><tr>
                            <th scope="col">{t("themes.name")}</th>
                            <th scope="col">{t("themes.description")}</th>
                            <th scope="col">{t("themes.keywords")}</th>
                            <th scope="col">{t("themes.tagged")}</th>
                            <th scope="col"><span class="visually-hidden">{t("themes.actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.themes.into_iter().map(|theme| view! { <ThemeRow theme/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <h2 id="new-theme">{t("themes.new")}</h2>
        <ThemeForm theme=None parents save/>
    }
}

#[component]
fn ThemeRow(theme: ThemeView) -> impl IntoView {
    let keywords = [
        ("EN", &theme.keywords_en),
        ("ES", &theme.keywords_es),
        ("RU", &theme.keywords_ru),
    ]
    .into_iter()
    .filter(|(_, k)| !k.is_empty())
    .map(|(code, k)| format!("{code}: {k}"))
    .collect::<Vec<_>>()
    .join(" · ");
    let search = format!("/staff/search?theme={}", theme.id);
    view! {
        <tr id=format!("theme-{}", theme.id)>
            <th scope="row">
                <Swatch colour=theme.colour.clone()/>
                {theme.full_name.clone()}
            </th>
            <td>{theme.description.clone()}</td>
            <td>{keywords}</td>
            <td><a href=search>{t_count("count.items", theme.tagged.unsigned_abs())}<span class="visually-hidden">{format!(": {}", theme.full_name)}</span></a></td>
            <td><a href=format!("/staff/themes/{}", theme.id)>{t("themes.edit")}<span class="visually-hidden">{format!(": {}", theme.full_name)}</span></a></td>
        </tr>
    }
}

/// The form for a new theme (`theme` none) or for changing one.
#[component]
fn ThemeForm(
    theme: Option<ThemeView>,
    parents: Vec<(i32, String)>,
    save: ServerAction<SaveTheme>,
) -> impl IntoView {
    let error: Signal<Option<AppError>> =
        Signal::derive(move || save.value().get().and_then(Result::err));
    let id = theme.as_ref().map(|t| t.id);
    let current = |f: fn(&ThemeView) -> String| theme.as_ref().map(f);
    let (name, description, keywords_en, keywords_es, keywords_ru) = (
        current(|t| t.name.clone()).unwrap_or_default(),
        current(|t| t.description.clone()).unwrap_or_default(),
        current(|t| t.keywords_en.clone()).unwrap_or_default(),
        current(|t| t.keywords_es.clone()).unwrap_or_default(),
        current(|t| t.keywords_ru.clone()).unwrap_or_default(),
    );
    let colour = current(|t| t.colour.clone()).unwrap_or_else(|| "#1d6fa5".into());
    let editing = theme.is_some();
    let parent_now = theme.as_ref().and_then(|t| t.parent);
    let kept_parent = move || {
        error
            .get()
            .and_then(|e| e.form().and_then(|f| f.kept("parent").map(str::to_string)))
            .or_else(|| parent_now.map(|p| p.to_string()))
            .unwrap_or_default()
    };
    let parent_error = move || {
        error.get().and_then(|e| {
            e.form()
                .and_then(|f| f.for_field("parent").map(str::to_string))
        })
    };
    view! {
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.map(|i| i.to_string()).unwrap_or_default()/>
            <TextField name="name" label_key="themes.name" required=true error initial=name/>
            <TextArea name="description" label_key="themes.description" max_chars=500 rows=3 error initial=description/>
            <div class="field" class:field-invalid=move || parent_error().is_some()>
                <label for="field-parent">{t("themes.parent")}</label>
                {move || parent_error().map(|m| view! { <p class="field-error" id="field-parent-error">{t(&m)}</p> })}
                <select id="field-parent" name="parent" aria-describedby=move || parent_error().map(|_| "field-parent-error")>
                    <option value="">{t("themes.no_parent")}</option>
                    {parents.into_iter().filter(|(p, _)| Some(*p) != id).map(|(p, name)| {
                        let value = p.to_string();
                        let chosen = value.clone();
                        view! { <option value=value selected=move || kept_parent() == chosen>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField name="colour" label_key="themes.colour" input_type="color" hint_key="themes.colour_hint" error initial=colour/>
            <TextArea name="keywords_en" label_key="themes.keywords_en" hint_key="themes.keywords_hint" max_chars=500 rows=2 error initial=keywords_en/>
            <TextArea name="keywords_es" label_key="themes.keywords_es" max_chars=500 rows=2 error initial=keywords_es/>
            <TextArea name="keywords_ru" label_key="themes.keywords_ru" max_chars=500 rows=2 error initial=keywords_ru/>
            <button type="submit" class="button">{if editing { t("themes.save") } else { t("themes.add") }}</button>
        </ActionForm>
    }
}

#[component]
pub fn StaffThemePage() -> impl IntoView {
    let save = ServerAction::<SaveTheme>::new();
    let params = use_params_map();
    let list = Resource::new(move || save.version().get(), |_| codebook());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let id: Option<i32> = params.read_untracked().get("id").and_then(|i| i.parse().ok());
                let here = format!("/staff/themes/{}", id.unwrap_or_default());
                staff_gate(list.await, &here, move |list| {
                    let parents: Vec<(i32, String)> = list.themes.iter().filter(|t| t.parent.is_none()).map(|t| (t.id, t.name.clone())).collect();
                    match list.themes.into_iter().find(|t| Some(t.id) == id) {
                        Some(theme) => view! {
                            <Title text=t_with("themes.edit_title", &[("theme", theme.full_name.clone())])/>
                            <p><a href="/staff/themes">{t("themes.back")}</a></p>
                            <h1>{t_with("themes.edit_title", &[("theme", theme.full_name.clone())])}</h1>
                            <ThemeForm theme=Some(theme) parents save/>
                        }.into_any(),
                        None => view! { <crate::pages::not_found::NotFoundPage/> }.into_any(),
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffSuggestionsPage() -> impl IntoView {
    let decide = ServerAction::<DecideSuggestion>::new();
    let queue = Resource::new(move || decide.version().get(), |_| suggestions());
    view! {
        <Title text=t("suggestions.title")/>
        <p><a href="/staff/themes">{t("themes.back")}</a></p>
        <h1>{t("suggestions.title")}</h1>
        <p class="lead">{t("suggestions.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(queue.await, "/staff/themes/suggestions", move |queue| view! { <Queue queue decide/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Queue(queue: Vec<SuggestionView>, decide: ServerAction<DecideSuggestion>) -> impl IntoView {
    let query = use_query_map();
    let done = move || {
        query.read().get("done").map(|d| {
            if d == "confirmed" {
                t("suggestions.confirmed")
            } else {
                t("suggestions.dismissed")
            }
        })
    };
    view! {
        {move || done().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {if queue.is_empty() {
            view! { <p>{t("suggestions.none")}</p> }.into_any()
        } else {
            view! {
                <ol class="search-results">
                    {queue.into_iter().map(|s| view! { <Suggested s decide/> }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

#[component]
fn Suggested(s: SuggestionView, decide: ServerAction<DecideSuggestion>) -> impl IntoView {
    let locale = use_locale();
    let ThemeChip {
        id: theme_id,
        name,
        colour,
    } = s.theme.clone();
    let heading = format!("suggestion-{}-{}", theme_id, s.item);
    let kind = FeedbackKind::parse(&s.kind)
        .map(|k| t(k.label_key()))
        .unwrap_or_default();
    let group = StakeholderGroup::parse(&s.group)
        .map(|g| t(g.label_key()))
        .unwrap_or_else(|| t("transparency.group_unknown"));
    let language = Locale::from_code(&s.language).unwrap_or_default();
    // The start of the text tells one "Confirm" from the next in a list of buttons.
    let opening: String = s
        .pieces
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<String>()
        .chars()
        .take(40)
        .collect();
    let name = format!("{name}, “{opening}…”");
    let button = move |decision: &'static str,
                       label: &'static str,
                       class: &'static str,
                       name: String| {
        view! {
            <ActionForm action=decide attr:class="inline-form">
                <input type="hidden" name="theme" value=theme_id/>
                <input type="hidden" name="item" value=s.item/>
                <input type="hidden" name="decision" value=decision/>
                <button type="submit" class=class>{t(label)}<span class="visually-hidden">{format!(": {name}")}</span></button>
            </ActionForm>
        }
    };
    view! {
        <li class="search-hit" aria-labelledby=heading.clone()>
            <h2 id=heading.clone() class="h3">
                <Swatch colour=colour.clone()/>
                {t_with("suggestions.offer", &[("theme", s.theme.name.clone())])}
            </h2>
            <p class="hit-facts">{format!("{kind} · {group} · {} · {}", language.native_name(), format_date(locale, &s.date))}</p>
            <blockquote lang=language.code()>
                {s.pieces.into_iter().map(|(text, marked)| {
                    if marked { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() }
                }).collect_view()}
            </blockquote>
            <div class="row-actions">
                {button("confirm", "suggestions.confirm", "button", name.clone())}
                {button("dismiss", "suggestions.dismiss", "button button-secondary", name.clone())}
            </div>
        </li>
    }
}
