//! Reaching a meeting's people (admins): the form that emails everyone registered or the waitlist,
//! shown on the meeting's staff page, and the printable sign-in sheet for the door.

use crate::api::events_attendees::{EmailAttendees, SheetLine, SignInSheet, meeting_sign_in_sheet};
use crate::components::form::{RadioGroup, TextArea, TextField};
use crate::components::staff_gate::staff_gate;
use crate::i18n::{t, t_count, t_with};
use crate::pages::events::accommodation_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The confirmation after a message was queued: how many emails, to whom.
pub fn emailed_banner(count: u64, audience: &str) -> String {
    if audience == "waitlist" {
        t_count("staff.events.emailed_waitlist", count)
    } else {
        t_count("staff.events.emailed_registered", count)
    }
}

/// One message to everyone registered, or to the waitlist; errors stay next to their fields.
#[component]
pub fn EmailAttendeesForm(id: i32, email: ServerAction<EmailAttendees>) -> impl IntoView {
    let error = Signal::derive(move || email.value().get().and_then(Result::err));
    let audiences = vec![
        ("registered", "staff.events.email.audience.registered"),
        ("waitlist", "staff.events.email.audience.waitlist"),
    ];
    view! {
        <section aria-labelledby="email-heading">
            <h2 id="email-heading">{t("staff.events.email.heading")}</h2>
            <p>{t("staff.events.email.note")}</p>
            <ActionForm action=email attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="id" value=id/>
                <RadioGroup name="audience" legend_key="staff.events.email.audience" options=audiences default_value="registered" error/>
                <TextField name="subject" label_key="staff.events.email.subject" required=true error/>
                <TextArea name="message" label_key="staff.events.email.message" hint_key="staff.events.email.message_hint" required=true max_chars=10000 rows=8 error/>
                <button type="submit" class="button">{t("staff.events.email.submit")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn StaffSignInSheetPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let sheet = Resource::new(id, |id| async move {
        match id {
            Some(id) => meeting_sign_in_sheet(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let here = move || {
        params
            .read()
            .get("id")
            .map(|id| format!("/staff/events/{id}/sign-in-sheet"))
            .unwrap_or_else(|| "/staff/events".into())
    };
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let here = here();
                staff_gate(sheet.await, &here, |sheet| view! { <Sheet sheet/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Sheet(sheet: SignInSheet) -> impl IntoView {
    let title = t_with(
        "staff.events.sheet.title",
        &[("event", sheet.title.clone())],
    );
    let when = match &sheet.place {
        Some(place) => format!("{} · {place}", sheet.when),
        None => sheet.when.clone(),
    };
    let parties = sheet.lines.len() as u64;
    view! {
        <Title text=title.clone()/>
        <p class="no-print"><a href=format!("/staff/events/{}", sheet.id)>{t("staff.events.sheet.back")}</a></p>
        <h1>{title}</h1>
        <p>{when}</p>
        <p>
            {t_count("staff.events.sheet.parties", parties)} " "
            {t_count("staff.events.sheet.seats", u64::try_from(sheet.seats).unwrap_or(0))}
        </p>
        <p class="no-print hint">{t("staff.events.sheet.print_hint")}</p>
        {if sheet.lines.is_empty() {
            view! { <p>{t("staff.events.sheet.empty")}</p> }.into_any()
        } else {
            view! {
                <table class="sign-in-sheet">
                    <caption class="visually-hidden">{t("staff.events.sheet.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("staff.events.sheet.number")}</th>
                            <th scope="col">{t("staff.events.sheet.name")}</th>
                            <th scope="col">{t("staff.events.sheet.party")}</th>
                            <th scope="col">{t("events.rsvp.accommodations")}</th>
                            <th scope="col" class="signature">{t("staff.events.sheet.signature")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {sheet.lines.into_iter().enumerate().map(|(n, line)| view! { <Line n=n + 1 line/> }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

#[component]
fn Line(n: usize, line: SheetLine) -> impl IntoView {
    let mut needs: Vec<String> = line
        .accommodations
        .iter()
        .filter(|c| c.as_str() != "other")
        .map(|c| accommodation_label(c))
        .collect();
    if let Some(other) = line.accommodation_other.clone() {
        needs.push(other);
    }
    view! {
        <tr>
            <td>{n}</td>
            <th scope="row">
                {line.name.clone()}
                {(!line.reference.is_empty()).then(|| view! { <br/><span class="hint">{line.reference.clone()}</span> })}
            </th>
            <td>{line.party_size}</td>
            <td>{needs.join(", ")}</td>
            <td class="signature"></td>
        </tr>
    }
}
