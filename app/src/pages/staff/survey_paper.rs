//! Paper responses: one paper form keyed in with every page on one screen, or a batch imported
//! from the survey's CSV template with a report of every problem by row and column.

use crate::api::survey_paper::{
    EnterPaperResponse, ImportPaperResponses, MAX_IMPORT_BYTES, PaperFormView, paper_form,
};
use crate::components::form::{ErrorSummary, SelectField, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::{Locale, t, t_count, t_with};
use crate::pages::staff::survey_structure::condition_text;
use crate::pages::survey_question::QuestionField;
use crate::pages::surveys::IdentityChoices;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[derive(Clone, Debug, serde::Deserialize)]
struct ImportProblem {
    row: usize,
    column: String,
    message: String,
}

/// The import's failure, read back from the redirect after a plain form post (there is no
/// action object for a file upload).
fn import_error() -> Option<AppError> {
    use leptos::server::ServerActionError;
    use leptos::server_fn::error::ServerFnUrlError;
    let error = use_context::<ServerActionError>()?;
    (error.path() == ImportPaperResponses::PATH)
        .then(|| ServerFnUrlError::<AppError>::decode_err(error.err()))
}

#[component]
pub fn SurveyPaperPage() -> impl IntoView {
    let enter = ServerAction::<EnterPaperResponse>::new();
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|v| v.parse::<i32>().ok())
        .unwrap_or(0);
    let query = use_query_map();
    let form = Resource::new(
        move || (enter.version().get(), query.read().get("imported")),
        move |_| paper_form(id),
    );
    let here = format!("/staff/surveys/{id}/paper");
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    staff_gate(form.await, &here, move |form| view! { <PaperPage form enter/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn PaperPage(form: PaperFormView, enter: ServerAction<EnterPaperResponse>) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || enter.value().get().and_then(Result::err));
    let done = move || {
        let read = query.read();
        if let Some(reference) = read.get("entered") {
            Some(t_with("paper.entered", &[("reference", reference)]))
        } else {
            read.get("imported")
                .and_then(|n| n.parse::<u64>().ok())
                .map(|n| t_count("paper.imported", n))
        }
    };
    let groups: Vec<(&'static str, &'static str)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.as_str(), g.label_key()))
        .collect();
    let id = form.id;
    let pages = form.pages.clone();
    let language = move || {
        error
            .get()
            .and_then(|e| {
                e.form()
                    .and_then(|f| f.kept("language").map(str::to_string))
            })
            .unwrap_or_else(|| crate::i18n::use_locale().code().to_string())
    };
    view! {
        <Title text=format!("{} | {}", t("paper.title"), form.title)/>
        <p><a href=format!("/staff/surveys/{id}/edit")>{t_with("builder.back_to_survey", &[("title", form.title.clone())])}</a></p>
        <h1>{t("paper.title")} ": " {form.title.clone()}</h1>
        <p role="status">{done}</p>
        <p>{t_count("paper.count", form.paper_responses)}</p>
        <p>{t("paper.intro")}</p>
        <ImportSection id/>
        <h2 id="key-in">{t("paper.one.heading")}</h2>
        <p>{t("paper.one.intro")}</p>
        <ErrorSummary error/>
        <ActionForm action=enter attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="id" value=id/>
            <fieldset class="field" id="field-language">
                <legend>{t("paper.language")}</legend>
                {Locale::ALL.into_iter().map(|locale| {
                    let input_id = format!("field-language-{}", locale.code());
                    view! {
                        <div class="choice">
                            <input type="radio" id=input_id.clone() name="language" value=locale.code() checked=move || language() == locale.code()/>
                            <label for=input_id lang=locale.code()>{locale.native_name()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {form.pages.iter().enumerate().map(|(index, page)| {
                let condition = page.show_if.as_ref().map(|c| condition_text(&pages, c));
                view! {
                    <h3>{t_with("builder.page_heading", &[("number", (index + 1).to_string()), ("title", page.title.clone())])}</h3>
                    {condition.map(|text| view! { <p class="hint">{text} " " {t("paper.condition_note")}</p> })}
                    {page.questions.iter().filter(|q| !q.closed).cloned().map(|question| view! {
                        <QuestionField question answers=Default::default() error/>
                    }).collect_view()}
                }
            }).collect_view()}
            <h3>{t("paper.about")}</h3>
            <SelectField name="stakeholder_group" label_key="field.stakeholder_group.label" options=groups required=true error/>
            <TextField name="stakeholder_other" label_key="field.stakeholder_other.label" hint_key="field.stakeholder_other.hint" error/>
            <TextField name="zip" label_key="field.zip.label" hint_key="field.zip.hint" error/>
            <IdentityChoices identities=form.identities.clone() ticked=Vec::new() error/>
            {form.ask_contact.then(|| view! {
                <TextField name="contact_name" label_key="surveys.about.contact_name" error/>
                <TextField name="contact_email" label_key="surveys.about.contact_email" input_type="email" error/>
            })}
            <button type="submit" class="button">{t("paper.one.save")}</button>
        </ActionForm>
    }
}

/// The batch import: the template, what goes in each column, and the upload as a plain
/// multipart form post (it works the same with and without JavaScript).
#[component]
fn ImportSection(id: i32) -> impl IntoView {
    let error = import_error();
    let report: Vec<ImportProblem> = error
        .as_ref()
        .and_then(|e| e.form())
        .and_then(|f| f.kept("import_report"))
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    let total = error
        .as_ref()
        .and_then(|e| e.form())
        .and_then(|f| f.kept("import_total"))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(report.len() as u64);
    let summary_error = Signal::derive({
        let error = error.clone();
        move || error.clone()
    });
    let template = crate::paths::PAPER_TEMPLATE_CSV.replace("{id}", &id.to_string());
    let shown = report.len() as u64;
    view! {
        <h2 id="import">{t("paper.import.heading")}</h2>
        <ol>
            <li><a href=template download>{t("paper.import.template")}</a></li>
            <li>{t("paper.import.fill")}</li>
            <li>{t("paper.import.upload")}</li>
        </ol>
        <ErrorSummary error=summary_error/>
        {(!report.is_empty()).then(|| view! {
            <table class="data-table">
                <caption>{t_count("paper.import.report", total)}
                    {(total > shown).then(|| format!(" {}", t_count("paper.import.report_shown", shown)))}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{t("paper.import.row")}</th>
                        <th scope="col">{t("paper.import.column")}</th>
                        <th scope="col">{t("paper.import.problem")}</th>
                    </tr>
                </thead>
                <tbody>
                    {report.into_iter().map(|problem| view! {
                        <tr>
                            <td>{problem.row}</td>
                            <td><code>{problem.column}</code></td>
                            <td>{t(&problem.message)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <form method="post" action=ImportPaperResponses::PATH enctype="multipart/form-data" class="stacked-form">
            <input type="hidden" name="id" value=id/>
            <div class="field">
                <label for="field-file">{t("paper.import.file")}</label>
                <p class="hint" id="field-file-hint">{t_with("paper.import.file_hint", &[("size", (MAX_IMPORT_BYTES / 1024).to_string())])}</p>
                <input type="file" id="field-file" name="file" accept=".csv,text/csv" required aria-describedby="field-file-hint"/>
            </div>
            <button type="submit" class="button">{t("paper.import.submit")}</button>
        </form>
    }
}
