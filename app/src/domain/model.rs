//! The shared model of answers and conditions: the leaf that `survey`,
//! `branching` and `validation` all build on, so none of them needs
//! another to say what an answer or a condition is.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A calendar date, checked to be real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A date only if it exists (30 February does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// ISO 8601, as stored and exported.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses ISO 8601 (`2026-03-09`).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }
}

/// What a respondent answered to one question, after validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerValue {
    /// Chosen option values, in the order the survey lists them.
    Options(Vec<String>),
    /// Text, trimmed.
    Text(String),
    Number(i64),
    Date(Date),
}

impl AnswerValue {
    /// The answer as one piece of text (comparisons, exports).
    pub fn to_text(&self) -> String {
        match self {
            AnswerValue::Options(values) => values.join(", "),
            AnswerValue::Text(text) => text.clone(),
            AnswerValue::Number(n) => n.to_string(),
            AnswerValue::Date(d) => d.iso(),
        }
    }

    /// The values that put this answer back into its form fields (a date's
    /// are day, month and year).
    pub fn form_values(&self) -> Vec<String> {
        match self {
            AnswerValue::Options(values) => values.clone(),
            AnswerValue::Text(text) => vec![text.clone()],
            AnswerValue::Number(n) => vec![n.to_string()],
            AnswerValue::Date(d) => {
                vec![d.day.to_string(), d.month.to_string(), d.year.to_string()]
            }
        }
    }
}

/// A respondent's answers, by question id.
pub type Answers = BTreeMap<i32, AnswerValue>;

/// How a condition compares an earlier answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// The answer is exactly this value (one option, or this text or number).
    Equals,
    /// One of the chosen options is this value.
    Includes,
    /// The answer is anything but this value, including no answer.
    NotEquals,
    /// The question was answered at all.
    Answered,
}

/// "Show this when question `question` … `value`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: i32,
    pub op: Operator,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Condition {
    /// Whether this condition holds for `answers`.
    pub fn holds(&self, answers: &Answers) -> bool {
        let answer = answers.get(&self.question);
        let value = self.value.as_deref().unwrap_or_default();
        let equals = |a: &AnswerValue| match a {
            AnswerValue::Options(chosen) => chosen.len() == 1 && chosen[0] == value,
            other => other.to_text() == value,
        };
        match self.op {
            Operator::Answered => answer.is_some(),
            Operator::Equals => answer.is_some_and(equals),
            Operator::NotEquals => !answer.is_some_and(equals),
            Operator::Includes => {
                matches!(answer, Some(AnswerValue::Options(chosen)) if chosen.iter().any(|c| c == value))
            }
        }
    }
}

/// Whether every condition holds (no conditions: always).
pub fn all_hold(conditions: &[Condition], answers: &Answers) -> bool {
    conditions.iter().all(|c| c.holds(answers))
}
