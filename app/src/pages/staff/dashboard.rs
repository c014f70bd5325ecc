//! The staff home: what needs the signed-in person now (each count a link to where to act, only
//! what their role can act on) and, for those who read results, the consultation at a glance.

use crate::api::auth::SignOutEverywhere;
use crate::api::dashboard::{DashboardView, Glance, NextMeeting, Period, staff_dashboard};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{format_date, format_number, t, t_count, t_count_with, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| staff_dashboard());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(dashboard.await, "/staff", |d| view! { <Dashboard d/> }.into_any())
            })}
        </Suspense>
    }
}

/// A counted phrase that says "none" in words: `{key}.none` for zero, else the plural form.
fn counted(key: &str, n: u64, args: &[(&str, String)]) -> String {
    if n == 0 {
        t_with(&format!("{key}.none"), args)
    } else {
        let mut all = vec![("count", format_number(use_locale(), n))];
        all.extend(args.iter().cloned());
        t_count_with(key, n, &all)
    }
}

/// One line of "what needs you now": the count as a link to where to act.
fn waiting_line(
    key: &'static str,
    n: u64,
    href: &'static str,
    args: &[(&str, String)],
) -> impl IntoView + use<> {
    let class = if n == 0 {
        "waiting-none"
    } else {
        "waiting-some"
    };
    view! { <li class=class><a href=href>{counted(key, n, args)}</a></li> }
}

#[component]
fn Dashboard(d: DashboardView) -> impl IntoView {
    let comments = match (d.to_moderate, d.reported) {
        (Some(to_moderate), Some(reported)) => {
            let hidden = d.hidden_by_reports.unwrap_or(0);
            Some(view! {
                <h3>{t("dashboard.group.comments")}</h3>
                <ul class="waiting-list">
                    {waiting_line("dashboard.to_moderate", to_moderate, "/staff/moderation", &[])}
                    {waiting_line("dashboard.reported", reported, "/staff/moderation?flag=reported", &[])}
                </ul>
                {(hidden > 0).then(|| view! { <p class="waiting-note">{t_count("dashboard.hidden_by_reports", hidden)}</p> })}
            })
        }
        _ => None,
    };
    let inquiries = match (d.open_inquiries, d.unassigned_inquiries) {
        (Some(open), Some(unassigned)) => Some(view! {
            <h3>{t("dashboard.group.inquiries")}</h3>
            <ul class="waiting-list">
                {waiting_line("dashboard.open_inquiries", open, "/staff/inquiries", &[])}
                {waiting_line("dashboard.unassigned_inquiries", unassigned, "/staff/inquiries", &[])}
            </ul>
        }),
        _ => None,
    };
    let days = d.accommodation_days.to_string();
    let meetings = d.accommodations.map(|n| {
        view! {
            <h3>{t("dashboard.group.meetings")}</h3>
            <ul class="waiting-list">
                {waiting_line("dashboard.accommodations", n, "/staff/events", &[("days", days)])}
            </ul>
        }
    });
    let emails = match (d.emails_failing, d.emails_dead) {
        (Some(failing), Some(dead)) => Some(view! {
            <h3>{t("dashboard.group.emails")}</h3>
            <ul class="waiting-list">
                {waiting_line("dashboard.emails_failing", failing, "/staff/outbox?status=failed", &[])}
                {waiting_line("dashboard.emails_dead", dead, "/staff/outbox?status=dead", &[])}
            </ul>
        }),
        _ => None,
    };
    let counts = [
        d.to_moderate,
        d.reported,
        d.open_inquiries,
        d.accommodations,
        d.emails_failing,
        d.emails_dead,
    ];
    let acts_on_something = counts.iter().any(Option::is_some);
    let nothing_waiting = counts.iter().flatten().all(|n| *n == 0);
    view! {
        <Title text=t("staff.dashboard.title")/>
        <h1>{t("staff.dashboard.title")}</h1>
        {acts_on_something.then(|| view! {
            <section aria-labelledby="waiting-heading" class="dashboard-section">
                <h2 id="waiting-heading">{t("dashboard.waiting_heading")}</h2>
                {nothing_waiting.then(|| view! { <p>{t("dashboard.nothing_waiting")}</p> })}
                {comments}
                {inquiries}
                {meetings}
                {emails}
            </section>
        })}
        {d.glance.map(|g| view! { <AtAGlance g/> })}
        <section aria-labelledby="sessions-heading" class="dashboard-section">
            <h2 id="sessions-heading">{t("dashboard.sessions_heading")}</h2>
            <p>{t("dashboard.sessions_hint")}</p>
            <SignOutEverywhereButton/>
        </section>
    }
}

