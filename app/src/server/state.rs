//! What every request can reach: the database and the settings.

use axum::extract::FromRef;
use leptos::{config::LeptosOptions, prelude::provide_context};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared by axum handlers (as router state) and Leptos pages and server
/// functions (as context). Cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// Keys kept in the database, read on first use.
    pub keys: Arc<super::auth::keys::Keys>,
}

/// The parts of the configuration the application itself needs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Counts below this are never shown.
    pub suppression_threshold: u64,
    pub default_locale: String,
    /// Public address without a trailing slash.
    pub base_url: String,
    /// Whether cookies get `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Days that saved answers are kept after their last change.
    pub draft_days: u32,
    /// Minutes an officer's session lasts without use.
    pub session_idle_minutes: u32,
    /// Hours a session lasts at most.
    pub session_max_hours: u32,
    /// Proxies whose `Forwarded` and `X-Forwarded-For` are believed.
    pub trusted_proxies: super::client::TrustedProxies,
}

/// The language chosen for this request by the server's locale middleware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLocale(pub &'static str);

/// Provides the state to Leptos for one request.
pub fn provide(state: &AppState) {
    provide_context(state.clone());
}

/// The state, from inside a page or server function.
pub fn app_state() -> Result<AppState, crate::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        crate::AppError::Internal
    })
}
