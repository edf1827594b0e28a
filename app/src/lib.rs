//! Heard's Leptos application.
//!
//! Pages render on the server and work without JavaScript. The browser bundle
//! (the `hydrate` feature) holds only the small interactive islands; the
//! domain rules in [`domain`] are shared, and everything that touches the
//! database lives in [`server`], behind the `ssr` feature, so none of it can
//! reach the wasm graph.

#![recursion_limit = "256"]

pub mod components;
pub mod domain;
pub mod error;
pub mod i18n_support;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod server;

/// Translations generated at build time from `locales/*.json` (leptos_i18n).
/// The generated code parses its own locale tags with `expect`.
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;

pub use error::AppError;

use components::layout::Layout;
use leptos::{either::Either, prelude::*};
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around every page. Server only: it sets the
/// Content-Security-Policy with this response's nonce.
pub fn shell(options: leptos::config::LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    server::csp::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // No favicon request: one fewer round trip on a slow network.
                <link rel="icon" href="data:," />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: language, layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // leptos_meta 0.8 writes the title's text into the page unescaped,
        // and titles carry names officers typed: escape every one, here.
        <Title formatter=|text: String| html_escape::encode_text(&text).into_owned() />
        <Stylesheet id="heard" href="/pkg/heard.css" />
        <i18n::I18nContextProvider enable_cookie=false>
            <Router>
                <Layout>
                    {match error_override() {
                        Some(error) => Either::Left(view! { <pages::error::ErrorPage error /> }),
                        None => Either::Right(view! { <AppRoutes /> }),
                    }}
                </Layout>
            </Router>
        </i18n::I18nContextProvider>
    }
}

#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <pages::error::ErrorPage error=AppError::NotFound /> }>
            <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug") view=pages::survey::SurveyPage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/p/:n") view=pages::question::QuestionPageView ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/check") view=pages::check::CheckPageView ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/done") view=pages::done::DonePage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/saved") view=pages::saved::SavedPageView ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/return") view=pages::code::CodePage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/your-answers") view=pages::receipt::ReceiptPageView ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/withdraw") view=pages::receipt::WithdrawPage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/withdrawn") view=pages::notice::WithdrawnPage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/not-taking-part") view=pages::notice::DeclinedPage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/thanks") view=pages::thanks::ThanksListPage ssr=SsrMode::Async />
            <Route path=path!("/s/:slug/results") view=pages::results::ResultsPage ssr=SsrMode::Async />
            <Route path=path!("/you-said-we-did") view=pages::board::BoardPage ssr=SsrMode::Async />
            <Route path=path!("/you-said-we-did/:id") view=pages::board::ActionPublicPage ssr=SsrMode::Async />
            <Route path=path!("/officer/actions") view=pages::officer::actions::ActionsPage ssr=SsrMode::Async />
            <Route path=path!("/officer/actions/new") view=pages::officer::actions::NewActionPage ssr=SsrMode::Async />
            <Route path=path!("/officer/actions/:id") view=pages::officer::actions::ActionEditPage ssr=SsrMode::Async />
            <Route path=path!("/officer/actions/:id/preview") view=pages::officer::actions::ActionPreviewPage ssr=SsrMode::Async />
            <Route path=path!("/updates/unsubscribe/:token") view=pages::updates::UnsubscribePage ssr=SsrMode::Async />
            <Route path=path!("/updates/unsubscribed") view=pages::updates::UnsubscribedPage ssr=SsrMode::Async />
            <Route path=path!("/updates/confirm/:token") view=pages::updates::ConfirmUpdatesPage ssr=SsrMode::Async />
            <Route path=path!("/updates/confirmed") view=pages::updates::UpdatesConfirmedPage ssr=SsrMode::Async />
            <Route path=path!("/officer/sign-in") view=pages::officer::sign_in::SignInPage ssr=SsrMode::Async />
            <Route path=path!("/officer/forgot-password") view=pages::officer::forgot::ForgotPage ssr=SsrMode::Async />
            <Route path=path!("/officer/set-password") view=pages::officer::set_password::SetPasswordPage ssr=SsrMode::Async />
            <Route path=path!("/officer") view=pages::officer::dashboard::DashboardPage ssr=SsrMode::Async />
            <Route path=path!("/officer/outcomes") view=pages::officer::outcomes::OutcomesPage ssr=SsrMode::Async />
            <Route path=path!("/officer/users") view=pages::officer::users::UsersPage ssr=SsrMode::Async />
            <Route path=path!("/officer/audit") view=pages::officer::audit::AuditLogPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/new") view=pages::officer::builder::import::NewSurveyPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/import") view=pages::officer::builder::import::ImportPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id") view=pages::officer::builder::overview::OverviewPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/results") view=pages::officer::results::SurveyResultsPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/thanks") view=pages::officer::thanks::ThanksPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/comments") view=pages::officer::comments::CommentsPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/preview") view=pages::officer::builder::preview::PreviewPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/translate/:locale") view=pages::officer::builder::translate::TranslatePage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/details") view=pages::officer::builder::details::DetailsPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/pages/:page") view=pages::officer::builder::page::PageEditPage ssr=SsrMode::Async />
            <Route path=path!("/officer/surveys/:id/questions/:question") view=pages::officer::builder::question::QuestionPage ssr=SsrMode::Async />
            <Route path=path!("/officer/dropins") view=pages::officer::dropins::list::DropInsPage ssr=SsrMode::Async />
            <Route path=path!("/officer/dropins/new-series") view=pages::officer::dropins::new::NewSeriesPage ssr=SsrMode::Async />
            <Route path=path!("/officer/dropins/new-session") view=pages::officer::dropins::new::NewSessionPage ssr=SsrMode::Async />
            <Route path=path!("/officer/dropins/series/:id") view=pages::officer::dropins::series::SeriesPage ssr=SsrMode::Async />
            <Route path=path!("/officer/dropins/sessions/:id") view=pages::officer::dropins::session::SessionPage ssr=SsrMode::Async />
            <Route path=path!("/d/:code/kiosk") view=pages::kiosk::KioskPage ssr=SsrMode::Async />
            <Route path=path!("/d/:code/kiosk/thanks") view=pages::kiosk::KioskThanksPage ssr=SsrMode::Async />
        </Routes>
    }
}

/// Handlers outside the router (refused requests, bad forms) ask for an error page.
fn error_override() -> Option<AppError> {
    #[cfg(feature = "ssr")]
    {
        use_context::<server::render::ErrorOverride>().map(|e| e.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Browser entry point: wakes the interactive islands on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
