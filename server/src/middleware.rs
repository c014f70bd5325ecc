//! Request middleware: client address and language, cross-site request refusal, security headers.

use app::backend::request::ClientIp;
use app::backend::security::content_security_policy;
use app::i18n::{LOCALE_COOKIE, Locale};
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// What the middleware needs from the configuration.
#[derive(Clone, Debug)]
pub struct MiddlewareSettings {
    pub public_origin: String,
    pub https: bool,
    pub trust_proxy: bool,
}

/// Works out the client address and the page language, and remembers a language picked with `?lang=`.
pub async fn request_context(
    State(settings): State<Arc<MiddlewareSettings>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let ip = client_ip(request.headers(), peer, settings.trust_proxy);
    request.extensions_mut().insert(ClientIp(ip));

    let chosen = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("lang=")))
        .and_then(Locale::from_code);
    let locale = chosen
        .or_else(|| {
            cookie_value(request.headers(), LOCALE_COOKIE).and_then(|v| Locale::from_code(&v))
        })
        .or_else(|| {
            request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();
    request.extensions_mut().insert(locale);

    let mut response = next.run(request).await;
    if let Some(chosen) = chosen {
        let secure = if settings.https { "; Secure" } else { "" };
        let cookie = format!(
            "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
            chosen.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

fn client_ip(headers: &HeaderMap, peer: Option<IpAddr>, trust_proxy: bool) -> IpAddr {
    let forwarded = trust_proxy
        .then(|| headers.get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        // The last hop is the one our own load balancer appended; earlier ones can be forged.
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<IpAddr>().ok());
    forwarded.or(peer).unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// A path as it may be logged: the secret segment of a manage or answer link (the token that is
/// the key to someone's RSVP or survey draft) is replaced by `{token}`.
pub fn loggable_path(path: &str) -> String {
    let mut out = Vec::new();
    let mut secret_next = false;
    for segment in path.split('/') {
        let looks_secret = segment.len() >= 32
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if secret_next || looks_secret {
            out.push("{token}");
        } else {
            out.push(segment);
        }
        secret_next = matches!(segment, "rsvp" | "answer" | "password") && !secret_next;
    }
    out.join("/")
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_string())
        })
}

/// CSRF protection for every state-changing request, by the browser's own word on where the
/// request came from (Sec-Fetch-Site, else Origin), as Go's net/http CrossOriginProtection does.
/// Requests with neither header do not come from a browser and so carry no ambient cookies to abuse;
/// SameSite=Lax session cookies are the second line.
pub async fn refuse_cross_site(
    State(settings): State<Arc<MiddlewareSettings>>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    // RFC 8058 one-click unsubscribe comes from mail clients, webmail pages included: the token in
    // the address is the whole authority, and the only thing it can do is stop emails.
    if request.uri().path().starts_with("/unsubscribe/") {
        return next.run(request).await;
    }
    let headers = request.headers();
    let allowed = if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        site == "same-origin" || site == "none"
    } else if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        origin == settings.public_origin
            || origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
    } else {
        true
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
    }
}

/// Headers every response carries; pages set their own CSP with a nonce, everything else gets the strict one.
pub async fn security_headers(
    State(settings): State<Arc<MiddlewareSettings>>,
    request: Request,
    next: Next,
) -> Response {
    let is_static = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(value) = HeaderValue::from_str(&content_security_policy(None))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if settings.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Pages may show personal data to staff; only the versioned bundle may be cached.
    if !is_static && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A NUL character is never part of what a person types, and PostgreSQL refuses it in text:
/// raw, percent-encoded or as a JSON escape.
fn carries_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes.windows(3).any(|w| w == b"%00")
        || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

/// Reads a request's whole body before any handler answers, and refuses a NUL anywhere in the
/// address or the body with 400. A handler that refuses a request early would otherwise leave
/// the body unread, and the connection is closed under a client that is still sending: to the
/// client that looks like a dropped connection, not an answer. The body limit layer outside this
/// one bounds what is read.
/// Refuses a file upload that is not multipart with a boundary (415) before leptos' multipart
/// codec sees it: that codec panics instead of answering when the boundary is missing.
pub async fn refuse_malformed_uploads(request: Request, next: Next) -> Response {
    use leptos::server_fn::ServerFn;
    let upload = app::api::survey_paper::ImportPaperResponses::PATH;
    if request.method() == Method::POST && request.uri().path() == upload {
        let multipart = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| multer::parse_boundary(ct).is_ok());
        if !multipart {
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Upload the file with the form on the page.",
            )
                .into_response();
        }
    }
    next.run(request).await
}

pub async fn read_body_first(request: Request, next: Next) -> Response {
    let refused = || (StatusCode::BAD_REQUEST, "The request could not be read.").into_response();
    let address = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or_default();
    if carries_nul(address.as_bytes()) {
        return refused();
    }
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) if carries_nul(&bytes) => refused(),
        Ok(bytes) => {
            next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        Err(_) => (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_used_only_behind_a_trusted_proxy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 198.51.100.7"),
        );
        let peer = Some(IpAddr::from([10, 0, 0, 2]));
        assert_eq!(
            client_ip(&headers, peer, true),
            IpAddr::from([198, 51, 100, 7])
        );
        assert_eq!(
            client_ip(&headers, peer, false),
            IpAddr::from([10, 0, 0, 2])
        );
    }

    #[test]
    fn tokens_are_never_in_a_logged_path() {
        assert_eq!(
            loggable_path("/events/town-hall/rsvp/abc"),
            "/events/town-hall/rsvp/{token}"
        );
        assert_eq!(
            loggable_path("/surveys/business/answer/Zm9vYmFy?step=2"),
            "/surveys/business/answer/{token}"
        );
        assert_eq!(
            loggable_path("/strategy/introduction"),
            "/strategy/introduction"
        );
        let token = "a".repeat(43);
        assert_eq!(loggable_path(&format!("/x/{token}")), "/x/{token}");
    }

    #[test]
    fn a_nul_is_found_however_it_is_written() {
        assert!(carries_nul(b"body=a%00b"));
        assert!(carries_nul(b"{\"body\":\"a\\u0000b\"}"));
        assert!(carries_nul(b"a\0b"));
        assert!(!carries_nul(b"body=100%25&n=2000"));
    }

    #[test]
    fn reads_one_cookie_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; engage_lang=ru; b=2"),
        );
        assert_eq!(cookie_value(&headers, "engage_lang").as_deref(), Some("ru"));
        assert_eq!(cookie_value(&headers, "missing"), None);
    }
}
