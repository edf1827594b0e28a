//! "You said, we did" in the workspace: the list with the "I am heard"
//! indicator, a new action, one action's page (its words and tags, status
//! and updates, evidence, publishing, ratings) and its preview exactly as
//! the public will see it. Every form is a plain post.

use super::{OfficerFrame, officer_page};
use crate::{
    AppError,
    components::{
        action::{EvidenceList, HeardView, StatusTag, Timeline, status_name},
        error_summary::{ErrorSummary, InlineError, page_title},
        field::TextArea,
        label::OptionLabel,
        localized::Text,
    },
    domain::{
        actions::{
            ActionEditView, ActionFields, ActionPage, ActionProblem, ActionRefusal, ActionStatus,
            ActionsView, NOTE_LIMIT, NewActionView, SHORT_LIMIT, TEXT_LIMIT,
        },
        roles::Permission,
    },
    i18n::{t, t_string, use_i18n},
    pages::board::ActionPageView,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server]
pub async fn load_actions(locale: String) -> Result<ActionsView, AppError> {
    use crate::domain::suppression::{Audience, Rules};
    let officer = crate::server::auth::require_here(Permission::ViewResults)?;
    let state = crate::server::state::app_state()?;
    let rules = Rules::new(state.settings.suppression_threshold, Audience::Officer);
    Ok(ActionsView {
        actions: crate::server::views::actions::all_cards(&state.db, &locale).await?,
        heard: crate::server::views::actions::heard(&state.db, None, rules).await?,
        officer,
    })
}

#[server]
pub async fn load_new_action(locale: String) -> Result<NewActionView, AppError> {
    let officer = crate::server::auth::require_here(Permission::WriteActions)?;
    let state = crate::server::state::app_state()?;
    Ok(crate::server::views::actions::form_view(&state.db, officer, &locale).await?)
}

#[server]
pub async fn load_action_edit(id: String, locale: String) -> Result<ActionEditView, AppError> {
    let officer = crate::server::auth::require_here(Permission::ViewResults)?;
    let state = crate::server::state::app_state()?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    crate::server::views::actions::edit_view(
        &state.db,
        officer,
        id,
        state.settings.suppression_threshold,
        &locale,
    )
    .await
}

#[server]
pub async fn load_action_preview(id: String, locale: String) -> Result<ActionPage, AppError> {
    use crate::domain::suppression::{Audience, Rules};
    crate::server::auth::require_here(Permission::ViewResults)?;
    let state = crate::server::state::app_state()?;
    let id: i32 = id.parse().map_err(|_| AppError::NotFound)?;
    let action = crate::server::store::actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rules = Rules::new(state.settings.suppression_threshold, Audience::Public);
    let mut page =
        crate::server::views::actions::public_page(&state.db, action, rules, &locale).await?;
    page.preview = true;
    Ok(page)
}

fn action_id() -> String {
    use_params_map()
        .read_untracked()
        .get("id")
        .unwrap_or_default()
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    officer_page(load_actions, |v| view! { <ActionsList v /> }.into_any())
}

#[component]
fn ActionsList(v: ActionsView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, actions.officer_title).to_string();
    let writes = v.officer.can(Permission::WriteActions);
    let rows = v
        .actions
        .into_iter()
        .map(|a| {
            let state = if a.published {
                t_string!(i18n, actions.published)
            } else {
                t_string!(i18n, actions.draft)
            };
            view! {
                <tr>
                    <th scope="row"><a href=paths::officer_action(a.id)>{a.you_said}</a></th>
                    <td><StatusTag status=a.status /></td>
                    <td>{state}</td>
                    <td>{a.owner.unwrap_or_default()}</td>
                    <td class="nowrap">{a.updated_on}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=v.officer>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, actions.officer_lead)}</p>
            <div class="button-row">
                {writes.then(|| view! { <a class="button" href=paths::NEW_ACTION>{t!(i18n, actions.create)}</a> })}
                <a class="button button--secondary" href=paths::YOU_SAID_WE_DID>{t!(i18n, actions.public_board)}</a>
            </div>
            <h2>{t!(i18n, actions.heard_title)}</h2>
            <p class="hint">{t!(i18n, actions.heard_hint)}</p>
            <HeardView heard=v.heard />
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="actions-caption">
                <table class="results-table">
                    <caption id="actions-caption">{t!(i18n, actions.list_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, actions.you_said)}</th>
                            <th scope="col">{t!(i18n, actions.status)}</th>
                            <th scope="col">{t!(i18n, actions.visibility)}</th>
                            <th scope="col">{t!(i18n, actions.owner)}</th>
                            <th scope="col">{t!(i18n, actions.updated)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </OfficerFrame>
    }
}

