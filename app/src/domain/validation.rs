//! Checks a posted page of a survey against its questions.
//!
//! The server runs this on every page it receives; tampered values (unknown
//! questions or options, several values for a single choice, over-long text)
//! are refused here, so nothing invalid is ever stored.

pub use super::model::{AnswerValue, Answers, Date};
use super::survey::{DATE_PARTS, QuestionKind, QuestionView};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    /// "None of these" (or another exclusive answer) chosen with others.
    Exclusive,
    /// Not a whole number.
    NotANumber,
    /// Below the question's minimum; carries it.
    TooSmall(i64),
    /// Above the question's maximum; carries it.
    TooLarge(i64),
    /// A date with a day, month or year missing.
    DateIncomplete,
    /// A date that does not exist, or a year that is not four digits.
    DateInvalid,
}

impl FieldProblem {
    /// Problems no honest browser can cause: the form was changed.
    pub fn is_tampering(self) -> bool {
        matches!(self, FieldProblem::UnknownOption | FieldProblem::OnlyOne)
    }
}

/// One refused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub question_id: i32,
    pub problem: FieldProblem,
}

/// The outcome of validating a page: errors to show together with what the
/// respondent typed, so nothing they wrote is lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub errors: Vec<FieldError>,
    /// Posted values per question id, echoed back into the form.
    pub values: HashMap<i32, Vec<String>>,
    /// The form named questions that are not on this page (a tampered or
    /// out-of-date form).
    pub unknown_questions: bool,
}

impl Rejected {
    /// Whether the form was tampered with (answered with 400, not 200).
    pub fn is_tampering(&self) -> bool {
        self.unknown_questions || self.errors.iter().any(|e| e.problem.is_tampering())
    }
}

/// Whether unanswered required questions are refused: not when the
/// respondent is saving to come back later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Required,
    Partial,
}

/// Validates posted `(field, value)` pairs against the `questions` shown on
/// one page. Returns the answers given (unanswered questions are absent).
pub fn validate(
    questions: &[&QuestionView],
    posted: &[(String, String)],
    completeness: Completeness,
) -> Result<Answers, Rejected> {
    let unknown_questions = posted.iter().any(|(name, _)| {
        question_id_of(name).is_some_and(|id| !questions.iter().any(|q| q.id == id))
    });
    let mut values: HashMap<i32, Vec<String>> = HashMap::new();
    for question in questions {
        let field = question.field();
        let given: Vec<String> = if question.kind == QuestionKind::Date {
            let parts: Vec<String> = DATE_PARTS
                .iter()
                .map(|part| {
                    let name = format!("{field}-{part}");
                    posted
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v.trim().to_owned())
                        .unwrap_or_default()
                })
                .collect();
            if parts.iter().all(String::is_empty) {
                vec![]
            } else {
                parts
            }
        } else {
            posted
                .iter()
                .filter(|(name, _)| *name == field)
                .map(|(_, v)| normalise(v))
                .filter(|v| !v.trim().is_empty())
                .collect()
        };
        if !given.is_empty() {
            values.insert(question.id, given);
        }
    }

    let mut answers = Answers::new();
    let mut errors = Vec::new();
    for question in questions {
        let given = values
            .get(&question.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        match check(question, given, completeness) {
            Ok(Some(value)) => {
                answers.insert(question.id, value);
            }
            Ok(None) => {}
            Err(problem) => errors.push(FieldError {
                question_id: question.id,
                problem,
            }),
        }
    }
    if errors.is_empty() && !unknown_questions {
        Ok(answers)
    } else {
        Err(Rejected {
            errors,
            values,
            unknown_questions,
        })
    }
}

/// What instant validation in the browser needs to know of a question:
/// only what [`validate`] reads, so the wasm carries a small type rather
/// than the whole survey model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRule {
    pub id: i32,
    pub kind: QuestionKind,
    pub max_length: Option<usize>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    /// Each option's value, and whether it is a special (exclusive) answer.
    pub options: Vec<(String, bool)>,
}

