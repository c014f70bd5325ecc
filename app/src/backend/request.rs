//! Per-request facts for server functions: client address, cookies, status and headers of the response.

use crate::error::AppError;
use http::{HeaderValue, StatusCode, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::{IpAddr, Ipv4Addr};

/// The client's address as the server middleware determined it (proxy-aware when configured).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

pub fn client_ip() -> IpAddr {
    parts()
        .and_then(|p| p.extensions.get::<ClientIp>().copied())
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0)
}

/// A plain HTML form post (no JavaScript): leptos answers it with a redirect back to the form.
pub fn accepts_html() -> bool {
    parts()
        .and_then(|p| p.headers.get(header::ACCEPT).cloned())
        .and_then(|v| v.to_str().map(|v| v.contains("text/html")).ok())
        .unwrap_or(false)
}

pub fn cookie(name: &str) -> Option<String> {
    let parts = parts()?;
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(&parts.headers);
    jar.get(name).map(|c| c.value().to_string())
}

pub fn append_header(name: header::HeaderName, value: &str) -> Result<(), AppError> {
    let value = HeaderValue::from_str(value).map_err(|e| AppError::internal("header value", e))?;
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(name, value);
    }
    Ok(())
}

pub fn set_status(status: StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
}

/// Only same-site paths are followed after sign-in, so a crafted link cannot send staff elsewhere.
pub fn local_path_or(next: Option<&str>, default: &str) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_string()
        }
        _ => default.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path_or;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            local_path_or(Some("/staff/accounts"), "/staff"),
            "/staff/accounts"
        );
        assert_eq!(local_path_or(Some("//evil.example"), "/staff"), "/staff");
        assert_eq!(
            local_path_or(Some("https://evil.example"), "/staff"),
            "/staff"
        );
        assert_eq!(local_path_or(Some("/\\evil.example"), "/staff"), "/staff");
        assert_eq!(local_path_or(None, "/staff"), "/staff");
    }
}