/// The message for a refused field.
fn problem_text(problem: ActionProblem) -> String {
    let i18n = use_i18n();
    let too_long = |limit: usize| {
        crate::i18n_support::fill(
            t_string!(i18n, actions.error_too_long),
            &[("limit", &limit.to_string())],
        )
    };
    match problem {
        ActionProblem::YouSaidMissing => {
            t_string!(i18n, actions.error_you_said_missing).to_string()
        }
        ActionProblem::YouSaidTooLong => too_long(TEXT_LIMIT),
        ActionProblem::WeDidMissing => t_string!(i18n, actions.error_we_did_missing).to_string(),
        ActionProblem::WeDidTooLong => too_long(TEXT_LIMIT),
        ActionProblem::ServiceTooLong | ActionProblem::TimingTooLong => too_long(SHORT_LIMIT),
        ActionProblem::ReasonMissing => t_string!(i18n, actions.error_reason_missing).to_string(),
        ActionProblem::NoteTooLong => too_long(NOTE_LIMIT),
        ActionProblem::NoteMissing => t_string!(i18n, actions.error_note_missing).to_string(),
        ActionProblem::SegmentElsewhere => {
            t_string!(i18n, actions.error_segment_elsewhere).to_string()
        }
        ActionProblem::Unknown => t_string!(i18n, actions.error_unknown).to_string(),
    }
}

/// The error summary for a refused form.
#[component]
fn Problems(refusal: ActionRefusal) -> impl IntoView {
    let items = refusal
        .problems
        .iter()
        .map(|p| {
            let href = format!("#{}", p.field());
            view! { <li><a href=href>{problem_text(*p)}</a></li> }
        })
        .collect_view();
    view! { <ErrorSummary>{items}</ErrorSummary> }
}

/// The inline error for `field`, if the refused form `op` had one.
fn field_error(refusal: &Option<ActionRefusal>, op: &str, field: &str) -> Option<String> {
    let r = refusal.as_ref().filter(|r| r.op == op)?;
    r.problems
        .iter()
        .find(|p| p.field() == field)
        .map(|p| problem_text(*p))
}

