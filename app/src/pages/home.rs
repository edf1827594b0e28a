//! The home page: the surveys open now.

use crate::{
    AppError,
    components::localized::Text,
    domain::survey::SurveySummary,
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Surveys taking answers now, in the respondent's language.
#[server]
pub async fn list_open_surveys(locale: String) -> Result<Vec<SurveySummary>, AppError> {
    let state = crate::server::state::app_state()?;
    Ok(crate::server::views::surveys::open_surveys(&state.db, &locale).await?)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let surveys = Resource::new_blocking(super::current_locale, list_open_surveys);
    view! {
        <Title text=t_string!(i18n, home.title).to_string() />
        <h1>{t!(i18n, home.title)}</h1>
        <p class="lead">{t!(i18n, home.intro)}</p>
        <h2>{t!(i18n, home.open_surveys)}</h2>
        <Suspense>
            {move || Suspend::new(async move {
                match surveys.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, home.none)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="survey-list">
                            {list
                                .into_iter()
                                .map(|s| {
                                    let minutes = s.estimated_minutes;
                                    view! {
                                        <li>
                                            <a href=paths::survey(&s.slug)><Text text=s.title /></a>
                                            <span class="meta">{t!(i18n, home.minutes, minutes = minutes)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
