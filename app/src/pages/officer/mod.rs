//! The officer workspace's pages. Each loads through a server function that
//! checks the officer's permission first (`server::auth::require_here`), so
//! a page can never show what its role may not see.

pub mod actions;
pub mod audit;
pub mod builder;
pub mod comments;
pub mod dashboard;
pub mod dropins;
pub mod forgot;
pub mod outcomes;
pub mod results;
pub mod set_password;
pub mod sign_in;
pub mod thanks;
pub mod users;

use crate::{
    AppError,
    domain::roles::{OfficerView, Permission, Role},
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// An officer page: loads with `load(locale)`, then renders with `page`, or
/// the error page (403 for a role without permission).
pub fn officer_page<T, Fut>(
    load: impl Fn(String) -> Fut + Send + Sync + 'static,
    page: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let data = Resource::new_blocking(super::current_locale, load);
    view! {
        <Suspense>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(loaded) => page(loaded),
                        Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The workspace's navigation and sign-out, above every signed-in page.
#[component]
pub fn OfficerFrame(officer: OfficerView, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let here = use_location().pathname.get_untracked();
    let mut links = vec![(
        paths::OFFICER,
        t_string!(i18n, officer.dashboard).to_string(),
    )];
    links.push((
        paths::OUTCOMES,
        t_string!(i18n, officer.outcomes).to_string(),
    ));
    links.push((paths::ACTIONS, t_string!(i18n, officer.actions).to_string()));
    if officer.can(Permission::RunDropIns) {
        links.push((paths::DROPINS, t_string!(i18n, officer.dropins).to_string()));
    }
    if officer.can(Permission::ManageUsers) {
        links.push((paths::USERS, t_string!(i18n, officer.users).to_string()));
    }
    if officer.can(Permission::ViewAudit) {
        links.push((paths::AUDIT, t_string!(i18n, officer.audit).to_string()));
    }
    let items = links
        .into_iter()
        .map(|(href, label)| {
            // The workspace's sections are current on their own pages too.
            let current = if here == href {
                Some("page")
            } else if href != paths::OFFICER && here.starts_with(&format!("{href}/")) {
                Some("true")
            } else {
                None
            };
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let name = officer.name.clone();
    view! {
        <nav class="officer-nav" aria-label=t_string!(i18n, officer.nav_label).to_string()>
            <ul>{items}</ul>
            <form method="post" action=paths::SIGN_OUT class="officer-nav__account">
                <span>{t!(i18n, officer.signed_in_as, name = name)} " (" <RoleName role=officer.role /> ")"</span>
                <button type="submit" class="button button--secondary button--small">
                    {t!(i18n, officer.sign_out)}
                </button>
                <button type="submit" name="everywhere" value="1" class="button button--secondary button--small">
                    {t!(i18n, officer.sign_out_everywhere)}
                </button>
            </form>
        </nav>
        {children()}
    }
}

/// A role's translated name.
#[component]
pub fn RoleName(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    match role {
        Role::Admin => t_string!(i18n, officer.role_admin).to_string(),
        Role::Officer => t_string!(i18n, officer.role_officer).to_string(),
        Role::Viewer => t_string!(i18n, officer.role_viewer).to_string(),
    }
}

/// What a role may do, in a sentence.
pub fn role_hint(role: Role) -> String {
    let i18n = use_i18n();
    match role {
        Role::Admin => t_string!(i18n, officer.role_admin_hint).to_string(),
        Role::Officer => t_string!(i18n, officer.role_officer_hint).to_string(),
        Role::Viewer => t_string!(i18n, officer.role_viewer_hint).to_string(),
    }
}
