//! A survey as a respondent sees it: already resolved to one language.
//!
//! These are the wire types between server functions and pages. Database
//! entities never leave the server; the store layer maps them into these.

use super::{localized::Resolved, model::Condition};
use serde::{Deserialize, Serialize};

/// Every kind of question. The stored name of each is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Radios: exactly one option.
    SingleChoice,
    /// Checkboxes: any number of options; special options are exclusive.
    MultipleChoice,
    /// Five faces with text labels, for children.
    FaceScale,
    /// Strongly agree … strongly disagree.
    Likert,
    /// 0 to 10.
    Rating,
    /// The NHS Friends and Family Test question's six answers.
    FriendsFamily,
    /// Yes, no, not sure.
    YesNoNotSure,
    /// Who is answering: parent or carer, child or young person, professional.
    /// Pages and questions can depend on it, and results can be segmented by it.
    RespondentType,
    /// One line of text.
    ShortText,
    /// A textarea.
    LongText,
    /// A whole number, optionally between bounds.
    Number,
    /// Day, month and year fields.
    Date,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 12] = [
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::FaceScale,
        QuestionKind::Likert,
        QuestionKind::Rating,
        QuestionKind::FriendsFamily,
        QuestionKind::YesNoNotSure,
        QuestionKind::RespondentType,
        QuestionKind::ShortText,
        QuestionKind::LongText,
        QuestionKind::Number,
        QuestionKind::Date,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::FaceScale => "face_scale",
            QuestionKind::Likert => "likert",
            QuestionKind::Rating => "rating",
            QuestionKind::FriendsFamily => "friends_family",
            QuestionKind::YesNoNotSure => "yes_no_not_sure",
            QuestionKind::RespondentType => "respondent_type",
            QuestionKind::ShortText => "short_text",
            QuestionKind::LongText => "long_text",
            QuestionKind::Number => "number",
            QuestionKind::Date => "date",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether answers are chosen from options.
    pub fn has_options(self) -> bool {
        !matches!(
            self,
            QuestionKind::ShortText
                | QuestionKind::LongText
                | QuestionKind::Number
                | QuestionKind::Date
        )
    }

    /// Whether several options may be chosen.
    pub fn is_multiple(self) -> bool {
        self == QuestionKind::MultipleChoice
    }

    /// The fixed option values of a standard scale, whose labels come from
    /// `locales/` rather than from the survey. None for officer-written options.
    pub fn standard_values(self) -> Option<&'static [&'static str]> {
        match self {
            QuestionKind::FaceScale => {
                Some(&["very-unhappy", "unhappy", "okay", "happy", "very-happy"])
            }
            QuestionKind::Likert => Some(&[
                "strongly-agree",
                "agree",
                "neither",
                "disagree",
                "strongly-disagree",
            ]),
            QuestionKind::Rating => Some(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]),
            QuestionKind::FriendsFamily => Some(&[
                "very-good",
                "good",
                "neither",
                "poor",
                "very-poor",
                "dont-know",
            ]),
            QuestionKind::YesNoNotSure => Some(&["yes", "no", "not-sure"]),
            QuestionKind::RespondentType => {
                Some(&["parent-carer", "child-young-person", "professional"])
            }
            _ => None,
        }
    }

    /// The character limit for text kinds when a question sets none.
    pub fn default_text_limit(self) -> usize {
        match self {
            QuestionKind::ShortText => DEFAULT_SHORT_LIMIT,
            _ => DEFAULT_MAX_LENGTH,
        }
    }
}

/// Default character limit for long text when a question sets none.
pub const DEFAULT_MAX_LENGTH: usize = 2_000;
/// Default character limit for short text.
pub const DEFAULT_SHORT_LIMIT: usize = 200;

/// An answer that is not an opinion about the question: offered as a
/// first-class choice, kept apart from the others, and exclusive when several
/// answers may be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Special {
    NoneOfThese,
    PreferNotToSay,
    DontKnow,
}

