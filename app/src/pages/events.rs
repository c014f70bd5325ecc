//! Community meetings for the public: upcoming and past meetings, and one meeting with its RSVP form.

use crate::api::events::{MeetingView, SubmitRsvp, get_meeting, list_meetings};
use crate::components::error_view::error_view;
use crate::components::form::{CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextField};
use crate::components::intake::IntakeFields;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{Locale, format_date, t, t_count, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Accommodation codes with their labels, in the form's order.
pub const ACCOMMODATION_LABELS: [(&str, &str); 7] = [
    ("asl", "events.accommodation.asl"),
    ("cart", "events.accommodation.cart"),
    ("spanish", "events.accommodation.spanish"),
    ("russian", "events.accommodation.russian"),
    ("wheelchair", "events.accommodation.wheelchair"),
    ("childcare", "events.accommodation.childcare"),
    ("other", "events.accommodation.other"),
];

pub fn accommodation_label(code: &str) -> String {
    ACCOMMODATION_LABELS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, key)| t(key))
        .unwrap_or_else(|| code.to_string())
}

/// "18:30" as people in the city read it: 6:30 PM in English, 18:30 elsewhere.
pub fn clock(locale: Locale, hh_mm: &str) -> String {
    let Some((h, m)) = hh_mm.split_once(':') else {
        return hh_mm.to_string();
    };
    match (locale, h.parse::<u32>()) {
        (Locale::En, Ok(hour)) => {
            let (twelve, half) = match hour {
                0 => (12, "AM"),
                1..=11 => (hour, "AM"),
                12 => (12, "PM"),
                _ => (hour - 12, "PM"),
            };
            format!("{twelve}:{m} {half}")
        }
        _ => hh_mm.to_string(),
    }
}

/// "Thursday-less" date and time span of a meeting, in the reader's language.
pub fn when(meeting: &MeetingView) -> String {
    let locale = use_locale();
    format!(
        "{}, {}–{}",
        format_date(locale, &meeting.date),
        clock(locale, &meeting.starts),
        clock(locale, &meeting.ends)
    )
}

pub fn place(meeting: &MeetingView) -> String {
    let format = t(&format!("events.format.{}", meeting.format));
    match (&meeting.venue_name, &meeting.venue_address) {
        (Some(name), Some(address)) => format!("{format}: {name}, {address}"),
        (Some(name), None) => format!("{format}: {name}"),
        _ => format,
    }
}

fn seats_line(meeting: &MeetingView) -> Option<String> {
    meeting.seats_left.map(|left| {
        if left == 0 {
            t("events.seats.full")
        } else {
            t_count("events.seats.left", left as u64)
        }
    })
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let meetings = Resource::new(|| (), |_| list_meetings());
    view! {
        <Title text=t("events.title")/>
        <h1>{t("events.title")}</h1>
        <p class="lead">{t("events.intro")}</p>
        <p><a href=crate::paths::MEETINGS_ICS rel="external">{t("events.subscribe")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let all = meetings.await.unwrap_or_default();
                let (past, upcoming): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| m.past);
                view! {
                    <section aria-labelledby="upcoming-heading">
                        <h2 id="upcoming-heading">{t("events.upcoming")}</h2>
                        {if upcoming.is_empty() {
                            view! { <p>{t("events.none_upcoming")}</p> }.into_any()
                        } else {
                            view! { <MeetingList meetings=upcoming/> }.into_any()
                        }}
                    </section>
                    {(!past.is_empty()).then(|| view! {
                        <section aria-labelledby="past-heading">
                            <h2 id="past-heading">{t("events.past")}</h2>
                            <MeetingList meetings=past/>
                        </section>
                    })}
                }
            })}
        </Suspense>
    }
}

/// `lang` for a meeting's text when it is not in the page's language (not translated yet).
fn other_lang(lang: &str) -> Option<String> {
    (lang != use_locale().code()).then(|| lang.to_string())
}

