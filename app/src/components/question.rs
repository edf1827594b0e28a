//! One survey question as accessible form controls, following the GOV.UK
//! question patterns: a legend or label, hint, inline error, and controls
//! large enough to tap. Every choice question is a fieldset with a legend.

use super::{
    character_count::CharacterCount,
    error_summary::InlineError,
    label::{Face, OptionLabel},
    live_check::LiveCheck,
    localized::Text,
    read_aloud::ReadAloud,
};
use crate::{
    domain::{
        survey::{DATE_PARTS, QuestionKind, QuestionView},
        validation::{FieldProblem, LiveRule, live_problems},
    },
    i18n::{I18nLocaleTrait, t, t_string, use_i18n},
    i18n_support::fill,
};
use leptos::{either::EitherOf4, prelude::*};

/// The id of the element an error summary link points at for a question.
pub fn first_control_id(question: &QuestionView) -> String {
    match question.kind {
        k if k.has_options() => format!("{}-0", question.field()),
        QuestionKind::Date => format!("{}-day", question.field()),
        _ => question.field(),
    }
}

/// Escapes text for the inside of a `<textarea>`.
///
/// Leptos (tachys 0.2) writes `<textarea>` children unescaped, as it does for
/// `<script>`, so a respondent's `</textarea><script>…` would become markup.
/// The browser decodes these references back into the typed text.
pub fn escape_textarea(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A translated message for a refused answer, as text (islands get it as a prop).
pub fn problem_text(problem: FieldProblem) -> String {
    let i18n = use_i18n();
    let number = |n: i64| n.to_string();
    match problem {
        FieldProblem::Required => t_string!(i18n, problems.required).to_string(),
        FieldProblem::TooLong(limit) => fill(
            t_string!(i18n, problems.too_long),
            &[("limit", &limit.to_string())],
        ),
        FieldProblem::UnknownOption => t_string!(i18n, problems.unknown_option).to_string(),
        FieldProblem::OnlyOne => t_string!(i18n, problems.only_one).to_string(),
        FieldProblem::Exclusive => t_string!(i18n, problems.exclusive).to_string(),
        FieldProblem::NotANumber => t_string!(i18n, problems.not_a_number).to_string(),
        FieldProblem::TooSmall(min) => fill(
            t_string!(i18n, problems.too_small),
            &[("min", &number(min))],
        ),
        FieldProblem::TooLarge(max) => fill(
            t_string!(i18n, problems.too_large),
            &[("max", &number(max))],
        ),
        FieldProblem::DateIncomplete => t_string!(i18n, problems.date_incomplete).to_string(),
        FieldProblem::DateInvalid => t_string!(i18n, problems.date_invalid).to_string(),
    }
}

/// A translated message for a refused answer.
#[component]
pub fn ProblemMessage(problem: FieldProblem) -> impl IntoView {
    problem_text(problem)
}

/// The parts every question shares: ids, the hint and the inline error.
struct Frame {
    field: String,
    hint_id: String,
    error: Option<AnyView>,
    /// "Read this question aloud", where the browser can.
    read_aloud: AnyView,
    /// Instant validation, where an answer can be wrong.
    live_check: Option<AnyView>,
    described_by: Option<String>,
    class: &'static str,
}

impl Frame {
    fn new(question: &QuestionView, problem: Option<FieldProblem>, has_hint: bool) -> Frame {
        let field = question.field();
        let hint_id = format!("{field}-hint");
        let error_id = format!("{field}-error");
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if problem.is_some() {
            ids.push(error_id.clone());
        }
        let i18n = use_i18n();
        let spoken = match &question.help {
            Some(help) => format!("{}. {}", question.prompt.text, help.text),
            None => question.prompt.text.clone(),
        };
        let lang = question
            .prompt
            .locale
            .clone()
            .unwrap_or_else(|| i18n.get_locale_untracked().as_str().to_owned());
        let live = live_problems(question);
        let live_check = (!live.is_empty()).then(|| {
            let messages: Vec<_> = live.into_iter().map(|p| (p, problem_text(p))).collect();
            view! { <LiveCheck rule=LiveRule::of(question) messages /> }.into_any()
        });
        Frame {
            live_check,
            read_aloud: view! {
                <ReadAloud
                    text=spoken
                    lang=lang
                    label=t_string!(i18n, survey.read_aloud).to_string()
                />
            }
            .into_any(),
            error: problem.map(|problem| {
                view! {
                    <InlineError id=error_id><ProblemMessage problem /></InlineError>
                }
                .into_any()
            }),
            described_by: (!ids.is_empty()).then(|| ids.join(" ")),
            class: if problem.is_some() {
                "question question--error"
            } else {
                "question"
            },
            field,
            hint_id,
        }
    }
}

/// The question's prompt, with "(required)" when it is.
#[component]
fn Prompt(question: QuestionView) -> impl IntoView {
    let i18n = use_i18n();
    let required = question
        .required
        .then(|| view! { " " <span class="required">{t!(i18n, survey.required)}</span> });
    view! {
        <Text text=question.prompt />
        {required}
    }
}

#[component]
pub fn Question(
    question: QuestionView,
    /// Values the respondent gave (or posted), shown in the controls.
    values: Vec<String>,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    match question.kind {
        k if k.has_options() => EitherOf4::A(view! { <ChoiceQuestion question values problem /> }),
        QuestionKind::Date => EitherOf4::B(view! { <DateQuestion question values problem /> }),
        QuestionKind::LongText => {
            EitherOf4::C(view! { <LongTextQuestion question values problem /> })
        }
        _ => EitherOf4::D(view! { <LineQuestion question values problem /> }),
    }
}

/// Radios or checkboxes; special answers ("prefer not to say") come last,
/// after an "or", as GOV.UK separates exclusive answers.
#[component]
fn ChoiceQuestion(
    question: QuestionView,
    values: Vec<String>,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_hint = question.help.is_some() || question.kind == QuestionKind::Rating;
    let frame = Frame::new(&question, problem, has_hint);
    let input_type = if question.kind.is_multiple() {
        "checkbox"
    } else {
        "radio"
    };
    let layout = match question.kind {
        QuestionKind::Rating => "choices choices--inline",
        QuestionKind::FaceScale => "choices choices--faces",
        _ => "choices",
    };
    let hint = has_hint.then(|| {
        let rating = (question.kind == QuestionKind::Rating)
            .then(|| view! { " " {t!(i18n, scale.rating_ends)} });
        view! {
            <p id=frame.hint_id.clone() class="hint">
                {question.help.clone().map(|h| view! { <Text text=h /> })}
                {rating}
            </p>
        }
    });
    let first_special = question.options.iter().position(|o| o.special.is_some());
    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let id = format!("{}-{i}", frame.field);
            let checked = values.contains(&option.value);
            let divider = (Some(i) == first_special && i > 0)
                .then(|| view! { <p class="choices__or">{t!(i18n, survey.or)}</p> });
            let face = (question.kind == QuestionKind::FaceScale)
                .then(|| view! { <Face value=option.value.clone() /> });
            let image = option.image.clone().map(|img| {
                view! {
                    <img
                        class="choice__image"
                        src=img.src
                        alt=img.alt.text
                        lang=img.alt.locale
                        width="48"
                        height="48"
                    />
                }
            });
            view! {
                {divider}
                <div class="choice">
                    <input
                        type=input_type
                        id=id.clone()
                        name=frame.field.clone()
                        value=option.value.clone()
                        checked=checked
                    />
                    <label for=id>
                        {face}
                        {image}
                        <span class="choice__text"><OptionLabel label=option.label.clone() /></span>
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class=frame.class aria-describedby=frame.described_by>
            <legend class="question__prompt"><Prompt question=question.clone() /></legend>
            {hint}
            {frame.read_aloud}
            {frame.error}
            <div class=layout>{options}</div>
            {frame.live_check}
        </fieldset>
    }
}

/// Day, month and year, as GOV.UK asks for dates.
#[component]
fn DateQuestion(
    question: QuestionView,
    values: Vec<String>,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let frame = Frame::new(&question, problem, true);
    let labels = [
        t_string!(i18n, survey.day).to_string(),
        t_string!(i18n, survey.month).to_string(),
        t_string!(i18n, survey.year).to_string(),
    ];
    let invalid = problem.is_some().then_some("true");
    let parts = DATE_PARTS
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (part, label))| {
            let id = format!("{}-{part}", frame.field);
            let value = values.get(i).cloned().unwrap_or_default();
            let class = if *part == "year" {
                "input input--4"
            } else {
                "input input--2"
            };
            view! {
                <div class="date-input__item">
                    <label for=id.clone()>{label}</label>
                    <input
                        type="text"
                        inputmode="numeric"
                        class=class
                        id=id.clone()
                        name=id
                        value=value
                        aria-invalid=invalid
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class=frame.class aria-describedby=frame.described_by>
            <legend class="question__prompt"><Prompt question=question.clone() /></legend>
            <p id=frame.hint_id.clone() class="hint">
                {question.help.clone().map(|h| view! { <Text text=h /> " " })}
                {t!(i18n, survey.date_hint)}
            </p>
            {frame.read_aloud}
            {frame.error}
            <div class="date-input">{parts}</div>
            {frame.live_check}
        </fieldset>
    }
}

/// A text field's label and hint: the question's help, then `children`
/// (the limit or the rule the answer must follow).
#[component]
fn LabelAndHint(question: QuestionView, hint_id: String, children: Children) -> impl IntoView {
    view! {
        <label class="question__prompt" for=question.field()>
            <Prompt question=question.clone() />
        </label>
        <p id=hint_id class="hint">
            {question.help.clone().map(|h| view! { <Text text=h /> " " })}
            {children()}
        </p>
    }
}

/// A textarea with a live count of the characters left (an island).
#[component]
fn LongTextQuestion(
    question: QuestionView,
    values: Vec<String>,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let frame = Frame::new(&question, problem, true);
    let limit = question.text_limit();
    let typed = values.first().map(String::as_str).unwrap_or_default();
    let initial = typed.chars().count();
    let value = escape_textarea(typed);
    view! {
        <div class=frame.class>
            <LabelAndHint question=question.clone() hint_id=frame.hint_id.clone()>
                {t!(i18n, survey.text_limit, limit = limit)}
            </LabelAndHint>
            {frame.read_aloud}
            {frame.error}
            <CharacterCount
                limit
                initial=initial
                remaining=t_string!(i18n, survey.chars_remaining).to_string()
                over=t_string!(i18n, survey.chars_over).to_string()
            >
                <textarea
                    id=frame.field.clone()
                    name=frame.field.clone()
                    rows="6"
                    aria-describedby=frame.described_by.clone()
                    aria-invalid=problem.is_some().then_some("true")
                    inner_html=value
                ></textarea>
            </CharacterCount>
        </div>
    }
}

/// One line: short text, or a whole number (GOV.UK's numeric text input,
/// which keeps the phone's number keypad without a spinner).
#[component]
fn LineQuestion(
    question: QuestionView,
    values: Vec<String>,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let frame = Frame::new(&question, problem, true);
    let number = question.kind == QuestionKind::Number;
    let rule = match (number, question.min_value, question.max_value) {
        (true, Some(min), Some(max)) => {
            t!(i18n, survey.number_hint_between, min = min, max = max).into_any()
        }
        (true, _, _) => t!(i18n, survey.number_hint).into_any(),
        (false, _, _) => {
            let limit = question.text_limit();
            t!(i18n, survey.short_limit, limit = limit).into_any()
        }
    };
    view! {
        <div class=frame.class>
            <LabelAndHint question=question.clone() hint_id=frame.hint_id.clone()>
                {rule}
            </LabelAndHint>
            {frame.read_aloud}
            {frame.error}
            <input
                type="text"
                class=if number { "input input--number" } else { "input" }
                inputmode=number.then_some("numeric")
                id=frame.field.clone()
                name=frame.field.clone()
                value=values.first().cloned().unwrap_or_default()
                aria-describedby=frame.described_by.clone()
                aria-invalid=problem.is_some().then_some("true")
            />
            {frame.live_check}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::escape_textarea;

    #[test]
    fn textarea_text_cannot_close_the_element() {
        assert_eq!(
            escape_textarea("</textarea><script>x&y</script>"),
            "&lt;/textarea&gt;&lt;script&gt;x&amp;y&lt;/script&gt;"
        );
        assert_eq!(escape_textarea("ąę اردو\nline"), "ąę اردو\nline");
    }
}
