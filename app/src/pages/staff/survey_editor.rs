//! The survey builder's front page: the settings form, then the pages and questions as forms
//! (survey_structure.rs); links to the preview, paper responses and the TOML for advanced use.

use crate::api::survey_builder::{SaveSurvey, SurveyEditorView, survey_editor};
use crate::api::survey_structure::DuplicateSurvey;
use crate::components::form::{ErrorSummary, RadioGroup, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_count, t_with};
use crate::pages::staff::survey_structure::{StructureActions, SurveyStructure};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffSurveyEditorPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveSurvey>::new();
    let actions = StructureActions::create();
    let editor = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i32>().ok())
                    .unwrap_or(0),
                save.version().get() + actions.version(),
            )
        },
        |(id, _)| survey_editor(id),
    );
    let here = move || {
        format!(
            "/staff/surveys/{}/edit",
            params.read().get("id").unwrap_or_default()
        )
    };
    view! {
        <p><a href="/staff/surveys">{t("staff.surveys.title")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = here();
                staff_gate(editor.await, &here, move |editor| view! { <Editor editor save actions/> }.into_any())
            })}
        </Suspense>
    }
}

fn flag(
    name: &'static str,
    label_key: &'static str,
    initially: bool,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let checked = move || match error.get().and_then(|e| e.form().cloned()) {
        Some(form) => form.kept(name).is_some(),
        None => initially,
    };
    view! {
        <div class="field choice">
            <input type="checkbox" id=id.clone() name=name checked=checked/>
            <label for=id>{t(label_key)}</label>
        </div>
    }
}

#[component]
fn Editor(
    editor: SurveyEditorView,
    save: ServerAction<SaveSurvey>,
    actions: StructureActions,
) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let duplicate = ServerAction::<DuplicateSurvey>::new();
    let saved = move || {
        query
            .read()
            .get("saved")
            .map(|_| t("staff.surveys.editor.saved"))
    };
    let statuses = vec![
        ("draft", "staff.surveys.status.draft"),
        ("open", "staff.surveys.status.open"),
        ("closed", "staff.surveys.status.closed"),
    ];
    let status: &'static str = match editor.status.as_str() {
        "open" => "open",
        "closed" => "closed",
        _ => "draft",
    };
    let answered = if editor.answered.is_empty() {
        t("staff.surveys.editor.none_answered")
    } else {
        t_with(
            "staff.surveys.editor.answered",
            &[("keys", editor.answered.join(", "))],
        )
    };
    let structure = view! { <SurveyStructure editor=editor.clone() actions/> };
    view! {
        <Title text=format!("{} | {}", t("staff.surveys.editor.title"), editor.title)/>
        <h1>{t("staff.surveys.editor.title")} ": " {editor.title.clone()}</h1>
        <p role="status">{saved}</p>
        <p>
            <a href=format!("/surveys/{}", editor.slug)>{t("staff.events.public_page")}</a>
            " · "
            <a href=format!("/staff/surveys/{}/results", editor.id)>{t("staff.surveys.results")}</a>
            " · "
            <a href=format!("/staff/surveys/{}/preview", editor.id)>{t("builder.preview")}</a>
            " · "
            <a href=format!("/staff/surveys/{}/paper", editor.id)>{t("paper.title")}</a>
            " · "
            <a href=format!("/staff/surveys/{}/toml", editor.id)>{t("builder.toml.link")}</a>
            " · "
            {t_count("staff.surveys.editor.responses", editor.responses)}
        </p>
        <ActionForm action=duplicate attr:class="inline-form">
            <input type="hidden" name="id" value=editor.id/>
            <button type="submit" class="button button-secondary">{t("builder.duplicate")}</button>
        </ActionForm>
        <h2>{t("builder.settings")}</h2>
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form wide-form" attr:novalidate=true>
            <input type="hidden" name="id" value=editor.id/>
            <TextField name="title" label_key="staff.events.field.title" required=true error initial=editor.title.clone()/>
            <TextField name="audience" label_key="staff.surveys.editor.audience" hint_key="staff.surveys.editor.audience_hint" error initial=editor.audience.clone()/>
            <TextArea name="intro" label_key="staff.surveys.editor.intro" hint_key="staff.events.field.description_hint" max_chars=5000 rows=5 error initial=editor.intro.clone()/>
            <TextField name="opens_on" label_key="staff.surveys.editor.opens_on" input_type="date" error initial=editor.opens_on.clone()/>
            <TextField name="closes_on" label_key="staff.surveys.editor.closes_on" input_type="date" hint_key="staff.surveys.editor.closes_on_hint" error initial=editor.closes_on.clone()/>
            <RadioGroup name="status" legend_key="staff.surveys.editor.status" options=statuses default_value=status error/>
            {flag("ask_contact", "staff.surveys.editor.ask_contact", editor.ask_contact, error)}
            {flag("one_per_browser", "staff.surveys.editor.one_per_browser", editor.one_per_browser, error)}
            <button type="submit" class="button">{t("staff.surveys.editor.save")}</button>
        </ActionForm>
        <p><strong>{answered}</strong></p>
        {structure}
    }
}
