//! Every drop-in series and one-off session.

use super::times;
use crate::{
    AppError,
    components::label::DateText,
    domain::dropins::DropInsView,
    i18n::{t, t_string, use_i18n},
    pages::officer::{OfficerFrame, officer_page},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_dropins(locale: String) -> Result<DropInsView, AppError> {
    let _ = locale;
    let officer = crate::server::auth::require_here(crate::domain::roles::Permission::RunDropIns)?;
    let state = crate::server::state::app_state()?;
    let (series, one_offs) = crate::server::store::dropins::list(&state.db).await?;
    Ok(DropInsView {
        officer,
        series,
        one_offs,
    })
}

#[component]
pub fn DropInsPage() -> impl IntoView {
    officer_page(load_dropins, |view| view! { <DropIns view /> }.into_any())
}

#[component]
fn DropIns(view: DropInsView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, dropins.title).to_string();
    let deleted = crate::pages::query_is("done", "deleted").then(
        || view! { <p class="panel panel--notice" role="status">{t!(i18n, dropins.deleted)}</p> },
    );
    let series_rows = view
        .series
        .into_iter()
        .map(|s| {
            let next = s.next.map(|date| view! { <DateText date /> });
            view! {
                <tr>
                    <th scope="row"><a href=paths::series(s.id)>{s.name}</a></th>
                    <td>{s.venue}</td>
                    <td>{next}</td>
                    <td class="num">{s.sessions}</td>
                    <td class="num">{s.responses}</td>
                </tr>
            }
        })
        .collect_view();
    let one_off_rows = view
        .one_offs
        .into_iter()
        .map(|s| {
            let date = s.date;
            view! {
                <tr>
                    <th scope="row"><a href=paths::session(s.id)>{s.name}</a></th>
                    <td><DateText date /> ", " {times(&s.starts, &s.ends)}</td>
                    <td>{s.venue}</td>
                    <td class="num">{s.responses}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=view.officer>
            <h1>{heading}</h1>
            {deleted}
            <p class="lead">{t!(i18n, dropins.lead)}</p>
            <div class="button-row">
                <a class="button" href=paths::NEW_SERIES>{t!(i18n, dropins.new_series)}</a>
                <a class="button button--secondary" href=paths::NEW_SESSION>{t!(i18n, dropins.new_session)}</a>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="series-caption">
                <table class="results-table">
                    <caption id="series-caption">{t!(i18n, dropins.series_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, dropins.name)}</th>
                            <th scope="col">{t!(i18n, dropins.venue)}</th>
                            <th scope="col">{t!(i18n, dropins.next)}</th>
                            <th scope="col" class="num">{t!(i18n, dropins.sessions)}</th>
                            <th scope="col" class="num">{t!(i18n, dropins.responses)}</th>
                        </tr>
                    </thead>
                    <tbody>{series_rows}</tbody>
                </table>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="one-off-caption">
                <table class="results-table">
                    <caption id="one-off-caption">{t!(i18n, dropins.one_off_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, dropins.name)}</th>
                            <th scope="col">{t!(i18n, dropins.when)}</th>
                            <th scope="col">{t!(i18n, dropins.venue)}</th>
                            <th scope="col" class="num">{t!(i18n, dropins.responses)}</th>
                        </tr>
                    </thead>
                    <tbody>{one_off_rows}</tbody>
                </table>
            </div>
        </OfficerFrame>
    }
}
