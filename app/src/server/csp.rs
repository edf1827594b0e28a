//! The Content-Security-Policy for Leptos pages.
//!
//! Scripts run only from this site and only with this response's nonce (the
//! hydration loader is an inline module script). `wasm-unsafe-eval` allows
//! compiling the islands' WebAssembly and nothing else; no inline styles.

use http::{HeaderValue, header};
use leptos::{nonce::use_nonce, prelude::use_context};
use leptos_axum::ResponseOptions;

/// Sets the policy for the page being rendered, using its nonce, and marks
/// the page `no-store`: a nonce must never be served twice from a cache.
pub fn set_page_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'none'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        response.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
