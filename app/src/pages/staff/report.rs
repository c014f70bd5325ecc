//! The printable report for one stakeholder group: the browser's "Print / Save as PDF" gives a
//! clean document (print styles hide navigation and the highlight buttons).

use crate::api::report::{GroupReportView, HighlightComment, group_report};
use crate::api::survey_results::Cell;
use crate::components::staff_gate::staff_gate;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_count_with, t_with};
use crate::pages::events::accommodation_label;
use crate::pages::staff::surveys::shown;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffReportPage() -> impl IntoView {
    let params = use_params_map();
    let highlight = ServerAction::<HighlightComment>::new();
    let report = Resource::new(
        move || {
            (
                params.read().get("group").unwrap_or_default(),
                highlight.version().get(),
            )
        },
        |(group, _)| group_report(group),
    );
    let here = move || {
        format!(
            "/staff/reports/{}",
            params.read().get("group").unwrap_or_default()
        )
    };
    view! {
        <p class="no-print"><a href="/staff/feedback">{t("feedback.title")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = here();
                staff_gate(report.await, &here, move |r| view! { <Report r highlight/> }.into_any())
            })}
        </Suspense>
    }
}

fn cell(c: &Cell, k: u64) -> String {
    match (c.count, c.percent) {
        (None, _) => t_with("staff.surveys.fewer_than", &[("k", k.to_string())]),
        (Some(n), Some(p)) => format!("{n} ({p:.0}%)"),
        (Some(n), None) => n.to_string(),
    }
}

