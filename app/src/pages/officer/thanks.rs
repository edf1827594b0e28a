//! The names respondents offered to be thanked by, for an officer to
//! approve or decline one by one; only approved names are ever public.

use super::{OfficerFrame, officer_page};
use crate::{
    AppError,
    components::localized::Text,
    domain::actions::{ThanksName, ThanksState, ThanksView},
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server]
pub async fn load_thanks(id: String, locale: String) -> Result<ThanksView, AppError> {
    use crate::server::entities::public_thanks::ThanksStatus;
    let officer =
        crate::server::auth::require_here(crate::domain::roles::Permission::WriteActions)?;
    let state = crate::server::state::app_state()?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    let loaded = crate::server::store::definitions::load_by_id(&state.db, id).await?;
    let names = crate::server::store::thanks::all(&state.db, id)
        .await?
        .into_iter()
        .map(|t| ThanksName {
            id: t.id,
            name: t.name,
            state: match t.status {
                ThanksStatus::Pending => ThanksState::Waiting,
                ThanksStatus::Approved => ThanksState::Approved,
                ThanksStatus::Declined => ThanksState::Declined,
            },
        })
        .collect();
    Ok(ThanksView {
        officer,
        survey_id: id,
        slug: loaded.survey.slug.clone(),
        title: loaded.survey.text(&loaded.survey.title, &locale),
        names,
    })
}

#[component]
pub fn ThanksPage() -> impl IntoView {
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default();
    officer_page(
        move |locale| load_thanks(id.clone(), locale),
        |v| view! { <Names v /> }.into_any(),
    )
}

#[component]
fn Names(v: ThanksView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, thanks.officer_title).to_string();
    let id = v.survey_id;
    let rows = v
        .names
        .into_iter()
        .map(|n: ThanksName| {
            let state = match n.state {
                ThanksState::Waiting => t_string!(i18n, thanks.waiting),
                ThanksState::Approved => t_string!(i18n, thanks.approved),
                ThanksState::Declined => t_string!(i18n, thanks.declined),
            };
            let button = |op: &'static str, label: String, secondary: bool| {
                view! {
                    <form method="post" action=paths::officer_thanks(id) class="inline-form">
                        <input type="hidden" name="op" value=op />
                        <input type="hidden" name="name" value=n.id.to_string() />
                        <button type="submit" class=if secondary { "button button--secondary button--small" } else { "button button--small" }>
                            {label} <span class="visually-hidden">" – " {n.name.clone()}</span>
                        </button>
                    </form>
                }
            };
            view! {
                <tr id=format!("name-{}", n.id)>
                    <th scope="row">{n.name.clone()}</th>
                    <td>{state}</td>
                    <td>
                        {(n.state != ThanksState::Approved).then(|| button("approve", t_string!(i18n, thanks.approve).to_string(), false))}
                        " "
                        {(n.state != ThanksState::Declined).then(|| button("decline", t_string!(i18n, thanks.decline).to_string(), true))}
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=v.officer>
            <span class="caption"><Text text=v.title /></span>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, thanks.officer_lead)}</p>
            <p><a href=paths::thanks(&v.slug)>{t!(i18n, thanks.public_link)}</a></p>
            {if empty {
                view! { <p>{t!(i18n, thanks.none_offered)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="names-caption">
                        <table class="results-table">
                            <caption id="names-caption">{t!(i18n, thanks.caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, thanks.name)}</th>
                                    <th scope="col">{t!(i18n, thanks.state)}</th>
                                    <th scope="col">{t!(i18n, thanks.decide)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </OfficerFrame>
    }
}
