//! The contact page: an inquiry that reaches the city's mailbox with a reference number, and the thank-you page.

use crate::api::inquiry::SubmitInquiry;
use crate::api::site::get_site_info;
use crate::components::form::{
    CheckboxField, ErrorSummary, RadioGroup, SelectField, TextArea, TextField,
};
use crate::components::intake::StampedIntakeFields;
use crate::domain::inquiry::{ReplyChannel, Topic};
use crate::domain::stakeholder::StakeholderGroup;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn choices<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (value(*v), label(*v))).collect()
}

/// Where to write or call instead of using the form.
#[component]
fn OtherWaysToReachUs() -> impl IntoView {
    let site = Resource::new(|| (), |_| get_site_info());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                site.await.ok().map(|s| {
                    let mailto = format!("mailto:{}", s.inquiry_inbox);
                    view! {
                        <aside class="notice-box" aria-labelledby="other-ways">
                            <h2 id="other-ways">{t("contact.other_ways.heading")}</h2>
                            <p>{t("contact.other_ways.email")} " " <a href=mailto>{s.inquiry_inbox.clone()}</a></p>
                            <p>{t("contact.other_ways.tty")} " " <strong>{format!("TTY {}", s.tty_number)}</strong></p>
                        </aside>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let action = ServerAction::<SubmitInquiry>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let groups = choices(
        &StakeholderGroup::ALL,
        StakeholderGroup::as_str,
        StakeholderGroup::label_key,
    );
    let topics = choices(Topic::ALL, Topic::as_str, Topic::label_key);
    let channels = choices(
        ReplyChannel::ALL,
        ReplyChannel::as_str,
        ReplyChannel::label_key,
    );
    view! {
        <Title text=t("contact.title")/>
        <h1>{t("contact.title")}</h1>
        <p class="lead">{t("contact.intro")}</p>
        <OtherWaysToReachUs/>
        <ErrorSummary error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <StampedIntakeFields/>
            <TextField name="name" label_key="field.name.label" autocomplete="name" required=true error/>
            <TextField name="email" label_key="field.email.label" input_type="email" autocomplete="email" required=true error/>
            <TextField name="phone" label_key="field.phone.label" input_type="tel" autocomplete="tel" hint_key="field.phone.hint" error/>
            <RadioGroup name="reply_channel" legend_key="field.reply_channel.legend" options=channels default_value="email" error/>
            <SelectField name="stakeholder_group" label_key="field.stakeholder_group.label" options=groups required=true error/>
            <TextField name="stakeholder_other" label_key="field.stakeholder_other.label" hint_key="field.stakeholder_other.hint" error/>
            <TextField name="zip" label_key="field.zip.label" autocomplete="postal-code" hint_key="field.zip.hint" error/>
            <SelectField name="topic" label_key="field.topic.label" options=topics required=true error/>
            <TextArea name="message" label_key="field.message.label" required=true hint_key="field.message.hint" max_chars=5000 error/>
            <CheckboxField name="consent" label_key="field.consent.label" required=true error/>
            <p><a href="/privacy#contact">{t("privacy.form_link")}</a></p>
            <button type="submit" class="button">{t("contact.submit")}</button>
        </ActionForm>
    }
}

#[component]
pub fn ContactThanksPage() -> impl IntoView {
    let query = use_query_map();
    let reference = move || query.read().get("ref").filter(|r| r.len() <= 40);
    view! {
        <Title text=t("contact.thanks.title")/>
        <h1>{t("contact.thanks.title")}</h1>
        {move || match reference() {
            Some(reference) => view! {
                <p class="reference" role="status">
                    {t("contact.thanks.reference")} " " <strong>{reference}</strong>
                </p>
                <p>{t("contact.thanks.next")}</p>
            }
            .into_any(),
            None => view! { <p role="status">{t("contact.thanks.generic")}</p> }.into_any(),
        }}
        <p><a href="/">{t("not_found.home_link")}</a></p>
    }
}