impl LiveRule {
    pub fn of(q: &QuestionView) -> LiveRule {
        LiveRule {
            id: q.id,
            kind: q.kind,
            max_length: q.max_length,
            min_value: q.min_value,
            max_value: q.max_value,
            options: q
                .options
                .iter()
                .map(|o| (o.value.clone(), o.special.is_some()))
                .collect(),
        }
    }

    /// The question again, without its words: enough to validate with.
    pub fn question(&self) -> QuestionView {
        use super::{
            localized::Resolved,
            survey::{Label, OptionView, Special},
        };
        QuestionView {
            id: self.id,
            key: String::new(),
            kind: self.kind,
            prompt: Resolved::default(),
            help: None,
            required: false,
            max_length: self.max_length,
            min_value: self.min_value,
            max_value: self.max_value,
            options: self
                .options
                .iter()
                .map(|(value, special)| OptionView {
                    value: value.clone(),
                    label: Label::Text(Resolved::default()),
                    special: special.then_some(Special::NoneOfThese),
                    image: None,
                })
                .collect(),
            show_if: Vec::new(),
        }
    }
}

/// The problems an answer to `question` can have that are worth saying as
/// the respondent goes (not "required": they may come back to it). Empty
/// when nothing can be wrong, or (long text) when the character count says it.
pub fn live_problems(question: &QuestionView) -> Vec<FieldProblem> {
    match question.kind {
        QuestionKind::MultipleChoice => vec![FieldProblem::Exclusive],
        QuestionKind::Number => [
            Some(FieldProblem::NotANumber),
            question.min_value.map(FieldProblem::TooSmall),
            question.max_value.map(FieldProblem::TooLarge),
        ]
        .into_iter()
        .flatten()
        .collect(),
        QuestionKind::Date => vec![FieldProblem::DateInvalid],
        QuestionKind::ShortText => vec![FieldProblem::TooLong(question.text_limit())],
        _ => Vec::new(),
    }
}

/// Checks answers already stored (a draft being submitted) against the
/// questions now shown: the required ones must be there.
pub fn missing_required<'a>(
    questions: impl IntoIterator<Item = &'a QuestionView>,
    answers: &Answers,
) -> Option<i32> {
    questions
        .into_iter()
        .find(|q| q.required && !answers.contains_key(&q.id))
        .map(|q| q.id)
}

/// The question id in a field name such as `q12` or `q12-day`.
fn question_id_of(name: &str) -> Option<i32> {
    let rest = name.strip_prefix('q')?;
    let digits = rest.split('-').next()?;
    digits.parse().ok()
}

/// Browsers post CRLF line breaks; count and store them as one character each.
fn normalise(value: &str) -> String {
    value.replace("\r\n", "\n")
}

/// An answer as the question now stands, or None when a change to the
/// survey since it was given (an option deleted, the kind or a limit
/// changed) has made it one the form would refuse. Answers in progress are
/// read through this, so a draft can never send what the survey no longer
/// accepts.
pub fn still_valid(question: &QuestionView, answer: &AnswerValue) -> Option<AnswerValue> {
    let kind = question.kind;
    let fits = match answer {
        AnswerValue::Options(_) => kind.has_options(),
        AnswerValue::Number(_) => kind == QuestionKind::Number,
        AnswerValue::Date(_) => kind == QuestionKind::Date,
        AnswerValue::Text(_) => {
            !kind.has_options() && kind != QuestionKind::Number && kind != QuestionKind::Date
        }
    };
    if !fits {
        return None;
    }
    check(question, &answer.form_values(), Completeness::Partial)
        .ok()
        .flatten()
}

