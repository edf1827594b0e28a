//! Drop-in series and sessions: the list, a new series or one-off session,
//! a series with its sessions, and a session with its link, kiosk and QR
//! poster. Forms post to `server::officer::dropins`; a refused form comes
//! back with a [`SessionRefusal`] holding every problem and what was typed.

pub mod list;
pub mod new;
pub mod series;
pub mod session;

use crate::{
    components::{
        error_summary::{ErrorSummary, InlineError},
        field::TextField,
    },
    domain::{
        dropins::{Fields, Repeat, SessionProblem, SessionRefusal},
        validation::Date,
    },
    i18n::{t, t_string, use_i18n},
    i18n_support::fill,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the address.
pub fn id_param() -> i32 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

/// A problem with a session form's field, in words.
pub fn problem_text(problem: SessionProblem) -> String {
    let i18n = use_i18n();
    let n = |template: &str, n: usize| fill(template, &[("n", &n.to_string())]);
    match problem {
        SessionProblem::Missing => t_string!(i18n, dropins.p_missing).to_string(),
        SessionProblem::TooLong(limit) => n(t_string!(i18n, dropins.p_too_long), limit),
        SessionProblem::TooManyServices(limit) => {
            n(t_string!(i18n, dropins.p_too_many_services), limit)
        }
        SessionProblem::Date => t_string!(i18n, dropins.p_date).to_string(),
        SessionProblem::Time => t_string!(i18n, dropins.p_time).to_string(),
        SessionProblem::EndsBeforeStart => t_string!(i18n, dropins.p_ends_before_start).to_string(),
        SessionProblem::UntilBeforeStart => {
            t_string!(i18n, dropins.p_until_before_start).to_string()
        }
        SessionProblem::TooFarAhead => t_string!(i18n, dropins.p_too_far_ahead).to_string(),
        SessionProblem::TooManySessions(limit) => {
            n(t_string!(i18n, dropins.p_too_many_sessions), limit)
        }
        SessionProblem::Repeat => t_string!(i18n, dropins.p_repeat).to_string(),
        SessionProblem::HasFeedback => t_string!(i18n, dropins.p_has_feedback).to_string(),
    }
}

/// A field's label, for the error summary.
fn field_label(field: &str) -> String {
    let i18n = use_i18n();
    match field {
        "name" => t_string!(i18n, dropins.name),
        "description" => t_string!(i18n, dropins.description),
        "venue" => t_string!(i18n, dropins.venue),
        "services" => t_string!(i18n, dropins.services),
        "date" => t_string!(i18n, dropins.date),
        "starts" => t_string!(i18n, dropins.starts),
        "ends" => t_string!(i18n, dropins.ends),
        "repeat" => t_string!(i18n, dropins.repeat),
        "until" => t_string!(i18n, dropins.until),
        _ => t_string!(i18n, dropins.session),
    }
    .to_string()
}

/// The error summary of a refused session form, each item linking to its
/// field.
#[component]
pub fn SessionProblems(refusal: SessionRefusal) -> impl IntoView {
    let items = refusal
        .problems
        .iter()
        .map(|(field, problem)| {
            let href = format!("#{field}");
            let text = format!("{}: {}", field_label(field), problem_text(*problem));
            view! { <li><a href=href>{text}</a></li> }
        })
        .collect_view();
    view! { <ErrorSummary>{items}</ErrorSummary> }
}

/// "10:00 to 12:00".
pub fn times(starts: &str, ends: &str) -> String {
    let i18n = use_i18n();
    fill(
        t_string!(i18n, dropins.times),
        &[("starts", starts), ("ends", ends)],
    )
}

/// A session form's fields, showing what was typed after a refusal and
/// `values` otherwise.
#[component]
pub fn SessionFields(
    fields: Fields,
    values: Vec<(&'static str, String)>,
    refusal: Option<SessionRefusal>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = |field: &str| {
        refusal
            .as_ref()
            // A refusal of something else (a delete) typed nothing here.
            .filter(|r| !r.typed.is_empty())
            .map(|r| r.typed(field).unwrap_or_default())
            .or_else(|| {
                values
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, v)| v.clone())
            })
            .unwrap_or_default()
    };
    let error = |field: &str| {
        refusal
            .as_ref()
            .and_then(|r| r.problem(field))
            .map(problem_text)
    };
    let name = fields.name.then(|| {
        view! {
            <TextField id="name" name="name" label=t_string!(i18n, dropins.name).to_string()
                hint=t_string!(i18n, dropins.name_hint).to_string() error=error("name") value=value("name")
                autocapitalize="sentences" />
        }
    });
    let description = fields.description.then(|| {
        view! {
            <crate::components::field::TextArea id="description" label=t_string!(i18n, dropins.description).to_string()
                hint=t_string!(i18n, dropins.description_hint).to_string()
                error=error("description") value=value("description") />
        }
    });
    let repeat = fields.repeat.then(|| {
        let chosen = Repeat::parse(&value("repeat")).unwrap_or(Repeat::Once);
        let repeat_error = error("repeat");
        let invalid = repeat_error.is_some();
        let choices = Repeat::ALL
            .into_iter()
            .map(|r| {
                let id = if r == Repeat::Once { "repeat".to_owned() } else { format!("repeat-{}", r.as_str()) };
                let label = match r {
                    Repeat::Once => t_string!(i18n, dropins.repeat_once),
                    Repeat::Weekly => t_string!(i18n, dropins.repeat_weekly),
                    Repeat::Fortnightly => t_string!(i18n, dropins.repeat_fortnightly),
                    Repeat::Monthly => t_string!(i18n, dropins.repeat_monthly),
                };
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="repeat" value=r.as_str() checked=r == chosen />
                        <label for=id><span class="choice__text">{label}</span></label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <div class=if invalid { "question question--error" } else { "question" }>
                <fieldset aria-describedby=invalid.then_some("repeat-error")>
                    <legend class="question__prompt">{t!(i18n, dropins.repeat)}</legend>
                    {repeat_error.map(|m| view! { <InlineError id="repeat-error">{m}</InlineError> })}
                    <div class="choices">{choices}</div>
                </fieldset>
            </div>
            <TextField id="until" name="until" input_type="date" class="input input--date"
                label=t_string!(i18n, dropins.until).to_string()
                hint=t_string!(i18n, dropins.until_hint).to_string() error=error("until") value=value("until") />
        }
    });
    view! {
        {name}
        {description}
        <TextField id="venue" name="venue" label=t_string!(i18n, dropins.venue).to_string()
            hint=t_string!(i18n, dropins.venue_hint).to_string() error=error("venue") value=value("venue")
            autocapitalize="words" />
        <crate::components::field::TextArea id="services" label=t_string!(i18n, dropins.services).to_string()
            hint=t_string!(i18n, dropins.services_hint).to_string()
            error=error("services") value=value("services") />
        <TextField id="date" name="date" input_type="date" class="input input--date"
            label=t_string!(i18n, dropins.date).to_string()
            hint=t_string!(i18n, dropins.date_hint).to_string() error=error("date") value=value("date") />
        <TextField id="starts" name="starts" input_type="time" class="input input--time"
            label=t_string!(i18n, dropins.starts).to_string()
            hint=t_string!(i18n, dropins.time_hint).to_string() error=error("starts") value=value("starts") />
        <TextField id="ends" name="ends" input_type="time" class="input input--time"
            label=t_string!(i18n, dropins.ends).to_string()
            hint=t_string!(i18n, dropins.time_hint).to_string() error=error("ends") value=value("ends") />
        {repeat}
    }
}

/// The values a session's own form starts with.
pub fn session_values(
    name: &str,
    venue: &str,
    services: &[String],
    date: Option<Date>,
    starts: &str,
    ends: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_owned()),
        ("venue", venue.to_owned()),
        ("services", services.join("\n")),
        ("date", date.map(|d| d.iso()).unwrap_or_default()),
        ("starts", starts.to_owned()),
        ("ends", ends.to_owned()),
        ("repeat", Repeat::Once.as_str().to_owned()),
    ]
}

/// The notice after a form: the message of the first `(done, message)`
/// whose name is in the address's `?done=`.
pub fn done_notice(messages: &[(&str, &str)]) -> Option<String> {
    messages
        .iter()
        .find(|(done, _)| crate::pages::query_is("done", done))
        .map(|(_, message)| (*message).to_owned())
}
