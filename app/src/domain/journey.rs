//! The respondent's way through a survey: which page comes next, how far
//! along they are, and what each journey page shows.

use super::{
    branching::all_hold,
    localized::Resolved,
    survey::{PageView, QuestionView, SurveyForm},
    validation::{AnswerValue, Answers, Rejected},
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

impl SurveyForm {
    /// The first page shown after page `index` (None: on to checking answers).
    pub fn next_page(&self, answers: &Answers, index: usize) -> Option<usize> {
        self.visible_pages(answers).into_iter().find(|&i| i > index)
    }

    /// The last page shown before page `index` (None: back to the start).
    pub fn previous_page(&self, answers: &Answers, index: usize) -> Option<usize> {
        self.visible_pages(answers)
            .into_iter()
            .rev()
            .find(|&i| i < index)
    }

    /// "Page `step` of `steps`" for page `index`, counting only pages shown.
    pub fn progress(&self, answers: &Answers, index: usize) -> (usize, usize) {
        let visible = self.visible_pages(answers);
        let step = visible.iter().filter(|&&i| i <= index).count().max(1);
        (step, visible.len().max(step))
    }

    /// The first page after `index` that `after` shows and `before` did not:
    /// a page a changed answer has just brought into view.
    pub fn first_revealed(&self, before: &Answers, after: &Answers, index: usize) -> Option<usize> {
        let was = self.visible_pages(before);
        self.visible_pages(after)
            .into_iter()
            .find(|i| *i > index && !was.contains(i))
    }

    /// The first shown page with a required question left unanswered.
    pub fn first_incomplete(&self, answers: &Answers) -> Option<usize> {
        let shown = self.visible_answers(answers);
        self.visible_pages(&shown).into_iter().find(|&i| {
            self.pages[i]
                .visible_questions(&shown)
                .any(|q| q.required && !shown.contains_key(&q.id))
        })
    }

    /// Where a returning respondent carries on: the first page with a
    /// required answer missing, or the first page after the furthest they
    /// finished (`reached` counts page positions finished; 0 is none), or
    /// (None) checking their answers.
    pub fn resume_page(&self, answers: &Answers, reached: usize) -> Option<usize> {
        let next = match reached.checked_sub(1) {
            None => self.visible_pages(answers).first().copied(),
            Some(last) => self.next_page(answers, last),
        };
        match (self.first_incomplete(answers), next) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The shown pages with their shown questions and the answers given,
    /// for "Check your answers" and "Your answers".
    pub fn summary(&self, answers: &Answers) -> Vec<SummarySection> {
        self.visible_pages(answers)
            .into_iter()
            .map(|i| {
                let page = &self.pages[i];
                SummarySection {
                    page_number: i + 1,
                    title: page.title.clone(),
                    items: page
                        .visible_questions(answers)
                        .map(|q| SummaryItem {
                            question: q.clone(),
                            answer: answers.get(&q.id).cloned(),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

impl PageView {
    /// This page with only the questions shown for `answers`.
    pub fn as_shown(&self, answers: &Answers) -> PageView {
        PageView {
            questions: self
                .questions
                .iter()
                .filter(|q| all_hold(&q.show_if, answers))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }
}

/// One page of the journey, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPage {
    pub slug: String,
    pub survey_title: Resolved,
    /// The page's position in the survey, from 1 (its address).
    pub page_number: usize,
    pub step: usize,
    pub steps: usize,
    /// The page with only the questions shown now.
    pub page: PageView,
    /// What is already answered, as form values.
    pub values: HashMap<i32, Vec<String>>,
    /// Where "Back" goes.
    pub back: String,
    /// Came here from "Check your answers", so "Continue" returns there.
    pub returning: bool,
    /// Changing answers already sent (with a receipt code).
    pub editing: bool,
}

impl QuestionPage {
    /// Form values from stored answers.
    pub fn values_of(answers: &Answers) -> HashMap<i32, Vec<String>> {
        answers
            .iter()
            .map(|(id, a)| (*id, a.form_values()))
            .collect()
    }
}

/// A refused page post, for the page to show again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedPage {
    pub rejected: Rejected,
}

/// What a journey page's loader decided: show the page, or send the
/// respondent elsewhere (no draft yet, a page their answers skip, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step<T> {
    Show(T),
    Go(String),
}

/// A problem with one of the journey's small forms (not a survey question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormProblem {
    /// "Do you want to take part?" left unanswered.
    Consent,
    /// Not shaped like a code.
    CodeFormat,
    /// No saved or sent answers have that code.
    CodeUnknown,
    /// Not an email address.
    Email,
}

/// A refused small form, with what was typed so it can be shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRefusal {
    pub problem: FormProblem,
    pub typed: String,
}

/// The optional extras offered before sending a new response, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extras {
    /// "Tell me what happens because of these views".
    pub email: String,
    /// "I'm happy to be thanked publicly": a first name or group name.
    pub thanks_name: String,
}

/// The longest name shown on a thank-you list.
pub const MAX_THANKS_NAME: usize = 60;

/// Which extras were refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtrasRefusal {
    pub typed: Extras,
    pub email_invalid: bool,
    pub name_too_long: bool,
}

impl Extras {
    /// Checks what was typed: both are optional, but what is given must fit.
    pub fn check(self) -> Result<Extras, ExtrasRefusal> {
        let extras = Extras {
            email: self.email.trim().to_owned(),
            thanks_name: self.thanks_name.trim().to_owned(),
        };
        let email_invalid = !extras.email.is_empty() && !is_email(&extras.email);
        let name_too_long = extras.thanks_name.chars().count() > MAX_THANKS_NAME;
        if email_invalid || name_too_long {
            Err(ExtrasRefusal {
                typed: extras,
                email_invalid,
                name_too_long,
            })
        } else {
            Ok(extras)
        }
    }
}

/// Whether `text` looks like an email address someone could receive mail
/// at. Deliberately loose (the mail server is the real test), but it refuses
/// anything that could break a mail header.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    text.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && text.chars().all(|c| {
            !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | ',' | ';' | '"')
        })
}