fn check(
    question: &QuestionView,
    given: &[String],
    completeness: Completeness,
) -> Result<Option<AnswerValue>, FieldProblem> {
    if given.is_empty() {
        return if question.required && completeness == Completeness::Required {
            Err(FieldProblem::Required)
        } else {
            Ok(None)
        };
    }
    if question.kind.has_options() {
        return check_options(question, given).map(Some);
    }
    let [one] = given else {
        // A date's three parts arrive as one answer; anything else is one value.
        return if question.kind == QuestionKind::Date {
            check_date(given).map(|d| Some(AnswerValue::Date(d)))
        } else {
            Err(FieldProblem::OnlyOne)
        };
    };
    match question.kind {
        QuestionKind::Number => check_number(question, one).map(|n| Some(AnswerValue::Number(n))),
        _ => {
            let text = one.trim().to_owned();
            let limit = question.text_limit();
            if text.chars().count() > limit {
                return Err(FieldProblem::TooLong(limit));
            }
            Ok(Some(AnswerValue::Text(text)))
        }
    }
}

fn check_options(question: &QuestionView, given: &[String]) -> Result<AnswerValue, FieldProblem> {
    if !question.kind.is_multiple() && given.len() > 1 {
        return Err(FieldProblem::OnlyOne);
    }
    let mut exclusive = false;
    for value in given {
        let option = question.option(value).ok_or(FieldProblem::UnknownOption)?;
        exclusive |= option.special.is_some();
    }
    if exclusive && given.len() > 1 {
        return Err(FieldProblem::Exclusive);
    }
    Ok(AnswerValue::Options(
        question
            .options
            .iter()
            .filter(|o| given.contains(&o.value))
            .map(|o| o.value.clone())
            .collect(),
    ))
}

fn check_number(question: &QuestionView, text: &str) -> Result<i64, FieldProblem> {
    // "1,200" and "1 200" are how people write numbers.
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}'))
        .collect();
    let n: i64 = cleaned.parse().map_err(|_| FieldProblem::NotANumber)?;
    if let Some(min) = question.min_value
        && n < min
    {
        return Err(FieldProblem::TooSmall(min));
    }
    if let Some(max) = question.max_value
        && n > max
    {
        return Err(FieldProblem::TooLarge(max));
    }
    Ok(n)
}

