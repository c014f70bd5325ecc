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
/// The target is read as a browser's URL parser reads it (tabs and newlines dropped, backslashes
/// as slashes, `//host` as another host) against a placeholder origin; anything that leaves that
/// origin, or does not start with one slash, gives `default`.
pub fn local_path_or(next: Option<&str>, default: &str) -> String {
    const HERE: &str = "https://engage.invalid/";
    let Some(next) = next.filter(|n| n.starts_with('/')) else {
        return default.to_string();
    };
    let Ok(base) = url::Url::parse(HERE) else {
        return default.to_string();
    };
    match base.join(next) {
        Ok(target) if target.origin() == base.origin() => {
            let mut path = target.path().to_string();
            if let Some(query) = target.query() {
                path.push('?');
                path.push_str(query);
            }
            // A path of "//x" would be read as another host by the next parser along.
            if path.starts_with("//") {
                default.to_string()
            } else {
                path
            }
        }
        _ => default.to_string(),
    }
}

/// Redirects to a path of this site. A path that could not be a header value (control
/// characters from a hostile parameter) is percent-encoded rather than allowed to panic.
pub fn redirect(path: &str) {
    let safe: String = path
        .chars()
        .flat_map(|c| {
            if c.is_ascii_graphic() {
                vec![c.to_string()]
            } else {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect();
    leptos_axum::redirect(&safe);
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
        for hostile in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\\\\evil.example",
            "/%09/evil.example",
            "/ /evil.example",
        ] {
            let kept = local_path_or(Some(hostile), "/staff");
            // Refused, or kept as a harmless path of this site ("/%09/evil.example").
            assert!(
                kept == "/staff" || kept.starts_with("/%"),
                "{hostile:?} gave {kept:?}"
            );
        }
        assert_eq!(local_path_or(None, "/staff"), "/staff");
    }
}