#[component]
fn MeetingList(meetings: Vec<MeetingView>) -> impl IntoView {
    view! {
        <ul class="toc">
            {meetings.into_iter().map(|m| {
                let status = if m.cancelled { Some(t("events.cancelled_label")) } else { seats_line(&m) };
                view! {
                    <li class="card">
                        <h3 lang=other_lang(&m.lang)><a href=format!("/events/{}", m.slug)>{m.title.clone()}</a></h3>
                        <p>{when(&m)}</p>
                        <p>{place(&m)}</p>
                        {status.map(|s| view! { <p><strong>{s}</strong></p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let meeting = Resource::new(slug, get_meeting);
    let action = ServerAction::<SubmitRsvp>::new();
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match meeting.await {
                    Ok(meeting) => view! { <Meeting meeting action/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Meeting(meeting: MeetingView, action: ServerAction<SubmitRsvp>) -> impl IntoView {
    let locale = use_locale();
    let notice = meeting.closed_reason.clone().map(|reason| {
        let text = match reason.as_str() {
            "deadline" => t_with(
                "events.closed.deadline_on",
                &[
                    (
                        "date",
                        format_date(locale, meeting.deadline_date.as_deref().unwrap_or_default()),
                    ),
                    (
                        "time",
                        clock(locale, meeting.deadline_time.as_deref().unwrap_or_default()),
                    ),
                ],
            ),
            other => t(&format!("events.closed.{other}")),
        };
        view! {
            <div class="notice-box" role="status">
                <p><strong>{text}</strong></p>
                <p><a href="/contact">{t("events.closed.contact")}</a></p>
            </div>
        }
    });
    let full = meeting.seats_left == Some(0);
    let waitlist_note = (full || meeting.waitlist > 0).then(|| {
        view! { <p class="notice-box">{t_count("events.waitlist_note", meeting.waitlist)}</p> }
    });
    let is_open = meeting.closed_reason.is_none();
    let deadline = meeting
        .deadline_date
        .clone()
        .filter(|_| is_open)
        .map(|date| {
            t_with(
                "events.deadline",
                &[
                    ("date", format_date(locale, &date)),
                    (
                        "time",
                        clock(locale, meeting.deadline_time.as_deref().unwrap_or_default()),
                    ),
                ],
            )
        });
    let query = use_query_map();
    let erased = move || query.read().get("erased").is_some();
    view! {
        <Title text=format!("{} | {}", meeting.title, t("events.title"))/>
        <nav aria-label=t("strategy.breadcrumb")>
            <a href="/events">{t("events.title")}</a>
        </nav>
        <article aria-labelledby="meeting-title">
            <h1 id="meeting-title" lang=other_lang(&meeting.lang)>{meeting.title.clone()}</h1>
            {move || erased().then(|| view! { <p class="notice" role="status">{t("events.manage.done.erased")}</p> })}
            <dl class="facts">
                <dt>{t("events.when")}</dt>
                <dd>{when(&meeting)} " " {meeting.zone.clone()}</dd>
                <dt>{t("events.where")}</dt>
                <dd>{place(&meeting)}</dd>
                {(!meeting.languages.is_empty()).then(|| view! {
                    <dt>{t("events.languages")}</dt>
                    <dd lang=other_lang(&meeting.lang)>{meeting.languages.clone()}</dd>
                })}
                {seats_line(&meeting).filter(|_| is_open).map(|s| view! {
                    <dt>{t("events.seats.heading")}</dt>
                    <dd>{s}</dd>
                })}
            </dl>
            // Sanitised with ammonia when the meeting was saved; never raw input.
            <div class="section-body" lang=other_lang(&meeting.lang) inner_html=meeting.description_html.clone()></div>
            {(!meeting.accessibility_notes.is_empty()).then(|| view! {
                <h2>{t("events.accessibility")}</h2>
                <p lang=other_lang(&meeting.lang)>{meeting.accessibility_notes.clone()}</p>
            })}
            <p>
                <a href=crate::paths::at(crate::paths::MEETING_ICS, &meeting.slug) rel="external" download="">
                    {t("events.add_to_calendar")}
                </a>
            </p>
        </article>
        {notice}
        {is_open.then(|| view! {
            <section aria-labelledby="rsvp-heading">
                <h2 id="rsvp-heading">{t("events.rsvp.heading")}</h2>
                {deadline.map(|d| view! { <p>{d}</p> })}
                {waitlist_note}
                <RsvpSignUp slug=meeting.slug.clone() stamp=meeting.form_stamp.clone() action/>
            </section>
        })}
    }
}

#[component]
fn RsvpSignUp(slug: String, stamp: String, action: ServerAction<SubmitRsvp>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let groups: Vec<(&'static str, &'static str)> = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.as_str(), g.label_key()))
        .collect();
    let party = vec![
        ("1", "events.party.1"),
        ("2", "events.party.2"),
        ("3", "events.party.3"),
        ("4", "events.party.4"),
        ("5", "events.party.5"),
    ];
    view! {
        <ErrorSummary error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="slug" value=slug/>
            <IntakeFields stamp/>
            <TextField name="name" label_key="field.name.label" autocomplete="name" required=true error/>
            <TextField name="email" label_key="field.email.label" input_type="email" autocomplete="email" required=true hint_key="events.rsvp.email_hint" error/>
            <TextField name="phone" label_key="field.phone.label" input_type="tel" autocomplete="tel" hint_key="events.rsvp.phone_hint" error/>
            <SelectField name="party_size" label_key="events.rsvp.party_size" options=party default_value="1" required=true error/>
            <SelectField name="stakeholder_group" label_key="field.stakeholder_group.label" options=groups required=true error/>
            <TextField name="stakeholder_other" label_key="field.stakeholder_other.label" hint_key="field.stakeholder_other.hint" error/>
            <TextField name="zip" label_key="field.zip.label" autocomplete="postal-code" hint_key="field.zip.hint" error/>
            <CheckboxGroup name="accommodations" legend_key="events.rsvp.accommodations" hint_key="events.rsvp.accommodations_hint" options=ACCOMMODATION_LABELS.to_vec() error/>
            <TextField name="accommodation_other" label_key="events.rsvp.accommodation_other" hint_key="events.rsvp.accommodation_other_hint" error/>
            <CheckboxField name="reminder_consent" label_key="events.rsvp.reminder_consent" error/>
            <p><a href="/privacy#meetings">{t("privacy.form_link")}</a></p>
            <button type="submit" class="button">{t("events.rsvp.submit")}</button>
        </ActionForm>
    }
}
