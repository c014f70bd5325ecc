//! The privacy notice: what the portal keeps about people, why, and who sees it.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Title text=t("privacy.title")/>
        <h1>{t("privacy.title")}</h1>
        <p>{t("privacy.comments")}</p>
        <p>{t("privacy.email")}</p>
        <p>{t("privacy.inquiries")}</p>
        <p>{t("privacy.moderation")}</p>
        <p>{t("privacy.retention")}</p>
    }
}
