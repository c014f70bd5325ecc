//! Published survey results on "What we heard": per question a horizontal bar chart (decorative,
//! hidden from assistive technology) and the very same numbers in a table, the accessible version.

use crate::api::what_we_heard::{AnswerResult, QuestionResult, SurveyResult};
use crate::i18n::{Locale, format_number, t, t_count_with, t_with, use_locale};
use leptos::prelude::*;

const BAR_ROW: usize = 28;
const LABEL_WIDTH: usize = 260;
const BAR_MAX: usize = 260;

/// "12", as the reader's language writes numbers.
fn people(locale: Locale, n: u64) -> String {
    format_number(locale, n)
}

fn percent(p: f64) -> String {
    format!("{p:.0}%")
}

/// What a chart bar and its table row both say: "12 (40%)".
pub fn answer_text(locale: Locale, answer: &AnswerResult) -> String {
    format!(
        "{} ({})",
        people(locale, answer.count),
        percent(answer.percent)
    )
}

/// Horizontal bars drawn in SVG (it prints, and needs no style attribute); the table after it
/// carries the same numbers for everyone.
fn bar_chart(answers: &[AnswerResult], locale: Locale) -> impl IntoView + use<> {
    let height = answers.len() * BAR_ROW + 8;
    let max = answers.iter().map(|a| a.count).max().unwrap_or(0).max(1) as usize;
    let bars = answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let y = i * BAR_ROW + 4;
            let width = a.count as usize * BAR_MAX / max;
            let label: String = a.label.chars().take(34).collect();
            view! {
                <text x="0" y=y + 18 class="chart-label">{label}</text>
                <rect x=LABEL_WIDTH y=y + 4 width=width height="18" class="chart-bar"></rect>
                <text x=(LABEL_WIDTH + 6 + width).to_string() y=y + 18 class="chart-value">{answer_text(locale, a)}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart wwh-chart" viewBox=format!("0 0 640 {height}") aria-hidden="true" focusable="false">
            {bars}
        </svg>
    }
}

#[component]
fn Question(
    question: QuestionResult,
    survey: String,
    k: u64,
    /// The survey's language when it is not the reader's.
    lang: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let heading_id = format!("wwh-{survey}-{}", question.key);
    let labelled_by = heading_id.clone();
    let ranking = question.kind == "ranking";
    let Some(answered) = question.answered else {
        return view! {
            <section class="result" aria-labelledby=labelled_by>
                <h4 id=heading_id lang=lang>{question.prompt.clone()}</h4>
                <p>{t_with("wwh.question_withheld", &[("k", k.to_string())])}</p>
            </section>
        }
        .into_any();
    };
    let answers = question.answers.clone();
    view! {
        <section class="result" aria-labelledby=labelled_by>
            <h4 id=heading_id lang=lang.clone()>{question.prompt.clone()}</h4>
            <p>
                {t_count_with("staff.surveys.answered", answered, &[("count", people(locale, answered))])}
                {question.mean.map(|m| view! { " · " {t_with("staff.surveys.mean", &[("mean", format!("{m:.2}"))])} })}
            </p>
            {(!answers.is_empty()).then(|| view! {
                {(!ranking).then(|| bar_chart(&answers, locale).into_any())}
                <table class="data-table wwh-numbers">
                    <caption class="visually-hidden" lang=lang.clone()>{question.prompt.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("staff.surveys.answer")}</th>
                            <th scope="col">{t("wwh.people")}</th>
                            <th scope="col">{t("wwh.share")}</th>
                            {ranking.then(|| view! { <th scope="col">{t("staff.surveys.average_rank")}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {answers.iter().map(|a| view! {
                            <tr>
                                <th scope="row" lang=lang.clone()>{a.label.clone()}</th>
                                <td>{people(locale, a.count)}</td>
                                <td>{percent(a.percent)}</td>
                                {ranking.then(|| view! { <td>{a.average_rank.map(|r| format!("{r:.2}")).unwrap_or_default()}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
    .into_any()
}

/// Every published survey, or a sentence saying there is none yet.
#[component]
pub fn PublishedSurveys(surveys: Vec<SurveyResult>, k: u64) -> impl IntoView {
    let locale = use_locale();
    if surveys.is_empty() {
        return view! { <p>{t("wwh.no_surveys")}</p> }.into_any();
    }
    surveys
        .into_iter()
        .map(|survey| {
            let lang = (survey.lang != locale.code()).then(|| survey.lang.clone());
            let heading_id = format!("wwh-survey-{}", survey.slug);
            let labelled_by = heading_id.clone();
            let body = match survey.respondents {
                None => view! { <p>{t_with("wwh.survey_withheld", &[("k", k.to_string())])}</p> }.into_any(),
                Some(n) => {
                    let slug = survey.slug.clone();
                    view! {
                        <p>{t_count_with("staff.surveys.respondents", n, &[("count", people(locale, n))])}</p>
                        {survey.questions.into_iter().map(|q| view! { <Question question=q survey=slug.clone() k lang=lang.clone()/> }).collect_view()}
                    }
                    .into_any()
                }
            };
            view! {
                <section class="card wwh-survey" aria-labelledby=labelled_by>
                    <h3 id=heading_id lang=lang.clone()>{survey.title.clone()}</h3>
                    {body}
                </section>
            }
        })
        .collect_view()
        .into_any()
}
