//! The page behind an RSVP's manage link: what was booked, the online link for people with a seat,
//! and changing the party size or cancelling. The token in the address is the only key.

use crate::api::events::{CancelRsvp, ChangeRsvp, EraseRsvp, RsvpView, get_rsvp};
use crate::components::error_view::error_view;
use crate::components::form::{ErrorSummary, SelectField};
use crate::i18n::{t, t_with};
use crate::pages::events::{accommodation_label, place, when};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ManageRsvpPage() -> impl IntoView {
    let params = use_params_map();
    let change = ServerAction::<ChangeRsvp>::new();
    let cancel = ServerAction::<CancelRsvp>::new();
    let rsvp = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("token").unwrap_or_default(),
                change.version().get(),
                cancel.version().get(),
            )
        },
        |(slug, token, ..)| get_rsvp(slug, token),
    );
    view! {
        // The address is a key: keep it out of search engines.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match rsvp.await {
                    Ok(rsvp) => view! { <Manage rsvp change cancel/> }.into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

fn status_message(rsvp: &RsvpView) -> String {
    match (rsvp.status.as_str(), rsvp.waitlist_position) {
        ("waitlisted", Some(position)) => t_with(
            "events.manage.status.waitlisted",
            &[("position", position.to_string())],
        ),
        ("cancelled", _) => t("events.manage.status.cancelled"),
        ("checked_in", _) => t("events.manage.status.checked_in"),
        _ => t("events.manage.status.registered"),
    }
}

#[component]
fn Manage(
    rsvp: RsvpView,
    change: ServerAction<ChangeRsvp>,
    cancel: ServerAction<CancelRsvp>,
) -> impl IntoView {
    let query = use_query_map();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let error = Signal::derive(move || {
        change
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| cancel.value().get().and_then(Result::err))
    });
    let banner = move || {
        let q = query.read();
        let key = if q.get("cancelled").is_some() {
            Some("events.manage.done.cancelled")
        } else if q.get("changed").is_some() {
            Some("events.manage.done.changed")
        } else if q.get("new").is_some() {
            Some("events.manage.done.new")
        } else {
            None
        };
        key.map(|k| view! { <p class="reference" role="status"><strong>{t(k)}</strong></p> })
    };
    let status = status_message(&rsvp);
    let (slug_for_change, slug_for_cancel) = (rsvp.meeting.slug.clone(), rsvp.meeting.slug.clone());
    let token_for_cancel = token.clone();
    let (slug_for_erase, token_for_erase) = (rsvp.meeting.slug.clone(), token.clone());
    let erase = ServerAction::<EraseRsvp>::new();
    let meeting = rsvp.meeting.clone();
    let party = vec![
        ("1", "events.party.1"),
        ("2", "events.party.2"),
        ("3", "events.party.3"),
        ("4", "events.party.4"),
        ("5", "events.party.5"),
    ];
    let current_party: &'static str = match rsvp.party_size {
        1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        _ => "5",
    };
    let accommodations = if rsvp.accommodations.is_empty() {
        t("events.manage.no_accommodations")
    } else {
        rsvp.accommodations
            .iter()
            .map(|c| accommodation_label(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <Title text=format!("{} | {}", t("events.manage.title"), meeting.title)/>
        <h1>{t("events.manage.title")}</h1>
        {banner}
        <ErrorSummary error/>
        <p role="status">{status}</p>
        <dl class="facts">
            <dt>{t("events.manage.meeting")}</dt>
            <dd><a href=format!("/events/{}", meeting.slug)>{meeting.title.clone()}</a></dd>
            <dt>{t("events.when")}</dt>
            <dd>{when(&meeting)} " " {meeting.zone.clone()}</dd>
            <dt>{t("events.where")}</dt>
            <dd>{place(&meeting)}</dd>
            {rsvp.online_url.clone().map(|url| view! {
                <dt>{t("events.manage.online_link")}</dt>
                <dd><a href=url.clone() rel="external noreferrer">{url.clone()}</a></dd>
            })}
            <dt>{t("events.manage.reference")}</dt>
            <dd>{rsvp.reference.clone()}</dd>
            <dt>{t("field.name.label")}</dt>
            <dd>{rsvp.name.clone()}</dd>
            <dt>{t("events.rsvp.party_size")}</dt>
            <dd>{rsvp.party_size}</dd>
            <dt>{t("events.rsvp.accommodations")}</dt>
            <dd>{accommodations}</dd>
        </dl>
        {rsvp.can_change.then(|| view! {
            <section aria-labelledby="change-heading">
                <h2 id="change-heading">{t("events.manage.change_heading")}</h2>
                <ActionForm action=change attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="slug" value=slug_for_change/>
                    <input type="hidden" name="token" value=token/>
                    <SelectField name="party_size" label_key="events.rsvp.party_size" options=party default_value=current_party required=true error/>
                    <button type="submit" class="button">{t("events.manage.change_submit")}</button>
                </ActionForm>
            </section>
            <section aria-labelledby="cancel-heading">
                <h2 id="cancel-heading">{t("events.manage.cancel_heading")}</h2>
                <p>{t("events.manage.cancel_note")}</p>
                <ActionForm action=cancel>
                    <input type="hidden" name="slug" value=slug_for_cancel/>
                    <input type="hidden" name="token" value=token_for_cancel/>
                    <button type="submit" class="button button-secondary">{t("events.manage.cancel_submit")}</button>
                </ActionForm>
            </section>
        })}
        {meeting.closed_reason.clone().filter(|_| !rsvp.can_change).map(|reason| {
            view! { <p class="notice-box">{t(&format!("events.closed.{reason}"))}</p> }
        })}
        <section aria-labelledby="erase-heading">
            <h2 id="erase-heading">{t("events.manage.erase_heading")}</h2>
            <p>{t("events.manage.erase_note")}</p>
            <ActionForm action=erase>
                <input type="hidden" name="slug" value=slug_for_erase/>
                <input type="hidden" name="token" value=token_for_erase/>
                <button type="submit" class="button button-secondary">{t("events.manage.erase_submit")}</button>
            </ActionForm>
        </section>
    }
}
