//! A survey's written answers: read them with search, theme and segment
//! filters, add and delete themes, and give each comment its themes. Every
//! form is plain HTML (the list is a GET form, themes are posts), so it all
//! works without JavaScript.

use super::{OfficerFrame, builder::survey_id, officer_page, results::SegmentFields};
use crate::{
    AppError,
    components::{
        download::PostButton,
        error_summary::{ErrorSummary, page_title},
        field::TextField,
        localized::Text,
    },
    domain::comments::{
        Comment, CommentsQuery, CommentsView, MAX_THEME_NAME, ThemeProblem, ThemeRow,
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[server]
pub async fn load_comments(
    id: i32,
    query: CommentsQuery,
    locale: String,
) -> Result<CommentsView, AppError> {
    use crate::domain::{
        comments::PAGE_SIZE,
        results::ResultsQuery,
        roles::{Permission, Role},
    };
    use crate::server::{
        store::{base::segment::segment_of, comments, counts, definitions},
        views::results,
    };
    // Raw comments are individuals' words, dated: the permission that
    // exports every response, not the one that reads suppressed figures.
    let officer = crate::server::auth::require_here(Permission::ExportResponses)?;
    let state = crate::server::state::app_state()?;
    let loaded = definitions::load_by_id(&state.db, id).await?;
    let chosen = ResultsQuery {
        filters: query.filters.clone(),
        ..ResultsQuery::default()
    };
    let (segment, kept) = segment_of(&loaded, &chosen);
    // A handful of people picked out by their answers would be identified
    // by what they wrote; only an admin may narrow below the threshold.
    let threshold = state.settings.suppression_threshold;
    let too_small = !kept.is_empty()
        && officer.role != Role::Admin
        && counts::people_in(&state.db, loaded.survey.id, &segment).await? < threshold;
    let (comments, total, themes) = if too_small {
        (vec![], 0, vec![])
    } else {
        let (c, t, th, _) = comments::page(&state.db, &loaded, &locale, &query).await?;
        (c, t, th)
    };
    let chosen = ResultsQuery {
        filters: kept.clone(),
        ..ResultsQuery::default()
    };
    let choices = results::choices(&loaded, &locale, &chosen);
    let questions = comments::text_questions(&loaded)
        .into_iter()
        .map(|q| (q, comments::prompt(&loaded, q, &locale)))
        .collect();
    Ok(CommentsView {
        may_theme: officer.can(Permission::ThemeComments),
        may_export: officer.can(Permission::ExportResponses),
        officer,
        survey_id: id,
        title: loaded.survey.text(&loaded.survey.title, &locale),
        questions,
        query: CommentsQuery {
            filters: kept,
            ..query
        },
        themes,
        comments,
        pages: total.div_ceil(PAGE_SIZE).max(1),
        total,
        choices,
        too_small: too_small.then_some(threshold),
    })
}

fn query_from_address() -> CommentsQuery {
    let search = use_location().search.get_untracked();
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    CommentsQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

#[component]
pub fn CommentsPage() -> impl IntoView {
    let query = query_from_address();
    officer_page(
        move |locale| load_comments(survey_id(), query.clone(), locale),
        |v| view! { <CommentsList v /> }.into_any(),
    )
}

/// A refused theme name, from the address the refusal returned to.
fn theme_problem() -> Option<(ThemeProblem, String)> {
    let q = use_query_map().read_untracked();
    let problem = ThemeProblem::parse(&q.get("problem")?)?;
    Some((problem, q.get("name").unwrap_or_default()))
}

fn problem_text(problem: ThemeProblem) -> String {
    let i18n = use_i18n();
    match problem {
        ThemeProblem::Empty => t_string!(i18n, comments.theme_empty).to_string(),
        ThemeProblem::TooLong => crate::i18n_support::fill(
            t_string!(i18n, comments.theme_long),
            &[("max", &MAX_THEME_NAME.to_string())],
        ),
        ThemeProblem::Duplicate => t_string!(i18n, comments.theme_duplicate).to_string(),
    }
}

#[component]
fn CommentsList(v: CommentsView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, comments.title).to_string();
    let refused = theme_problem();
    let id = v.survey_id;
    let action = paths::comments(id);
    let back = v.query.to_query_string(v.query.page);
    let done = use_query_map().read_untracked().get("done");
    let notice = done.and_then(|d| match d.as_str() {
        "added" => Some(t_string!(i18n, comments.theme_added).to_string()),
        "deleted" => Some(t_string!(i18n, comments.theme_deleted).to_string()),
        "tagged" => Some(t_string!(i18n, comments.tagged).to_string()),
        _ => None,
    });
    let question_options = v
        .questions
        .iter()
        .map(|(qid, prompt)| {
            let selected = v.query.question == Some(*qid);
            view! { <option value=qid.to_string() selected=selected><Text text=prompt.clone() /></option> }
        })
        .collect_view();
    let theme_options = v
        .themes
        .iter()
        .map(|th| {
            let selected = v.query.theme == Some(th.id);
            view! { <option value=th.id.to_string() selected=selected>{th.name.clone()}</option> }
        })
        .collect_view();
    let themes = v.themes.clone();
    let list = v
        .comments
        .into_iter()
        .map(|c| view! { <CommentItem c themes=themes.clone() may_theme=v.may_theme action=action.clone() back=back.clone() /> })
        .collect_view();
    let pager = (v.pages > 1).then(|| {
        let page = v.query.page;
        let link = |p: u64| format!("{action}?{}", v.query.to_query_string(p));
        view! {
            <nav class="pagination" aria-label=t_string!(i18n, comments.pages).to_string()>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t!(i18n, audit.previous)}</a> })}
                <span>{t!(i18n, comments.page_of, page = page, pages = v.pages)}</span>
                {(page < v.pages).then(|| view! { <a href=link(page + 1) rel="next">{t!(i18n, audit.next)}</a> })}
            </nav>
        }
    });
    let problem = refused.clone().map(|(p, _)| problem_text(p));
    let typed = refused.map(|(_, name)| name).unwrap_or_default();
    let filtered =
        !v.query.filters.is_empty() || v.query.theme.is_some() || !v.query.search.is_empty();
    view! {
        <Title text=page_title(&format!("{heading}: {}", v.title.text), problem.is_some()) />
        <OfficerFrame officer=v.officer.clone()>
            {problem.clone().map(|p| view! {
                <ErrorSummary><li><a href="#theme-name">{p}</a></li></ErrorSummary>
            })}
            <a class="back-link" href=paths::survey_results(id)>{t!(i18n, comments.back)}</a>
            {notice.map(|m| view! { <p class="panel panel--notice" role="status">{m}</p> })}
            <span class="caption"><Text text=v.title.clone() /></span>
            <h1>{heading.clone()}</h1>
            <p class="lead">{t!(i18n, comments.intro)}</p>
            <form method="get" action=action.clone() class="filters-form">
                <div class="question">
                    <label class="question__prompt" for="question">{t!(i18n, comments.question)}</label>
                    <select class="select" id="question" name="question">
                        <option value="">{t!(i18n, comments.every_question)}</option>
                        {question_options}
                    </select>
                </div>
                <div class="question">
                    <label class="question__prompt" for="search">{t!(i18n, comments.search)}</label>
                    <input class="input" type="search" id="search" name="search" value=v.query.search.clone() maxlength="100" />
                </div>
                <div class="question">
                    <label class="question__prompt" for="theme">{t!(i18n, comments.with_theme)}</label>
                    <select class="select" id="theme" name="theme">
                        <option value="">{t!(i18n, comments.any_theme)}</option>
                        {theme_options}
                    </select>
                </div>
                <details class="filters" open=!v.query.filters.is_empty()>
                    <summary>{t!(i18n, comments.by_answers)}</summary>
                    <SegmentFields choices=v.choices.clone() />
                </details>
                <div class="button-row">
                    <button type="submit" class="button">{t!(i18n, comments.show)}</button>
                    {filtered.then(|| view! {
                        <a class="button button--secondary" href=action.clone()>{t!(i18n, analysis.clear)}</a>
                    })}
                </div>
            </form>
            <ThemesPanel themes=v.themes.clone() may_theme=v.may_theme action=action.clone() back=back.clone() problem typed />
            {v.too_small.map(|threshold| view! {
                <p class="panel panel--notice" role="status">
                    {t!(i18n, comments.too_small, threshold = threshold)}
                </p>
            })}
            <h2 id="comments">{t!(i18n, comments.found, count = v.total)}</h2>
            {v.may_export.then(|| view! {
                <p><PostButton action=paths::comments_csv(id) label=t_string!(i18n, analysis.download_comments).to_string() /></p>
            })}
            <ol class="comments">{list}</ol>
            {pager}
        </OfficerFrame>
    }
}

