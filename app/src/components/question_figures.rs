//! One question's figures, as the results page and an action's evidence
//! show them: a choice question's table with a bar beside each count, or
//! a text question's count of comments and its themes.

use crate::{
    components::{
        chart::Bar,
        figures::{Count, percent_text},
        label::OptionLabel,
        localized::Text,
    },
    domain::{results::QuestionSummary, suppression::Shown},
    i18n::{t, use_i18n},
    paths,
};
use leptos::prelude::*;

/// A hidden count has no bar; a shown one is its share of `base`.
pub fn fraction(count: Shown, base: Shown) -> Option<f64> {
    match (count, base) {
        (Shown::Count(c), Shown::Count(b)) if b > 0 => Some(c as f64 / b as f64),
        _ => None,
    }
}

/// A question's figures: a table with a bar per answer, or a written
/// question's comment and theme counts.
#[component]
pub fn QuestionFigures(
    q: QuestionSummary,
    /// The survey whose comments page a written question links to; none
    /// for the public and for viewers, who never read raw comments.
    survey: Option<i32>,
    /// Prefixes element ids, so one question can appear twice on a page.
    #[prop(default = String::new())]
    prefix: String,
) -> impl IntoView {
    let i18n = use_i18n();
    match q {
        QuestionSummary::Choice {
            id,
            prompt,
            labels,
            list,
            multiple,
        } => {
            let base = list.base;
            let rows = labels
                .into_iter()
                .zip(list.counts.into_iter().zip(list.percent))
                .map(|(label, (count, percent))| {
                    let bar = percent.map(|p| f64::from(p) / 100.0);
                    view! {
                        <tr>
                            <th scope="row"><OptionLabel label /></th>
                            <td class="num"><Count shown=count /></td>
                            <td class="num">{percent_text(percent)}</td>
                            <td class="chart-cell"><Bar fraction=bar /></td>
                        </tr>
                    }
                })
                .collect_view();
            let caption = format!("{prefix}q{id}-caption");
            let labelled = caption.clone();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelled>
                    <table class="results-table" id=format!("{prefix}q{id}")>
                        <caption id=caption><Text text=prompt /></caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, results.answer)}</th>
                                <th scope="col" class="num">{t!(i18n, results.count)}</th>
                                <th scope="col" class="num">{t!(i18n, results.percent)}</th>
                                <th scope="col"><span class="visually-hidden">{t!(i18n, analysis.chart)}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{t!(i18n, analysis.answered)}</th>
                                <td class="num"><Count shown=base /></td>
                                <td colspan="2">
                                    {multiple.then_some(t!(i18n, analysis.multiple_note))}
                                </td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
            }
            .into_any()
        }
        QuestionSummary::Text {
            id,
            prompt,
            answers,
            themes,
            themed,
        } => {
            let rows = themes
                .into_iter()
                .zip(themed.counts.into_iter().zip(themed.percent))
                .map(|(name, (count, percent))| {
                    let bar = percent.map(|p| f64::from(p) / 100.0);
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="num"><Count shown=count /></td>
                            <td class="num">{percent_text(percent)}</td>
                            <td class="chart-cell"><Bar fraction=bar /></td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            let heading = format!("{prefix}q{id}-heading");
            let labelled = heading.clone();
            let read = survey.map(|survey| format!("{}?question={id}", paths::comments(survey)));
            let has_themes = !rows.is_empty();
            view! {
                <div class="question-figure" id=format!("{prefix}q{id}")>
                    <h3 class="question-figure__prompt" id=heading><Text text=prompt /></h3>
                    <p>{t!(i18n, analysis.comments_count)} ": " <Count shown=answers />
                        {read.map(|read| view! { " · " <a href=read>{t!(i18n, analysis.read_comments)}</a> })}
                    </p>
                    {has_themes.then(|| view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelled>
                            <table class="results-table">
                                <caption class="visually-hidden">{t!(i18n, analysis.themes_caption)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, comments.theme)}</th>
                                        <th scope="col" class="num">{t!(i18n, analysis.comments_count)}</th>
                                        <th scope="col" class="num">{t!(i18n, results.percent)}</th>
                                        <th scope="col"><span class="visually-hidden">{t!(i18n, analysis.chart)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    })}
                </div>
            }
            .into_any()
        }
        QuestionSummary::Other {
            id,
            prompt,
            answers,
        } => view! {
            <div class="question-figure" id=format!("{prefix}q{id}")>
                <h3 class="question-figure__prompt"><Text text=prompt /></h3>
                <p>{t!(i18n, analysis.answered)} ": " <Count shown=answers /></p>
            </div>
        }
        .into_any(),
    }
}
