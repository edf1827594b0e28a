//! One module per page. Each loads its data through a server function and
//! renders on the server; none needs JavaScript.

pub mod board;
pub mod check;
pub mod code;
pub mod done;
pub mod error;
pub mod home;
pub mod kiosk;
pub mod notice;
pub mod officer;
pub mod question;
pub mod receipt;
pub mod results;
pub mod saved;
pub mod survey;
pub mod thanks;
pub mod updates;

use crate::{
    AppError,
    domain::journey::Step,
    i18n::{I18nLocaleTrait, use_i18n},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The current interface language code, for server functions.
pub fn current_locale() -> String {
    use_i18n().get_locale_untracked().as_str().to_owned()
}

/// The `:slug` of the current address.
pub fn current_slug() -> String {
    use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default()
}

/// Whether the query string has `name=value`.
pub fn query_is(name: &str, value: &str) -> bool {
    use_query_map().read_untracked().get(name).as_deref() == Some(value)
}

/// Renders a journey loader's outcome: the page, a redirect, or an error page.
pub fn show<T>(loaded: Result<Step<T>, AppError>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match loaded {
        Ok(Step::Show(data)) => page(data),
        Ok(Step::Go(path)) => {
            #[cfg(feature = "ssr")]
            crate::server::render::see_other(&path);
            // Only ever rendered on the server, where the redirect is sent;
            // the link is for a client that does not follow it.
            view! { <p><a href=path.clone()>{path.clone()}</a></p> }.into_any()
        }
        Err(error) => view! { <error::ErrorPage error /> }.into_any(),
    }
}

/// A journey page: loads with `load(slug, locale)`, then renders with `page`.
pub fn journey_page<T, Fut>(
    load: impl Fn((String, String)) -> Fut + Send + Sync + 'static,
    page: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<Step<T>, AppError>> + Send + 'static,
{
    let data = Resource::new_blocking(move || (current_slug(), current_locale()), load);
    view! { <Suspense>{move || Suspend::new(async move { show(data.await, page) })}</Suspense> }
}