/// One question and its answer, in a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryItem {
    pub question: QuestionView,
    pub answer: Option<AnswerValue>,
}

/// One page's answers, in a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummarySection {
    pub page_number: usize,
    pub title: Option<Resolved>,
    pub items: Vec<SummaryItem>,
}

/// "Check your answers" before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckPage {
    pub slug: String,
    pub survey_title: Resolved,
    pub sections: Vec<SummarySection>,
    /// Makes sending idempotent: the draft's own token.
    pub token: String,
    pub editing: bool,
    /// Where "Back" goes.
    pub back: String,
}

impl CheckPage {
    /// The optional extras are offered when sending new answers, not changes.
    pub fn offers_extras(&self) -> bool {
        !self.editing
    }
}

/// After sending: the receipt code and what happens next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationPage {
    pub slug: String,
    pub survey_title: Resolved,
    pub receipt_code: String,
    /// The answers were a change to ones sent before.
    pub changed: bool,
}

/// After "Save and come back later".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPage {
    pub slug: String,
    pub survey_title: Resolved,
    pub resume_code: String,
    /// The date the saved answers will be deleted, ISO 8601.
    pub expires_on: String,
    /// An email with the code has been queued.
    pub emailed: bool,
    /// Where to carry on now, in this browser.
    pub resume_href: String,
}

