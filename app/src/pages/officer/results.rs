//! A survey's results for officers: responses over time, how far people
//! got, every question's answers as a chart beside its table, segment
//! filters, a cross-tab of any two choice questions, and downloads. The
//! filters are a plain GET form, so all of it works without JavaScript.

use super::{OfficerFrame, builder::survey_id, officer_page};
use crate::{
    AppError,
    components::{
        chart::{Bar, Columns},
        download::PostButton,
        figures::{Count, percent_text},
        label::{DateText, OptionLabel},
        localized::Text,
        question_figures::{QuestionFigures, fraction},
    },
    domain::{
        results::{
            ChoiceQuestion, CrossTab, Funnel, OverTime, ResultsQuery, SessionFeedback,
            SurveyDashboard,
        },
        suppression::{Audience, Shown, ShownTable},
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[server]
pub async fn load_survey_results(
    id: i32,
    query: ResultsQuery,
    locale: String,
) -> Result<SurveyDashboard, AppError> {
    use crate::server::{officer::exact::officer_rules, store::definitions, views::dashboard};
    let parts = leptos::prelude::use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let state = crate::server::state::app_state()?;
    // Exact figures need a grant, which asking for them (a post) records.
    let (officer, rules) = officer_rules(&state, &parts, id, &query).await?;
    let loaded = definitions::load_by_id(&state.db, id).await?;
    dashboard::dashboard(&state.db, &loaded, &locale, officer, rules, query).await
}

/// The results query in the current address.
fn query_from_address() -> ResultsQuery {
    ResultsQuery::from_query_string(&use_location().search.get_untracked())
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let query = query_from_address();
    officer_page(
        move |locale| load_survey_results(survey_id(), query.clone(), locale),
        |d| view! { <DashboardView d /> }.into_any(),
    )
}

#[component]
fn DashboardView(d: SurveyDashboard) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, analysis.title).to_string();
    let id = d.survey_id;
    let base = paths::survey_results(id);
    let exact = d.rules.audience == Audience::Exact;
    let threshold = d.rules.threshold;
    let with_query = |path: String, exact: bool| {
        let q = d.query.to_query_string(exact);
        if q.is_empty() {
            path
        } else {
            format!("{path}?{q}")
        }
    };
    // Asking for exact figures posts the filters without any old grant.
    let exact_link = with_query(base.clone(), false);
    let protected_link = exact_link.clone();
    let tables_csv = with_query(paths::results_tables_csv(id), exact);
    let responses_csv = paths::results_responses_csv(id);
    let filtered = !d.query.filters.is_empty();
    let privacy = if exact {
        view! {
            <div class="panel panel--warning" role="note">
                <p>{t!(i18n, analysis.exact_warning)}</p>
                <p><a href=protected_link>{t!(i18n, analysis.back_to_protected)}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p class="privacy-note">{t!(i18n, analysis.privacy, threshold = threshold)}</p>
            {d.may_see_exact.then(|| view! {
                <PostButton action=exact_link label=t_string!(i18n, analysis.show_exact).to_string() />
            })}
        }
        .into_any()
    };
    view! {
        <Title text=format!("{heading}: {}", d.title.text) />
        <OfficerFrame officer=d.officer.clone()>
            <a class="back-link" href=paths::OFFICER>{t!(i18n, analysis.back)}</a>
            <span class="caption"><Text text=d.title.clone() /></span>
            <h1>{heading.clone()}</h1>
            {privacy}
            <Filters choices=d.choices.clone() query=d.query.clone() action=base.clone() grant=exact.then(|| d.query.exact.clone()).flatten() />
            <h2>{t!(i18n, analysis.summary)}</h2>
            {match d.too_small {
                Some(threshold) => view! {
                    <p class="panel panel--notice" role="status">
                        {t!(i18n, analysis.segment_too_small, threshold = threshold)}
                    </p>
                }.into_any(),
                None => filtered.then(|| view! { <p>{t!(i18n, analysis.filtered_note)}</p> }).into_any(),
            }}
            <dl class="summary-figures">
                <div>
                    <dt>{t!(i18n, analysis.responses)}</dt>
                    <dd><Count shown=d.responses /></dd>
                </div>
                <div>
                    <dt>{t!(i18n, results.withdrawn)}</dt>
                    <dd><Count shown=d.withdrawn /></dd>
                </div>
            </dl>
            <h2>{t!(i18n, analysis.downloads)}</h2>
            <ul class="plain-list downloads">
                <li><PostButton action=tables_csv label=t_string!(i18n, analysis.download_tables).to_string() /></li>
                {d.may_export.then(|| view! {
                    <li><PostButton action=responses_csv label=t_string!(i18n, analysis.download_responses).to_string() /></li>
                    <li><PostButton action=paths::comments_csv(id) label=t_string!(i18n, analysis.download_comments).to_string() /></li>
                })}
            </ul>
            {d.crosstab.map(|c| view! { <CrossTabView c /> })}
            {d.sessions.map(|s| view! { <SessionsView s /> })}
            <OverTimeView t=d.over_time />
            <FunnelView f=d.funnel filtered />
            <h2>{t!(i18n, analysis.questions)}</h2>
            {d.questions.into_iter().map(|q| view! { <QuestionFigures q survey=d.may_export.then_some(id) /> }).collect_view()}
        </OfficerFrame>
    }
}

