//! A whole survey as one document: the versioned JSON that partnerships
//! export and import to share surveys, and the shape the survey builder
//! edits. [`check`] is the one validation both use: it reports every
//! problem, each with its path in the document.
//!
//! Questions and pages are named by `key`s inside the document, and
//! branching rules refer to those keys, never to database ids, so a file
//! means the same in any installation.

use super::{
    branching::{Condition, Operator, RuleOwner, RuleProblem, check_rules},
    localized::{LocalizedText, Resolved},
    survey::{Label, OptionView, PageView, QuestionKind, QuestionView, Special},
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

mod check;
pub use check::check;
#[cfg(test)]
use check::is_site_image;

/// The `format` every Heard survey file carries.
pub const FORMAT: &str = "heard-survey";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;

/// Longest survey or page title, option label or key text.
pub const SHORT_TEXT_MAX: usize = 200;
/// Longest prompt, help or introduction.
pub const LONG_TEXT_MAX: usize = 5_000;
/// Most pages, questions per survey and options per question.
pub const MAX_PAGES: usize = 50;
pub const MAX_QUESTIONS: usize = 300;
pub const MAX_OPTIONS: usize = 100;

/// A survey, complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefinition {
    pub format: String,
    pub version: u32,
    pub slug: String,
    pub default_locale: String,
    pub title: LocalizedText,
    #[serde(default)]
    pub introduction: LocalizedText,
    /// "How your views will be used", shown before any question.
    pub views_statement: LocalizedText,
    pub estimated_minutes: u32,
    /// When it opens and closes, as `YYYY-MM-DD` (midnight UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_on: Option<String>,
    pub pages: Vec<PageDefinition>,
}

/// One page of questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageDefinition {
    pub key: String,
    /// The stored row, when this came from the database. Exported files
    /// have none, and imports ignore any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    #[serde(default)]
    pub title: LocalizedText,
    #[serde(default)]
    pub introduction: LocalizedText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub show_if: Vec<ConditionDefinition>,
    pub questions: Vec<QuestionDefinition>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDefinition {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// A `QuestionKind` stored name, such as `single_choice`.
    pub kind: String,
    pub prompt: LocalizedText,
    #[serde(default)]
    pub help: LocalizedText,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub show_if: Vec<ConditionDefinition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionDefinition>,
    /// Outcome keys (the outcomes framework's "I statements").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// Priority keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
    /// Kept for the answers it has, but no longer asked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
}

impl QuestionDefinition {
    /// A new, empty question of `kind`.
    pub fn blank(key: String, kind: QuestionKind) -> QuestionDefinition {
        QuestionDefinition {
            key,
            id: None,
            kind: kind.as_str().to_owned(),
            prompt: LocalizedText::default(),
            help: LocalizedText::default(),
            required: false,
            max_length: None,
            min_value: None,
            max_value: None,
            show_if: Vec::new(),
            options: Vec::new(),
            outcomes: Vec::new(),
            priorities: Vec::new(),
            archived: false,
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDefinition {
    /// Stable: posted by forms, used in exports and rules.
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// Empty for a standard or special answer, whose label is translated.
    #[serde(default)]
    pub label: LocalizedText,
    /// `none_of_these`, `prefer_not_to_say` or `dont_know`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<String>,
    /// A picture or symbol on this site, such as `/symbols/school.svg`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default)]
    pub image_alt: LocalizedText,
}

/// "Show when question `question` … `value`", by the question's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDefinition {
    pub question: String,
    pub op: Operator,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// What is wrong at one place in a definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// Not a Heard survey file of a version this build reads.
    Format,
    /// The file is not JSON of the right shape (the parser's words).
    Parse(String),
    /// Required text is empty in the survey's own language.
    Missing,
    /// Longer than the limit.
    TooLong(usize),
    /// Too many of something.
    TooMany(usize),
    /// Used twice where it must be unique.
    Duplicate(String),
    /// Not a known kind, language, outcome, priority or special answer.
    Unknown(String),
    /// Only lower-case letters, digits, `-` and `_` (keys, values, slugs).
    Shape(String),
    /// A number outside what makes sense.
    Range,
    /// A form's number field holds something that is not a whole number.
    NotANumber,
    /// A choice question needs at least two options.
    TooFewOptions,
    /// A standard scale's options are fixed.
    StandardOptions,
    /// A date that is not `YYYY-MM-DD`, or closes before it opens.
    Date,
    /// A branching rule names a question that is not in the survey.
    RuleUnknownQuestion(String),
    /// A branching rule looks at the same or a later page.
    RuleNotEarlier(String),
    /// A branching rule compares with a value the question cannot have.
    RuleUnknownValue(String),
    /// "Equals", "includes" and "not equal" need a value.
    RuleMissingValue,
    /// A question with answers cannot change kind (archive it, add another).
    AnsweredKind,
    /// An option with answers cannot be removed.
    AnsweredOption,
    /// A question with answers cannot be deleted: archive it instead.
    AnsweredQuestion,
    /// Publishing needs every page to ask at least one question.
    EmptyPage,
}

/// A problem and where it is, as a path like `pages[1].questions[0].kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    pub path: String,
    pub problem: Problem,
}

/// What a definition may refer to in this installation.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub locales: Vec<String>,
    pub outcomes: Vec<String>,
    pub priorities: Vec<String>,
}