#[component]
fn Report(r: GroupReportView, highlight: ServerAction<HighlightComment>) -> impl IntoView {
    let k = r.k;
    let group = StakeholderGroup::parse(&r.group)
        .map(|g| t(g.label_key()))
        .unwrap_or_default();
    let title = t_with("group_report.title", &[("group", group.clone())]);
    let group_code = r.group.clone();
    let quote_form = move |id: i32, on: &'static str, label: String| {
        let group_code = group_code.clone();
        view! {
            <ActionForm action=highlight attr:class="no-print inline-form">
                <input type="hidden" name="group" value=group_code/>
                <input type="hidden" name="comment_id" value=id/>
                <input type="hidden" name="on" value=on/>
                <button type="submit" class="button button-secondary">{label}</button>
            </ActionForm>
        }
    };
    let quote_form_off = quote_form.clone();
    view! {
        <Title text=title.clone()/>
        <article class="report" aria-labelledby="report-title">
            <p class="eyebrow">{r.consultation.clone()}</p>
            <h1 id="report-title">{title}</h1>
            <p>{t_with("group_report.generated", &[("date", r.generated_on.clone())])}</p>
            <p class="no-print hint">{t("group_report.print_hint")}</p>
            {(!r.is_admin).then(|| view! { <p class="hint">{t_with("staff.surveys.suppression_note", &[("k", k.to_string())])}</p> })}

            <section aria-labelledby="report-summary">
                <h2 id="report-summary">{t("group_report.summary")}</h2>
                <dl class="facts">
                    <dt>{t("transparency.comments")}</dt>
                    <dd>{t_count_with("group_report.comments", shown(&r.comments, k), &[("count", cell(&r.comments, k)), ("published", cell(&r.published, k))])}</dd>
                    <dt>{t("transparency.inquiries")}</dt>
                    <dd>{cell(&r.inquiries, k)}</dd>
                    <dt>{t("group_report.languages")}</dt>
                    <dd>
                        <ul>
                            {r.languages.iter().map(|(code, n)| {
                                let name = crate::i18n::Locale::from_code(code).map_or(code.clone(), |l| l.native_name().to_string());
                                view! { <li><span lang=code.clone()>{name}</span>{format!(": {}", cell(n, k))}</li> }
                            }).collect_view()}
                        </ul>
                    </dd>
                </dl>
            </section>

            <section aria-labelledby="report-sections">
                <h2 id="report-sections">{t("group_report.sections")}</h2>
                <table>
                    <thead><tr><th scope="col">{t("transparency.section")}</th><th scope="col">{t("transparency.comments")}</th></tr></thead>
                    <tbody>
                        {r.sections.iter().map(|(title, n)| view! { <tr><th scope="row">{title.clone()}</th><td>{cell(n, k)}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </section>

            <section aria-labelledby="report-themes">
                <h2 id="report-themes">{t("group_report.themes")}</h2>
                {if r.themes.is_empty() {
                    view! { <p>{t("group_report.no_themes")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="report-themes">
                            {r.themes.iter().map(|theme| view! {
                                <li>
                                    <h3>{format!("{}: {}", theme.name, cell(&theme.items, k))}</h3>
                                    {(!theme.quotes.is_empty()).then(|| view! {
                                        <ul class="quotes">
                                            {theme.quotes.iter().map(|(section, body)| view! {
                                                <li>
                                                    <blockquote class="message-text">{body.clone()}</blockquote>
                                                    <p class="hint">{section.clone()}</p>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="quotes" id="quotes-section">
                <h2 id="quotes">{t("group_report.quotes")}</h2>
                {if r.highlights.is_empty() {
                    view! { <p>{t("group_report.no_quotes")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="quotes">
                            {r.highlights.iter().map(|(id, section, body)| view! {
                                <li>
                                    <blockquote class="message-text">{body.clone()}</blockquote>
                                    <p class="hint">{section.clone()}</p>
                                    {quote_form_off(*id, "0", t("group_report.unhighlight"))}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!r.candidates.is_empty()).then(|| view! {
                    <details class="no-print">
                        <summary>{t("group_report.choose_quotes")}</summary>
                        <ul class="quotes">
                            {r.candidates.iter().map(|(id, section, body)| view! {
                                <li>
                                    <blockquote class="message-text">{body.clone()}</blockquote>
                                    <p class="hint">{section.clone()}</p>
                                    {quote_form(*id, "1", t("group_report.highlight"))}
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            </section>

            <section aria-labelledby="report-surveys">
                <h2 id="report-surveys">{t("group_report.surveys")}</h2>
                {r.surveys.iter().map(|(title, respondents, questions)| view! {
                    <h3>{title.clone()} " · " {t_count_with("staff.surveys.respondents", shown(respondents, k), &[("count", cell(respondents, k))])}</h3>
                    {questions.iter().map(|q| view! {
                        <table class="report-question">
                            <caption>{q.prompt.clone()} {q.mean.map(|m| format!(" · {}", t_with("staff.surveys.mean", &[("mean", format!("{m:.2}"))])))}</caption>
                            <thead><tr><th scope="col">{t("staff.surveys.answer")}</th><th scope="col">{t("staff.surveys.count")}</th></tr></thead>
                            <tbody>
                                {q.options.iter().map(|(label, c)| view! { <tr><th scope="row">{label.clone()}</th><td>{cell(c, k)}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                }.into_any()).collect_view()}
            </section>

            <section aria-labelledby="report-meetings">
                <h2 id="report-meetings">{t("group_report.meetings")}</h2>
                <table>
                    <thead><tr>
                        <th scope="col">{t("staff.events.meeting")}</th>
                        <th scope="col">{t("group_report.meeting_date")}</th>
                        <th scope="col">{t("group_report.people")}</th>
                        <th scope="col">{t("staff.events.status.checked_in")}</th>
                    </tr></thead>
                    <tbody>
                        {r.meetings.iter().map(|m| view! {
                            <tr><th scope="row">{m.title.clone()}</th><td>{m.date.clone()}</td><td>{cell(&m.people, k)}</td><td>{cell(&m.checked_in, k)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <h3>{t("staff.events.needs_heading")}</h3>
                {if r.accommodations.is_empty() {
                    view! { <p>{t("staff.events.no_accommodations")}</p> }.into_any()
                } else {
                    view! {
                        <ul>{r.accommodations.iter().map(|(code, n)| view! { <li>{accommodation_label(code)} ": " {cell(n, k)}</li> }).collect_view()}</ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}
