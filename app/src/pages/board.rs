//! The public "You said, we did" board: every published action, filtered
//! by a plain GET form (outcome, priority, status, survey, drop-in series),
//! and each action's own page with its evidence, timeline and the rating
//! question. No JavaScript is needed for any of it; it prints cleanly for
//! drop-ins and newsletters.

use crate::{
    AppError,
    components::{
        action::{ActionCardView, ActionDetails, status_name},
        error_summary::{ErrorSummary, InlineError, page_title},
    },
    domain::actions::{
        ActionPage, ActionStatus, Board, BoardQuery, FilterChoice, NOTE_LIMIT, RatingRefusal,
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_location, use_params_map};

#[server]
pub async fn load_board(query: BoardQuery, locale: String) -> Result<Board, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::views::actions::board(&state.db, query, &locale).await
}

#[server]
pub async fn load_action(id: String, locale: String) -> Result<ActionPage, AppError> {
    use crate::domain::suppression::{Audience, Rules};
    let state = crate::server::state::app_state()?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    let action = crate::server::store::actions::find(&state.db, id)
        .await?
        .filter(|a| a.published_at.is_some())
        .ok_or(AppError::NotFound)?;
    let rules = Rules::new(state.settings.suppression_threshold, Audience::Public);
    crate::server::views::actions::public_page(&state.db, action, rules, &locale).await
}

fn query_from_address() -> BoardQuery {
    let search = use_location().search.get_untracked();
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    BoardQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let query = query_from_address();
    let data = Resource::new_blocking(super::current_locale, move |locale| {
        load_board(query.clone(), locale)
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(board) => view! { <BoardView board /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One filter: a labelled select with "Any" first.
#[component]
fn Filter(
    name: &'static str,
    label: String,
    choices: Vec<FilterChoice>,
    chosen: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("filter-{name}");
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            let selected = chosen.as_deref() == Some(value.as_str());
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="question filter">
            <label class="question__prompt" for=id.clone()>{label}</label>
            <select class="select" id=id name=name>
                <option value="">{t!(i18n, board.any)}</option>
                {options}
            </select>
        </div>
    }
}

#[component]
fn BoardView(board: Board) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, board.title).to_string();
    let q = board.query.clone();
    let statuses: Vec<FilterChoice> = ActionStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_owned(), status_name(s)))
        .collect();
    let pages = board
        .total
        .div_ceil(crate::domain::actions::BOARD_PAGE)
        .max(1);
    let page = q.page.min(pages);
    let first = (page - 1) * crate::domain::actions::BOARD_PAGE + 1;
    let last = (first + board.actions.len() as u64).saturating_sub(1);
    let shown = if board.total == 0 {
        t_string!(i18n, board.none).to_string()
    } else {
        crate::i18n_support::fill(
            t_string!(i18n, board.showing),
            &[
                ("first", &first.to_string()),
                ("last", &last.to_string()),
                ("total", &board.total.to_string()),
            ],
        )
    };
    let link = |p: u64| {
        let query = q.to_query(p);
        if query.is_empty() {
            paths::YOU_SAID_WE_DID.to_owned()
        } else {
            format!("{}?{query}", paths::YOU_SAID_WE_DID)
        }
    };
    let previous = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    let cards = board
        .actions
        .into_iter()
        .map(|card| view! { <li><ActionCardView card /></li> })
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <Link rel="alternate" type_="application/atom+xml" href=paths::BOARD_FEED title=heading.clone() />
        <h1>{heading}</h1>
        <p class="lead">{t!(i18n, board.lead)}</p>
        <form method="get" action=paths::YOU_SAID_WE_DID class="board-filters no-print" role="search">
            <fieldset class="question">
                <legend class="question__prompt">{t!(i18n, board.filter_legend)}</legend>
                <div class="filter-grid">
                    <Filter name="outcome" label=t_string!(i18n, board.outcome).to_string() choices=board.outcomes chosen=q.outcome.clone() />
                    <Filter name="priority" label=t_string!(i18n, board.priority).to_string() choices=board.priorities chosen=q.priority.map(|p| p.to_string()) />
                    <Filter name="status" label=t_string!(i18n, board.status).to_string() choices=statuses chosen=q.status.map(|s| s.as_str().to_owned()) />
                    <Filter name="survey" label=t_string!(i18n, board.survey).to_string() choices=board.surveys chosen=q.survey.map(|s| s.to_string()) />
                    <Filter name="series" label=t_string!(i18n, board.series).to_string() choices=board.series chosen=q.series.map(|s| s.to_string()) />
                </div>
                <div class="button-row">
                    <button type="submit" class="button">{t!(i18n, board.apply)}</button>
                    {q.is_filtered().then(|| view! {
                        <a class="button button--secondary" href=paths::YOU_SAID_WE_DID>{t!(i18n, board.clear)}</a>
                    })}
                </div>
            </fieldset>
        </form>
        <p role="status">{shown}</p>
        <ul class="action-list">{cards}</ul>
        {(pages > 1).then(|| view! {
            <nav class="pagination no-print" aria-label=t_string!(i18n, board.pages_label).to_string()>
                {previous.map(|href| view! { <a href=href rel="prev">{t!(i18n, board.previous)}</a> })}
                " "
                <span>{t!(i18n, board.page_of, page = page.to_string(), pages = pages.to_string())}</span>
                " "
                {next.map(|href| view! { <a href=href rel="next">{t!(i18n, board.next)}</a> })}
            </nav>
        })}
        <p class="no-print">
            <a href=paths::BOARD_FEED>{t!(i18n, board.feed)}</a>
        </p>
    }
}

