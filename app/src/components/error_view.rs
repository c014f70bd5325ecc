//! What a public page shows when its data could not be read: the 404 of unknown sections,
//! surveys and meetings, or the plain error message.

use crate::error::AppError;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// The 404 of the public pages (an unknown section, version, survey or meeting), with its status.
pub fn not_found_view() -> AnyView {
    #[cfg(feature = "ssr")]
    crate::backend::request::set_status(http::StatusCode::NOT_FOUND);
    view! {
        <Title text=t("not_found.title")/>
        <h1>{t("not_found.title")}</h1>
        <p><a href="/strategy">{t("strategy.back")}</a></p>
    }
    .into_any()
}

/// The view of a failed read: the 404 for `NotFound`, the public message otherwise.
pub fn error_view(err: AppError) -> AnyView {
    match err {
        AppError::NotFound => not_found_view(),
        other => {
            view! { <h1>{t("error.page_title")}</h1><p>{t(other.message_key())}</p> }.into_any()
        }
    }
}