/// The words, tags and owner: the same fields for a new action and an edit.
#[component]
fn ActionFormFields(
    form: NewActionView,
    fields: ActionFields,
    refusal: Option<ActionRefusal>,
    op: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    // What was typed wins over what is stored, when this form was refused.
    let fields = refusal
        .as_ref()
        .filter(|r| r.op == op)
        .map_or(fields, |r| ActionFields::from_pairs(&r.typed));
    let owner = fields.owner.clone();
    let checkboxes = |name: &'static str,
                      tags: Vec<crate::domain::actions::Tag>,
                      chosen: Vec<String>| {
        tags.into_iter()
            .map(|tag| {
                let id = format!("{name}-{}", tag.key);
                let checked = chosen.contains(&tag.key);
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=name value=tag.key checked=checked />
                        <label for=id><Text text=tag.title /></label>
                    </div>
                }
            })
            .collect_view()
    };
    let owners = form
        .owners
        .into_iter()
        .map(|(id, name)| {
            let selected = owner == id.to_string();
            view! { <option value=id.to_string() selected=selected>{name}</option> }
        })
        .collect_view();
    view! {
        <TextArea
            id="you_said"
            label=t_string!(i18n, actions.you_said).to_string()
            hint=t_string!(i18n, actions.you_said_hint).to_string()
            value=fields.you_said.clone()
            error=field_error(&refusal, op, "you_said")
        />
        <TextArea
            id="we_did"
            label=t_string!(i18n, actions.we_did).to_string()
            hint=t_string!(i18n, actions.we_did_hint).to_string()
            value=fields.we_did.clone()
            error=field_error(&refusal, op, "we_did")
        />
        <crate::components::field::TextField
            id="service"
            name="service"
            label=t_string!(i18n, actions.service).to_string()
            hint=t_string!(i18n, actions.service_hint).to_string()
            error=field_error(&refusal, op, "service")
            value=fields.service.clone()
        />
        <crate::components::field::TextField
            id="timing"
            name="timing"
            label=t_string!(i18n, actions.timing).to_string()
            hint=t_string!(i18n, actions.timing_hint).to_string()
            error=field_error(&refusal, op, "timing")
            value=fields.timing.clone()
        />
        <fieldset class="question">
            <legend class="question__prompt">{t!(i18n, actions.outcomes)}</legend>
            <div class="choices">{checkboxes("outcomes", form.outcomes, fields.outcomes.clone())}</div>
        </fieldset>
        <fieldset class="question">
            <legend class="question__prompt">{t!(i18n, actions.priorities)}</legend>
            <div class="choices">{checkboxes("priorities", form.priorities, fields.priorities.clone())}</div>
        </fieldset>
        <div class="question">
            <label class="question__prompt" for="owner">{t!(i18n, actions.owner)}</label>
            <select class="select" id="owner" name="owner">
                <option value="">{t!(i18n, actions.no_owner)}</option>
                {owners}
            </select>
        </div>
    }
}

#[component]
pub fn NewActionPage() -> impl IntoView {
    officer_page(load_new_action, |form| {
        view! { <NewAction form /> }.into_any()
    })
}

#[component]
fn NewAction(form: NewActionView) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<ActionRefusal>();
    let heading = t_string!(i18n, actions.create).to_string();
    let officer = form.officer.clone();
    view! {
        <Title text=page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer>
            {refusal.clone().map(|refusal| view! { <Problems refusal /> })}
            <a class="back-link" href=paths::ACTIONS>{t!(i18n, actions.back_to_list)}</a>
            <h1>{heading}</h1>
            <p class="lead">{t!(i18n, actions.new_lead)}</p>
            <form method="post" action=paths::NEW_ACTION novalidate>
                <ActionFormFields form fields=ActionFields::default() refusal op="create" />
                <button type="submit" class="button">{t!(i18n, actions.save_draft)}</button>
            </form>
        </OfficerFrame>
    }
}

#[component]
pub fn ActionEditPage() -> impl IntoView {
    officer_page(
        |locale| load_action_edit(action_id(), locale),
        |v| view! { <ActionEdit v /> }.into_any(),
    )
}

/// A short "done" message after a change, from `?done=`.
fn done_message(done: &str) -> Option<String> {
    let i18n = use_i18n();
    let text = match done {
        "action_created" | "action_edited" => t_string!(i18n, actions.done_saved),
        "action_status_changed" => t_string!(i18n, actions.done_status),
        "action_update_added" => t_string!(i18n, actions.done_update),
        "action_published" => t_string!(i18n, actions.done_published),
        "action_unpublished" => t_string!(i18n, actions.done_unpublished),
        "action_evidence_added" => t_string!(i18n, actions.done_evidence_added),
        "action_evidence_removed" => t_string!(i18n, actions.done_evidence_removed),
        _ => return None,
    };
    Some(text.to_string())
}