#[component]
pub fn ActionPublicPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new_blocking(
        move || (id(), super::current_locale()),
        |(id, locale)| load_action(id, locale),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <ActionPageView page /> }.into_any(),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An action's page; the officers' preview shows it too, without the rating form.
#[component]
pub fn ActionPageView(page: ActionPage) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<RatingRefusal>();
    let id = page.card.id;
    let said = page.card.you_said.clone();
    let title = page_title(&said, refusal.is_some());
    let preview = page.preview;
    view! {
        <Title text=title />
        {refusal.clone().map(|_| view! {
            <ErrorSummary>
                <li><a href="#answer-yes">{t!(i18n, actions.rating_missing)}</a></li>
            </ErrorSummary>
        })}
        <a class="back-link no-print" href=paths::YOU_SAID_WE_DID>{t!(i18n, board.back)}</a>
        <p class="caption">{t!(i18n, actions.you_said)}</p>
        <h1 class="action-text">{said}</h1>
        <ActionDetails page />
        {(!preview).then(|| view! { <Rating id refusal /> })}
    }
}

/// "Does this show that families' views were listened to?"
#[component]
fn Rating(id: i32, refusal: Option<RatingRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let rated = super::query_is("rated", "1");
    let invalid = refusal.is_some();
    let comment = crate::components::question::escape_textarea(
        &refusal.map(|r| r.comment).unwrap_or_default(),
    );
    let choice = |value: &'static str, label: String| {
        let id = format!("answer-{value}");
        view! {
            <div class="choice">
                <input type="radio" id=id.clone() name="answer" value=value />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section class="rating no-print" id="rating" aria-labelledby="rating-heading">
            {if rated {
                view! {
                    <div class="panel panel--confirmation" role="status">
                        <h2 id="rating-heading">{t!(i18n, actions.rating_thanks_title)}</h2>
                        <p>{t!(i18n, actions.rating_thanks)}</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <h2 id="rating-heading">{t!(i18n, actions.rating_heading)}</h2>
                    <form method="post" action=paths::action(id) novalidate>
                        <fieldset
                            class=if invalid { "question question--error" } else { "question" }
                            aria-describedby=invalid.then_some("answer-error")
                        >
                            <legend class="question__prompt">{t!(i18n, actions.rating_question)}</legend>
                            {invalid.then(|| view! {
                                <InlineError id="answer-error">{t!(i18n, actions.rating_missing)}</InlineError>
                            })}
                            <div class="choices">
                                {choice("yes", t_string!(i18n, actions.rating_yes).to_string())}
                                {choice("partly", t_string!(i18n, actions.rating_partly).to_string())}
                                {choice("no", t_string!(i18n, actions.rating_no).to_string())}
                            </div>
                        </fieldset>
                        <div class="question">
                            <label class="question__prompt" for="rating-comment">{t!(i18n, actions.rating_comment)}</label>
                            <p class="hint" id="rating-comment-hint">{t!(i18n, actions.rating_comment_hint, limit = NOTE_LIMIT.to_string())}</p>
                            <textarea id="rating-comment" name="comment" rows="3" aria-describedby="rating-comment-hint">{comment}</textarea>
                        </div>
                        <button type="submit" class="button">{t!(i18n, actions.rating_send)}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
