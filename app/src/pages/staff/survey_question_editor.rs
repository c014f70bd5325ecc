//! One question in the survey builder: its wording, type, limits and rules, and its options
//! (added, renamed, moved, removed one form at a time).

use crate::api::survey_builder::{SurveyEditorView, survey_editor};
use crate::api::survey_structure::{
    AddSurveyOption, EditSurveyQuestion, MoveSurveyOption, RemoveSurveyOption, RenameSurveyOption,
};
use crate::components::form::{ErrorSummary, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::survey::build::{QUESTION_TYPES, options_of};
use crate::domain::survey::{Question, QuestionKind};
use crate::error::AppError;
use crate::i18n::{t, t_with};
use crate::pages::staff::survey_structure::{button_form, type_label_key};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The actions of the question page, made by the page so that its data reloads after each one.
#[derive(Clone, Copy)]
struct QuestionActions {
    edit: ServerAction<EditSurveyQuestion>,
    add: ServerAction<AddSurveyOption>,
    rename: ServerAction<RenameSurveyOption>,
    reorder: ServerAction<MoveSurveyOption>,
    remove: ServerAction<RemoveSurveyOption>,
}

#[component]
pub fn SurveyQuestionEditorPage() -> impl IntoView {
    let actions = QuestionActions {
        edit: ServerAction::new(),
        add: ServerAction::new(),
        rename: ServerAction::new(),
        reorder: ServerAction::new(),
        remove: ServerAction::new(),
    };
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let key = move || params.read().get("key").unwrap_or_default();
    let editor = Resource::new(
        move || {
            (
                id(),
                key(),
                actions.edit.version().get()
                    + actions.add.version().get()
                    + actions.rename.version().get()
                    + actions.reorder.version().get()
                    + actions.remove.version().get(),
            )
        },
        |(id, _, _)| survey_editor(id),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let key = key();
                let here = format!("/staff/surveys/{}/questions/{key}", id());
                staff_gate(editor.await, &here, move |editor| {
                    let question = editor
                        .pages
                        .iter()
                        .flat_map(|p| p.questions.iter())
                        .find(|q| q.key == key)
                        .cloned();
                    match question {
                        Some(question) => view! { <QuestionEditor editor question actions/> }.into_any(),
                        None => crate::components::error_view::not_found_view(),
                    }
                })
            })}
        </Suspense>
    }
}

