//! A survey's results so far: counts per option, suppressed below the threshold.

use crate::{
    AppError,
    components::{
        figures::{Count, percent_text},
        label::OptionLabel,
        localized::Text,
    },
    domain::survey::SurveyResults,
    i18n::{t, t_string, use_i18n},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server]
pub async fn load_results(slug: String, locale: String) -> Result<SurveyResults, AppError> {
    let state = crate::server::state::app_state()?;
    let loaded = crate::server::store::surveys::load_public(&state.db, &slug).await?;
    crate::server::views::results::survey_results(
        &state.db,
        &loaded,
        &locale,
        state.settings.suppression_threshold,
    )
    .await
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new_blocking(
        move || (slug(), super::current_locale()),
        |(s, l)| load_results(s, l),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(results) => view! { <ResultsView results /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResultsView(results: SurveyResults) -> impl IntoView {
    let i18n = use_i18n();
    let threshold = results.threshold;
    let title = format!("{}: {}", t_string!(i18n, results.title), results.title.text);
    let tables = results
        .questions
        .into_iter()
        .map(|q| {
            let rows = q
                .options
                .into_iter()
                .map(|o| {
                    let percent = percent_text(o.percent);
                    view! {
                        <tr>
                            <th scope="row"><OptionLabel label=o.label /></th>
                            <td class="num"><Count shown=o.count /></td>
                            <td class="num">{percent}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="results-table">
                    <caption><Text text=q.prompt /></caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, results.answer)}</th>
                            <th scope="col" class="num">{t!(i18n, results.count)}</th>
                            <th scope="col" class="num">{t!(i18n, results.percent)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view();
    view! {
        <Title text=title />
        <span class="caption"><Text text=results.title.clone() /></span>
        <h1>{t!(i18n, results.title)}</h1>
        <p class="privacy-note">{t!(i18n, results.privacy, threshold = threshold)}</p>
        <dl class="summary-figures">
            <div>
                <dt>{t!(i18n, results.responses)}</dt>
                <dd><Count shown=results.responses /></dd>
            </div>
            <div>
                <dt>{t!(i18n, results.withdrawn)}</dt>
                <dd><Count shown=results.withdrawn /></dd>
            </div>
        </dl>
        {tables}
    }
}
