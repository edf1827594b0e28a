//! Checks a posted survey form against the survey's questions.
//!
//! The server runs this on every submission; tampered values (unknown options,
//! several values for a single choice, over-long text) are rejected here, so
//! nothing invalid is ever stored.

use super::survey::{QuestionKind, QuestionView};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a respondent answered to one question, after validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerValue {
    /// Chosen option values, in the order the survey lists them.
    Options(Vec<String>),
    /// Text, trimmed.
    Text(String),
}

/// One validated answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question_id: i32,
    pub value: AnswerValue,
}

/// Why a question's answer was refused. Pages turn these into translated messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    /// A required question was left unanswered.
    Required,
    /// Text longer than the limit; carries the limit.
    TooLong(usize),
    /// A value that is not one of the question's options (a tampered form).
    UnknownOption,
    /// Several values where one is allowed (a tampered form).
    OnlyOne,
}

/// One refused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub question_id: i32,
    pub problem: FieldProblem,
}

/// The outcome of validating a form: answers to store, or errors to show
/// together with what the respondent typed, so nothing they wrote is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub errors: Vec<FieldError>,
    /// Posted values per question id, echoed back into the form.
    pub values: HashMap<i32, Vec<String>>,
}

/// Validates posted `(field, value)` pairs against `questions`.
///
/// Fields that belong to no question are ignored (they cannot be stored), and
/// empty values count as unanswered.
pub fn validate(
    questions: &[QuestionView],
    posted: &[(String, String)],
) -> Result<Vec<Answer>, Rejected> {
    let mut values: HashMap<i32, Vec<String>> = HashMap::new();
    for question in questions {
        let field = question.field();
        let posted_here: Vec<String> = posted
            .iter()
            .filter(|(name, _)| *name == field)
            .map(|(_, v)| normalise(v))
            .filter(|v| !v.trim().is_empty())
            .collect();
        if !posted_here.is_empty() {
            values.insert(question.id, posted_here);
        }
    }

    let mut answers = Vec::new();
    let mut errors = Vec::new();
    for question in questions {
        let given = values
            .get(&question.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        match check(question, given) {
            Ok(Some(value)) => answers.push(Answer {
                question_id: question.id,
                value,
            }),
            Ok(None) => {}
            Err(problem) => errors.push(FieldError {
                question_id: question.id,
                problem,
            }),
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(Rejected { errors, values })
    }
}

/// Browsers post CRLF line breaks; count and store them as one character each.
fn normalise(value: &str) -> String {
    value.replace("\r\n", "\n")
}

fn check(question: &QuestionView, given: &[String]) -> Result<Option<AnswerValue>, FieldProblem> {
    if given.is_empty() {
        return if question.required {
            Err(FieldProblem::Required)
        } else {
            Ok(None)
        };
    }
    match question.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            if question.kind == QuestionKind::SingleChoice && given.len() > 1 {
                return Err(FieldProblem::OnlyOne);
            }
            if given
                .iter()
                .any(|v| !question.options.iter().any(|o| &o.value == v))
            {
                return Err(FieldProblem::UnknownOption);
            }
            let chosen = question
                .options
                .iter()
                .filter(|o| given.contains(&o.value))
                .map(|o| o.value.clone())
                .collect();
            Ok(Some(AnswerValue::Options(chosen)))
        }
        QuestionKind::LongText => {
            if given.len() > 1 {
                return Err(FieldProblem::OnlyOne);
            }
            let text = given[0].trim().to_owned();
            let limit = question.text_limit();
            if text.chars().count() > limit {
                return Err(FieldProblem::TooLong(limit));
            }
            Ok(Some(AnswerValue::Text(text)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{localized::Resolved, survey::OptionView};

    fn question(id: i32, kind: QuestionKind, required: bool) -> QuestionView {
        let options = if kind.has_options() {
            ["yes", "no", "not-sure"]
                .into_iter()
                .map(|v| OptionView {
                    value: v.into(),
                    label: Resolved {
                        text: v.into(),
                        locale: None,
                    },
                })
                .collect()
        } else {
            vec![]
        };
        QuestionView {
            id,
            kind,
            prompt: Resolved::default(),
            help: None,
            required,
            max_length: Some(10),
            options,
        }
    }

    fn post(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn accepts_a_complete_form_in_survey_order() {
        let qs = [
            question(1, QuestionKind::SingleChoice, true),
            question(2, QuestionKind::MultipleChoice, false),
        ];
        let answers = validate(&qs, &post(&[("q2", "no"), ("q1", "yes"), ("q2", "yes")])).unwrap();
        assert_eq!(
            answers,
            vec![
                Answer {
                    question_id: 1,
                    value: AnswerValue::Options(vec!["yes".into()])
                },
                Answer {
                    question_id: 2,
                    value: AnswerValue::Options(vec!["yes".into(), "no".into()])
                },
            ]
        );
    }

    #[test]
    fn required_questions_must_be_answered_and_optional_ones_need_not() {
        let qs = [
            question(1, QuestionKind::SingleChoice, true),
            question(2, QuestionKind::LongText, false),
        ];
        let rejected = validate(&qs, &post(&[("q2", "   ")])).unwrap_err();
        assert_eq!(
            rejected.errors,
            vec![FieldError {
                question_id: 1,
                problem: FieldProblem::Required
            }]
        );
    }

    #[test]
    fn tampered_values_are_refused() {
        let qs = [
            question(1, QuestionKind::SingleChoice, false),
            question(2, QuestionKind::MultipleChoice, false),
        ];
        let rejected = validate(
            &qs,
            &post(&[("q1", "yes"), ("q1", "no"), ("q2", "<script>")]),
        )
        .unwrap_err();
        assert_eq!(
            rejected.errors,
            vec![
                FieldError {
                    question_id: 1,
                    problem: FieldProblem::OnlyOne
                },
                FieldError {
                    question_id: 2,
                    problem: FieldProblem::UnknownOption
                },
            ]
        );
    }

    #[test]
    fn text_over_the_limit_is_refused_and_echoed_back() {
        let qs = [question(3, QuestionKind::LongText, false)];
        let rejected = validate(&qs, &post(&[("q3", "ąęłóśźżćń12")])).unwrap_err();
        assert_eq!(
            rejected.errors,
            vec![FieldError {
                question_id: 3,
                problem: FieldProblem::TooLong(10)
            }]
        );
        assert_eq!(rejected.values[&3], vec!["ąęłóśźżćń12".to_string()]);
    }

    #[test]
    fn text_limits_count_characters_and_line_breaks_once() {
        let qs = [question(3, QuestionKind::LongText, false)];
        let answers = validate(&qs, &post(&[("q3", "ąę\r\nłóśźżć")])).unwrap();
        assert_eq!(answers[0].value, AnswerValue::Text("ąę\nłóśźżć".into()));
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let qs = [question(1, QuestionKind::SingleChoice, false)];
        assert_eq!(
            validate(&qs, &post(&[("q999", "x"), ("token", "abc")])).unwrap(),
            vec![]
        );
    }
}
