//! Staff write an update to the consultation's followers: who gets it (with how many confirmed
//! addresses that is now), the words in English and optionally in Spanish and Russian, and the
//! updates already sent.

use crate::api::follow_staff::{
    AudienceChoice, SendFollowerUpdate, SentUpdateRow, StaffUpdatesView, staff_updates,
};
use crate::components::form::{
    ErrorSummary, FieldError, SelectField, TextArea, TextField, described_by, field_kept,
    field_message,
};
use crate::components::staff_gate::staff_gate;
use crate::domain::follow::UpdateKind;
use crate::error::AppError;
use crate::i18n::{t, t_count, t_count_with};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffUpdatesPage() -> impl IntoView {
    let send = ServerAction::<SendFollowerUpdate>::new();
    let view_data = Resource::new(move || send.version().get(), |_| staff_updates());
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                staff_gate(view_data.await, "/staff/updates", |data| view! { <Updates data send/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Updates(data: StaffUpdatesView, send: ServerAction<SendFollowerUpdate>) -> impl IntoView {
    let query = use_query_map();
    let sent = move || query.read().get("sent").and_then(|n| n.parse::<u64>().ok());
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    let kinds: Vec<(&'static str, &'static str)> = UpdateKind::COMPOSED
        .iter()
        .map(|k| (k.as_str(), k.label_key()))
        .collect();
    view! {
        <Title text=t("staff.updates.title")/>
        <p><a href="/staff">{t("staff.back_to_dashboard")}</a></p>
        <h1>{t("staff.updates.title")}</h1>
        <p class="lead">{t("staff.updates.intro")}</p>
        {move || sent().map(|n| view! {
            <p class="notice" role="status">
                {t_count("staff.updates.sent", n)} " " <a href="/updates">{t("staff.updates.see_archive")}</a>
            </p>
        })}
        <ErrorSummary error/>
        <h2>{t("staff.updates.compose")}</h2>
        <ActionForm action=send attr:class="stacked-form" attr:novalidate=true>
            <AudienceSelect audiences=data.audiences error/>
            <SelectField name="kind" label_key="staff.updates.kind" options=kinds default_value="update" required=true error/>
            <fieldset class="field-group">
                <legend>{t("staff.updates.english")}</legend>
                <TextField name="subject_en" label_key="staff.updates.subject" required=true error/>
                <TextArea name="body_en" label_key="staff.updates.body" hint_key="staff.updates.body_hint" required=true max_chars=20000 rows=10 error/>
            </fieldset>
            <fieldset class="field-group">
                <legend>{t("staff.updates.spanish")}</legend>
                <p class="hint">{t("staff.updates.translation_hint")}</p>
                <TextField name="subject_es" label_key="staff.updates.subject_es" error/>
                <TextArea name="body_es" label_key="staff.updates.body_es" max_chars=20000 rows=10 error/>
            </fieldset>
            <fieldset class="field-group">
                <legend>{t("staff.updates.russian")}</legend>
                <p class="hint">{t("staff.updates.translation_hint")}</p>
                <TextField name="subject_ru" label_key="staff.updates.subject_ru" error/>
                <TextArea name="body_ru" label_key="staff.updates.body_ru" max_chars=20000 rows=10 error/>
            </fieldset>
            <TextField name="link" label_key="staff.updates.link" hint_key="staff.updates.link_hint" error/>
            <button type="submit" class="button">{t("staff.updates.send")}</button>
        </ActionForm>
        <h2>{t("staff.updates.sent_heading")}</h2>
        <SentTable rows=data.sent/>
    }
}

/// Each audience with the number of confirmed addresses an update to it reaches now: the
/// preview of who gets it, without JavaScript and without showing anyone's address.
#[component]
fn AudienceSelect(
    audiences: Vec<AudienceChoice>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = "audience";
    let message = field_message(error, name);
    let kept = field_kept(error, name);
    let chosen = move || kept().unwrap_or_else(|| "all".to_string());
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for="field-audience">{t("staff.updates.audience")}</label>
            <p class="hint" id="field-audience-hint">{t("staff.updates.audience_hint")}</p>
            <FieldError name error/>
            <select
                id="field-audience"
                name=name
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=move || described_by(name, true, message)
            >
                {audiences
                    .into_iter()
                    .map(|a| {
                        let label = if a.title.is_empty() {
                            t_count_with("staff.updates.audience_all", a.followers, &[("count", a.followers.to_string())])
                        } else {
                            t_count_with(
                                "staff.updates.audience_section",
                                a.followers,
                                &[("count", a.followers.to_string()), ("section", a.title.clone())],
                            )
                        };
                        let value = a.value.clone();
                        view! { <option value=a.value selected=move || chosen() == value>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn SentTable(rows: Vec<SentUpdateRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{t("staff.updates.none_sent")}</p> }.into_any();
    }
    view! {
        <table>
            <caption class="visually-hidden">{t("staff.updates.sent_heading")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("staff.updates.sent_at")}</th>
                    <th scope="col">{t("staff.updates.subject")}</th>
                    <th scope="col">{t("staff.updates.kind")}</th>
                    <th scope="col">{t("staff.updates.audience")}</th>
                    <th scope="col">{t("staff.updates.recipients")}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let kind = UpdateKind::parse(&row.kind).map_or(row.kind.clone(), |k| t(k.label_key()));
                    let audience = if row.audience.is_empty() { t("staff.updates.audience_all_short") } else { row.audience.clone() };
                    view! {
                        <tr>
                            <td>{row.sent_at.clone()}</td>
                            <td><a href=format!("/updates/{}", row.id)>{row.subject.clone()}</a></td>
                            <td>{kind}</td>
                            <td>{audience}</td>
                            <td>{row.recipients}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
