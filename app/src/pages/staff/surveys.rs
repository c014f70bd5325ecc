//! Survey results for staff: per question an SVG bar chart with the same numbers in a table,
//! filters by stakeholder group and identity, one question side by side across groups, downloads.

use crate::api::survey_builder::CreateSurvey;
use crate::api::survey_results::{
    Cell, ComparisonView, QuestionView, ResultsView, StaffSurveyList, staff_surveys, survey_results,
};
use crate::api::what_we_heard::Publication;
use crate::components::form::{ErrorSummary, GroupFilter, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_count_with, t_with};
use crate::pages::staff::survey_publication::{SurveyPublication, publication_resource};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffSurveysPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| staff_surveys());
    let create = ServerAction::<CreateSurvey>::new();
    view! {
        <Title text=t("staff.surveys.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.surveys.title")}</h1>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(list.await, "/staff/surveys", move |list| view! { <SurveyTable list create/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn SurveyTable(list: StaffSurveyList, create: ServerAction<CreateSurvey>) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let can_edit = list.can_edit;
    view! {
        {can_edit.then(|| view! {
            <ErrorSummary error/>
            <ActionForm action=create attr:class="filters">
                <TextField name="title" label_key="staff.surveys.new_title" error/>
                <button type="submit" class="button">{t("staff.surveys.create")}</button>
            </ActionForm>
        })}
        <table>
            <caption class="visually-hidden">{t("staff.surveys.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("staff.surveys.survey")}</th>
                    <th scope="col">{t("staff.surveys.audience")}</th>
                    <th scope="col">{t("staff.events.status")}</th>
                    <th scope="col">{t("staff.surveys.responses")}</th>
                </tr>
            </thead>
            <tbody>
                {list.rows.into_iter().map(|r| view! {
                    <tr>
                        <td>
                            <a href=format!("/staff/surveys/{}/results", r.id)>{r.title.clone()}</a>
                            {can_edit.then(|| view! {
                                " · " <a href=format!("/staff/surveys/{}/edit", r.id)>{t("staff.surveys.edit")}<span class="visually-hidden">": " {r.title.clone()}</span></a>
                            })}
                            " · " <a href=format!("/staff/surveys/{}/paper", r.id)>{t("paper.title")}<span class="visually-hidden">": " {r.title.clone()}</span></a>
                        </td>
                        <td>{r.audience}</td>
                        <td>{t(&format!("staff.surveys.status.{}", r.status))}</td>
                        <td>{r.responses}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn StaffSurveyResultsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let results = Resource::new(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i32>().ok())
                    .unwrap_or(0),
                get("group"),
                get("identity"),
                get("q"),
                get("compare"),
            )
        },
        |(id, group, identity, q, compare)| survey_results(id, group, identity, q, compare),
    );
    let publication = publication_resource();
    let here = move || {
        format!(
            "/staff/surveys/{}/results",
            params.read().get("id").unwrap_or_default()
        )
    };
    view! {
        <p><a href="/staff/surveys">{t("staff.surveys.title")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = here();
                let publication = publication.await.ok();
                staff_gate(results.await, &here, |results| view! { <Results results publication/> }.into_any())
            })}
        </Suspense>
    }
}

/// "12 (40%)", or "fewer than 5" for a suppressed cell.
/// The number a cell's phrase agrees with: its count, or k when it reads "fewer than k".
pub(crate) fn shown(cell: &Cell, k: u64) -> u64 {
    cell.count.unwrap_or(k)
}

fn cell_text(cell: &Cell, k: u64) -> String {
    match (cell.count, cell.percent) {
        (None, _) => t_with("staff.surveys.fewer_than", &[("k", k.to_string())]),
        (Some(count), Some(percent)) => format!("{count} ({percent:.0}%)"),
        (Some(count), None) => count.to_string(),
    }
}

#[component]
fn Results(results: ResultsView, publication: Option<Publication>) -> impl IntoView {
    let query = use_query_map();
    let current = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let k = results.k;
    let action = format!("/staff/surveys/{}/results", results.id);
    let filters = format!(
        "group={}&identity={}",
        current("group"),
        current("identity")
    );
    let csv = format!(
        "{}?{filters}",
        crate::paths::at(crate::paths::SURVEY_RESPONSES_CSV, results.id)
    );
    let xlsx = format!(
        "{}?{filters}",
        crate::paths::at(crate::paths::SURVEY_RESPONSES_XLSX, results.id)
    );
    let identity_now = current("identity");
    let compare_now = current("compare");
    view! {
        <Title text=format!("{} | {}", t("staff.surveys.results"), results.title)/>
        <h1>{t("staff.surveys.results")} ": " {results.title.clone()}</h1>
        <p role="status">{t_count_with("staff.surveys.respondents", shown(&results.respondents, k), &[("count", cell_text(&results.respondents, k))])}</p>
        {(!results.is_admin).then(|| view! { <p class="hint">{t_with("staff.surveys.suppression_note", &[("k", k.to_string())])}</p> })}
        <form method="get" action=action.clone() class="filters" aria-label=t("staff.surveys.filters")>
            <GroupFilter label_key="field.stakeholder_group.label" any_key="moderation.filter.any" selected=current("group")/>
            <div class="field">
                <label for="filter-identity">{t("staff.surveys.identity")}</label>
                <select id="filter-identity" name="identity">
                    <option value="">{t("moderation.filter.any")}</option>
                    {results.identities.iter().map(|i| {
                        let selected = identity_now == i.key;
                        view! { <option value=i.key.clone() selected=selected>{i.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-q">{t("staff.surveys.search")}</label>
                <input id="filter-q" type="search" name="q" value=current("q")/>
            </div>
            <div class="field">
                <label for="filter-compare">{t("staff.surveys.compare")}</label>
                <select id="filter-compare" name="compare">
                    <option value="">{t("staff.surveys.compare_none")}</option>
                    {results.comparable.iter().map(|(key, prompt)| {
                        let selected = compare_now == *key;
                        view! { <option value=key.clone() selected=selected>{prompt.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-secondary">{t("moderation.filter.apply")}</button>
        </form>
        <p>
            <a href=csv rel="external">{t("staff.surveys.download_csv")}</a>
            " · "
            <a href=xlsx rel="external">{t("staff.surveys.download_xlsx")}</a>
        </p>
        {publication.map(|publication| view! { <SurveyPublication id=results.id publication/> })}
        {results.comparison.clone().map(|c| view! { <Comparison comparison=c k/> }.into_any())}
        {results.questions.into_iter().map(|q| view! { <QuestionResult question=q k/> }.into_any()).collect_view()}
    }
}

#[component]
fn Comparison(comparison: ComparisonView, k: u64) -> impl IntoView {
    let label = |code: &str| {
        StakeholderGroup::parse(code)
            .map(|g| t(g.label_key()))
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="compare-heading">
            <h2 id="compare-heading">{t("staff.surveys.by_group")} ": " {comparison.prompt.clone()}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t("staff.surveys.answer")}</th>
                            {comparison.groups.iter().map(|(code, respondents)| view! {
                                <th scope="col">{label(code)} <br/><span class="hint">{t_count_with("staff.surveys.n", shown(respondents, k), &[("n", cell_text(respondents, k))])}</span></th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {comparison.rows.into_iter().map(|(option, cells)| view! {
                            <tr>
                                <th scope="row">{option}</th>
                                {cells.iter().map(|c| view! { <td>{cell_text(c, k)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

const BAR_ROW: usize = 28;

/// A horizontal bar chart; the same numbers are in the table after it.
fn bar_chart(question: &QuestionView, k: u64) -> impl IntoView + use<> {
    let rows = question.options.len();
    let height = rows * BAR_ROW + 8;
    let max = question
        .options
        .iter()
        .filter_map(|o| o.cell.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let summary = question
        .options
        .iter()
        .map(|o| format!("{}: {}", o.label, cell_text(&o.cell, k)))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = question
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let y = i * BAR_ROW + 4;
            let width = o.cell.count.map_or(0, |c| c * 240 / max);
            let label: String = o.label.chars().take(30).collect();
            view! {
                <text x="0" y=y + 18 class="chart-label">{label}</text>
                <rect x="230" y=y + 4 width=width height="18" class="chart-bar"></rect>
                <text x=(235 + width).to_string() y=y + 18 class="chart-value">{cell_text(&o.cell, k)}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 620 {height}") role="img" aria-label=format!("{}: {summary}", t("staff.surveys.chart"))>
            {bars}
        </svg>
    }
}

#[component]
fn QuestionResult(question: QuestionView, k: u64) -> impl IntoView {
    let heading_id = format!("q-{}", question.key);
    let labelled_by = heading_id.clone();
    let has_options = !question.options.is_empty();
    let ranking = question.kind == "ranking";
    view! {
        <section class="card result" aria-labelledby=labelled_by>
            <h2 id=heading_id>{question.prompt.clone()}</h2>
            <p>{t_count_with("staff.surveys.answered", shown(&question.answered, k), &[("count", cell_text(&question.answered, k))])}
                {question.mean.map(|m| view! { " · " {t_with("staff.surveys.mean", &[("mean", format!("{m:.2}"))])} })}
            </p>
            {has_options.then(|| view! {
                {(!ranking).then(|| bar_chart(&question, k).into_any())}
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t("staff.surveys.answer")}</th>
                            <th scope="col">{t("staff.surveys.count")}</th>
                            {ranking.then(|| view! { <th scope="col">{t("staff.surveys.average_rank")}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {question.options.iter().map(|o| view! {
                            <tr>
                                <th scope="row">{o.label.clone()}</th>
                                <td>{cell_text(&o.cell, k)}</td>
                                {ranking.then(|| view! { <td>{o.average_rank.map(|r| format!("{r:.2}")).unwrap_or_default()}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {question.texts_suppressed.then(|| view! { <p class="hint">{t_with("staff.surveys.texts_suppressed", &[("k", k.to_string())])}</p> })}
            {(!question.texts.is_empty()).then(|| view! {
                <details>
                    <summary>{t_with("staff.surveys.texts", &[("count", question.texts.len().to_string())])}</summary>
                    <ul class="texts">{question.texts.iter().map(|text| view! { <li>{text.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
        </section>
    }
}
