//! The survey builder's forms: the pages and questions at a glance with buttons to move and
//! remove them, and a page's own editor (title, the condition that shows it, adding a question).
//! Every button is its own small form, so each works without JavaScript.

use crate::api::survey_builder::{SurveyEditorView, survey_editor};
use crate::api::survey_structure::{
    AddSurveyPage, AddSurveyQuestion, EditSurveyPage, MoveSurveyPage, MoveSurveyQuestion,
    RemoveSurveyPage, RemoveSurveyQuestion,
};
use crate::components::form::{ErrorSummary, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::survey::build::QUESTION_TYPES;
use crate::domain::survey::{Condition, SurveyPage};
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The i18n key of a question type's name; its description is under `<key>_hint`.
pub fn type_label_key(name: &str) -> String {
    format!("builder.type.{name}")
}

/// "Shown only when “Do you own a business?” is answered “Yes”."
pub fn condition_text(pages: &[SurveyPage], condition: &Condition) -> String {
    let question = pages
        .iter()
        .flat_map(|p| p.questions.iter())
        .find(|q| q.key == condition.question);
    let prompt = question.map(|q| q.prompt.clone()).unwrap_or_default();
    let answer = question
        .and_then(|q| {
            q.kind
                .choices()
                .into_iter()
                .find(|c| c.key == condition.equals)
        })
        .map(|c| c.label)
        .unwrap_or_else(|| condition.equals.clone());
    t_with(
        "builder.condition.shown_when",
        &[("question", prompt), ("answer", answer)],
    )
}

/// A small form holding one button (move, remove) with its hidden inputs. A macro because
/// `ActionForm`'s bounds on the server function are too long to spell out in a generic function.
macro_rules! button_form {
    ($action:expr, $fields:expr, $label:expr) => {{
        let fields: Vec<(&'static str, String)> = $fields;
        // ActionForm's children are a 'static closure: they take owned values.
        let label: String = $label;
        view! {
            <ActionForm action=$action attr:class="inline-form">
                {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <button type="submit" class="button button-secondary button-small">{label}</button>
            </ActionForm>
        }
    }};
}
pub(crate) use button_form;

/// The overview's actions, made by the page so that its data reloads after each one.
#[derive(Clone, Copy)]
pub struct StructureActions {
    pub move_page: ServerAction<MoveSurveyPage>,
    pub remove_page: ServerAction<RemoveSurveyPage>,
    pub move_question: ServerAction<MoveSurveyQuestion>,
    pub remove_question: ServerAction<RemoveSurveyQuestion>,
    pub add_page: ServerAction<AddSurveyPage>,
}

impl StructureActions {
    pub fn create() -> Self {
        StructureActions {
            move_page: ServerAction::new(),
            remove_page: ServerAction::new(),
            move_question: ServerAction::new(),
            remove_question: ServerAction::new(),
            add_page: ServerAction::new(),
        }
    }

    /// Changes whenever one of them has run.
    pub fn version(&self) -> usize {
        self.move_page.version().get()
            + self.remove_page.version().get()
            + self.move_question.version().get()
            + self.remove_question.version().get()
            + self.add_page.version().get()
    }
}

/// The pages and questions of a survey, in order, with what each button does named in full.
#[component]
pub fn SurveyStructure(editor: SurveyEditorView, actions: StructureActions) -> impl IntoView {
    let StructureActions {
        move_page,
        remove_page,
        move_question,
        remove_question,
        add_page,
    } = actions;
    let error = Signal::derive(move || {
        [
            move_page.value().get(),
            remove_page.value().get(),
            move_question.value().get(),
            remove_question.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    });
    let add_error = Signal::derive(move || add_page.value().get().and_then(Result::err));
    let id = editor.id;
    let pages = editor.pages.clone();
    let count = pages.len();
    view! {
        <section aria-labelledby="field-structure">
            <h2 id="field-structure" tabindex="-1">{t("builder.heading")}</h2>
            <p>{t("builder.intro")}</p>
            <ErrorSummary error/>
            <ol class="builder-pages">
                {pages.iter().cloned().enumerate().map(|(index, page)| {
                    let number = index + 1;
                    let n = number.to_string();
                    let condition = page.show_if.as_ref().map(|c| condition_text(&pages, c));
                    let page_fields = move || vec![("id", id.to_string()), ("page", index.to_string())];
                    let questions = page.questions.clone();
                    let last_page = index + 1 == count;
                    let page_label = |key: &str| t_with(key, &[("number", number.to_string())]);
                    view! {
                        <li class="builder-page" id=format!("page-{number}")>
                            <h3>{t_with("builder.page_heading", &[("number", n.clone()), ("title", page.title.clone())])}</h3>
                            {condition.map(|text| view! { <p class="hint">{text}</p> })}
                            <div class="button-row">
                                <a class="button button-secondary button-small" href=format!("/staff/surveys/{id}/pages/{number}")>{page_label("builder.page.edit")}</a>
                                {(index > 0).then(|| {
                                    let mut fields = page_fields();
                                    fields.push(("direction", "up".into()));
                                    button_form!(move_page, fields, page_label("builder.page.move_up"))
                                })}
                                {(!last_page).then(|| {
                                    let mut fields = page_fields();
                                    fields.push(("direction", "down".into()));
                                    button_form!(move_page, fields, page_label("builder.page.move_down"))
                                })}
                                {(count > 1).then(|| button_form!(remove_page, page_fields(), page_label("builder.page.remove")))}
                            </div>
                            {questions.is_empty().then(|| view! { <p>{t("builder.page.empty")}</p> })}
                            <ol class="builder-questions">
                                {questions.iter().cloned().enumerate().map(|(position, question)| {
                                    let key = question.key.clone();
                                    let fields = move |direction: Option<&str>| {
                                        let mut fields = vec![("id", id.to_string()), ("question", key.clone())];
                                        if let Some(direction) = direction {
                                            fields.push(("direction", direction.to_string()));
                                        }
                                        fields
                                    };
                                    let named = |action_key: &str| t_with(action_key, &[("question", question.prompt.clone())]);
                                    let first_overall = index == 0 && position == 0;
                                    let last_overall = last_page && position + 1 == questions.len();
                                    view! {
                                        <li class="builder-question" id=format!("question-{}", question.key)>
                                            <p>
                                                <strong>{question.prompt.clone()}</strong>
                                                <br/>
                                                <span class="hint">
                                                    {t(&type_label_key(question.kind.name()))}
                                                    {question.required.then(|| format!(" · {}", t("builder.required")))}
                                                    {question.closed.then(|| format!(" · {}", t("builder.closed")))}
                                                    " · " <code>{question.key.clone()}</code>
                                                </span>
                                            </p>
                                            <div class="button-row">
                                                <a class="button button-secondary button-small" href=format!("/staff/surveys/{id}/questions/{}", question.key)>{named("builder.question.edit")}</a>
                                                {(!first_overall).then(|| button_form!(move_question, fields(Some("up")), named("builder.question.move_up")))}
                                                {(!last_overall).then(|| button_form!(move_question, fields(Some("down")), named("builder.question.move_down")))}
                                                {button_form!(remove_question, fields(None), named("builder.question.remove"))}
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <p><a href=format!("/staff/surveys/{id}/pages/{number}#add-question")>{page_label("builder.page.add_question")}</a></p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <h3>{t("builder.add_page")}</h3>
            <ErrorSummary error=add_error/>
            <ActionForm action=add_page attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="id" value=id/>
                <TextField name="page_title" label_key="builder.page_title" required=true error=add_error/>
                <button type="submit" class="button">{t("builder.add_page")}</button>
            </ActionForm>
        </section>
    }
}

fn route_numbers() -> (i32, usize) {
    let params = use_params_map();
    let read = params.read();
    let id = read.get("id").and_then(|v| v.parse().ok()).unwrap_or(0);
    let number = read.get("page").and_then(|v| v.parse().ok()).unwrap_or(0);
    (id, number)
}

/// One page: its title and condition, its questions, and the form that adds a question.
#[component]
pub fn SurveyPageEditorPage() -> impl IntoView {
    let edit = ServerAction::<EditSurveyPage>::new();
    let add = ServerAction::<AddSurveyQuestion>::new();
    let (id, number) = route_numbers();
    let editor = Resource::new(move || edit.version().get(), move |_| survey_editor(id));
    let here = format!("/staff/surveys/{id}/pages/{number}");
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    staff_gate(editor.await, &here, move |editor| {
                        match number.checked_sub(1).filter(|i| *i < editor.pages.len()) {
                            Some(index) => view! { <PageEditor editor index edit add/> }.into_any(),
                            None => crate::components::error_view::not_found_view(),
                        }
                    })
                })
            }}
        </Suspense>
    }
}

#[component]
fn PageEditor(
    editor: SurveyEditorView,
    index: usize,
    edit: ServerAction<EditSurveyPage>,
    add: ServerAction<AddSurveyQuestion>,
) -> impl IntoView {
    let edit_error = Signal::derive(move || edit.value().get().and_then(Result::err));
    let add_error = Signal::derive(move || add.value().get().and_then(Result::err));
    let page = editor.pages[index].clone();
    let number = (index + 1).to_string();
    let heading = t_with(
        "builder.page_heading",
        &[("number", number.clone()), ("title", page.title.clone())],
    );
    let current = page
        .show_if
        .as_ref()
        .map(|c| format!("{}={}", c.question, c.equals))
        .unwrap_or_default();
    let chosen = Memo::new(move |_| {
        edit_error
            .get()
            .and_then(|e| {
                e.form()
                    .and_then(|f| f.kept("condition").map(str::to_string))
            })
            .unwrap_or_else(|| current.clone())
    });
    let condition_message = move || {
        edit_error.get().and_then(|e| {
            e.form()
                .and_then(|f| f.for_field("condition").map(str::to_string))
        })
    };
    // Only choice questions on earlier pages can decide whether this page is shown.
    let earlier: Vec<(String, Vec<(String, String)>)> = editor.pages[..index]
        .iter()
        .flat_map(|p| p.questions.iter())
        .filter(|q| !q.closed && !q.kind.choices().is_empty())
        .map(|q| {
            let answers = q
                .kind
                .choices()
                .into_iter()
                .map(|c| (format!("{}={}", q.key, c.key), c.label))
                .collect();
            (q.prompt.clone(), answers)
        })
        .collect();
    let id = editor.id;
    let kind_chosen = move || {
        add_error
            .get()
            .and_then(|e| e.form().and_then(|f| f.kept("kind").map(str::to_string)))
            .unwrap_or_else(|| "single_choice".into())
    };
    let kind_message = move || {
        add_error.get().and_then(|e| {
            e.form()
                .and_then(|f| f.for_field("kind").map(str::to_string))
        })
    };
    view! {
        <Title text=format!("{heading} | {}", editor.title)/>
        <p><a href=format!("/staff/surveys/{id}/edit#page-{number}")>{t_with("builder.back_to_survey", &[("title", editor.title.clone())])}</a></p>
        <h1>{heading}</h1>
        <ErrorSummary error=edit_error/>
        <ActionForm action=edit attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="page" value=index/>
            <TextField name="title" label_key="builder.page_title" required=true error=edit_error initial=page.title.clone()/>
            <div class="field" class:field-invalid=move || condition_message().is_some()>
                <label for="field-condition">{t("builder.condition.label")}</label>
                <p class="hint" id="field-condition-hint">{t("builder.condition.hint")}</p>
                {move || condition_message().map(|m| view! { <p class="field-error" id="field-condition-error">{t(&m)}</p> })}
                <select id="field-condition" name="condition" aria-describedby=move || if condition_message().is_some() { "field-condition-hint field-condition-error" } else { "field-condition-hint" }>
                    <option value="" selected=move || chosen.get().is_empty()>{t("builder.condition.always")}</option>
                    {earlier.into_iter().map(|(prompt, answers)| view! {
                        <optgroup label=prompt>
                            {answers.into_iter().map(|(value, label)| {
                                let text = t_with("builder.condition.answer", &[("answer", label)]);
                                let selected = {
                                    let value = value.clone();
                                    move || chosen.get() == value
                                };
                                view! { <option value=value selected=selected>{text}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t("builder.page.save")}</button>
        </ActionForm>
        <h2>{t("builder.page.questions")}</h2>
        {page.questions.is_empty().then(|| view! { <p>{t("builder.page.empty")}</p> })}
        <ul class="link-list">
            {page.questions.iter().map(|q| view! {
                <li><a href=format!("/staff/surveys/{id}/questions/{}", q.key)>{q.prompt.clone()}</a></li>
            }).collect_view()}
        </ul>
        <h2 id="add-question" tabindex="-1">{t("builder.add_question")}</h2>
        <ErrorSummary error=add_error/>
        <ActionForm action=add attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="page" value=index/>
            <TextField name="prompt" label_key="builder.question.prompt" required=true error=add_error/>
            <fieldset class="field" id="field-kind" class:field-invalid=move || kind_message().is_some()>
                <legend>{t("builder.question.kind")}</legend>
                {move || kind_message().map(|m| view! { <p class="field-error">{t(&m)}</p> })}
                {QUESTION_TYPES.into_iter().map(|name| {
                    let id = format!("field-kind-{name}");
                    let hint = format!("{id}-hint");
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="kind" value=name checked=move || kind_chosen() == name aria-describedby=hint.clone()/>
                            <label for=id>{t(&type_label_key(name))}</label>
                            <p class="hint" id=hint>{t(&format!("{}_hint", type_label_key(name)))}</p>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t("builder.add_question")}</button>
        </ActionForm>
    }
}