impl Special {
    pub const ALL: [Special; 3] = [
        Special::NoneOfThese,
        Special::PreferNotToSay,
        Special::DontKnow,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Special::NoneOfThese => "none_of_these",
            Special::PreferNotToSay => "prefer_not_to_say",
            Special::DontKnow => "dont_know",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// What an option is called: written by an officer, or a standard label
/// translated from `locales/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    Text(Resolved),
    /// A standard scale's value (`kind`, `value`).
    Scale(QuestionKind, String),
    Special(Special),
}

/// A picture or symbol beside an option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionImage {
    /// A path on this site, such as `/symbols/school.svg`.
    pub src: String,
    pub alt: Resolved,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    /// Stable value posted by the form (never the database id).
    pub value: String,
    pub label: Label,
    pub special: Option<Special>,
    pub image: Option<OptionImage>,
}

/// One question, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    /// Its key in the survey's definition file, as an export names it
    /// ([`super::definition::question_key`]), so tests and tools can name a
    /// question without its wording.
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: Resolved,
    pub help: Option<Resolved>,
    pub required: bool,
    pub max_length: Option<usize>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    pub options: Vec<OptionView>,
    /// Shown only when all of these hold for earlier answers.
    pub show_if: Vec<Condition>,
}

impl QuestionView {
    /// The form field name for this question.
    pub fn field(&self) -> String {
        field_name(self.id)
    }

    /// The character limit that applies to text answers.
    pub fn text_limit(&self) -> usize {
        self.max_length
            .unwrap_or_else(|| self.kind.default_text_limit())
    }

    /// The option posted as `value`.
    pub fn option(&self, value: &str) -> Option<&OptionView> {
        self.options.iter().find(|o| o.value == value)
    }
}

/// The form field name for question `id`: stable, and never a database detail
/// beyond the question's own id.
pub fn field_name(id: i32) -> String {
    format!("q{id}")
}

/// The three fields of a date question, in the order they are shown.
pub const DATE_PARTS: [&str; 3] = ["day", "month", "year"];

/// One page (section) of a survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    pub id: i32,
    pub title: Option<Resolved>,
    pub introduction: Option<Resolved>,
    pub questions: Vec<QuestionView>,
    /// Shown only when all of these hold for earlier answers.
    pub show_if: Vec<Condition>,
}

/// An open survey, as listed on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub slug: String,
    pub title: Resolved,
    pub estimated_minutes: u32,
}

/// A whole survey in one language: what it is about, how views will be used,
/// and its pages in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyForm {
    pub slug: String,
    pub title: Resolved,
    pub introduction: Resolved,
    /// "How your views will be used": who sees them, when and how (Audience).
    pub views_statement: Resolved,
    pub estimated_minutes: u32,
    /// Whether it takes answers now (open and inside its dates).
    pub accepting: bool,
    pub pages: Vec<PageView>,
}

impl SurveyForm {
    /// Every question, in survey order.
    pub fn questions(&self) -> impl Iterator<Item = &QuestionView> {
        self.pages.iter().flat_map(|p| p.questions.iter())
    }

    /// The question with `id`.
    pub fn question(&self, id: i32) -> Option<&QuestionView> {
        self.questions().find(|q| q.id == id)
    }
}

/// A survey's counts as the results page may show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub slug: String,
    pub title: Resolved,
    pub responses: super::suppression::Shown,
    pub withdrawn: super::suppression::Shown,
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
    pub label: Label,
    pub count: super::suppression::Shown,
    pub percent: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for kind in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(QuestionKind::parse("rm -rf"), None);
        for special in Special::ALL {
            assert_eq!(Special::parse(special.as_str()), Some(special));
        }
    }

    #[test]
    fn standard_scales_have_options_and_text_kinds_do_not() {
        for kind in QuestionKind::ALL {
            if kind.standard_values().is_some() {
                assert!(kind.has_options(), "{kind:?}");
            }
        }
        assert_eq!(
            QuestionKind::Rating.standard_values().map(<[_]>::len),
            Some(11)
        );
        assert_eq!(
            QuestionKind::FriendsFamily
                .standard_values()
                .map(<[_]>::len),
            Some(6)
        );
        assert!(!QuestionKind::Date.has_options());
        assert_eq!(QuestionKind::ShortText.default_text_limit(), 200);
    }
}
