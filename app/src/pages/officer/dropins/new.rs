//! A new series (with its first sessions) or a one-off session. Either
//! gets its own feedback survey from the drop-in template.

use super::{SessionFields, SessionProblems};
use crate::{
    AppError,
    components::error_summary::page_title,
    domain::{
        dropins::{Fields, SessionRefusal},
        roles::OfficerView,
    },
    i18n::{t, t_string, use_i18n},
    pages::officer::{OfficerFrame, officer_page},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_dropin_officer(_locale: String) -> Result<OfficerView, AppError> {
    crate::server::auth::require_here(crate::domain::roles::Permission::RunDropIns)
}

#[component]
pub fn NewSeriesPage() -> impl IntoView {
    officer_page(load_dropin_officer, |officer| {
        view! { <NewForm officer series=true /> }.into_any()
    })
}

#[component]
pub fn NewSessionPage() -> impl IntoView {
    officer_page(load_dropin_officer, |officer| {
        view! { <NewForm officer series=false /> }.into_any()
    })
}

#[component]
fn NewForm(officer: OfficerView, series: bool) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<SessionRefusal>();
    let (heading, lead, action, button) = if series {
        (
            t_string!(i18n, dropins.new_series_title),
            t_string!(i18n, dropins.new_series_lead),
            paths::NEW_SERIES,
            t_string!(i18n, dropins.create_series),
        )
    } else {
        (
            t_string!(i18n, dropins.new_session_title),
            t_string!(i18n, dropins.new_session_lead),
            paths::NEW_SESSION,
            t_string!(i18n, dropins.create_session),
        )
    };
    let fields = Fields {
        name: true,
        description: series,
        repeat: series,
    };
    let values = vec![
        ("starts", "10:00".to_owned()),
        ("ends", "12:00".to_owned()),
        ("repeat", if series { "monthly" } else { "once" }.to_owned()),
    ];
    view! {
        <Title text=page_title(heading, refusal.is_some()) />
        <OfficerFrame officer>
            {refusal.clone().map(|refusal| view! { <SessionProblems refusal /> })}
            <a class="back-link" href=paths::DROPINS>{t!(i18n, dropins.back_to_list)}</a>
            <h1>{heading}</h1>
            <p class="lead">{lead}</p>
            <form method="post" action=action novalidate>
                <SessionFields fields values refusal />
                <button type="submit" class="button">{button}</button>
            </form>
        </OfficerFrame>
    }
}
