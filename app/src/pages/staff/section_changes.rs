//! "You said, we did" for staff: a version's changed passages, and for each one the City's
//! explanation in three languages with the comments and themes that prompted it.

use crate::api::change_responses::{
    ChangeEditor, ChangesOverview, RemoveChangeExplanation, SaveChangeExplanation,
    get_change_editor, get_changes_overview,
};
use crate::components::form::{ErrorSummary, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_count, t_with};
use crate::pages::comments::group_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Longest explanation in any language (the server checks the same).
const MAX_EXPLANATION_CHARS: usize = 1_500;

fn version_params() -> impl Fn() -> (String, i32) + Copy {
    let params = use_params_map();
    move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("number")
                .and_then(|n| n.parse::<i32>().ok())
                .unwrap_or(0),
        )
    }
}

#[component]
pub fn SectionChangesPage() -> impl IntoView {
    let at = version_params();
    let overview = Resource::new(at, |(slug, number)| get_changes_overview(slug, number));
    view! {
        <p><a href=move || format!("/staff/sections/{}", at().0)>{t("sections.back_to_editor")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let (slug, number) = at();
                let here = format!("/staff/sections/{slug}/versions/{number}");
                staff_gate(overview.await, &here, |overview| view! { <Overview overview/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Overview(overview: ChangesOverview) -> impl IntoView {
    let query = use_query_map();
    let heading = t_with(
        "changes.staff.title",
        &[
            ("number", overview.number.to_string()),
            ("section", overview.title.clone()),
        ],
    );
    let status = move || {
        let q = query.read();
        if let Some(n) = q.get("saved").and_then(|n| n.parse::<u64>().ok()) {
            Some(t_count("changes.staff.saved", n))
        } else {
            q.get("removed").map(|_| t("changes.staff.removed"))
        }
    };
    let base = format!(
        "/staff/sections/{}/versions/{}",
        overview.slug, overview.number
    );
    let public = format!("/strategy/{}/versions/{}", overview.slug, overview.number);
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        <p>{t("changes.staff.intro")}</p>
        <p><a href=public>{t("changes.staff.public_page")}</a></p>
        <p role="status">{status}</p>
        <table class="data-table">
            <caption>{t("changes.staff.caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("changes.passage")}</th>
                    <th scope="col">{t("changes.staff.state")}</th>
                    <th scope="col">{t("changes.staff.action")}</th>
                </tr>
            </thead>
            <tbody>
                {overview.passages.into_iter().map(|row| {
                    let text = if row.text.is_empty() { t("changes.whole_section") } else { row.text.clone() };
                    let state = if row.explained {
                        t_count("changes.staff.explained", row.comments as u64)
                    } else {
                        t("changes.staff.not_explained")
                    };
                    let action = if row.explained { t("changes.staff.edit") } else { t("changes.staff.explain") };
                    let label = format!("{action}: {}", text.chars().take(60).collect::<String>());
                    view! {
                        <tr>
                            <td lang=(!row.text.is_empty()).then_some("en")>{text}</td>
                            <td>{state}</td>
                            <td><a href=format!("{base}/{}", row.key) aria-label=label>{action}</a></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn SectionChangeEditorPage() -> impl IntoView {
    let at = version_params();
    let params = use_params_map();
    let passage = move || params.read().get("passage").unwrap_or_default();
    let save = ServerAction::<SaveChangeExplanation>::new();
    let remove = ServerAction::<RemoveChangeExplanation>::new();
    let editor = Resource::new(
        move || {
            (
                at(),
                passage(),
                save.version().get(),
                remove.version().get(),
            )
        },
        |((slug, number), passage, ..)| get_change_editor(slug, number, passage),
    );
    view! {
        <p><a href=move || { let (slug, number) = at(); format!("/staff/sections/{slug}/versions/{number}") }>{t("changes.staff.back")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let (slug, number) = at();
                let here = format!("/staff/sections/{slug}/versions/{number}/{}", passage());
                staff_gate(editor.await, &here, move |editor| view! { <Editor editor save remove/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Editor(
    editor: ChangeEditor,
    save: ServerAction<SaveChangeExplanation>,
    remove: ServerAction<RemoveChangeExplanation>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let heading = t_with(
        "changes.staff.editor_title",
        &[
            ("number", editor.number.to_string()),
            ("section", editor.title.clone()),
        ],
    );
    let kept = move |field: String, was: bool| {
        move || match error.get().and_then(|e| e.form().cloned()) {
            Some(form) => form.kept(&field).is_some(),
            None => was,
        }
    };
    let hidden = (
        editor.slug.clone(),
        editor.number.to_string(),
        editor.key.clone(),
    );
    let removal = editor.exists.then(|| {
        let (slug, number, key) = hidden.clone();
        view! {
            <ActionForm action=remove>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="number" value=number/>
                <input type="hidden" name="passage" value=key/>
                <button type="submit" class="button button-secondary">{t("changes.staff.remove")}</button>
            </ActionForm>
        }
    });
    let (slug, number, key) = hidden;
    view! {
        <Title text=heading.clone()/>
        <h1>{heading}</h1>
        {if editor.passage.is_empty() {
            view! { <p>{t("changes.whole_section")}</p> }.into_any()
        } else {
            view! {
                <figure class="changed-passage">
                    <figcaption>{t("changes.passage")}</figcaption>
                    <blockquote lang="en"><p>{editor.passage.clone()}</p></blockquote>
                </figure>
            }.into_any()
        }}
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="number" value=number/>
            <input type="hidden" name="passage" value=key/>
            <TextArea name="explanation_en" label_key="field.change_explanation_en.label" hint_key="field.change_explanation.hint" required=true max_chars=MAX_EXPLANATION_CHARS rows=4 error initial=editor.explanation_en.clone()/>
            <TextArea name="explanation_es" label_key="field.change_explanation_es.label" max_chars=MAX_EXPLANATION_CHARS rows=4 error initial=editor.explanation_es.clone()/>
            <TextArea name="explanation_ru" label_key="field.change_explanation_ru.label" max_chars=MAX_EXPLANATION_CHARS rows=4 error initial=editor.explanation_ru.clone()/>
            <fieldset class="field" id="field-comments">
                <legend>{t("changes.staff.comments_legend")}</legend>
                <p class="hint">{t("changes.staff.comments_hint")}</p>
                {editor.candidates.is_empty().then(|| view! { <p>{t("changes.staff.no_comments")}</p> })}
                {editor.candidates.into_iter().enumerate().map(|(n, c)| {
                    let id = format!("comment-box-{}", c.id);
                    let ticked = kept(format!("comments_{}", c.id), c.linked);
                    let body: String = c.body.chars().take(280).collect();
                    view! {
                        <div class="choice candidate">
                            <input type="checkbox" id=id.clone() name=format!("comments[{n}]") value=c.id checked=ticked/>
                            <label for=id>
                                <strong>{c.reference.clone()}</strong> " · " {group_label(&c.stakeholder_group, &None)}
                                {c.on_changed_text.then(|| view! { " · " <em>{t("changes.staff.on_changed_text")}</em> })}
                                <span class="candidate-text">{body}</span>
                            </label>
                            {c.paragraph_text.map(|p| view! {
                                <p class="hint">{t("changes.staff.on_paragraph")} " " <q lang="en">{p.chars().take(160).collect::<String>()}</q></p>
                            })}
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <TextField name="comment_references" label_key="field.change_comments.label" hint_key="field.change_comments.hint" error/>
            <fieldset class="field" id="field-themes">
                <legend>{t("changes.staff.themes_legend")}</legend>
                {editor.themes.is_empty().then(|| view! { <p>{t("changes.staff.no_themes")}</p> })}
                {editor.themes.into_iter().enumerate().map(|(n, (id, name, linked))| {
                    let box_id = format!("theme-box-{id}");
                    let ticked = kept(format!("themes_{id}"), linked);
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=box_id.clone() name=format!("themes[{n}]") value=id checked=ticked/>
                            <label for=box_id>{name}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t("changes.staff.save")}</button>
        </ActionForm>
        {removal}
    }
}
