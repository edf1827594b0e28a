//! One drop-in session: its public link, the kiosk, the QR poster, and its
//! details to change (or delete, while it has no feedback).

use super::{SessionFields, SessionProblems, id_param, session_values, times};
use crate::{
    AppError,
    components::{error_summary::page_title, label::DateText},
    domain::{
        dropins::{Fields, SessionRefusal, SessionView},
        roles::Permission,
    },
    i18n::{t, t_string, use_i18n},
    i18n_support::fill,
    pages::officer::{OfficerFrame, dashboard::status_name, officer_page},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_session(id: i32, locale: String) -> Result<SessionView, AppError> {
    use crate::server::store::{dropins, surveys};
    use sea_orm::EntityTrait;
    let officer = crate::server::auth::require_here(Permission::RunDropIns)?;
    let state = crate::server::state::app_state()?;
    let (model, session) = dropins::session(&state.db, id).await?;
    let series = match session.series_id {
        Some(series_id) => Some((
            series_id,
            dropins::series_model(&state.db, series_id).await?.name,
        )),
        None => None,
    };
    let survey = crate::server::entities::survey::Entity::find_by_id(model.survey_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let survey_status = survey.status.into();
    let form = surveys::load(&state.db, survey).await?.form(&locale);
    let asked = crate::domain::dropins::unconditional_questions(&form).len();
    let all = form.pages.iter().map(|p| p.questions.len()).sum::<usize>();
    Ok(SessionView {
        officer,
        link: format!(
            "{}{}",
            state.settings.base_url,
            paths::dropin(&session.code)
        ),
        session,
        series,
        survey_id: model.survey_id,
        survey_status,
        left_out: all.saturating_sub(asked),
    })
}

#[component]
pub fn SessionPage() -> impl IntoView {
    officer_page(
        |locale| load_session(id_param(), locale),
        |view| view! { <Session view /> }.into_any(),
    )
}

#[component]
fn Session(view: SessionView) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<SessionRefusal>();
    let s = view.session;
    let date = s.date;
    let heading = s.name.clone();
    let done = super::done_notice(&[
        ("created", t_string!(i18n, dropins.session_created)),
        ("saved", t_string!(i18n, dropins.session_saved)),
    ]);
    let back = view.series.as_ref().map_or_else(
        || {
            (
                paths::DROPINS.to_owned(),
                t_string!(i18n, dropins.back_to_list).to_string(),
            )
        },
        |(id, name)| {
            (
                paths::series(*id),
                fill(t_string!(i18n, dropins.back_to_series), &[("series", name)]),
            )
        },
    );
    let builds = view.officer.can(Permission::BuildSurveys);
    let kiosk = paths::kiosk(&s.code);
    let poster = paths::poster(s.id);
    let left_out = (view.left_out > 0).then(|| {
        let text = fill(
            t_string!(i18n, dropins.kiosk_left_out),
            &[("n", &view.left_out.to_string())],
        );
        view! { <p class="hint">{text}</p> }
    });
    let services = if s.services.is_empty() {
        t_string!(i18n, dropins.no_services).to_string()
    } else {
        s.services.join(", ")
    };
    let values = session_values(
        &s.name,
        &s.venue,
        &s.services,
        Some(s.date),
        &s.starts,
        &s.ends,
    );
    let fields = Fields {
        name: true,
        description: false,
        repeat: false,
    };
    let delete = if s.responses == 0 {
        view! {
            <form method="post" action=paths::session(s.id)>
                <input type="hidden" name="op" value="delete" />
                <button type="submit" class="button button--warning">{t!(i18n, dropins.delete)}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p id="delete">{t!(i18n, dropins.cannot_delete)}</p> }.into_any()
    };
    let poster_alt = fill(t_string!(i18n, dropins.poster_alt), &[("name", &s.name)]);
    view! {
        <Title text=page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer=view.officer>
            {refusal.clone().map(|refusal| view! { <SessionProblems refusal /> })}
            <a class="back-link" href=back.0>{back.1}</a>
            {done.map(|m| view! { <p class="panel panel--notice" role="status">{m}</p> })}
            <span class="caption">{t!(i18n, dropins.session)}</span>
            <h1>{heading}</h1>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.when)}</dt>
                    <dd><DateText date /> ", " {times(&s.starts, &s.ends)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.venue)}</dt>
                    <dd>{s.venue.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.services)}</dt>
                    <dd>{services}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.responses)}</dt>
                    <dd>{s.responses}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t!(i18n, dropins.feedback_form)}</dt>
                    <dd>
                        {status_name(view.survey_status)}
                        {builds.then(|| view! {
                            " · "
                            <a href=paths::survey_overview(view.survey_id)>{t!(i18n, dropins.edit_form)}</a>
                        })}
                    </dd>
                </div>
            </dl>

            <h2>{t!(i18n, dropins.link_heading)}</h2>
            <p>{t!(i18n, dropins.link_hint)}</p>
            <p class="link-box"><code id="public-link">{view.link.clone()}</code></p>

            <h2>{t!(i18n, dropins.kiosk_heading)}</h2>
            <p>{t!(i18n, dropins.kiosk_hint)}</p>
            {left_out}
            <p><a class="button" href=kiosk>{t!(i18n, dropins.open_kiosk)}</a></p>

            <h2>{t!(i18n, dropins.poster_heading)}</h2>
            <p>{t!(i18n, dropins.poster_hint)}</p>
            <div class="button-row">
                <a class="button" href=poster.clone()>{t!(i18n, dropins.print_poster)}</a>
                <a class="button button--secondary" href=format!("{poster}?download")>{t!(i18n, dropins.download_poster)}</a>
            </div>
            <img class="poster-preview" src=format!("{poster}?preview") alt=poster_alt width="210" height="297" />

            <h2 id="details">{t!(i18n, dropins.change_details)}</h2>
            <form method="post" action=paths::session(s.id) novalidate>
                <input type="hidden" name="op" value="save" />
                <SessionFields fields values refusal />
                <button type="submit" class="button">{t!(i18n, dropins.save)}</button>
            </form>
            <h2>{t!(i18n, dropins.delete_heading)}</h2>
            {delete}
        </OfficerFrame>
    }
}
