//! One survey question as accessible form controls, following the GOV.UK
//! question patterns: a legend or label, hint, inline error, and controls
//! large enough to tap.

use super::{character_count::CharacterCount, localized::Text};
use crate::{
    domain::{
        survey::{QuestionKind, QuestionView},
        validation::FieldProblem,
    },
    i18n::{t, t_string, use_i18n},
};
use leptos::{either::Either, prelude::*};

/// The id of the element an error summary link points at for a question.
pub fn first_control_id(question: &QuestionView) -> String {
    match question.kind {
        QuestionKind::LongText => question.field(),
        _ => format!("{}-0", question.field()),
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

/// A translated message for a refused answer.
#[component]
pub fn ProblemMessage(problem: FieldProblem) -> impl IntoView {
    let i18n = use_i18n();
    match problem {
        FieldProblem::Required => t!(i18n, problems.required).into_any(),
        FieldProblem::TooLong(limit) => t!(i18n, problems.too_long, limit = limit).into_any(),
        FieldProblem::UnknownOption => t!(i18n, problems.unknown_option).into_any(),
        FieldProblem::OnlyOne => t!(i18n, problems.only_one).into_any(),
    }
}

#[component]
pub fn Question(
    question: QuestionView,
    /// Values the respondent posted, shown again after an error.
    values: Vec<String>,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = question.field();
    let hint_id = format!("{field}-hint");
    let error_id = format!("{field}-error");
    let described_by = {
        let mut ids = Vec::new();
        if question.help.is_some() || question.kind == QuestionKind::LongText {
            ids.push(hint_id.clone());
        }
        if problem.is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let required = question
        .required
        .then(|| view! { " " <span class="required">{t!(i18n, survey.required)}</span> });
    let error = problem.map(|problem| {
        view! {
            <p id=error_id.clone() class="error-message">
                <span class="visually-hidden">{t!(i18n, survey.error_prefix)} " "</span>
                <ProblemMessage problem />
            </p>
        }
    });
    let group_class = if problem.is_some() {
        "question question--error"
    } else {
        "question"
    };

    match question.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let input_type = if question.kind == QuestionKind::SingleChoice {
                "radio"
            } else {
                "checkbox"
            };
            let hint = question
                .help
                .clone()
                .map(|h| view! { <p id=hint_id.clone() class="hint"><Text text=h /></p> });
            let options = question
                .options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let id = format!("{field}-{i}");
                    let checked = values.contains(&option.value);
                    view! {
                        <div class="choice">
                            <input
                                type=input_type
                                id=id.clone()
                                name=field.clone()
                                value=option.value.clone()
                                checked=checked
                                required=question.required && input_type == "radio"
                            />
                            <label for=id><Text text=option.label.clone() /></label>
                        </div>
                    }
                })
                .collect_view();
            Either::Left(view! {
                <fieldset class=group_class aria-describedby=described_by.clone()>
                    <legend class="question__prompt">
                        <Text text=question.prompt.clone() />
                        {required}
                    </legend>
                    {hint}
                    {error}
                    <div class="choices">{options}</div>
                </fieldset>
            })
        }
        QuestionKind::LongText => {
            let limit = question.text_limit();
            let typed = values.first().map(String::as_str).unwrap_or_default();
            let initial = typed.chars().count();
            let value = escape_textarea(typed);
            Either::Right(view! {
                <div class=group_class>
                    <label class="question__prompt" for=field.clone()>
                        <Text text=question.prompt.clone() />
                        {required}
                    </label>
                    <p id=hint_id.clone() class="hint">
                        {question.help.clone().map(|h| view! { <Text text=h /> " " })}
                        {t!(i18n, survey.text_limit, limit = limit)}
                    </p>
                    {error}
                    <CharacterCount
                        limit
                        initial=initial
                        remaining=t_string!(i18n, survey.chars_remaining).to_string()
                        over=t_string!(i18n, survey.chars_over).to_string()
                    >
                        <textarea
                            id=field.clone()
                            name=field.clone()
                            rows="6"
                            required=question.required
                            aria-describedby=described_by.clone()
                            aria-invalid=problem.is_some().then_some("true")
                            inner_html=value
                        ></textarea>
                    </CharacterCount>
                </div>
            })
        }
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
