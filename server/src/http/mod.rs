//! The HTTP stack: Leptos pages, the respondent form handlers, static files
//! and the middleware every request passes through.

mod csrf;
mod headers;
mod locale;

use crate::{StartError, config::Config};
use app::server::state::AppState;
use axum::{Router, routing::post};
use http::{HeaderName, Request};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole application router.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let pkg_dir = std::path::Path::new(&*state.leptos_options.site_root).join("pkg");
    let context_state = state.clone();
    let fallback_state = state.clone();

    let pages =
        Router::new()
            .route("/s/{slug}", post(app::server::respond::submit))
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
                "/pkg",
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
            .fallback(move |req: Request<axum::body::Body>| {
                let state = fallback_state.clone();
                async move {
                    app::server::render::error_page(&state, req, app::AppError::NotFound).await
                }
            })
            .with_state(state.clone());

    pages.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<axum::body::Body>| {
                let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
            }))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(CompressionLayer::new())
            .layer(axum::middleware::from_fn(headers::security_headers))
            // Language first, so even a refused request's page is in the chosen language.
            .layer(axum::middleware::from_fn_with_state(state.clone(), locale::resolve))
            .layer(axum::middleware::from_fn_with_state(state, csrf::same_origin_only)),
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|source| StartError::Io {
            context: "server stopped".into(),
            source,
        })
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