/// A filter per choice question, each "Anyone" or one answer: part of a
/// GET form, here and on the comments page.
#[component]
pub fn SegmentFields(choices: Vec<ChoiceQuestion>) -> impl IntoView {
    let i18n = use_i18n();
    let fields = choices
        .into_iter()
        .map(|c| {
            let name = format!("f{}", c.id);
            let chosen = c.chosen.clone();
            let options = c
                .options
                .into_iter()
                .map(|(value, label)| {
                    let selected = chosen.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=selected><OptionLabel label /></option> }
                })
                .collect_view();
            view! {
                <div class="question">
                    <label class="question__prompt" for=name.clone()><Text text=c.prompt /></label>
                    <select class="select" id=name.clone() name=name>
                        <option value="">{t!(i18n, analysis.anyone)}</option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend class="question__prompt">{t!(i18n, analysis.segment_legend)}</legend>
            <p class="hint">{t!(i18n, analysis.segment_hint)}</p>
            {fields}
        </fieldset>
    }
}

/// The GET form: a filter per choice question, and the cross-tab's two.
#[component]
fn Filters(
    choices: Vec<ChoiceQuestion>,
    query: ResultsQuery,
    action: String,
    /// The grant for exact figures the page was shown with, kept while filtering.
    grant: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let active = !query.filters.is_empty() || query.rows.is_some();
    // Clearing the filters keeps the grant, as the form's hidden field does.
    let clear = match &grant {
        Some(g) => {
            let kept = ResultsQuery {
                exact: Some(g.clone()),
                ..ResultsQuery::default()
            };
            format!("{action}?{}", kept.to_query_string(true))
        }
        None => action.clone(),
    };
    let dimension = |name: &'static str, label: String, current: Option<i32>| {
        let options = choices
            .iter()
            .map(|c| {
                let selected = current == Some(c.id);
                view! { <option value=c.id.to_string() selected=selected><Text text=c.prompt.clone() /></option> }
            })
            .collect_view();
        view! {
            <div class="question">
                <label class="question__prompt" for=name>{label}</label>
                <select class="select" id=name name=name>
                    <option value="">{t!(i18n, analysis.no_crosstab)}</option>
                    {options}
                </select>
            </div>
        }
    };
    view! {
        <details class="filters" open=active>
            <summary>{t!(i18n, analysis.filter_heading)}</summary>
            <form method="get" action=action.clone()>
                {grant.clone().map(|g| view! { <input type="hidden" name="exact" value=g /> })}
                <SegmentFields choices=choices.clone() />
                <fieldset>
                    <legend class="question__prompt">{t!(i18n, analysis.crosstab_legend)}</legend>
                    <p class="hint">{t!(i18n, analysis.crosstab_hint)}</p>
                    {dimension("rows", t_string!(i18n, analysis.rows).to_string(), query.rows)}
                    {dimension("cols", t_string!(i18n, analysis.cols).to_string(), query.cols)}
                </fieldset>
                <div class="button-row">
                    <button type="submit" class="button">{t!(i18n, analysis.apply)}</button>
                    <a class="button button--secondary" href=clear>
                        {t!(i18n, analysis.clear)}
                    </a>
                </div>
            </form>
        </details>
    }
}

