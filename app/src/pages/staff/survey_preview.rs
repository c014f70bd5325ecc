//! The survey as a respondent sees it, every page in order with the condition that shows it; and
//! the pages and questions as TOML for advanced use (import and export in the content-pack format).

use crate::api::survey_builder::{SaveSurveyToml, SurveyEditorView, survey_editor};
use crate::components::form::{ErrorSummary, TextArea};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_with};
use crate::pages::staff::survey_structure::condition_text;
use crate::pages::survey_question::QuestionField;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn survey_id() -> i32 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[component]
pub fn SurveyPreviewPage() -> impl IntoView {
    let id = survey_id();
    let editor = Resource::new(|| (), move |_| survey_editor(id));
    let here = format!("/staff/surveys/{id}/preview");
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    staff_gate(editor.await, &here, |editor| view! { <Preview editor/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn Preview(editor: SurveyEditorView) -> impl IntoView {
    let no_error = Signal::derive(|| None);
    let total = editor.pages.len();
    let pages = editor.pages.clone();
    view! {
        <Title text=format!("{} | {}", t("builder.preview"), editor.title)/>
        <p><a href=format!("/staff/surveys/{}/edit", editor.id)>{t_with("builder.back_to_survey", &[("title", editor.title.clone())])}</a></p>
        <p class="eyebrow">{t("builder.preview")}</p>
        <h1>{editor.title.clone()}</h1>
        <p class="notice-box">{t("builder.preview_note")}</p>
        {editor.pages.iter().enumerate().map(|(index, page)| {
            let progress = t_with("surveys.progress", &[("number", (index + 1).to_string()), ("total", total.to_string())]);
            let condition = page.show_if.as_ref().map(|c| condition_text(&pages, c));
            let heading_id = format!("preview-page-{}", index + 1);
            view! {
                <section class="preview-page" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>{page.title.clone()}</h2>
                    <p>{progress}</p>
                    {condition.map(|text| view! { <p class="hint">{text}</p> })}
                    <div class="stacked-form">
                        {page.questions.iter().filter(|q| !q.closed).cloned().map(|question| view! {
                            <QuestionField question answers=Default::default() error=no_error/>
                        }).collect_view()}
                    </div>
                </section>
            }
        }).collect_view()}
    }
}

#[component]
pub fn SurveyTomlPage() -> impl IntoView {
    let id = survey_id();
    let save = ServerAction::<SaveSurveyToml>::new();
    let editor = Resource::new(move || save.version().get(), move |_| survey_editor(id));
    let here = format!("/staff/surveys/{id}/toml");
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    staff_gate(editor.await, &here, move |editor| view! { <TomlEditor editor save/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn TomlEditor(editor: SurveyEditorView, save: ServerAction<SaveSurveyToml>) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let problems = move || {
        error.get().and_then(|e| {
            e.form()
                .and_then(|f| f.kept("definition_problems").map(str::to_string))
        })
    };
    let saved = move || {
        query
            .read()
            .get("saved")
            .map(|_| t("staff.surveys.editor.saved"))
    };
    view! {
        <Title text=format!("{} | {}", t("builder.toml.title"), editor.title)/>
        <p><a href=format!("/staff/surveys/{}/edit", editor.id)>{t_with("builder.back_to_survey", &[("title", editor.title.clone())])}</a></p>
        <h1>{t("builder.toml.title")}</h1>
        <p role="status">{saved}</p>
        <p>{t("staff.surveys.editor.questions_help")}</p>
        <ErrorSummary error/>
        {move || problems().map(|p| view! {
            <ul class="field-error">{p.lines().map(|l| view! { <li>{l.to_string()}</li> }).collect_view()}</ul>
        })}
        <ActionForm action=save attr:class="stacked-form wide-form" attr:novalidate=true>
            <input type="hidden" name="id" value=editor.id/>
            <TextArea name="definition" label_key="staff.surveys.editor.definition" hint_key="staff.surveys.editor.definition_hint" max_chars=100000 rows=30 required=true error initial=editor.definition.clone()/>
            <button type="submit" class="button">{t("builder.toml.save")}</button>
        </ActionForm>
    }
}