/// What a receipt code opens: the answers sent, and what can be done now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptPage {
    pub slug: String,
    pub survey_title: Resolved,
    pub receipt_code: String,
    /// When the answers were sent (or last changed), ISO 8601 date.
    pub sent_on: String,
    pub sections: Vec<SummarySection>,
    /// The survey is still open, so answers can be changed.
    pub can_change: bool,
    /// The address kept for "You said, we did" updates, partly hidden.
    pub updates_email: Option<String>,
    /// "What happened because of your views": published actions whose
    /// evidence includes these answers.
    pub actions: Vec<super::actions::OwnAction>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        branching::{Condition, Operator},
        survey::QuestionKind,
        test_support::{page, question as q},
    };

    fn survey() -> SurveyForm {
        let child = vec![Condition {
            question: 1,
            op: Operator::Equals,
            value: Some("child-young-person".into()),
        }];
        SurveyForm {
            slug: "s".into(),
            title: Resolved::default(),
            introduction: Resolved::default(),
            views_statement: Resolved::default(),
            estimated_minutes: 5,
            accepting: true,
            pages: vec![
                page(1, vec![q(1, QuestionKind::RespondentType, true)], vec![]),
                page(2, vec![q(2, QuestionKind::FaceScale, true)], child),
                page(3, vec![q(3, QuestionKind::ShortText, false)], vec![]),
                page(4, vec![q(4, QuestionKind::LongText, false)], vec![]),
            ],
        }
    }

    fn who(value: &str) -> Answers {
        [(1, AnswerValue::Options(vec![value.into()]))].into()
    }

    #[test]
    fn next_and_back_skip_hidden_pages() {
        let s = survey();
        let parent = who("parent-carer");
        assert_eq!(s.next_page(&parent, 0), Some(2));
        assert_eq!(s.previous_page(&parent, 2), Some(0));
        assert_eq!(s.next_page(&parent, 3), None);
        assert_eq!(s.previous_page(&parent, 0), None);
        let child = who("child-young-person");
        assert_eq!(s.next_page(&child, 0), Some(1));
    }

    #[test]
    fn a_changed_answer_reveals_the_pages_it_brings_into_view() {
        let s = survey();
        let parent = who("parent-carer");
        let child = who("child-young-person");
        assert_eq!(s.first_revealed(&parent, &child, 0), Some(1));
        assert_eq!(s.first_revealed(&child, &parent, 0), None);
        assert_eq!(s.first_revealed(&parent, &parent, 0), None);
    }

    #[test]
    fn progress_counts_only_pages_shown() {
        let s = survey();
        assert_eq!(s.progress(&who("parent-carer"), 2), (2, 3));
        assert_eq!(s.progress(&who("child-young-person"), 2), (3, 4));
    }

    #[test]
    fn resuming_goes_to_the_first_gap_or_past_the_furthest_page() {
        let s = survey();
        assert_eq!(s.resume_page(&Answers::new(), 0), Some(0));
        // Saved on page 1 before finishing it: page 1 again.
        assert_eq!(s.resume_page(&who("parent-carer"), 0), Some(0));
        // The child's required face-scale page is still to do.
        assert_eq!(s.resume_page(&who("child-young-person"), 1), Some(1));
        // A parent who finished page 3 carries on at page 4.
        assert_eq!(s.resume_page(&who("parent-carer"), 3), Some(3));
        // Past the last page: check answers.
        assert_eq!(s.resume_page(&who("parent-carer"), 4), None);
        assert_eq!(s.first_incomplete(&who("parent-carer")), None);
    }

    #[test]
    fn email_addresses_are_checked_loosely_but_safely() {
        assert!(is_email("parent@example.com"));
        assert!(is_email("o'brien+send@mail.example.co.uk"));
        assert!(!is_email("parent@example"));
        assert!(!is_email("parent example.com"));
        assert!(!is_email("a@b.com\r\nBcc: x@y.com"));
        assert!(!is_email("<a@b.com>"));
        assert!(!is_email(&format!("{}@example.com", "a".repeat(65))));
    }

    #[test]
    fn extras_are_optional_but_checked_when_given() {
        assert_eq!(Extras::default().check(), Ok(Extras::default()));
        let given = Extras {
            email: " carer@example.com ".into(),
            thanks_name: " Ewa ".into(),
        };
        let ok = given.check().unwrap();
        assert_eq!(
            (ok.email.as_str(), ok.thanks_name.as_str()),
            ("carer@example.com", "Ewa")
        );
        let refused = Extras {
            email: "nope".into(),
            thanks_name: "x".repeat(61),
        }
        .check()
        .unwrap_err();
        assert!(refused.email_invalid && refused.name_too_long);
        assert_eq!(refused.typed.email, "nope");
    }

    #[test]
    fn summaries_show_only_what_is_shown() {
        let s = survey();
        let sections = s.summary(&who("parent-carer"));
        assert_eq!(
            sections.iter().map(|x| x.page_number).collect::<Vec<_>>(),
            vec![1, 3, 4]
        );
        assert!(sections[0].items[0].answer.is_some());
        assert!(sections[1].items[0].answer.is_none());
    }
}
