//! Keeps failed-form errors out of addresses. Without JavaScript, leptos answers a failed form
//! post with a redirect back to the form whose address carries the error and the input (`__err`),
//! names, emails and messages included. This middleware moves them server-side under a random
//! key in a short-lived cookie, and puts them back, for that one page view, into the request the
//! page renders from: the browser's address never holds them.

use crate::middleware::cookie_value;
use app::backend::AppState;
use app::backend::services::form_flash::{self, Flash};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderValue, Method, Uri, header};

pub const FLASH_COOKIE: &str = "engage_flash";

pub async fn keep_form_errors_off_the_url(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut restored = false;
    if request.method() == Method::GET
        && let Some(key) = cookie_value(request.headers(), FLASH_COOKIE)
    {
        restored = true;
        match form_flash::take(&state.db, &key).await {
            Ok(Some(flash)) if flash.page == request.uri().path() => put_back(&mut request, &flash),
            Ok(_) => {}
            Err(err) => tracing::error!(%err, "form flash could not be read"),
        }
    }
    let mut response = next.run(request).await;
    let secure = if state.portal.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    if restored
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
        ))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    if response.status().is_redirection()
        && let Some((location, flash)) = take_from_location(&response)
    {
        match form_flash::keep(&state.db, flash).await {
            Ok(key) => {
                let cookie = format!(
                    "{FLASH_COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600{secure}"
                );
                if let (Ok(location), Ok(cookie)) = (
                    HeaderValue::from_str(&location),
                    HeaderValue::from_str(&cookie),
                ) {
                    response.headers_mut().insert(header::LOCATION, location);
                    response.headers_mut().append(header::SET_COOKIE, cookie);
                }
            }
            Err(err) => {
                // Better the form without its errors than personal data in an address.
                tracing::error!(%err, "form flash could not be kept");
                if let Ok(location) = HeaderValue::from_str(&location) {
                    response.headers_mut().insert(header::LOCATION, location);
                }
            }
        }
    }
    response
}

/// The redirect's address without `__err` and `__path`, and what they held.
fn take_from_location(response: &Response) -> Option<(String, Flash)> {
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    if !location.contains("__err=") {
        return None;
    }
    let base = url::Url::parse("http://engage.invalid/").ok()?;
    let absolute = location.starts_with("http://") || location.starts_with("https://");
    let mut parsed = base.join(location).ok()?;
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let error = pairs.iter().find(|(k, _)| k == "__err")?.1.clone();
    let fn_path = pairs
        .iter()
        .find(|(k, _)| k == "__path")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "__err" && k != "__path")
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    let page = parsed.path().to_string();
    let cleaned = if absolute {
        parsed.to_string()
    } else {
        let mut path = page.clone();
        if let Some(query) = parsed.query() {
            path.push('?');
            path.push_str(query);
        }
        path
    };
    Some((
        cleaned,
        Flash {
            page,
            fn_path,
            error,
        },
    ))
}

/// The request as the page sees it: its own query plus the failed form's `__path` and `__err`.
fn put_back(request: &mut Request, flash: &Flash) {
    let mut query = url::form_urlencoded::Serializer::new(
        request.uri().query().unwrap_or_default().to_string(),
    );
    query.append_pair("__path", &flash.fn_path);
    query.append_pair("__err", &flash.error);
    let address = format!("{}?{}", request.uri().path(), query.finish());
    if let Ok(uri) = address.parse::<Uri>() {
        *request.uri_mut() = uri;
    }
}
