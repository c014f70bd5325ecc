//! The accessibility statement: the standard the portal aims for and how it is tested, what is
//! known not to work fully, and how to ask for another format (by email, the contact form or the
//! TTY line, from the same settings the footer shows).

use crate::api::site::get_site_info;
use crate::i18n::{format_date, t, t_with, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// When this statement was written or last reviewed; change it with the text.
const STATEMENT_DATE: &str = "2026-12-07";

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let site = Resource::new(|| (), |_| get_site_info());
    let locale = use_locale();
    let prepared = t_with(
        "accessibility.date",
        &[("date", format_date(locale, STATEMENT_DATE))],
    );
    let list = |keys: &[&'static str]| {
        keys.iter()
            .map(|key| view! { <li>{t(key)}</li> })
            .collect_view()
    };
    view! {
        <Title text=t("accessibility.title")/>
        <Meta name="description" content=t("accessibility.intro")/>
        <h1>{t("accessibility.title")}</h1>
        <p class="lead">{t("accessibility.intro")}</p>

        <section aria-labelledby="a11y-standard">
            <h2 id="a11y-standard">{t("accessibility.standard.heading")}</h2>
            <p>{t("accessibility.standard.body")}</p>
        </section>

        <section aria-labelledby="a11y-testing">
            <h2 id="a11y-testing">{t("accessibility.testing.heading")}</h2>
            <ul>
                {list(&[
                    "accessibility.testing.axe",
                    "accessibility.testing.keyboard",
                    "accessibility.testing.no_js",
                    "accessibility.testing.languages",
                ])}
            </ul>
        </section>

        <section aria-labelledby="a11y-limits">
            <h2 id="a11y-limits">{t("accessibility.limits.heading")}</h2>
            <ul>
                {list(&[
                    "accessibility.limits.translations",
                    "accessibility.limits.comments",
                    "accessibility.limits.online_meetings",
                ])}
            </ul>
        </section>

        <section aria-labelledby="a11y-formats">
            <h2 id="a11y-formats">{t("accessibility.formats.heading")}</h2>
            <p>{t("accessibility.formats.body")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    site.await.ok().map(|s| {
                        let mailto = format!("mailto:{}", s.inquiry_inbox);
                        let tel = format!("tel:{}", s.tty_number.chars().filter(|c| c.is_ascii_digit()).collect::<String>());
                        view! {
                            <ul>
                                <li>{t("accessibility.formats.email")} " " <a href=mailto>{s.inquiry_inbox.clone()}</a></li>
                                <li>{t("accessibility.formats.tty")} " " <a href=tel>{format!("TTY {}", s.tty_number)}</a></li>
                                <li><a href="/contact">{t("accessibility.formats.contact")}</a></li>
                            </ul>
                        }
                    })
                })}
            </Suspense>
            <p>
                {t("accessibility.formats.draft")} " "
                <a href=crate::paths::WHOLE_DRAFT_PAGE>{t("accessibility.formats.draft_link")}</a>
            </p>
        </section>

        <section aria-labelledby="a11y-problem">
            <h2 id="a11y-problem">{t("accessibility.problem.heading")}</h2>
            <p>
                {t("accessibility.problem.body")} " "
                <a href="/contact">{t("accessibility.problem.link")}</a>
            </p>
        </section>

        <p class="hint">{prepared}</p>
    }
}
