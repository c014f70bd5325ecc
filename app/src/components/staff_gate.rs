//! Staff pages share one rule: not signed in goes to sign-in, the wrong role gets a 403 page.

use crate::error::AppError;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Renders `page` on success; otherwise the redirect, 403 or error view the error calls for.
pub fn staff_gate<T>(
    result: Result<T, AppError>,
    here: &str,
    page: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match result {
        Ok(value) => page(value),
        Err(AppError::Unauthorized) => {
            let path = format!("/staff/sign-in?next={}", crate::paths::query_value(here));
            // leptos_axum adds the Location header; the status must say "see other" for it to count.
            #[cfg(feature = "ssr")]
            crate::backend::request::set_status(http::StatusCode::SEE_OTHER);
            view! { <Redirect path=path/> }.into_any()
        }
        Err(AppError::Forbidden) => {
            #[cfg(feature = "ssr")]
            crate::backend::request::set_status(http::StatusCode::FORBIDDEN);
            view! {
                <leptos_meta::Title text=t("forbidden.title")/>
                <h1>{t("forbidden.title")}</h1>
                <p>{t("forbidden.body")}</p>
                <p><a href="/staff">{t("forbidden.back")}</a></p>
            }
            .into_any()
        }
        Err(AppError::NotFound) => crate::components::error_view::not_found_view(),
        Err(other) => {
            #[cfg(feature = "ssr")]
            crate::backend::request::set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
            view! {
                <h1>{t("error.page_title")}</h1>
                <p>{t(other.message_key())}</p>
            }
            .into_any()
        }
    }
}