/// The key an export gives the `number`th question (from 1) in survey
/// order, archived ones included: `q1`, `q2`, …
pub fn question_key(number: usize) -> String {
    format!("q{number}")
}

/// Whether `text` is a key, value or slug: 1 to 60 of `a-z 0-9 - _`.
pub fn is_key(text: &str) -> bool {
    (1..=60).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// `YYYY-MM-DD` as (year, month, day), if it is a real date.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let date = super::validation::Date::parse_iso(text).filter(|d| d.iso() == text)?;
    Some((date.year, date.month, date.day))
}

/// The definition's pages as the rule check sees them: questions numbered
/// 1, 2, … in survey order, rules pointing at those numbers (0 for a key
/// that is not there).
pub fn rule_pages(def: &SurveyDefinition) -> Vec<PageView> {
    let mut ids: BTreeMap<&str, i32> = BTreeMap::new();
    let mut next = 0;
    for q in def.pages.iter().flat_map(|p| &p.questions) {
        next += 1;
        ids.entry(q.key.as_str()).or_insert(next);
    }
    let conditions = |list: &[ConditionDefinition]| -> Vec<Condition> {
        list.iter()
            .map(|c| Condition {
                question: ids.get(c.question.as_str()).copied().unwrap_or(0),
                op: c.op,
                value: c.value.clone(),
            })
            .collect()
    };
    let mut number = 0;
    def.pages
        .iter()
        .enumerate()
        .map(|(p, page)| PageView {
            id: i32::try_from(p).unwrap_or(i32::MAX),
            title: None,
            introduction: None,
            show_if: conditions(&page.show_if),
            questions: page
                .questions
                .iter()
                .map(|q| {
                    number += 1;
                    let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::ShortText);
                    QuestionView {
                        id: number,
                        key: q.key.clone(),
                        kind,
                        prompt: Resolved::default(),
                        help: None,
                        required: q.required,
                        max_length: None,
                        min_value: None,
                        max_value: None,
                        options: option_values(kind, &q.options)
                            .into_iter()
                            .map(|value| OptionView {
                                label: Label::Scale(kind, value.clone()),
                                value,
                                special: None,
                                image: None,
                            })
                            .collect(),
                        show_if: conditions(&q.show_if),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The values a question's answers can take: its options, or a standard
/// scale's fixed values when the file lists none.
pub fn option_values(kind: QuestionKind, options: &[OptionDefinition]) -> Vec<String> {
    match (kind.standard_values(), options.is_empty()) {
        (Some(standard), true) => standard.iter().map(|v| (*v).to_owned()).collect(),
        _ => options.iter().map(|o| o.value.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str) -> LocalizedText {
        LocalizedText::from_pairs([("en", en)])
    }

    fn known() -> Known {
        Known {
            locales: vec!["en".into(), "pl".into()],
            outcomes: vec!["heard".into()],
            priorities: vec!["communication".into()],
        }
    }

    fn choice(key: &str) -> QuestionDefinition {
        QuestionDefinition {
            key: key.into(),
            id: None,
            kind: "single_choice".into(),
            prompt: text("Which?"),
            help: LocalizedText::default(),
            required: true,
            max_length: None,
            min_value: None,
            max_value: None,
            show_if: vec![],
            options: ["a", "b"]
                .iter()
                .map(|v| OptionDefinition {
                    value: (*v).into(),
                    id: None,
                    label: text(v),
                    special: None,
                    image: None,
                    image_alt: LocalizedText::default(),
                })
                .collect(),
            outcomes: vec!["heard".into()],
            priorities: vec![],
            archived: false,
        }
    }

    fn survey() -> SurveyDefinition {
        SurveyDefinition {
            format: FORMAT.into(),
            version: VERSION,
            slug: "test".into(),
            default_locale: "en".into(),
            title: text("Test"),
            introduction: LocalizedText::default(),
            views_statement: text("Officers read these."),
            estimated_minutes: 5,
            opens_on: Some("2026-01-01".into()),
            closes_on: Some("2026-02-01".into()),
            pages: vec![
                PageDefinition {
                    key: "p1".into(),
                    id: None,
                    title: LocalizedText::default(),
                    introduction: LocalizedText::default(),
                    show_if: vec![],
                    questions: vec![choice("q1")],
                },
                PageDefinition {
                    key: "p2".into(),
                    id: None,
                    title: LocalizedText::default(),
                    introduction: LocalizedText::default(),
                    show_if: vec![ConditionDefinition {
                        question: "q1".into(),
                        op: Operator::Equals,
                        value: Some("a".into()),
                    }],
                    questions: vec![choice("q2")],
                },
            ],
        }
    }

    fn problems(def: &SurveyDefinition) -> Vec<(String, Problem)> {
        check(def, &known())
            .into_iter()
            .map(|l| (l.path, l.problem))
            .collect()
    }

    #[test]
    fn a_good_survey_has_no_problems_and_round_trips_as_json() {
        let def = survey();
        assert_eq!(problems(&def), vec![]);
        let json = serde_json::to_string_pretty(&def).unwrap();
        let back: SurveyDefinition = serde_json::from_str(&json).unwrap();
        assert_eq!(back, def);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut def = survey();
        def.version = 9;
        def.slug = "Bad Slug".into();
        def.title = LocalizedText::from_pairs([("xx", "?")]);
        def.closes_on = Some("2025-12-31".into());
        def.pages[0].questions[0].kind = "telepathy".into();
        def.pages[1].questions[0].key = "q1".into();
        def.pages[1].questions[0].options[1].value = "a".into();
        def.pages[1].questions[0].outcomes = vec!["nope".into()];
        def.pages[1].show_if[0].value = Some("zzz".into());
        let found = problems(&def);
        let expect = [
            ("format", Problem::Format),
            ("slug", Problem::Shape("Bad Slug".into())),
            ("title.xx", Problem::Unknown("xx".into())),
            ("title.en", Problem::Missing),
            ("closes_on", Problem::Date),
            (
                "pages[0].questions[0].kind",
                Problem::Unknown("telepathy".into()),
            ),
            ("pages[1].questions[0].key", Problem::Duplicate("q1".into())),
            (
                "pages[1].questions[0].outcomes[0]",
                Problem::Unknown("nope".into()),
            ),
            (
                "pages[1].questions[0].options[1].value",
                Problem::Duplicate("a".into()),
            ),
        ];
        for (path, problem) in expect {
            assert!(
                found.contains(&(path.to_owned(), problem.clone())),
                "{path} {problem:?} not in {found:?}"
            );
        }
    }

    #[test]
    fn rules_must_look_backwards_at_real_values() {
        let mut def = survey();
        def.pages[0].show_if = vec![ConditionDefinition {
            question: "q2".into(),
            op: Operator::Equals,
            value: Some("a".into()),
        }];
        def.pages[1].questions[0].show_if = vec![
            ConditionDefinition {
                question: "q1".into(),
                op: Operator::Includes,
                value: Some("c".into()),
            },
            ConditionDefinition {
                question: "ghost".into(),
                op: Operator::Answered,
                value: None,
            },
        ];
        let found = problems(&def);
        assert!(found.contains(&(
            "pages[0].show_if".into(),
            Problem::RuleNotEarlier("q2".into())
        )));
        assert!(found.contains(&(
            "pages[1].questions[0].show_if".into(),
            Problem::RuleUnknownValue("c".into())
        )));
        assert!(found.contains(&(
            "pages[1].questions[0].show_if".into(),
            Problem::RuleUnknownQuestion("ghost".into())
        )));
    }

    #[test]
    fn standard_scales_keep_their_values_and_choices_need_two() {
        let mut def = survey();
        let q = &mut def.pages[0].questions[0];
        q.kind = "likert".into();
        assert!(
            problems(&def)
                .iter()
                .any(|(_, p)| *p == Problem::StandardOptions)
        );
        def.pages[0].questions[0].options.clear();
        // The rule on page 2 must now name a scale value.
        assert!(
            problems(&def)
                .iter()
                .any(|(_, p)| *p == Problem::RuleUnknownValue("a".into()))
        );
        def.pages[1].show_if[0].value = Some("agree".into());
        assert_eq!(problems(&def), vec![]);
        def.pages[1].questions[0].options.truncate(1);
        assert!(
            problems(&def)
                .iter()
                .any(|(_, p)| *p == Problem::TooFewOptions)
        );
    }

    #[test]
    fn images_must_be_this_sites_symbols() {
        assert!(is_site_image("/symbols/school.svg"));
        for bad in [
            "https://evil.example/x.svg",
            "/symbols/../etc",
            "/symbols/",
            "javascript:alert(1)",
        ] {
            assert!(!is_site_image(bad), "{bad}");
        }
    }
}
