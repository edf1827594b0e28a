//! What each feature module serves beyond Leptos pages, as a table (each
//! module's `routes()`): the server gathers the tables into its router, and the authorisation matrix
//! test reads them beside the Leptos route list, so a new route without a
//! rule in that test fails it.

use super::state::AppState;
use axum::{
    handler::Handler,
    routing::{self, MethodRouter},
};
use http::Method;

/// One handled route: its method, its pattern (from `paths::route`), and
/// its handler.
pub struct Handled {
    pub method: Method,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
}

/// A form post (or an audited download, which is a post too).
pub fn post<H, T>(path: &'static str, handler: H) -> Handled
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Handled {
        method: Method::POST,
        path,
        handler: routing::post(handler),
    }
}

/// A link followed, a feed or a file.
pub fn get<H, T>(path: &'static str, handler: H) -> Handled
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Handled {
        method: Method::GET,
        path,
        handler: routing::get(handler),
    }
}
