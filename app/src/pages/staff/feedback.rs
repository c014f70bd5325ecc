//! The staff feedback dashboard: who took part through which channel, comments per section by
//! stakeholder group, and the exports filtered by group and dates.

use crate::api::feedback::{DashboardView, RecordOfflineFeedback, feedback_dashboard};
use crate::components::form::{ErrorSummary, GroupFilter, SelectField, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::stakeholder::StakeholderGroup;
use crate::error::AppError;
use crate::i18n::{t, t_count, t_with};
use crate::pages::staff::feedback_themes::ThemesByGroup;
use crate::pages::transparency::GroupChannelTable;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffFeedbackPage() -> impl IntoView {
    let offline = ServerAction::<RecordOfflineFeedback>::new();
    let query = leptos_router::hooks::use_query_map();
    let dashboard = Resource::new(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            (
                get("from"),
                get("to"),
                get("section"),
                get("survey"),
                get("channel"),
                get("language"),
                offline.version().get(),
            )
        },
        |(from, to, section, survey, channel, language, _)| {
            feedback_dashboard(from, to, section, survey, channel, language)
        },
    );
    view! {
        <Title text=t("feedback.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("feedback.title")}</h1>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(dashboard.await, "/staff/feedback", move |d| view! { <Dashboard d offline/> }.into_any())
            })}
        </Suspense>
    }
}

fn group_label(code: &str) -> String {
    StakeholderGroup::parse(code)
        .map(|g| t(g.label_key()))
        .unwrap_or_else(|| t("transparency.group_unknown"))
}

const CHANNELS: [(&str, &str); 5] = [
    ("focus_group", "feedback.channel.focus_group"),
    ("pop_up", "feedback.channel.pop_up"),
    ("paper_form", "feedback.channel.paper_form"),
    ("phone", "feedback.channel.phone"),
    ("other", "feedback.channel.other"),
];

