//! The handled routes, gathered from each feature module, and the static
//! file trees the router serves beside the Leptos pages.

use app::server::{board, journey, officer, routing::Handled};

/// Every handled route, feature by feature.
pub(super) fn handled() -> Vec<Handled> {
    let mut all = journey::routes();
    all.extend(board::routes());
    all.extend(officer::routes());
    all
}

/// The compiled site's scripts and styles.
pub(super) const PKG: &str = "/pkg";
/// The pictures that stand for answer options.
pub(super) const SYMBOLS: &str = "/symbols";
/// Static files, served from the site root.
pub(super) const FILES: [&str; 2] = [PKG, SYMBOLS];