#[component]
fn OverTimeView(t: OverTime) -> impl IntoView {
    let i18n = use_i18n();
    let columns: Vec<Option<u64>> = t
        .counts
        .counts
        .iter()
        .map(|s| match s {
            Shown::Count(n) => Some(*n),
            _ => None,
        })
        .collect();
    let first = t.weeks.first().cloned().unwrap_or_default();
    let last = t.weeks.last().cloned().unwrap_or_default();
    let rows = t
        .weeks
        .iter()
        .zip(t.counts.counts.iter())
        .map(|(w, c)| {
            view! {
                <tr>
                    <th scope="row"><time datetime=w.clone()>{w.clone()}</time></th>
                    <td class="num"><Count shown=*c /></td>
                </tr>
            }
        })
        .collect_view();
    let empty = t.weeks.is_empty();
    view! {
        <h2 id="over-time">{t!(i18n, analysis.over_time)}</h2>
        {if empty {
            view! { <p>{t!(i18n, analysis.no_responses)}</p> }.into_any()
        } else {
            view! {
                <figure class="chart">
                    <Columns values=columns />
                    <figcaption class="chart__range">
                        <span>{t!(i18n, analysis.week_of)} " " {first}</span>
                        <span>{last}</span>
                    </figcaption>
                </figure>
                <details>
                    <summary>{t!(i18n, analysis.as_table)}</summary>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="weeks-caption">
                        <table class="results-table">
                            <caption id="weeks-caption">{t!(i18n, analysis.weeks_caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, analysis.week_of)}</th>
                                    <th scope="col" class="num">{t!(i18n, analysis.responses)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </details>
            }
            .into_any()
        }}
    }
}

#[component]
fn FunnelView(f: Funnel, filtered: bool) -> impl IntoView {
    let i18n = use_i18n();
    let started = f.started;
    let rows = f
        .stopped
        .into_iter()
        .enumerate()
        .map(|(i, (title, count))| {
            let page = i + 1;
            let name = title.map_or_else(
                || view! { {t!(i18n, analysis.page_n, n = page)} }.into_any(),
                |t| view! { {t!(i18n, analysis.page_n, n = page)} ": " <Text text=t /> }.into_any(),
            );
            view! {
                <tr>
                    <th scope="row">{t!(i18n, analysis.stopped_on)} " " {name}</th>
                    <td class="num"><Count shown=count /></td>
                    <td class="chart-cell"><Bar fraction=fraction(count, started) /></td>
                </tr>
            }
        })
        .collect_view();
    let completion = percent_text(f.completion);
    view! {
        <h2 id="funnel">{t!(i18n, analysis.funnel)}</h2>
        <p class="hint">{t!(i18n, analysis.funnel_hint)}</p>
        {filtered.then(|| view! { <p class="hint">{t!(i18n, analysis.funnel_everyone)}</p> })}
        <table class="results-table">
            <caption>{t!(i18n, analysis.funnel_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, analysis.stage)}</th>
                    <th scope="col" class="num">{t!(i18n, results.count)}</th>
                    <th scope="col"><span class="visually-hidden">{t!(i18n, analysis.chart)}</span></th>
                </tr>
            </thead>
            <tbody>
                {rows}
                <tr>
                    <th scope="row">{t!(i18n, analysis.sent)}</th>
                    <td class="num"><Count shown=f.sent /></td>
                    <td class="chart-cell"><Bar fraction=fraction(f.sent, started) /></td>
                </tr>
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{t!(i18n, analysis.started)}</th>
                    <td class="num"><Count shown=started /></td>
                    <td>{t!(i18n, analysis.completion)} " " {completion}</td>
                </tr>
            </tfoot>
        </table>
    }
}

/// A drop-in feedback form's results per session: the Friends and Family
/// Test's share positive and negative, and who would recommend it.
#[component]
fn SessionsView(s: SessionFeedback) -> impl IntoView {
    let i18n = use_i18n();
    let percent_of = |table: &Option<ShownTable>, i: usize, j: usize| {
        table.as_ref().and_then(|t| {
            t.row_percent
                .get(i)
                .and_then(|r| r.get(j).copied())
                .flatten()
        })
    };
    let people = |i: usize| {
        s.fft
            .as_ref()
            .or(s.recommend.as_ref())
            .map_or(Shown::Count(0), |t| t.row_totals[i])
    };
    let rows = s
        .sessions
        .iter()
        .enumerate()
        .map(|(i, session)| {
            let positive = percent_of(&s.fft, i, 0);
            view! {
                <tr>
                    <th scope="row"><DateText date=session.date /></th>
                    <td class="num"><Count shown=people(i) /></td>
                    <td class="num">{percent_text(positive)}</td>
                    <td class="num">{percent_text(percent_of(&s.fft, i, 2))}</td>
                    <td class="num">{percent_text(percent_of(&s.recommend, i, 0))}</td>
                    <td class="chart-cell"><Bar fraction=positive.map(|p| f64::from(p) / 100.0) /></td>
                </tr>
            }
        })
        .collect_view();
    let total = s
        .fft
        .as_ref()
        .or(s.recommend.as_ref())
        .map_or(Shown::Count(0), |t| t.total);
    view! {
        <h2 id="sessions">{t!(i18n, analysis.sessions)}</h2>
        <p class="hint">{t!(i18n, analysis.sessions_hint)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="sessions-caption">
            <table class="results-table">
                <caption id="sessions-caption">{t!(i18n, analysis.sessions_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, dropins.date)}</th>
                        <th scope="col" class="num">{t!(i18n, results.count)}</th>
                        <th scope="col" class="num">{t!(i18n, analysis.positive)}</th>
                        <th scope="col" class="num">{t!(i18n, analysis.negative)}</th>
                        <th scope="col" class="num">{t!(i18n, analysis.would_recommend)}</th>
                        <th scope="col"><span class="visually-hidden">{t!(i18n, analysis.chart)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t!(i18n, analysis.all_sessions)}</th>
                        <td class="num"><Count shown=total /></td>
                        <td class="num">{percent_text(s.positive)}</td>
                        <td class="num">{percent_text(s.negative)}</td>
                        <td class="num">{percent_text(s.would_recommend)}</td>
                        <td class="chart-cell"><Bar fraction=s.positive.map(|p| f64::from(p) / 100.0) /></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn CrossTabView(c: CrossTab) -> impl IntoView {
    let i18n = use_i18n();
    let CrossTab { rows, cols, table } = c;
    let head = cols
        .options
        .iter()
        .map(|(_, label)| view! { <th scope="col" class="num"><OptionLabel label=label.clone() /></th> })
        .collect_view();
    let body = rows
        .options
        .iter()
        .enumerate()
        .map(|(i, (_, label))| {
            let cells = table.cells[i]
                .iter()
                .zip(&table.row_percent[i])
                .map(|(count, percent)| {
                    view! {
                        <td class="num">
                            <Count shown=*count />
                            <span class="cell-percent">" (" {percent_text(*percent)} ")"</span>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row"><OptionLabel label=label.clone() /></th>
                    {cells}
                    <td class="num"><Count shown=table.row_totals[i] /></td>
                </tr>
            }
        })
        .collect_view();
    let foot = table
        .col_totals
        .iter()
        .map(|s| view! { <td class="num"><Count shown=*s /></td> })
        .collect_view();
    view! {
        <h2 id="crosstab">{t!(i18n, analysis.crosstab)}</h2>
        <p class="hint">{t!(i18n, analysis.crosstab_explained)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="crosstab-caption">
            <table class="results-table crosstab">
                <caption id="crosstab-caption">
                    <Text text=rows.prompt.clone() /> " × " <Text text=cols.prompt.clone() />
                </caption>
                <thead>
                    <tr>
                        <td></td>
                        {head}
                        <th scope="col" class="num">{t!(i18n, analysis.total)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t!(i18n, analysis.total)}</th>
                        {foot}
                        <td class="num"><Count shown=table.total /></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
