//! A drop-in series: its sessions, its feedback form, and a form to add
//! sessions once or repeating.

use super::{SessionFields, SessionProblems, id_param, times};
use crate::{
    AppError,
    components::{error_summary::page_title, label::DateText},
    domain::{
        dropins::{Fields, SeriesView, SessionRefusal},
        roles::Permission,
    },
    i18n::{t, t_string, use_i18n},
    pages::officer::{OfficerFrame, dashboard::status_name, officer_page},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_series(id: i32, locale: String) -> Result<SeriesView, AppError> {
    let _ = locale;
    let officer = crate::server::auth::require_here(Permission::RunDropIns)?;
    let state = crate::server::state::app_state()?;
    let (series, sessions, survey) = crate::server::store::dropins::series(&state.db, id).await?;
    Ok(SeriesView {
        officer,
        series,
        survey_status: survey.status.into(),
        sessions,
    })
}

#[component]
pub fn SeriesPage() -> impl IntoView {
    officer_page(
        |locale| load_series(id_param(), locale),
        |view| view! { <Series view /> }.into_any(),
    )
}

#[component]
fn Series(view: SeriesView) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<SessionRefusal>();
    let s = view.series;
    let heading = s.name.clone();
    let done = super::done_notice(&[
        ("created", t_string!(i18n, dropins.series_created)),
        ("added", t_string!(i18n, dropins.sessions_added)),
        ("deleted", t_string!(i18n, dropins.deleted)),
    ]);
    let builds = view.officer.can(Permission::BuildSurveys);
    let last = view.sessions.last().cloned();
    let rows = view
        .sessions
        .into_iter()
        .map(|session| {
            let date = session.date;
            view! {
                <tr>
                    <th scope="row"><a href=paths::session(session.id)><DateText date /></a></th>
                    <td>{times(&session.starts, &session.ends)}</td>
                    <td>{session.venue}</td>
                    <td class="num">{session.responses}</td>
                </tr>
            }
        })
        .collect_view();
    let values = vec![
        ("venue", s.venue.clone()),
        ("services", s.services.join("\n")),
        (
            "starts",
            last.as_ref()
                .map_or_else(|| "10:00".to_owned(), |l| l.starts.clone()),
        ),
        (
            "ends",
            last.as_ref()
                .map_or_else(|| "12:00".to_owned(), |l| l.ends.clone()),
        ),
        ("repeat", "once".to_owned()),
    ];
    let fields = Fields {
        name: false,
        description: false,
        repeat: true,
    };
    let services = if s.services.is_empty() {
        t_string!(i18n, dropins.no_services).to_string()
    } else {
        s.services.join(", ")
    };
    let description = (!s.description.is_empty())
        .then(|| view! { <p class="lead pre-wrap">{s.description.clone()}</p> });
    view! {
        <Title text=page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer=view.officer>
            {refusal.clone().map(|refusal| view! { <SessionProblems refusal /> })}
            <a class="back-link" href=paths::DROPINS>{t!(i18n, dropins.back_to_list)}</a>
            {done.map(|m| view! { <p class="panel panel--notice" role="status">{m}</p> })}
            <span class="caption">{t!(i18n, dropins.series)}</span>
            <h1>{heading}</h1>
            {description}
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.venue)}</dt>
                    <dd>{s.venue.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.services)}</dt>
                    <dd>{services}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.feedback_form)}</dt>
                    <dd>
                        {status_name(view.survey_status)}
                        {builds.then(|| view! {
                            " · "
                            <a href=paths::survey_overview(s.survey_id)>{t!(i18n, dropins.edit_form)}</a>
                            " · "
                            <a href=paths::survey_preview(s.survey_id)>{t!(i18n, dropins.preview_form)}</a>
                        })}
                    </dd>
                </div>
            </dl>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="sessions-caption">
                <table class="results-table">
                    <caption id="sessions-caption">{t!(i18n, dropins.sessions_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, dropins.date)}</th>
                            <th scope="col">{t!(i18n, dropins.when)}</th>
                            <th scope="col">{t!(i18n, dropins.venue)}</th>
                            <th scope="col" class="num">{t!(i18n, dropins.responses)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h2 id="add-sessions">{t!(i18n, dropins.add_sessions)}</h2>
            <form method="post" action=paths::series(s.id) novalidate>
                <SessionFields fields values refusal />
                <button type="submit" class="button">{t!(i18n, dropins.add_button)}</button>
            </form>
        </OfficerFrame>
    }
}