fn checkbox(
    name: &'static str,
    label_key: &'static str,
    initially: bool,
    error: Signal<Option<AppError>>,
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

fn number(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The fields that only some types have, filled with the question's settings.
fn type_fields(question: &Question, error: Signal<Option<AppError>>) -> AnyView {
    match &question.kind {
        QuestionKind::SingleChoice { other, .. } => {
            checkbox("other", "builder.question.other", *other, error).into_any()
        }
        QuestionKind::MultipleChoice {
            other, min, max, ..
        } => view! {
            {checkbox("other", "builder.question.other", *other, error)}
            <TextField name="min" label_key="builder.question.min_choices" input_type="number" error initial=number(*min)/>
            <TextField name="max" label_key="builder.question.max_choices" input_type="number" error initial=number(*max)/>
        }
        .into_any(),
        QuestionKind::Number { min, max } => view! {
            <TextField name="min" label_key="builder.question.min_number" input_type="number" error initial=number(*min)/>
            <TextField name="max" label_key="builder.question.max_number" input_type="number" error initial=number(*max)/>
        }
        .into_any(),
        QuestionKind::Rating {
            min,
            max,
            min_label,
            max_label,
        } => view! {
            <TextField name="min" label_key="builder.question.scale_from" input_type="number" error initial=min.to_string()/>
            <TextField name="min_label" label_key="builder.question.scale_from_label" error initial=min_label.clone()/>
            <TextField name="max" label_key="builder.question.scale_to" input_type="number" error initial=max.to_string()/>
            <TextField name="max_label" label_key="builder.question.scale_to_label" error initial=max_label.clone()/>
        }
        .into_any(),
        QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => view! {
            <TextField name="max_chars" label_key="builder.question.max_chars" input_type="number" error initial=max_chars.to_string()/>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
fn QuestionEditor(
    editor: SurveyEditorView,
    question: Question,
    actions: QuestionActions,
) -> impl IntoView {
    let query = use_query_map();
    let saved = move || query.read().get("saved").map(|_| t("builder.saved"));
    let edit_error = Signal::derive(move || actions.edit.value().get().and_then(Result::err));
    let option_error = Signal::derive(move || {
        [
            actions.add.value().get(),
            actions.rename.value().get(),
            actions.reorder.value().get(),
            actions.remove.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    });
    let add_error = Signal::derive(move || actions.add.value().get().and_then(Result::err));
    let id = editor.id;
    let answered = editor.answered.contains(&question.key);
    let key = question.key.clone();
    let kind_name = question.kind.name();
    let kind_chosen = move || {
        edit_error
            .get()
            .and_then(|e| e.form().and_then(|f| f.kept("kind").map(str::to_string)))
            .unwrap_or_else(|| kind_name.to_string())
    };
    let options = options_of(&question.kind);
    let option_count = options.len();
    let heading = t_with(
        "builder.question.heading",
        &[("question", question.prompt.clone())],
    );
    let page_number = editor
        .pages
        .iter()
        .position(|p| p.questions.iter().any(|q| q.key == key))
        .map(|i| i + 1)
        .unwrap_or(1);
    let add_key = key.clone();
    let options_section = (!options.is_empty()).then(|| view! {
            <section aria-labelledby="options-heading">
                <h2 id="options-heading">{t("builder.options.heading")}</h2>
                <ErrorSummary error=option_error/>
                <ol class="builder-options">
                    {options.into_iter().enumerate().map(|(index, option)| {
                        let field = format!("option-{}", option.key);
                        let input_id = format!("field-{field}");
                        // A memo is Copy, so both the message and aria-invalid can read it.
                        let message = Memo::new(move |_| {
                            option_error.get().and_then(|e| e.form().and_then(|f| f.for_field(&field).map(str::to_string)))
                        });
                        let fields = |direction: Option<&str>| {
                            let mut fields = vec![("id", id.to_string()), ("question", key.clone()), ("option", option.key.clone())];
                            if let Some(direction) = direction {
                                fields.push(("direction", direction.to_string()));
                            }
                            fields
                        };
                        let named = |action_key: &str| t_with(action_key, &[("option", option.label.clone())]);
                        let label_text = t_with("builder.options.label", &[("number", (index + 1).to_string())]);
                        let save_label = named("builder.options.save");
                        let (question_key, option_key) = (key.clone(), option.key.clone());
                        let up = (index > 0).then(|| button_form!(actions.reorder, fields(Some("up")), named("builder.options.move_up")));
                        let down = (index + 1 < option_count).then(|| button_form!(actions.reorder, fields(Some("down")), named("builder.options.move_down")));
                        let remove = (!answered).then(|| button_form!(actions.remove, fields(None), named("builder.options.remove")));
                        let label = option.label.clone();
                        view! {
                            <li class="builder-option" id=format!("option-{}", option.key)>
                                <ActionForm action=actions.rename attr:class="inline-form" attr:novalidate=true>
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="question" value=question_key/>
                                    <input type="hidden" name="option" value=option_key/>
                                    <label for=input_id.clone()>{label_text}</label>
                                    {move || message.get().map(|m| view! { <p class="field-error">{t(&m)}</p> })}
                                    <input type="text" id=input_id name="label" value=label aria-invalid=move || message.get().is_some().then_some("true")/>
                                    <button type="submit" class="button button-small">{save_label}</button>
                                </ActionForm>
                                <div class="button-row">{up}{down}{remove}</div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <ActionForm action=actions.add attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="question" value=add_key/>
                    <TextField name="label" label_key="builder.options.new" error=add_error/>
                    <button type="submit" class="button">{t("builder.options.add")}</button>
                </ActionForm>
            </section>
    });
    view! {
        <Title text=format!("{heading} | {}", editor.title)/>
        <p><a href=format!("/staff/surveys/{id}/edit#question-{key}")>{t_with("builder.back_to_survey", &[("title", editor.title.clone())])}</a></p>
        <h1>{heading}</h1>
        <p>{t_with("builder.question.on_page", &[("number", page_number.to_string())])}</p>
        <p role="status">{saved}</p>
        {answered.then(|| view! { <p class="notice-box">{t("builder.question.answered")}</p> })}
        <ErrorSummary error=edit_error/>
        <ActionForm action=actions.edit attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="question" value=key.clone()/>
            <TextArea name="prompt" label_key="builder.question.prompt" required=true max_chars=500 rows=2 error=edit_error initial=question.prompt.clone()/>
            <TextArea name="help" label_key="builder.question.help" hint_key="builder.question.help_hint" max_chars=1000 rows=2 error=edit_error initial=question.help.clone().unwrap_or_default()/>
            {if answered {
                view! {
                    <input type="hidden" name="kind" value=kind_name/>
                    <input type="hidden" name="key" value=key.clone()/>
                    <p>{t("builder.question.kind")} ": " {t(&type_label_key(kind_name))} " · " <code>{key.clone()}</code></p>
                }.into_any()
            } else {
                view! {
                    <div class="field">
                        <label for="field-kind">{t("builder.question.kind")}</label>
                        <p class="hint" id="field-kind-hint">{t("builder.question.kind_change_hint")}</p>
                        <select id="field-kind" name="kind" aria-describedby="field-kind-hint">
                            {QUESTION_TYPES.into_iter().map(|name| view! {
                                <option value=name selected=move || kind_chosen() == name>{t(&type_label_key(name))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextField name="key" label_key="builder.question.key" hint_key="builder.question.key_hint" error=edit_error initial=key.clone()/>
                }.into_any()
            }}
            {checkbox("required", "builder.question.required", question.required, edit_error)}
            {checkbox("closed", "builder.question.closed", question.closed, edit_error)}
            {type_fields(&question, edit_error)}
            <button type="submit" class="button">{t("builder.question.save")}</button>
        </ActionForm>
        {options_section}
    }
}
