//! The privacy notice: what each form collects and why, who sees it, how long it is kept (as
//! configured), and how to see, change or delete it. Each form links to its own part.

use crate::api::site::{PrivacyView, privacy_facts};
use crate::i18n::{t, t_count_with, t_with};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let facts = Resource::new(|| (), |_| privacy_facts());
    view! {
        <Title text=t("privacy.title")/>
        <h1>{t("privacy.title")}</h1>
        <p class="lead">{t("privacy.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match facts.await {
                    Ok(facts) => view! { <Notice facts/> }.into_any(),
                    Err(_) => view! { <p>{t("error.page_title")}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Notice(facts: PrivacyView) -> impl IntoView {
    let days = |n: i64| n.to_string();
    let moderation = if facts.post_moderation {
        t("privacy.comments.post_moderation")
    } else {
        t("privacy.comments.pre_moderation")
    };
    view! {
        <section aria-labelledby="comments">
            <h2 id="comments">{t("privacy.comments.heading")}</h2>
            <p>{t("privacy.comments.body")}</p>
            <p>{moderation}</p>
        </section>
        <section aria-labelledby="surveys">
            <h2 id="surveys">{t("privacy.surveys.heading")}</h2>
            <p>{t("privacy.surveys.body")}</p>
        </section>
        <section aria-labelledby="meetings">
            <h2 id="meetings">{t("privacy.meetings.heading")}</h2>
            <p>{t("privacy.meetings.body")}</p>
        </section>
        <section aria-labelledby="contact">
            <h2 id="contact">{t("privacy.contact.heading")}</h2>
            <p>{t("privacy.contact.body")}</p>
        </section>
        <section aria-labelledby="following">
            <h2 id="following">{t("privacy.following.heading")}</h2>
            <p>{t("privacy.following.body")}</p>
        </section>
        <section aria-labelledby="sensitive">
            <h2 id="sensitive">{t("privacy.sensitive.heading")}</h2>
            <p>{t_with("privacy.sensitive.body", &[("k", facts.small_cell_k.to_string())])}</p>
        </section>
        <section aria-labelledby="who">
            <h2 id="who">{t("privacy.who.heading")}</h2>
            <ul>
                <li>{t("privacy.who.public")}</li>
                <li>{t("privacy.who.moderators")}</li>
                <li>{t("privacy.who.analysts")}</li>
                <li>{t("privacy.who.admins")}</li>
            </ul>
        </section>
        <section aria-labelledby="retention">
            <h2 id="retention">{t("privacy.retention.heading")}</h2>
            <ul>
                <li>{t_count_with("privacy.retention.contact", facts.contact_days.unsigned_abs(), &[("days", days(facts.contact_days))])}</li>
                <li>{t_count_with("privacy.retention.email", facts.email_days.unsigned_abs(), &[("days", days(facts.email_days))])}</li>
                <li>{t_count_with("privacy.retention.reports", facts.report_key_days.unsigned_abs(), &[("days", days(facts.report_key_days))])}</li>
                <li>{t_count_with("privacy.retention.audit", facts.audit_days.unsigned_abs(), &[("days", days(facts.audit_days))])}</li>
                <li>{t("privacy.retention.kept")}</li>
            </ul>
        </section>
        <section aria-labelledby="choices">
            <h2 id="choices">{t("privacy.choices.heading")}</h2>
            <p>{t("privacy.choices.links")}</p>
            <p>{t("privacy.choices.request")} " " <a href="/privacy/request">{t("privacy.choices.request_link")}</a></p>
            <p>{t_with("privacy.choices.ask", &[("inbox", facts.inquiry_inbox.clone()), ("tty", facts.tty_number.clone())])}</p>
        </section>
        <section aria-labelledby="technical">
            <h2 id="technical">{t("privacy.technical.heading")}</h2>
            <p>{t("privacy.technical.body")}</p>
        </section>
    }
}