/// Inputs of the last days by channel (bars and the same numbers as a table), the comment period,
/// and the next meeting.
#[component]
fn AtAGlance(g: Glance) -> impl IntoView {
    let locale = use_locale();
    let days = g.days.to_string();
    let caption = t_with("dashboard.inputs_caption", &[("days", days.clone())]);
    let total: u64 = g.inputs.iter().map(|(_, n)| n).sum();
    let label = |channel: &str| t(&format!("feedback.channel.{channel}"));
    let summary = g
        .inputs
        .iter()
        .map(|(channel, n)| format!("{}: {}", label(channel), format_number(locale, *n)))
        .collect::<Vec<_>>()
        .join("; ");
    let max = g.inputs.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = g.inputs.len() * 30 + 10;
    let bars = g
        .inputs
        .iter()
        .enumerate()
        .map(|(i, (channel, n))| {
            let width = n * 280 / max;
            let y = i * 30 + 5;
            view! {
                <text x="170" y=(y + 15).to_string() text-anchor="end" class="chart-label">{label(channel)}</text>
                <rect x="180" y=y.to_string() width=width.max(2).to_string() height="20" class="chart-bar"></rect>
                <text x=(180 + width + 8).to_string() y=(y + 15).to_string() class="chart-value">{format_number(locale, *n)}</text>
            }
        })
        .collect_view();
    let rows = g
        .inputs
        .iter()
        .map(|(channel, n)| {
            view! { <tr><th scope="row">{label(channel)}</th><td>{format_number(locale, *n)}</td></tr> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="glance-heading" class="dashboard-section">
            <h2 id="glance-heading">{t("dashboard.glance_heading")}</h2>
            <h3>{t("dashboard.period_heading")}</h3>
            <p>{period(&g.period)}</p>
            <h3>{t_with("dashboard.inputs_heading", &[("days", days.clone())])}</h3>
            <p>{t("dashboard.inputs_hint")}</p>
            {if total == 0 {
                view! { <p>{t_with("dashboard.no_inputs", &[("days", days)])}</p> }.into_any()
            } else {
                view! {
                    <svg class="chart" viewBox=format!("0 0 600 {height}") role="img" aria-label=format!("{caption}: {summary}")>{bars}</svg>
                }.into_any()
            }}
            <div class="table-scroll">
                <table class="data-table glance-table">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{t("dashboard.channel")}</th>
                        <th scope="col">{t("dashboard.inputs")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr>
                        <th scope="row">{t("dashboard.total")}</th>
                        <td>{format_number(locale, total)}</td>
                    </tr></tfoot>
                </table>
            </div>
            <h3>{t("dashboard.next_meeting_heading")}</h3>
            {match g.next_meeting {
                Some(next) => view! { <NextMeetingLine next/> }.into_any(),
                None => view! { <p>{t("dashboard.no_meeting")}</p> }.into_any(),
            }}
        </section>
    }
}

fn period(found: &Period) -> String {
    let locale = use_locale();
    match found {
        Period::NotYetOpen { opens_on } => t_with(
            "dashboard.period_not_open",
            &[("date", format_date(locale, opens_on))],
        ),
        Period::Open {
            days_left: 0,
            closes_on,
        } => t_with(
            "dashboard.period_closes_today",
            &[("date", format_date(locale, closes_on))],
        ),
        Period::Open {
            days_left,
            closes_on,
        } => t_count_with(
            "dashboard.days_left",
            *days_left,
            &[
                ("count", format_number(locale, *days_left)),
                ("date", format_date(locale, closes_on)),
            ],
        ),
        Period::Closed { closed_on } => t_with(
            "dashboard.period_closed",
            &[("date", format_date(locale, closed_on))],
        ),
    }
}

#[component]
fn NextMeetingLine(next: NextMeeting) -> impl IntoView {
    let locale = use_locale();
    let when = t_with(
        "dashboard.next_meeting_when",
        &[
            ("date", format_date(locale, &next.date)),
            ("time", next.time.clone()),
        ],
    );
    let taken = next.seats_taken.unsigned_abs();
    let seats = match next.capacity {
        Some(capacity) => t_count_with(
            "dashboard.seats",
            taken,
            &[
                ("count", format_number(locale, taken)),
                (
                    "capacity",
                    format_number(locale, capacity.unsigned_abs().into()),
                ),
            ],
        ),
        None => t_count("dashboard.seats_no_limit", taken),
    };
    view! {
        <p>
            <a href=format!("/staff/events/{}", next.id)>{next.title}</a>
            ", " {when} ". " {seats}
        </p>
    }
}

/// Ends this person's sessions on every device (a lost laptop, a shared computer).
#[component]
fn SignOutEverywhereButton() -> impl IntoView {
    let action = ServerAction::<SignOutEverywhere>::new();
    view! {
        <ActionForm action>
            <button type="submit" class="button button-secondary">{t("staff.sign_out_everywhere")}</button>
        </ActionForm>
    }
}
