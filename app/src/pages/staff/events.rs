//! Meetings for staff: the list, the editor (times in the city's zone), who is coming with what
//! they need, check-in at the door, the CSV download, copying and cancelling a meeting (emailing
//! attendees and the sign-in sheet are in `event_attendees`).

use crate::api::events_attendees::EmailAttendees;
use crate::api::events_staff::{
    AttendeeRow, CancelMeeting, CheckInAttendee, DuplicateMeeting, SaveMeeting, StaffMeetingDetail,
    StaffMeetingList, staff_meeting, staff_meetings,
};
use crate::components::form::{ErrorSummary, GroupFilter, RadioGroup, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::{t, t_count, t_count_with, t_with};
use crate::pages::events::accommodation_label;
use crate::pages::staff::event_attendees::{EmailAttendeesForm, emailed_banner};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn status_label(status: &str) -> String {
    t(&format!("staff.events.status.{status}"))
}

fn group_label(group: &str) -> String {
    StakeholderGroup::parse(group)
        .map(|g| t(g.label_key()))
        .unwrap_or_else(|| group.to_string())
}

#[component]
pub fn StaffEventsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| staff_meetings());
    view! {
        <Title text=t("staff.events.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.events.title")}</h1>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(list.await, "/staff/events", |list| view! { <MeetingTable list/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn MeetingTable(list: StaffMeetingList) -> impl IntoView {
    view! {
        {list.can_edit.then(|| view! { <p><a class="button" href="/staff/events/new">{t("staff.events.new")}</a></p> })}
        <table>
            <caption class="visually-hidden">{t("staff.events.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("staff.events.meeting")}</th>
                    <th scope="col">{t_with("staff.events.starts", &[("zone", list.zone.clone())])}</th>
                    <th scope="col">{t("staff.events.status")}</th>
                    <th scope="col">{t("staff.events.seats")}</th>
                    <th scope="col">{t("staff.events.waitlisted")}</th>
                </tr>
            </thead>
            <tbody>
                {list.meetings.into_iter().map(|m| {
                    let seats = match m.capacity {
                        Some(capacity) => format!("{} / {capacity}", m.seats_taken),
                        None => m.seats_taken.to_string(),
                    };
                    view! {
                        <tr>
                            <td><a href=format!("/staff/events/{}", m.id)>{m.title}</a></td>
                            <td>{m.starts}</td>
                            <td>{status_label(&m.status)}</td>
                            <td>{seats}</td>
                            <td>{m.waitlisted}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn StaffEventPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveMeeting>::new();
    let cancel = ServerAction::<CancelMeeting>::new();
    let check_in = ServerAction::<CheckInAttendee>::new();
    let duplicate = ServerAction::<DuplicateMeeting>::new();
    let email = ServerAction::<EmailAttendees>::new();
    let id = move || {
        params.read().get("id").and_then(|id| {
            if id == "new" {
                Some(0)
            } else {
                id.parse::<i32>().ok()
            }
        })
    };
    let detail = Resource::new(
        move || {
            (
                id(),
                save.version().get(),
                cancel.version().get(),
                check_in.version().get(),
                email.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => staff_meeting(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let here = move || {
        params
            .read()
            .get("id")
            .map(|id| format!("/staff/events/{id}"))
            .unwrap_or_else(|| "/staff/events".into())
    };
    view! {
        <p><a href="/staff/events">{t("staff.events.title")}</a></p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = here();
                staff_gate(detail.await, &here, move |detail| view! { <MeetingDetail detail save cancel check_in duplicate email/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn MeetingDetail(
    detail: StaffMeetingDetail,
    save: ServerAction<SaveMeeting>,
    cancel: ServerAction<CancelMeeting>,
    check_in: ServerAction<CheckInAttendee>,
    duplicate: ServerAction<DuplicateMeeting>,
    email: ServerAction<EmailAttendees>,
) -> impl IntoView {
    let query = use_query_map();
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .or_else(|| cancel.value().get().and_then(Result::err))
            .or_else(|| email.value().get().and_then(Result::err))
    });
    let heading = if detail.id == 0 {
        t("staff.events.new")
    } else {
        detail.fields.title.clone()
    };
    let banner = move || {
        let q = query.read();
        if let Some(told) = q.get("told") {
            told.parse::<u64>()
                .ok()
                .map(|n| t_count("staff.events.cancelled_told", n))
        } else if let Some(emailed) = q.get("emailed") {
            emailed
                .parse::<u64>()
                .ok()
                .map(|n| emailed_banner(n, &q.get("to").unwrap_or_default()))
        } else if q.get("copied").is_some() {
            Some(t("staff.events.copied"))
        } else {
            q.get("saved").map(|_| t("staff.events.saved"))
        }
    };
    let is_cancelled = detail.fields.status == "cancelled";
    view! {
        <Title text=format!("{} | {}", heading, t("staff.events.title"))/>
        <h1>{heading}</h1>
        <p role="status">{banner}</p>
        <ErrorSummary error/>
        {(detail.id != 0).then(|| view! {
            <p>
                <a href=format!("/events/{}", detail.slug)>{t("staff.events.public_page")}</a>
                " · " {status_label(&detail.fields.status)}
            </p>
            <Attendees detail=detail.clone() check_in/>
        })}
        {detail.can_edit.then(|| view! { <Editor detail=detail.clone() save/> })}
        {(detail.can_edit && detail.id != 0).then(|| view! {
            <EmailAttendeesForm id=detail.id email/>
            <section aria-labelledby="duplicate-heading">
                <h2 id="duplicate-heading">{t("staff.events.duplicate_heading")}</h2>
                <p>{t("staff.events.duplicate_note")}</p>
                <ActionForm action=duplicate>
                    <input type="hidden" name="id" value=detail.id/>
                    <button type="submit" class="button button-secondary">{t("staff.events.duplicate_submit")}</button>
                </ActionForm>
            </section>
        })}
        {(detail.can_edit && detail.id != 0 && !is_cancelled).then(|| view! {
            <section aria-labelledby="cancel-meeting-heading">
                <h2 id="cancel-meeting-heading">{t("staff.events.cancel_heading")}</h2>
                <p>{t("staff.events.cancel_note")}</p>
                <ActionForm action=cancel attr:class="stacked-form">
                    <input type="hidden" name="id" value=detail.id/>
                    <div class="field choice">
                        <input type="checkbox" id="field-confirm" name="confirm"/>
                        <label for="field-confirm">{t("staff.events.cancel_confirm")}</label>
                    </div>
                    <button type="submit" class="button button-secondary">{t("staff.events.cancel_submit")}</button>
                </ActionForm>
            </section>
        })}
    }
}

fn static_choice(value: &str, choices: &[&'static str]) -> Option<&'static str> {
    choices.iter().copied().find(|c| *c == value)
}

#[component]
fn Editor(detail: StaffMeetingDetail, save: ServerAction<SaveMeeting>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let f = detail.fields;
    let formats = vec![
        ("in_person", "events.format.in_person"),
        ("online", "events.format.online"),
        ("hybrid", "events.format.hybrid"),
    ];
    let statuses = vec![
        ("draft", "staff.events.status.draft"),
        ("published", "staff.events.status.published"),
    ];
    view! {
        <section aria-labelledby="editor-heading">
            <h2 id="editor-heading">{t("staff.events.editor")}</h2>
            <p class="hint">{t_with("staff.events.times_note", &[("zone", detail.zone.clone())])}</p>
            <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="id" value=detail.id/>
                <TextField name="title" label_key="staff.events.field.title" required=true error initial=f.title/>
                <TextArea name="description" label_key="staff.events.field.description" hint_key="staff.events.field.description_hint" max_chars=10000 rows=6 error initial=f.description/>
                <TextField name="starts_local" label_key="staff.events.field.starts" input_type="datetime-local" required=true error initial=f.starts_local/>
                <TextField name="ends_local" label_key="staff.events.field.ends" input_type="datetime-local" required=true error initial=f.ends_local/>
                <RadioGroup name="format" legend_key="staff.events.field.format" options=formats default_value=static_choice(&f.format, &["in_person", "online", "hybrid"]).unwrap_or("in_person") error/>
                <TextField name="venue_name" label_key="staff.events.field.venue_name" error initial=f.venue_name/>
                <TextField name="venue_address" label_key="staff.events.field.venue_address" error initial=f.venue_address/>
                <TextField name="online_url" label_key="staff.events.field.online_url" input_type="url" hint_key="staff.events.field.online_url_hint" error initial=f.online_url/>
                <TextField name="capacity" label_key="staff.events.field.capacity" input_type="number" hint_key="staff.events.field.capacity_hint" error initial=f.capacity/>
                <TextField name="deadline_local" label_key="staff.events.field.deadline" input_type="datetime-local" hint_key="staff.events.field.deadline_hint" error initial=f.deadline_local/>
                <TextField name="languages" label_key="staff.events.field.languages" error initial=f.languages/>
                <TextArea name="accessibility_notes" label_key="staff.events.field.accessibility" max_chars=2000 rows=3 error initial=f.accessibility_notes/>
                <RadioGroup name="status" legend_key="staff.events.field.status" options=statuses default_value=static_choice(&f.status, &["draft", "published"]).unwrap_or("draft") error/>
                <button type="submit" class="button">{t("staff.events.save")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Attendees(detail: StaffMeetingDetail, check_in: ServerAction<CheckInAttendee>) -> impl IntoView {
    let id = detail.id;
    let can_edit = detail.can_edit;
    let needs = if detail.accommodations.is_empty() {
        vec![t("staff.events.no_accommodations")]
    } else {
        detail
            .accommodations
            .iter()
            .map(|a| {
                let mut line = t_count_with(
                    "staff.events.need",
                    a.coming as u64,
                    &[
                        ("count", a.coming.to_string()),
                        ("what", accommodation_label(&a.code)),
                    ],
                );
                if a.waiting > 0 {
                    line.push_str(&t_count("staff.events.need_waiting", a.waiting as u64));
                }
                line
            })
            .collect()
    };
    let other_requests: Vec<String> = detail
        .attendees
        .iter()
        .filter(|a| a.status != "cancelled")
        .filter_map(|a| a.accommodation_other.clone())
        .collect();
    let csv = crate::paths::at(crate::paths::ATTENDEES_CSV, id);
    view! {
        <section aria-labelledby="needs-heading">
            <h2 id="needs-heading">{t("staff.events.needs_heading")}</h2>
            <ul>{needs.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            {(!other_requests.is_empty()).then(|| view! {
                <p>{t("staff.events.other_requests")}</p>
                <ul>{other_requests.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
            })}
        </section>
        <section aria-labelledby="attendees-heading">
            <h2 id="attendees-heading">{t("staff.events.attendees")}</h2>
            <p role="status">
                {t_with("staff.events.counts", &[
                    ("seats", detail.seats_taken.to_string()),
                    ("arrived", detail.checked_in.to_string()),
                ])}
            </p>
            <form method="get" action=csv class="filters" aria-label=t("staff.events.download")>
                <GroupFilter label_key="field.stakeholder_group.label" any_key="moderation.filter.any" selected=String::new()/>
                {can_edit.then(|| view! {
                    <div class="field choice">
                        <input type="checkbox" id="field-contact" name="contact" value="1"/>
                        <label for="field-contact">{t("staff.events.include_contact")}</label>
                    </div>
                })}
                <button type="submit" class="button button-secondary">{t("staff.events.download")}</button>
            </form>
            {can_edit.then(|| view! {
                <p><a href=format!("/staff/events/{id}/sign-in-sheet")>{t("staff.events.sign_in_sheet")}</a></p>
            })}
            <table class="attendees">
                <caption class="visually-hidden">{t("staff.events.attendees")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("field.name.label")}</th>
                        <th scope="col">{t("events.rsvp.party_size")}</th>
                        <th scope="col">{t("field.stakeholder_group.label")}</th>
                        <th scope="col">{t("staff.events.status")}</th>
                        <th scope="col">{t("events.rsvp.accommodations")}</th>
                        {can_edit.then(|| view! { <th scope="col">{t("staff.events.check_in")}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {detail.attendees.into_iter().map(|a| view! { <AttendeeLine a id can_edit check_in/> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn AttendeeLine(
    a: AttendeeRow,
    id: i32,
    can_edit: bool,
    check_in: ServerAction<CheckInAttendee>,
) -> impl IntoView {
    let needs = a
        .accommodations
        .iter()
        .map(|c| accommodation_label(c))
        .collect::<Vec<_>>()
        .join(", ");
    let door = match a.status.as_str() {
        "registered" => Some((
            "1",
            t_with("staff.events.check_in_button", &[("name", a.name.clone())]),
            "button",
        )),
        "checked_in" => Some((
            "0",
            t_with("staff.events.undo_button", &[("name", a.name.clone())]),
            "button button-secondary",
        )),
        _ => None,
    };
    view! {
        <tr id=format!("attendee-{}", a.id)>
            <th scope="row">{(!a.name.is_empty()).then(|| view! { {a.name.clone()} <br/> })}<span class="hint">{a.reference.clone()}</span></th>
            <td>{a.party_size}</td>
            <td>{group_label(&a.stakeholder_group)}</td>
            <td>{status_label(&a.status)}</td>
            <td>{needs}</td>
            {can_edit.then(|| view! {
                <td>
                    {door.map(|(arrived, label, class)| view! {
                        <ActionForm action=check_in>
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="rsvp_id" value=a.id/>
                            <input type="hidden" name="arrived" value=arrived/>
                            <button type="submit" class=class>{label}</button>
                        </ActionForm>
                    })}
                </td>
            })}
        </tr>
    }
}