/// Feedback from focus groups, pop-ups, paper forms or calls, keyed in as a comment on a section.
#[component]
fn OfflineEntry(
    sections: Vec<(String, String)>,
    offline: ServerAction<RecordOfflineFeedback>,
) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let error: Signal<Option<AppError>> =
        Signal::derive(move || offline.value().get().and_then(Result::err));
    let section_error = move || {
        error.get().and_then(|e| {
            e.form()
                .and_then(|f| f.for_field("section").map(str::to_string))
        })
    };
    let kept_section = move || {
        error
            .get()
            .and_then(|e| e.form().and_then(|f| f.kept("section").map(str::to_string)))
            .unwrap_or_default()
    };
    let groups: Vec<(&'static str, &'static str)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.as_str(), g.label_key()))
        .collect();
    let recorded = move || {
        query
            .read()
            .get("recorded")
            .map(|r| t_with("feedback.offline.recorded", &[("reference", r)]))
    };
    view! {
        <section aria-labelledby="offline-heading">
            <h2 id="offline-heading">{t("feedback.offline.heading")}</h2>
            <p>{t("feedback.offline.intro")}</p>
            <p role="status">{recorded}</p>
            <ErrorSummary error/>
            <ActionForm action=offline attr:class="stacked-form" attr:novalidate=true>
                <div class="field" class:field-invalid=move || section_error().is_some()>
                    <label for="field-section">{t("transparency.section")} <span class="required-note">" " {t("form.required")}</span></label>
                    {move || section_error().map(|m| view! { <p class="field-error" id="field-section-error">{t(&m)}</p> })}
                    <select id="field-section" name="section" aria-describedby=move || section_error().map(|_| "field-section-error")>
                        <option value="">{t("form.choose")}</option>
                        {sections.into_iter().map(|(slug, title)| {
                            let chosen = slug.clone();
                            view! { <option value=slug selected=move || kept_section() == chosen>{title}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <SelectField name="channel" label_key="feedback.offline.channel" options=CHANNELS.to_vec() required=true error/>
                <SelectField name="stakeholder_group" label_key="field.stakeholder_group.label" options=groups required=true error/>
                <TextField name="stakeholder_other" label_key="field.stakeholder_other.label" hint_key="field.stakeholder_other.hint" error/>
                <TextField name="display_name" label_key="feedback.offline.display_name" hint_key="feedback.offline.display_name_hint" error/>
                <TextArea name="body" label_key="feedback.offline.body" required=true max_chars=5000 rows=5 error/>
                <button type="submit" class="button">{t("feedback.offline.submit")}</button>
            </ActionForm>
        </section>
    }
}

/// Date range, section, survey and channel; a GET form, so the view is a link to share.
#[component]
fn Filters(sections: Vec<(String, String)>, surveys: Vec<(i32, String)>) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let current = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let (section_now, survey_now, channel_now, language_now) = (
        current("section"),
        current("survey"),
        current("channel"),
        current("language"),
    );
    view! {
        <form method="get" action="/staff/feedback" class="filters" aria-label=t("feedback.filters")>
            <div class="field">
                <label for="filter-from">{t("moderation.filter.from")}</label>
                <input id="filter-from" type="date" name="from" value=current("from")/>
            </div>
            <div class="field">
                <label for="filter-to">{t("moderation.filter.to")}</label>
                <input id="filter-to" type="date" name="to" value=current("to")/>
            </div>
            <div class="field">
                <label for="filter-section">{t("transparency.section")}</label>
                <select id="filter-section" name="section">
                    <option value="">{t("moderation.filter.any")}</option>
                    {sections.into_iter().map(|(slug, title)| {
                        let selected = section_now == slug;
                        view! { <option value=slug selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-survey">{t("staff.surveys.survey")}</label>
                <select id="filter-survey" name="survey">
                    <option value="">{t("moderation.filter.any")}</option>
                    {surveys.into_iter().map(|(id, title)| {
                        let selected = survey_now == id.to_string();
                        view! { <option value=id.to_string() selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-channel">{t("feedback.channel")}</label>
                <select id="filter-channel" name="channel">
                    <option value="">{t("moderation.filter.any")}</option>
                    {std::iter::once(("online", "feedback.channel.online")).chain(CHANNELS).map(|(value, key)| {
                        let selected = channel_now == value;
                        view! { <option value=value selected=selected>{t(key)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-language">{t("moderation.filter.language")}</label>
                <select id="filter-language" name="language">
                    <option value="">{t("moderation.filter.any")}</option>
                    {crate::i18n::Locale::ALL.into_iter().map(|l| {
                        let selected = language_now == l.code();
                        view! { <option value=l.code() selected=selected lang=l.code()>{l.native_name()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-secondary">{t("moderation.filter.apply")}</button>
            " " <a href="/staff/feedback">{t("moderation.filter.clear")}</a>
        </form>
    }
}

/// Inputs per week as bars (comments and survey responses stacked with RSVPs and inquiries), with
/// the same numbers in a table.
#[component]
fn WeeklyTrend(weeks: Vec<(String, [i64; 4])>) -> impl IntoView {
    let max = weeks
        .iter()
        .map(|(_, c)| c.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let width = (weeks.len() * 40 + 20).max(200);
    let summary = weeks
        .iter()
        .map(|(week, c)| format!("{week}: {}", c.iter().sum::<i64>()))
        .collect::<Vec<_>>()
        .join("; ");
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, (_, c))| {
            let total = c.iter().sum::<i64>();
            let height = total * 120 / max;
            let x = i * 40 + 10;
            view! {
                <rect x=x y=(130 - height).to_string() width="28" height=height.to_string() class="chart-bar"></rect>
                <text x=x y="145" class="chart-value">{total}</text>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">{t("feedback.trend")}</h2>
            {if weeks.is_empty() {
                view! { <p>{t("feedback.trend_none")}</p> }.into_any()
            } else {
                view! {
                    <svg class="chart" viewBox=format!("0 0 {width} 150") role="img" aria-label=format!("{}: {summary}", t("feedback.trend"))>{bars}</svg>
                    <div class="table-scroll">
                        <table>
                            <thead><tr>
                                <th scope="col">{t("feedback.week_of")}</th>
                                <th scope="col">{t("transparency.comments")}</th>
                                <th scope="col">{t("transparency.survey_responses")}</th>
                                <th scope="col">{t("transparency.rsvps")}</th>
                                <th scope="col">{t("transparency.inquiries")}</th>
                            </tr></thead>
                            <tbody>
                                {weeks.iter().map(|(week, c)| view! {
                                    <tr><th scope="row">{week.clone()}</th><td>{c[0]}</td><td>{c[1]}</td><td>{c[2]}</td><td>{c[3]}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Dashboard(d: DashboardView, offline: ServerAction<RecordOfflineFeedback>) -> impl IntoView {
    let offline_sections = d.sections.clone();
    let filter_sections = d.all_sections.clone();
    let filter_surveys = d.surveys.clone();
    let weekly = d.weekly.clone();
    let identities = d.identities.clone();
    let k = d.k;
    let shown = move |n: Option<i64>| {
        n.map(|n| n.to_string())
            .unwrap_or_else(|| t_with("staff.surveys.fewer_than", &[("k", k.to_string())]))
    };
    let (comments, responses, rsvps, inquiries) = d.totals;
    view! {
        {(!d.is_admin).then(|| view! { <p class="hint">{t_with("staff.surveys.suppression_note", &[("k", k.to_string())])}</p> })}
        <p role="status">{t_with("feedback.totals", &[
            ("comments", t_count("count.comments", comments.unsigned_abs())),
            ("responses", t_count("count.survey_responses", responses.unsigned_abs())),
            ("rsvps", t_count("count.rsvps", rsvps.unsigned_abs())),
            ("inquiries", t_count("count.inquiries", inquiries.unsigned_abs())),
        ])}</p>
        <Filters sections=filter_sections surveys=filter_surveys/>
        <WeeklyTrend weeks=weekly/>
        <section aria-labelledby="channels-heading">
            <h2 id="channels-heading">{t("transparency.by_group")}</h2>
            <GroupChannelTable groups=d.groups k/>
        </section>
        <section aria-labelledby="identities-heading">
            <h2 id="identities-heading">{t("feedback.by_identity")}</h2>
            {if identities.is_empty() {
                view! { <p>{t("feedback.by_identity_none")}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr><th scope="col">{t("staff.surveys.identity")}</th><th scope="col">{t("transparency.survey_responses")}</th></tr></thead>
                        <tbody>
                            {identities.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{shown(n)}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <ThemesByGroup themes=d.themes.clone() identities=d.theme_identities.clone() k/>
        <section aria-labelledby="sections-heading">
            <h2 id="sections-heading">{t("feedback.comments_by_section")}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t("field.stakeholder_group.label")}</th>
                            {d.sections.iter().map(|(_, title)| view! { <th scope="col">{title.clone()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {d.matrix.into_iter().map(|(group, cells)| view! {
                            <tr>
                                <th scope="row">{group_label(&group)}</th>
                                {cells.into_iter().map(|c| view! { <td>{shown(c)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <OfflineEntry sections=offline_sections offline/>
        <section aria-labelledby="exports-heading">
            <h2 id="exports-heading">{t("feedback.exports")}</h2>
            <form method="get" action=crate::paths::COMMENTS_CSV class="filters" aria-label=t("feedback.comments_export")>
                <GroupFilter label_key="field.stakeholder_group.label" any_key="moderation.filter.any" selected=String::new()/>
                <div class="field">
                    <label for="export-from">{t("moderation.filter.from")}</label>
                    <input id="export-from" type="date" name="from"/>
                </div>
                <div class="field">
                    <label for="export-to">{t("moderation.filter.to")}</label>
                    <input id="export-to" type="date" name="to"/>
                </div>
                <div class="field">
                    <label for="export-language">{t("moderation.filter.language")}</label>
                    <select id="export-language" name="language">
                        <option value="">{t("moderation.filter.any")}</option>
                        {crate::i18n::Locale::ALL.into_iter().map(|l| view! {
                            <option value=l.code() lang=l.code()>{l.native_name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {d.is_admin.then(|| view! {
                    <div class="field choice">
                        <input type="checkbox" id="export-contact" name="contact" value="1"/>
                        <label for="export-contact">{t("staff.events.include_contact")}</label>
                    </div>
                })}
                <button type="submit" class="button button-secondary">{t("feedback.comments_export")}</button>
            </form>
            <ul class="link-list">
                {d.surveys.into_iter().map(|(id, title)| view! {
                    <li><a href=format!("/staff/surveys/{id}/results")>{t_with("feedback.survey_results", &[("survey", title)])}</a></li>
                }).collect_view()}
                <li><a href=crate::paths::RSVPS_CSV rel="external">{t("feedback.rsvps_export")}</a></li>
                <li><a href=crate::paths::INQUIRIES_CSV rel="external">{t("feedback.inquiries_export")}</a></li>
                <li><a href="/staff/events">{t("staff.events.title")}</a></li>
                <li>
                    {t("feedback.workbooks")} " "
                    {StakeholderGroup::ALL.iter().filter(|g| **g != StakeholderGroup::Other).map(|g| view! {
                        <a href=crate::paths::at(crate::paths::GROUP_WORKBOOK, g.as_str()) rel="external">{t(g.label_key())}<span class="visually-hidden">" (Excel)"</span></a> " "
                    }).collect_view()}
                </li>
                <li>
                    {t("group_report.links")} " "
                    {StakeholderGroup::ALL.iter().filter(|g| **g != StakeholderGroup::Other).map(|g| view! {
                        <a href=format!("/staff/reports/{}", g.as_str())>{t(g.label_key())}</a> " "
                    }).collect_view()}
                </li>
                <li><a href="/transparency">{t("transparency.title")}</a></li>
            </ul>
        </section>
    }
}
