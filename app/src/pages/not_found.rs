//! The page for addresses that lead nowhere, sent with status 404.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::backend::request::set_status(http::StatusCode::NOT_FOUND);
    view! {
        <Title text=t("not_found.title")/>
        <h1>{t("not_found.title")}</h1>
        <p>{t("not_found.body")}</p>
        <p><a href="/">{t("not_found.home_link")}</a></p>
    }
}
