//! The outcomes view: the partnership's joint data set at a glance. Every
//! question tagged with an outcome ("I am heard") or one of the five
//! priorities, across all surveys and drop-in forms, with how many answered
//! and the share answering favourably, suppressed like every result.

use super::{OfficerFrame, officer_page};
use crate::{
    AppError,
    components::{
        chart::Bar,
        figures::{Count, percent_text},
        localized::Text,
    },
    domain::results::{Favourable, OutcomeGroup, OutcomesView},
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_outcomes(locale: String) -> Result<OutcomesView, AppError> {
    use crate::domain::{
        roles::Permission,
        suppression::{Audience, Rules},
    };
    let officer = crate::server::auth::require_here(Permission::ViewResults)?;
    let state = crate::server::state::app_state()?;
    let threshold = state.settings.suppression_threshold;
    let rules = Rules::new(threshold, Audience::Officer);
    let (outcomes, priorities) =
        crate::server::views::outcomes::view(&state.db, &locale, rules).await?;
    Ok(OutcomesView {
        officer,
        threshold,
        heard: crate::server::views::actions::heard(&state.db, None, rules).await?,
        outcomes,
        priorities,
    })
}

#[component]
pub fn OutcomesPage() -> impl IntoView {
    officer_page(load_outcomes, |v| view! { <Outcomes v /> }.into_any())
}

fn measure_text(measure: Favourable) -> String {
    let i18n = use_i18n();
    match measure {
        Favourable::Agree => t_string!(i18n, outcomes.agree),
        Favourable::Happy => t_string!(i18n, outcomes.happy),
        Favourable::Good => t_string!(i18n, outcomes.good),
        Favourable::Yes => t_string!(i18n, outcomes.yes),
        Favourable::SevenOrMore => t_string!(i18n, outcomes.seven_or_more),
    }
    .to_string()
}

#[component]
fn Outcomes(v: OutcomesView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, outcomes.title).to_string();
    let threshold = v.threshold;
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=v.officer>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, outcomes.intro)}</p>
            <p class="privacy-note">{t!(i18n, analysis.privacy, threshold = threshold)}</p>
            <nav aria-label=t_string!(i18n, outcomes.contents).to_string()>
                <ul class="plain-list">
                    <li><a href="#heard">{t!(i18n, actions.heard_title)}</a></li>
                    <li><a href="#by-outcome">{t!(i18n, outcomes.by_outcome)}</a></li>
                    <li><a href="#by-priority">{t!(i18n, outcomes.by_priority)}</a></li>
                </ul>
            </nav>
            <h2 id="heard">{t!(i18n, actions.heard_title)}</h2>
            <p class="hint">{t!(i18n, actions.heard_hint)}</p>
            <crate::components::action::HeardView heard=v.heard />
            <p><a href=paths::ACTIONS>{t!(i18n, actions.officer_title)}</a></p>
            <h2 id="by-outcome">{t!(i18n, outcomes.by_outcome)}</h2>
            {v.outcomes.into_iter().map(|g| view! { <Group g prefix="outcome" /> }).collect_view()}
            <h2 id="by-priority">{t!(i18n, outcomes.by_priority)}</h2>
            {v.priorities.into_iter().map(|g| view! { <Group g prefix="priority" /> }).collect_view()}
        </OfficerFrame>
    }
}

#[component]
fn Group(g: OutcomeGroup, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{prefix}-{}", g.key);
    let caption = format!("{id}-caption");
    let labelled = caption.clone();
    if g.rows.is_empty() {
        return view! {
            <h3 id=id><Text text=g.title /></h3>
            <p class="muted">{t!(i18n, outcomes.nothing_tagged)}</p>
        }
        .into_any();
    }
    let rows = g
        .rows
        .into_iter()
        .map(|r| {
            let link = format!("{}#q{}", paths::survey_results(r.survey_id), r.question_id);
            let (measure, percent) = match r.favourable {
                Some((m, p)) => (Some(measure_text(m)), p),
                None => (None, None),
            };
            let has_measure = measure.is_some();
            view! {
                <tr>
                    <th scope="row">
                        <a href=link><Text text=r.prompt /></a>
                        <span class="cell-percent"><Text text=r.survey /></span>
                    </th>
                    <td class="num"><Count shown=r.answered /></td>
                    <td>{measure.unwrap_or_else(|| "–".to_owned())}</td>
                    <td class="num">{has_measure.then(|| percent_text(percent))}</td>
                    <td class="chart-cell">
                        {has_measure.then(|| view! { <Bar fraction=percent.map(|p| f64::from(p) / 100.0) /> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 id=id><Text text=g.title.clone() /></h3>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelled>
            <table class="results-table">
                <caption id=caption class="visually-hidden"><Text text=g.title /></caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, outcomes.question)}</th>
                        <th scope="col" class="num">{t!(i18n, analysis.answered)}</th>
                        <th scope="col">{t!(i18n, outcomes.measure)}</th>
                        <th scope="col" class="num">{t!(i18n, results.percent)}</th>
                        <th scope="col"><span class="visually-hidden">{t!(i18n, analysis.chart)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