#[component]
fn ActionEdit(v: ActionEditView) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<ActionRefusal>();
    let officer = v.form.officer.clone();
    let writes = officer.can(Permission::WriteActions);
    let card = v.page.card.clone();
    let id = card.id;
    let heading = t_string!(i18n, actions.edit_title).to_string();
    let done = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("done")
        .and_then(|d| done_message(&d));
    let (visibility, publish_op, publish_label) = if card.published {
        (
            t_string!(i18n, actions.published),
            "unpublish",
            t_string!(i18n, actions.unpublish),
        )
    } else {
        (
            t_string!(i18n, actions.draft),
            "publish",
            t_string!(i18n, actions.publish),
        )
    };
    let status_options = ActionStatus::ALL
        .into_iter()
        .map(|s| {
            let selected = s == card.status;
            view! { <option value=s.as_str() selected=selected>{status_name(s)}</option> }
        })
        .collect_view();
    let note_error =
        field_error(&refusal, "status", "note").or(field_error(&refusal, "update", "note"));
    let typed_note = refusal
        .as_ref()
        .filter(|r| r.op == "status" || r.op == "update")
        .map(|r| crate::domain::builder::field(&r.typed, "note").to_owned())
        .unwrap_or_default();
    let segment_error = field_error(&refusal, "add_question", "segment");
    let segment_invalid = segment_error.is_some();
    let choices = v.choices.clone();
    let question_groups = choices
        .questions
        .into_iter()
        .map(|(survey, questions)| {
            let options = questions
                .into_iter()
                .map(|(id, prompt)| view! { <option value=id.to_string()>{prompt}</option> })
                .collect_view();
            view! { <optgroup label=survey>{options}</optgroup> }
        })
        .collect_view();
    let segment_groups = choices
        .segments
        .into_iter()
        .flat_map(|(survey, questions)| {
            questions.into_iter().map(move |q| {
                let label = format!("{survey}: {}", q.prompt.text);
                let options = q
                    .options
                    .into_iter()
                    .map(|(value, answer)| {
                        view! { <option value=format!("{}:{value}", q.id)><OptionLabel label=answer /></option> }
                    })
                    .collect_view();
                view! { <optgroup label=label>{options}</optgroup> }
            })
        })
        .collect_view();
    let themes = choices
        .themes
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
        .collect_view();
    let series = choices
        .series
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
        .collect_view();
    let has_themes = !v.choices.themes.is_empty();
    let has_series = !v.choices.series.is_empty();
    let has_comments = !v.comments.is_empty();
    let comments = v
        .comments
        .into_iter()
        .map(|c| view! { <li class="action-text">{c}</li> })
        .collect_view();
    let editing = writes.then(|| {
        view! {
            <section aria-labelledby="status">
                <h2 id="status">{t!(i18n, actions.status_and_updates)}</h2>
                <form method="post" action=paths::officer_action(id) novalidate>
                    <div class="question">
                        <label class="question__prompt" for="status-select">{t!(i18n, actions.status)}</label>
                        <select class="select" id="status-select" name="status">{status_options}</select>
                    </div>
                    <TextArea
                        id="note"
                        label=t_string!(i18n, actions.note).to_string()
                        hint=t_string!(i18n, actions.note_hint).to_string()
                        value=typed_note
                        error=note_error
                        rows=3
                    />
                    <div class="button-row">
                        <button type="submit" class="button" name="op" value="status">{t!(i18n, actions.update_status)}</button>
                        <button type="submit" class="button button--secondary" name="op" value="update">{t!(i18n, actions.add_update)}</button>
                    </div>
                </form>
            </section>
            <section aria-labelledby="add-evidence">
                <h2 id="add-evidence">{t!(i18n, actions.add_evidence)}</h2>
                <p class="hint">{t!(i18n, actions.add_evidence_hint)}</p>
                <form method="post" action=paths::officer_action(id) novalidate class="evidence-form">
                    <input type="hidden" name="op" value="add_question" />
                    <div class="question">
                        <label class="question__prompt" for="question">{t!(i18n, actions.evidence_question)}</label>
                        <select class="select" id="question" name="question">{question_groups}</select>
                    </div>
                    <div class=if segment_invalid { "question question--error" } else { "question" }>
                        <label class="question__prompt" for="segment">{t!(i18n, actions.evidence_segment)}</label>
                        <p class="hint" id="segment-hint">{t!(i18n, actions.evidence_segment_hint)}</p>
                        {segment_error.map(|e| view! { <InlineError id="segment-error">{e}</InlineError> })}
                        <select class="select" id="segment" name="segment" aria-describedby="segment-hint">
                            <option value="">{t!(i18n, actions.evidence_everyone)}</option>
                            {segment_groups}
                        </select>
                    </div>
                    <button type="submit" class="button button--secondary">{t!(i18n, actions.add_question)}</button>
                </form>
                {has_themes.then(|| view! {
                    <form method="post" action=paths::officer_action(id) novalidate class="evidence-form">
                        <input type="hidden" name="op" value="add_theme" />
                        <div class="question">
                            <label class="question__prompt" for="theme">{t!(i18n, actions.evidence_theme)}</label>
                            <select class="select" id="theme" name="theme">{themes}</select>
                        </div>
                        <button type="submit" class="button button--secondary">{t!(i18n, actions.add_theme)}</button>
                    </form>
                })}
                {has_series.then(|| view! {
                    <form method="post" action=paths::officer_action(id) novalidate class="evidence-form">
                        <input type="hidden" name="op" value="add_series" />
                        <div class="question">
                            <label class="question__prompt" for="series">{t!(i18n, actions.evidence_series)}</label>
                            <select class="select" id="series" name="series">{series}</select>
                        </div>
                        <button type="submit" class="button button--secondary">{t!(i18n, actions.add_series)}</button>
                    </form>
                })}
            </section>
            <section aria-labelledby="edit">
                <h2 id="edit">{t!(i18n, actions.edit_words)}</h2>
                <form method="post" action=paths::officer_action(id) novalidate>
                    <input type="hidden" name="op" value="edit" />
                    <ActionFormFields form=v.form.clone() fields=v.fields.clone() refusal=refusal.clone() op="edit" />
                    <button type="submit" class="button">{t!(i18n, actions.save_changes)}</button>
                </form>
            </section>
        }
    });
    view! {
        <Title text=page_title(&heading, refusal.is_some()) />
        <OfficerFrame officer>
            {refusal.clone().map(|refusal| view! { <Problems refusal /> })}
            {done.map(|message| view! {
                <div class="panel panel--confirmation" role="status"><p>{message}</p></div>
            })}
            <a class="back-link" href=paths::ACTIONS>{t!(i18n, actions.back_to_list)}</a>
            <p class="caption">{heading.clone()}</p>
            <h1 class="action-text">{card.you_said.clone()}</h1>
            <p><StatusTag status=card.status /> " " <strong class="tag tag--plain">{visibility}</strong></p>
            <div class="button-row">
                <a class="button button--secondary" href=paths::action_preview(id)>{t!(i18n, actions.preview)}</a>
                {card.published.then(|| view! {
                    <a class="button button--secondary" href=paths::action(id)>{t!(i18n, actions.view_public)}</a>
                })}
                {writes.then(|| view! {
                    <form method="post" action=paths::officer_action(id) class="inline-form">
                        <input type="hidden" name="op" value=publish_op />
                        <button type="submit" class="button">{publish_label}</button>
                    </form>
                })}
            </div>
            <h2 id="evidence">{t!(i18n, actions.evidence)}</h2>
            <p class="hint">{t!(i18n, actions.evidence_public_note)}</p>
            <EvidenceList evidence=v.page.evidence.clone() remove_from=writes.then_some(id) />
            {editing}
            <h2 id="ratings">{t!(i18n, actions.ratings)}</h2>
            <HeardView heard=v.heard />
            {has_comments.then(|| view! {
                <h3>{t!(i18n, actions.rating_comments)}</h3>
                <ul class="plain-list">{comments}</ul>
            })}
            <h2 id="timeline">{t!(i18n, actions.timeline)}</h2>
            <Timeline entries=v.page.timeline />
        </OfficerFrame>
    }
}

#[component]
pub fn ActionPreviewPage() -> impl IntoView {
    let data = Resource::new_blocking(
        move || (action_id(), crate::pages::current_locale()),
        |(id, locale)| load_action_preview(id, locale),
    );
    let i18n = use_i18n();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let id = page.card.id;
                        view! {
                            <div class="panel panel--notice no-print" role="note">
                                <p><strong>{t!(i18n, actions.preview_banner)}</strong></p>
                                <p><a href=paths::officer_action(id)>{t!(i18n, actions.back_to_action)}</a></p>
                            </div>
                            <ActionPageView page />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <crate::pages::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
