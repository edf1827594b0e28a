//! Every route the router serves beyond Leptos pages, in one table. The
//! router is built from it, and the authorisation matrix test reads it
//! beside the Leptos route list, so a new route without a rule in that
//! test fails it.

use app::{
    paths,
    server::{board, journey, officer, state::AppState},
};
use axum::routing::{MethodRouter, get, post};
use http::Method;

/// One handled route: its method, its axum path, and its handler.
pub(super) struct Handled {
    pub method: Method,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
}

fn route(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Handled {
    Handled {
        method,
        path,
        handler,
    }
}

/// The form posts, downloads, feeds and redirects, by who uses them.
pub(super) fn handled() -> Vec<Handled> {
    use Method as M;
    vec![
        // The respondent's journey.
        route(M::POST, "/s/{slug}", post(journey::start)),
        route(M::POST, "/s/{slug}/p/{n}", post(journey::page)),
        route(M::POST, "/s/{slug}/check", post(journey::submit)),
        route(M::POST, "/s/{slug}/saved", post(journey::email_code)),
        route(M::POST, "/s/{slug}/return", post(journey::use_code)),
        route(M::POST, "/s/{slug}/your-answers", post(journey::change)),
        route(
            M::POST,
            "/s/{slug}/your-answers/email",
            post(journey::forget_email),
        ),
        route(M::POST, "/s/{slug}/withdraw", post(journey::withdraw)),
        route(
            M::POST,
            "/updates/unsubscribe/{token}",
            post(journey::updates::unsubscribe),
        ),
        route(
            M::POST,
            "/updates/confirm/{token}",
            post(journey::updates::confirm),
        ),
        // Drop-ins.
        route(M::GET, "/d/{code}", get(journey::dropin::link)),
        route(
            M::POST,
            "/d/{code}/kiosk",
            post(journey::dropin::kiosk_send),
        ),
        // "You said, we did", in public.
        route(M::GET, paths::BOARD_FEED, get(board::feed)),
        route(M::POST, "/you-said-we-did/{id}", post(board::rate)),
        // The way in.
        route(M::POST, paths::SIGN_IN, post(officer::sign_in::sign_in)),
        route(M::POST, paths::SIGN_OUT, post(officer::sign_in::sign_out)),
        route(
            M::POST,
            paths::FORGOT_PASSWORD,
            post(officer::passwords::forgot),
        ),
        route(
            M::GET,
            "/officer/set-password/{token}",
            get(officer::passwords::open_link),
        ),
        route(
            M::POST,
            paths::SET_PASSWORD,
            post(officer::passwords::set_password),
        ),
        route(M::POST, paths::USERS, post(officer::users::post)),
        // The officer workspace.
        route(M::POST, paths::NEW_ACTION, post(officer::actions::create)),
        route(
            M::POST,
            "/officer/actions/{id}",
            post(officer::actions::post),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/thanks",
            post(officer::thanks::post),
        ),
        route(
            M::POST,
            paths::NEW_SERIES,
            post(officer::dropins::create_series),
        ),
        route(
            M::POST,
            paths::NEW_SESSION,
            post(officer::dropins::create_session),
        ),
        route(
            M::POST,
            "/officer/dropins/series/{id}",
            post(officer::dropins::series),
        ),
        route(
            M::POST,
            "/officer/dropins/sessions/{id}",
            post(officer::dropins::session),
        ),
        route(
            M::GET,
            "/officer/dropins/sessions/{id}/poster.svg",
            get(officer::dropins::poster),
        ),
        route(
            M::POST,
            "/officer/surveys/new",
            post(officer::builder::create),
        ),
        route(
            M::POST,
            "/officer/surveys/import",
            post(officer::builder::import),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}",
            post(officer::builder::overview),
        ),
        // Audited downloads and views are posts: CSRF-checked, never
        // prefetched or repeated from history.
        route(
            M::POST,
            "/officer/surveys/{id}/export",
            post(officer::builder::export),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/results",
            post(officer::exact::ask),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/results/responses.csv",
            post(officer::results::responses_csv),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/results/tables.csv",
            post(officer::results::tables_csv),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/comments",
            post(officer::comments::post),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/comments.csv",
            post(officer::comments::csv),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/details",
            post(officer::builder::details),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/translate/{locale}",
            post(officer::builder::translate),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/pages/{page}",
            post(officer::builder::page),
        ),
        route(
            M::POST,
            "/officer/surveys/{id}/questions/{question}",
            post(officer::builder::question),
        ),
    ]
}

/// The compiled site's scripts and styles.
pub(super) const PKG: &str = "/pkg";
/// The pictures that stand for answer options.
pub(super) const SYMBOLS: &str = "/symbols";
/// Static files, served from the site root.
pub(super) const FILES: [&str; 2] = [PKG, SYMBOLS];