#[component]
fn ThemesPanel(
    themes: Vec<ThemeRow>,
    may_theme: bool,
    action: String,
    back: String,
    problem: Option<String>,
    typed: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = themes
        .into_iter()
        .map(|th| {
            let name = th.name.clone();
            view! {
                <tr>
                    <th scope="row">{th.name}</th>
                    <td class="num">{th.comments}</td>
                    {may_theme.then(|| view! {
                        <td>
                            <form method="post" action=action.clone()>
                                <input type="hidden" name="op" value="delete_theme" />
                                <input type="hidden" name="theme" value=th.id.to_string() />
                                <input type="hidden" name="return" value=back.clone() />
                                <button type="submit" class="button button--secondary button--small">
                                    {t!(i18n, comments.delete_theme)}
                                    <span class="visually-hidden">" – " {name}</span>
                                </button>
                            </form>
                        </td>
                    })}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    let error = problem.clone();
    view! {
        <h2 id="themes">{t!(i18n, comments.themes)}</h2>
        {if empty {
            view! { <p>{t!(i18n, comments.no_themes)}</p> }.into_any()
        } else {
            view! {
                <table class="results-table">
                    <caption class="visually-hidden">{t!(i18n, comments.themes)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, comments.theme)}</th>
                            <th scope="col" class="num">{t!(i18n, analysis.comments_count)}</th>
                            {may_theme.then(|| view! { <th scope="col"><span class="visually-hidden">{t!(i18n, comments.actions)}</span></th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }}
        {may_theme.then(|| view! {
            <form method="post" action=action.clone() novalidate>
                <input type="hidden" name="op" value="add_theme" />
                <input type="hidden" name="return" value=back.clone() />
                <TextField
                    id="theme-name"
                    name="name"
                    label=t_string!(i18n, comments.new_theme).to_string()
                    hint=t_string!(i18n, comments.new_theme_hint).to_string()
                    error=error.clone()
                    value=typed.clone()
                />
                <button type="submit" class="button button--secondary">{t!(i18n, comments.add_theme)}</button>
            </form>
        })}
    }
}

#[component]
fn CommentItem(
    c: Comment,
    themes: Vec<ThemeRow>,
    may_theme: bool,
    action: String,
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let anchor = format!("comment-{}", c.answer_id);
    let names: Vec<String> = themes
        .iter()
        .filter(|t| c.themes.contains(&t.id))
        .map(|t| t.name.clone())
        .collect();
    let tagging = (may_theme && !themes.is_empty()).then(|| {
        let boxes = themes
            .iter()
            .map(|t| {
                let id = format!("c{}-t{}", c.answer_id, t.id);
                let checked = c.themes.contains(&t.id);
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name="themes" value=t.id.to_string() checked=checked />
                        <label for=id>{t.name.clone()}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <form method="post" action=format!("{action}#{anchor}") class="comment__themes">
                <input type="hidden" name="op" value="tag" />
                <input type="hidden" name="answer" value=c.answer_id.to_string() />
                <input type="hidden" name="return" value=back.clone() />
                <fieldset>
                    <legend class="question__prompt">{t!(i18n, comments.themes_for)}</legend>
                    <div class="choices choices--inline">{boxes}</div>
                </fieldset>
                <button type="submit" class="button button--secondary button--small">{t!(i18n, comments.save_themes)}</button>
            </form>
        }
    });
    let shown = (!may_theme && !names.is_empty()).then(|| {
        view! { <p class="comment__tags">{t!(i18n, comments.themes)} ": " {names.join(", ")}</p> }
    });
    view! {
        <li class="comment" id=anchor>
            <p class="comment__meta">
                <Text text=c.question /> " · " <time datetime=c.sent_on.clone()>{c.sent_on.clone()}</time>
            </p>
            <blockquote class="comment__text pre-wrap">{c.text}</blockquote>
            {shown}
            {tagging}
        </li>
    }
}
