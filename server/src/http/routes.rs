//! The static file trees the router serves beside the Leptos pages and
//! the feature modules' handled routes (`app::server::routing`).

/// The compiled site's scripts and styles.
pub(super) const PKG: &str = "/pkg";
/// The pictures that stand for answer options.
pub(super) const SYMBOLS: &str = "/symbols";
/// Static files, served from the site root.
pub(super) const FILES: [&str; 2] = [PKG, SYMBOLS];
