//! The HTTP stack: Leptos pages, the respondent form handlers, static files
//! and the middleware every request passes through.

mod accept;
mod client;
mod csrf;
mod guard;
mod headers;
mod locale;
mod routes;
mod session;

use crate::{StartError, config::Config};
use app::{paths, server::state::AppState};
use axum::Router;
use http::{HeaderName, Request};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    timeout::{DeadlineBody, RequestBodyDeadlineLayer},
    trace::TraceLayer,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The Leptos routes, worked out once per process.
///
/// Generating them renders the app with resource loading suppressed through
/// a process-wide flag (leptos_server 0.8), and a resource first polled
/// while that flag is up waits forever (leptos-rs/leptos#4773). Building a
/// second router (parallel tests, or several in one process) while another
/// renders could hang that render; after the first generation no router
/// build touches the flag again.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The paths of every Leptos page, for tests that must cover them all.
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_owned()).collect()
}

/// Every route the router serves, as (method, path): the handled routes,
/// each Leptos page (GET), and the static file trees (`/pkg/{*file}`). The
/// authorisation matrix test covers each of them.
pub fn every_route() -> Vec<(http::Method, String)> {
    let handled = routes::handled()
        .into_iter()
        .map(|h| (h.method, h.path.to_owned()));
    let pages = page_paths().into_iter().map(|p| (http::Method::GET, p));
    let files = routes::FILES
        .iter()
        .map(|f| (http::Method::GET, format!("{f}/{{*file}}")));
    handled.chain(pages).chain(files).collect()
}

pub use guard::Limits;

/// Builds the whole application router, with the default [`Limits`].
pub fn router(state: AppState) -> Router {
    router_with(state, Limits::default())
}

/// Builds the whole application router.
pub fn router_with(state: AppState, limits: Limits) -> Router {
    let routes = route_list();
    let site_root = std::path::Path::new(&*state.leptos_options.site_root);
    let pkg_dir = site_root.join("pkg");
    let symbols_dir = site_root.join("symbols");
    let context_state = state.clone();
    let fallback_state = state.clone();
    let wrong_method_state = state.clone();

    let mut pages = Router::new();
    for handled in routes::handled() {
        pages = pages.route(handled.path, handled.handler);
    }
    // Handlers fail with `PageError`; this renders its translated page.
    let pages = pages.route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        app::server::page_error::render_error_pages,
    ));
    let pages =
        pages
            .leptos_routes_with_context(
                &state,
                routes,
                move || app::server::state::provide(&context_state),
                {
                    let options = state.leptos_options.clone();
                    move || app::shell(options.clone())
                },
            )
            .nest_service(
                routes::PKG,
                ServiceBuilder::new()
                    // Files keep their names between releases, so browsers must revalidate.
                    .layer(SetResponseHeaderLayer::overriding(
                        http::header::CACHE_CONTROL,
                        http::HeaderValue::from_static("no-cache"),
                    ))
                    .service(
                        ServeDir::new(pkg_dir)
                            .precompressed_br()
                            .precompressed_gzip(),
                    ),
            )
            // Option symbols, from the site's public assets; they never change
            // under the same name, so a day of caching saves slow phones a trip.
            .nest_service(
                routes::SYMBOLS,
                ServiceBuilder::new()
                    .layer(SetResponseHeaderLayer::overriding(
                        http::header::CACHE_CONTROL,
                        http::HeaderValue::from_static("public, max-age=86400"),
                    ))
                    .service(ServeDir::new(symbols_dir)),
            )
            .fallback(move |req: Request<axum::body::Body>| {
                let state = fallback_state.clone();
                async move {
                    app::server::render::error_page(&state, req, app::AppError::NotFound).await
                }
            })
            // A known address asked the wrong way (an old download link,
            // now a post): the bad-request page, not an empty 405.
            .method_not_allowed_fallback(move |req: Request<axum::body::Body>| {
                let state = wrong_method_state.clone();
                async move {
                    app::server::render::error_page(&state, req, app::AppError::BadRequest).await
                }
            })
            .with_state(state.clone());

    pages.layer(
        ServiceBuilder::new()
            // Outermost: a panic anywhere below is a 500, not a dropped connection.
            .layer(CatchPanicLayer::custom(guard::panic_response))
            .layer(axum::middleware::from_fn_with_state(state.clone(), guard::reject_pathless))
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<axum::body::Body>| {
                let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", id, method = %req.method(), path = %paths::for_logs(req.uri().path()))
            }))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            // Slow clients: a deadline for the body (the whole request's is below).
            .layer(RequestBodyDeadlineLayer::new(limits.body))
            // Back to axum's body type for the middleware below.
            .map_request(|req: Request<DeadlineBody<axum::body::Body>>| req.map(axum::body::Body::new))
            .layer(CompressionLayer::new())
            .layer(axum::middleware::from_fn_with_state(state.clone(), headers::security_headers))
            // Before anything that limits by client.
            .layer(axum::middleware::from_fn_with_state(state.clone(), client::resolve))
            // Language first, so even a refused request's page is in the chosen language.
            .layer(axum::middleware::from_fn_with_state(state.clone(), locale::resolve))
            // Inside the language and the security headers, so a 408 has both.
            .layer(axum::middleware::from_fn_with_state((state.clone(), limits.request), guard::deadline))
            .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::same_origin_only))
            // After the CSRF check, so a forged post never touches a session.
            .layer(axum::middleware::from_fn_with_state(state, session::gate)),
    )
}

/// Serves until SIGINT or SIGTERM, then finishes in-flight requests.
pub async fn serve(config: &Config, state: AppState) -> Result<(), StartError> {
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| StartError::Io {
            context: format!("cannot listen on HEARD_BIND {}", config.bind),
            source,
        })?;
    let url = config.base_url();
    tracing::info!(%url, "Heard is listening");
    println!(
        "\n  Heard is running at {url}/\n  The demo survey: {url}/s/big-send-survey\n  Stop with Ctrl+C.\n"
    );
    serve_on(listener, state, Limits::default(), shutdown_signal()).await;
    Ok(())
}

/// Serves Heard on `listener` until `stop` (tests pass their own limits).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) {
    accept::serve(listener, router_with(state, limits), limits, stop).await;
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
    // Give slow clients a bounded time; axum stops accepting at once.
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(20)).await;
        tracing::warn!("requests still running after 20 s; exiting");
        std::process::exit(0);
    });
}
