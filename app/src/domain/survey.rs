//! A survey as a respondent sees it: already resolved to one language.
//!
//! These are the wire types between server functions and pages. Database
//! entities never leave the server; the store layer maps them into these.

use super::localized::Resolved;
use serde::{Deserialize, Serialize};

/// The kinds of question the skeleton renders. The respondent-journey work
/// adds the rest (scales, numbers, dates); each kind's stored name is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Radios: exactly one option.
    SingleChoice,
    /// Checkboxes: any number of options.
    MultipleChoice,
    /// A textarea with a character limit.
    LongText,
}

impl QuestionKind {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::LongText => "long_text",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::SingleChoice, Self::MultipleChoice, Self::LongText]
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    /// Whether answers are chosen from options.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
}

/// Default character limit for long text when a question sets none.
pub const DEFAULT_MAX_LENGTH: usize = 2_000;

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    /// Stable value posted by the form (never the database id).
    pub value: String,
    pub label: Resolved,
}

/// One question, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    pub kind: QuestionKind,
    pub prompt: Resolved,
    pub help: Option<Resolved>,
    pub required: bool,
    pub max_length: Option<usize>,
    pub options: Vec<OptionView>,
}

impl QuestionView {
    /// The form field name for this question.
    pub fn field(&self) -> String {
        field_name(self.id)
    }

    /// The character limit that applies to text answers.
    pub fn text_limit(&self) -> usize {
        self.max_length.unwrap_or(DEFAULT_MAX_LENGTH)
    }
}

/// The form field name for question `id`: stable, and never a database detail
/// beyond the question's own id.
pub fn field_name(id: i32) -> String {
    format!("q{id}")
}

/// An open survey, as listed on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub slug: String,
    pub title: Resolved,
    pub estimated_minutes: u32,
}

/// Everything the survey page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyForm {
    pub slug: String,
    pub title: Resolved,
    pub introduction: Resolved,
    /// "How your views will be used": who sees them, when and how (Audience).
    pub views_statement: Resolved,
    pub estimated_minutes: u32,
    pub questions: Vec<QuestionView>,
}

/// A survey's counts as the results page may show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub slug: String,
    pub title: Resolved,
    pub responses: super::suppression::Shown,
    pub questions: Vec<QuestionResults>,
    /// The suppression threshold in force, so the page can explain it.
    pub threshold: u64,
}

/// One choice question's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResults {
    pub id: i32,
    pub prompt: Resolved,
    pub options: Vec<OptionResult>,
}

/// One option's count and share of the question's respondents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionResult {
    pub label: Resolved,
    pub count: super::suppression::Shown,
    pub percent: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for kind in [
            QuestionKind::SingleChoice,
            QuestionKind::MultipleChoice,
            QuestionKind::LongText,
        ] {
            assert_eq!(QuestionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(QuestionKind::parse("rm -rf"), None);
    }
}
