//! The Content-Security-Policy: one definition for pages (with a per-response nonce) and everything else.

/// `nonce` is set for HTML pages, whose hydration script is inline.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Called by the shell during server rendering: makes a nonce, hands it to leptos for its
/// inline scripts, and sends the matching policy header.
pub fn provide_page_csp() {
    leptos::nonce::provide_nonce();
    if let Some(nonce) = leptos::nonce::use_nonce() {
        let policy = content_security_policy(Some(&nonce));
        if let Ok(value) = http::HeaderValue::from_str(&policy)
            && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
