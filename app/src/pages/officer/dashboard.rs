//! The workspace's front page: every survey with its responses so far.

use super::{OfficerFrame, officer_page};
use crate::{
    AppError,
    components::localized::Text,
    domain::{
        officer::{SurveyRow, SurveyStatus},
        roles::OfficerView,
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub officer: OfficerView,
    pub surveys: Vec<SurveyRow>,
    /// "I am heard": ratings of every "You said, we did" action.
    pub heard: crate::domain::actions::HeardIndicator,
}

#[server]
pub async fn load_dashboard(locale: String) -> Result<Dashboard, AppError> {
    let officer = crate::server::auth::require_here(crate::domain::roles::Permission::ViewResults)?;
    let state = crate::server::state::app_state()?;
    use crate::domain::suppression::{Audience, Rules};
    let surveys = crate::server::views::surveys::with_response_counts(&state.db, &locale).await?;
    let rules = Rules::new(state.settings.suppression_threshold, Audience::Officer);
    let heard = crate::server::views::actions::heard(&state.db, None, rules).await?;
    Ok(Dashboard {
        officer,
        surveys,
        heard,
    })
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    officer_page(load_dashboard, |d| {
        view! { <DashboardView dashboard=d /> }.into_any()
    })
}

/// A survey's status in words.
pub fn status_name(status: SurveyStatus) -> String {
    let i18n = use_i18n();
    match status {
        SurveyStatus::Draft => t_string!(i18n, dashboard.status_draft),
        SurveyStatus::Open => t_string!(i18n, dashboard.status_open),
        SurveyStatus::Closed => t_string!(i18n, dashboard.status_closed),
        SurveyStatus::Archived => t_string!(i18n, dashboard.status_archived),
    }
    .to_string()
}

#[component]
fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, dashboard.title).to_string();
    let name = dashboard.officer.name.clone();
    let builds = dashboard
        .officer
        .can(crate::domain::roles::Permission::BuildSurveys);
    let writes = dashboard
        .officer
        .can(crate::domain::roles::Permission::WriteActions);
    let rows = dashboard
        .surveys
        .into_iter()
        .map(|s| {
            let status = status_name(s.status);
            let title = s.title.text.clone();
            let thanks_title = s.title.text.clone();
            let public = s.status != SurveyStatus::Draft;
            view! {
                <tr>
                    <th scope="row"><Text text=s.title /></th>
                    <td>{status}</td>
                    <td class="num">{s.responses}</td>
                    <td>
                        {builds.then(|| view! {
                            <a href=paths::survey_overview(s.id)>
                                {t!(i18n, dashboard.build_link)}
                                <span class="visually-hidden">" – " {title.clone()}</span>
                            </a>
                            " · "
                        })}
                        <a href=paths::survey_results(s.id)>
                            {t!(i18n, dashboard.results_link)}
                            <span class="visually-hidden">" – " {title}</span>
                        </a>
                        {(public && writes).then(|| view! {
                            " · "
                            <a href=paths::officer_thanks(s.id)>
                                {t!(i18n, thanks.officer_link)}
                                <span class="visually-hidden">" – " {thanks_title}</span>
                            </a>
                        })}
                        {public.then(|| view! {
                            " · "
                            <a href=paths::survey(&s.slug)>{t!(i18n, dashboard.open_link)}</a>
                            " · "
                            <a href=paths::results(&s.slug)>{t!(i18n, dashboard.public_results_link)}</a>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=dashboard.officer>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, dashboard.welcome, name = name)}</p>
            {builds.then(|| view! {
                <div class="button-row">
                    <a class="button" href=paths::NEW_SURVEY>{t!(i18n, builder.new_survey)}</a>
                    <a class="button button--secondary" href=paths::IMPORT_SURVEY>{t!(i18n, builder.import)}</a>
                </div>
            })}
            // Wide on a phone: it scrolls on its own rather than the page.
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="surveys-caption">
            <table class="results-table">
                <caption id="surveys-caption">{t!(i18n, dashboard.surveys)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, dashboard.survey)}</th>
                        <th scope="col">{t!(i18n, dashboard.status)}</th>
                        <th scope="col" class="num">{t!(i18n, dashboard.responses)}</th>
                        <th scope="col">{t!(i18n, dashboard.links)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            <h2>{t!(i18n, actions.heard_title)}</h2>
            <p class="hint">{t!(i18n, actions.heard_hint)}</p>
            <crate::components::action::HeardView heard=dashboard.heard />
            <p><a href=paths::ACTIONS>{t!(i18n, actions.officer_title)}</a></p>
        </OfficerFrame>
    }
}
