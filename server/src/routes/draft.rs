//! The whole current draft as one Markdown file (`/strategy/draft.md`), in the reader's language
//! where sections are translated: to keep, print or read offline.

use app::backend::AppState;
use app::backend::services::{content, translations::Localized, whole_draft};
use app::error::AppError;
use app::i18n::{Locale, format_date, translate, translate_with};
use app::paths;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

pub fn router() -> Router<AppState> {
    Router::new().route(paths::WHOLE_DRAFT_MD, get(download))
}

async fn download(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
) -> Result<Response, AppError> {
    let found = content::current_consultation(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let words = Localized::load(&state.db, locale).await?;
    let (title, _) = words.or_english("consultation", &found.slug, "title", &found.title);
    let sections = whole_draft::sections(&state.db, found.id, locale).await?;
    let source = translate_with(
        locale,
        "whole_draft.download_source",
        &[
            (
                "opens",
                format_date(locale, &found.phase_opens_on.to_string()),
            ),
            (
                "closes",
                format_date(locale, &found.phase_closes_on.to_string()),
            ),
            (
                "address",
                format!("{}/strategy", state.portal.public_url.trim_end_matches('/')),
            ),
        ],
    );
    let body = whole_draft::markdown(
        &found,
        &title,
        &sections,
        &translate(locale, "home.draft_label"),
        &source,
    );
    // Only letters, digits and dashes of the slug go into the file name, so nothing can end it.
    let name: String = found
        .slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let disposition = HeaderValue::from_str(&format!(
        "attachment; filename=\"{name}-draft-{}.md\"",
        locale.code()
    ))
    .unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/markdown; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(locale.code()),
            ),
        ],
        body,
    )
        .into_response())
}