fn check_date(parts: &[String]) -> Result<Date, FieldProblem> {
    if parts.len() != 3 {
        return Err(FieldProblem::OnlyOne);
    }
    if parts.iter().any(String::is_empty) {
        return Err(FieldProblem::DateIncomplete);
    }
    let number = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(day), Some(month), Some(year)) =
        (number(&parts[0]), number(&parts[1]), number(&parts[2]))
    else {
        return Err(FieldProblem::DateInvalid);
    };
    if parts[2].len() != 4 {
        return Err(FieldProblem::DateInvalid);
    }
    let year = i32::try_from(year).map_err(|_| FieldProblem::DateInvalid)?;
    Date::new(year, month, day).ok_or(FieldProblem::DateInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        localized::Resolved,
        survey::{Label, OptionView, Special},
    };

    fn question(id: i32, kind: QuestionKind, required: bool) -> QuestionView {
        let mut options: Vec<OptionView> = if kind.has_options() {
            kind.standard_values()
                .unwrap_or(&["yes", "no", "not-sure"])
                .iter()
                .map(|v| OptionView {
                    value: (*v).into(),
                    label: Label::Text(Resolved {
                        text: (*v).into(),
                        locale: None,
                    }),
                    special: None,
                    image: None,
                })
                .collect()
        } else {
            vec![]
        };
        if kind == QuestionKind::MultipleChoice {
            options.push(OptionView {
                value: "none".into(),
                label: Label::Special(Special::NoneOfThese),
                special: Some(Special::NoneOfThese),
                image: None,
            });
        }
        QuestionView {
            id,
            key: String::new(),
            kind,
            prompt: Resolved::default(),
            help: None,
            required,
            max_length: Some(10),
            min_value: Some(0),
            max_value: Some(156),
            options,
            show_if: vec![],
        }
    }

    fn post(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn run(qs: &[QuestionView], pairs: &[(&str, &str)]) -> Result<Answers, Rejected> {
        let refs: Vec<&QuestionView> = qs.iter().collect();
        validate(&refs, &post(pairs), Completeness::Required)
    }

    fn problems(qs: &[QuestionView], pairs: &[(&str, &str)]) -> Vec<FieldProblem> {
        run(qs, pairs)
            .unwrap_err()
            .errors
            .into_iter()
            .map(|e| e.problem)
            .collect()
    }

    #[test]
    fn accepts_a_complete_page_with_options_in_survey_order() {
        let qs = [
            question(1, QuestionKind::SingleChoice, true),
            question(2, QuestionKind::MultipleChoice, false),
        ];
        let answers = run(&qs, &[("q2", "no"), ("q1", "yes"), ("q2", "yes")]).unwrap();
        assert_eq!(answers[&1], AnswerValue::Options(vec!["yes".into()]));
        assert_eq!(
            answers[&2],
            AnswerValue::Options(vec!["yes".into(), "no".into()])
        );
    }

    #[test]
    fn required_questions_must_be_answered_unless_saving_for_later() {
        let qs = [
            question(1, QuestionKind::Likert, true),
            question(2, QuestionKind::LongText, false),
        ];
        assert_eq!(
            problems(&qs, &[("q2", "   ")]),
            vec![FieldProblem::Required]
        );
        let refs: Vec<&QuestionView> = qs.iter().collect();
        assert_eq!(
            validate(&refs, &post(&[("q2", "later")]), Completeness::Partial).unwrap()[&2],
            AnswerValue::Text("later".into())
        );
    }

    #[test]
    fn tampered_values_and_questions_are_refused_as_tampering() {
        let qs = [
            question(1, QuestionKind::SingleChoice, false),
            question(2, QuestionKind::MultipleChoice, false),
            question(3, QuestionKind::FaceScale, false),
        ];
        let rejected = run(
            &qs,
            &[("q1", "yes"), ("q1", "no"), ("q2", "<script>"), ("q3", "7")],
        )
        .unwrap_err();
        assert_eq!(
            rejected
                .errors
                .iter()
                .map(|e| e.problem)
                .collect::<Vec<_>>(),
            vec![
                FieldProblem::OnlyOne,
                FieldProblem::UnknownOption,
                FieldProblem::UnknownOption
            ]
        );
        assert!(rejected.is_tampering());
        // A question from another page (or survey) is refused too.
        let rejected = run(&qs, &[("q99", "x")]).unwrap_err();
        assert!(rejected.unknown_questions && rejected.is_tampering());
        // Fields that are not questions (the form token) are fine.
        assert!(run(&qs, &[("token", "abc"), ("action", "continue")]).is_ok());
    }

    #[test]
    fn none_of_these_is_exclusive() {
        let qs = [question(2, QuestionKind::MultipleChoice, false)];
        assert_eq!(
            problems(&qs, &[("q2", "yes"), ("q2", "none")]),
            vec![FieldProblem::Exclusive]
        );
        assert!(!FieldProblem::Exclusive.is_tampering());
        assert_eq!(
            run(&qs, &[("q2", "none")]).unwrap()[&2],
            AnswerValue::Options(vec!["none".into()])
        );
    }

    #[test]
    fn text_limits_count_characters_and_line_breaks_once() {
        let qs = [question(3, QuestionKind::LongText, false)];
        let rejected = run(&qs, &[("q3", "ąęłóśźżćń12")]).unwrap_err();
        assert_eq!(rejected.errors[0].problem, FieldProblem::TooLong(10));
        assert_eq!(rejected.values[&3], vec!["ąęłóśźżćń12".to_string()]);
        assert!(!rejected.is_tampering());
        let answers = run(&qs, &[("q3", "ąę\r\nłóśźżć")]).unwrap();
        assert_eq!(answers[&3], AnswerValue::Text("ąę\nłóśźżć".into()));
        // Short text has a limit too.
        let short = [question(4, QuestionKind::ShortText, false)];
        assert_eq!(
            problems(&short, &[("q4", "eleven char")]),
            vec![FieldProblem::TooLong(10)]
        );
    }

    #[test]
    fn numbers_are_whole_and_inside_their_bounds() {
        let qs = [question(5, QuestionKind::Number, false)];
        assert_eq!(
            run(&qs, &[("q5", " 1,2 ")]).unwrap()[&5],
            AnswerValue::Number(12)
        );
        assert_eq!(
            problems(&qs, &[("q5", "ten")]),
            vec![FieldProblem::NotANumber]
        );
        assert_eq!(
            problems(&qs, &[("q5", "2.5")]),
            vec![FieldProblem::NotANumber]
        );
        assert_eq!(
            problems(&qs, &[("q5", "-1")]),
            vec![FieldProblem::TooSmall(0)]
        );
        assert_eq!(
            problems(&qs, &[("q5", "157")]),
            vec![FieldProblem::TooLarge(156)]
        );
    }

    #[test]
    fn dates_must_be_complete_and_real() {
        let qs = [question(6, QuestionKind::Date, false)];
        let date =
            |d: &str, m: &str, y: &str| run(&qs, &[("q6-day", d), ("q6-month", m), ("q6-year", y)]);
        assert_eq!(
            date("29", "2", "2024").unwrap()[&6],
            AnswerValue::Date(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        let problem = |r: Result<Answers, Rejected>| r.unwrap_err().errors[0].problem;
        assert_eq!(problem(date("29", "2", "2025")), FieldProblem::DateInvalid);
        assert_eq!(problem(date("1", "13", "2025")), FieldProblem::DateInvalid);
        assert_eq!(problem(date("1", "1", "25")), FieldProblem::DateInvalid);
        assert_eq!(problem(date("x", "1", "2025")), FieldProblem::DateInvalid);
        assert_eq!(problem(date("", "1", "2025")), FieldProblem::DateIncomplete);
        // All three empty is simply unanswered.
        assert!(date("", "", "").unwrap().is_empty());
        let rejected = date("31", "4", "2025").unwrap_err();
        assert_eq!(rejected.values[&6], vec!["31", "4", "2025"]);
        assert_eq!(
            Date::parse_iso("2024-02-29").map(|d| d.iso()),
            Some("2024-02-29".into())
        );
        assert_eq!(
            AnswerValue::Date(Date::parse_iso("2024-02-09").unwrap()).form_values(),
            vec!["9", "2", "2024"]
        );
    }

    #[test]
    fn a_live_rule_validates_as_its_question_does() {
        let q = question(2, QuestionKind::MultipleChoice, false);
        let again = LiveRule::of(&q).question();
        let posted = post(&[("q2", "yes"), ("q2", "none")]);
        let problem = |q: &QuestionView| {
            validate(&[q], &posted, Completeness::Partial)
                .unwrap_err()
                .errors[0]
                .problem
        };
        assert_eq!(problem(&again), problem(&q));
        let n = question(5, QuestionKind::Number, false);
        assert_eq!(LiveRule::of(&n).question().max_value, Some(156));
    }

    #[test]
    fn live_problems_are_the_ones_a_present_answer_can_have() {
        let number = question(5, QuestionKind::Number, true);
        assert_eq!(
            live_problems(&number),
            vec![
                FieldProblem::NotANumber,
                FieldProblem::TooSmall(0),
                FieldProblem::TooLarge(156)
            ]
        );
        assert!(live_problems(&question(1, QuestionKind::Likert, true)).is_empty());
        assert!(live_problems(&question(2, QuestionKind::LongText, false)).is_empty());
    }

    #[test]
    fn missing_required_finds_the_first_unanswered() {
        let qs = [
            question(1, QuestionKind::YesNoNotSure, true),
            question(2, QuestionKind::YesNoNotSure, true),
        ];
        let answers: Answers = [(1, AnswerValue::Options(vec!["yes".into()]))].into();
        assert_eq!(missing_required(&qs, &answers), Some(2));
    }
}
