//! Branching: which pages and questions a respondent sees, given their
//! earlier answers. Evaluated on the server, so it works without JavaScript.
//!
//! A condition may only look at a question on an *earlier page*: the page
//! holding it is decided before it is shown, and a rule that looked at its
//! own page or a later one could point backwards or form a cycle.
//! [`check_rules`] refuses such rules when a survey is saved.

pub use super::model::{Condition, Operator, all_hold};
use super::{
    model::Answers,
    survey::{PageView, QuestionView, SurveyForm},
};
use serde::{Deserialize, Serialize};

impl PageView {
    /// The questions of this page shown for `answers`.
    pub fn visible_questions<'a>(
        &'a self,
        answers: &'a Answers,
    ) -> impl Iterator<Item = &'a QuestionView> + 'a {
        self.questions
            .iter()
            .filter(move |q| all_hold(&q.show_if, answers))
    }

    /// Whether this page is shown: its own conditions hold and it has a
    /// question to show.
    pub fn is_visible(&self, answers: &Answers) -> bool {
        all_hold(&self.show_if, answers) && self.visible_questions(answers).next().is_some()
    }
}

impl SurveyForm {
    /// Indexes (into `pages`) of the pages shown for `answers`, in order.
    /// Answers that a changed answer has since hidden do not count.
    pub fn visible_pages(&self, answers: &Answers) -> Vec<usize> {
        let shown = self.visible_answers(answers);
        (0..self.pages.len())
            .filter(|&i| self.pages[i].is_visible(&shown))
            .collect()
    }

    /// Keeps only answers to questions the respondent can see now, so an
    /// answer on a page that a changed answer has since hidden is never
    /// stored, and only answers the question as it now stands accepts (an
    /// officer may have deleted an option a draft had chosen).
    pub fn visible_answers(&self, answers: &Answers) -> Answers {
        let mut kept = Answers::new();
        // Page by page, so a condition sees only what survives before it.
        for page in &self.pages {
            if !all_hold(&page.show_if, &kept) {
                continue;
            }
            for q in &page.questions {
                if all_hold(&q.show_if, &kept)
                    && let Some(a) = answers
                        .get(&q.id)
                        .and_then(|a| super::validation::still_valid(q, a))
                {
                    kept.insert(q.id, a);
                }
            }
        }
        kept
    }
}

/// Why a branching rule cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleProblem {
    /// The rule looks at a question that is not in this survey.
    UnknownQuestion { owner: RuleOwner, question: i32 },
    /// The rule looks at a question on the same or a later page: it would
    /// point backwards or form a cycle.
    NotEarlier { owner: RuleOwner, question: i32 },
    /// The rule compares with a value that question cannot have.
    UnknownValue {
        owner: RuleOwner,
        question: i32,
        value: String,
    },
    /// "Equals", "includes" and "not equal" need a value.
    MissingValue { owner: RuleOwner, question: i32 },
}

/// What a rule belongs to: a page (by position) or a question (by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleOwner {
    Page(usize),
    Question(i32),
}

/// Checks every branching rule of a survey; an empty list means it can be saved.
pub fn check_rules(pages: &[PageView]) -> Vec<RuleProblem> {
    let page_of = |id: i32| {
        pages
            .iter()
            .position(|p| p.questions.iter().any(|q| q.id == id))
    };
    let question = |id: i32| pages.iter().flat_map(|p| &p.questions).find(|q| q.id == id);
    let mut problems = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let owned = std::iter::once((RuleOwner::Page(index), &page.show_if)).chain(
            page.questions
                .iter()
                .map(|q| (RuleOwner::Question(q.id), &q.show_if)),
        );
        for (owner, conditions) in owned {
            for c in conditions {
                let Some(target) = question(c.question) else {
                    problems.push(RuleProblem::UnknownQuestion {
                        owner,
                        question: c.question,
                    });
                    continue;
                };
                if page_of(c.question).is_none_or(|p| p >= index) {
                    problems.push(RuleProblem::NotEarlier {
                        owner,
                        question: c.question,
                    });
                    continue;
                }
                match (&c.op, &c.value) {
                    (Operator::Answered, _) => {}
                    (_, None) => problems.push(RuleProblem::MissingValue {
                        owner,
                        question: c.question,
                    }),
                    (_, Some(value)) => {
                        if target.kind.has_options() && target.option(value).is_none() {
                            problems.push(RuleProblem::UnknownValue {
                                owner,
                                question: c.question,
                                value: value.clone(),
                            });
                        }
                    }
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        localized::Resolved,
        model::AnswerValue,
        survey::QuestionKind,
        test_support::{page, question, shown_if},
    };

    fn q(id: i32, kind: QuestionKind, show_if: Vec<Condition>) -> QuestionView {
        shown_if(question(id, kind, false), show_if)
    }

    fn when(question: i32, op: Operator, value: &str) -> Condition {
        Condition {
            question,
            op,
            value: Some(value.to_owned()),
        }
    }

    fn opts(values: &[&str]) -> AnswerValue {
        AnswerValue::Options(values.iter().map(|v| (*v).to_owned()).collect())
    }

    fn form(pages: Vec<PageView>) -> SurveyForm {
        SurveyForm {
            slug: "s".into(),
            title: Resolved::default(),
            introduction: Resolved::default(),
            views_statement: Resolved::default(),
            estimated_minutes: 1,
            accepting: true,
            pages,
        }
    }

    #[test]
    fn operators_compare_as_documented() {
        let answers: Answers = [
            (1, opts(&["child-young-person"])),
            (2, opts(&["a", "b"])),
            (3, AnswerValue::Number(7)),
        ]
        .into();
        assert!(when(1, Operator::Equals, "child-young-person").holds(&answers));
        assert!(!when(1, Operator::Equals, "professional").holds(&answers));
        assert!(!when(2, Operator::Equals, "a").holds(&answers));
        assert!(when(2, Operator::Includes, "b").holds(&answers));
        assert!(!when(2, Operator::Includes, "c").holds(&answers));
        assert!(when(1, Operator::NotEquals, "professional").holds(&answers));
        // Not answered is "not equal".
        assert!(when(9, Operator::NotEquals, "x").holds(&answers));
        assert!(when(3, Operator::Equals, "7").holds(&answers));
        let answered = Condition {
            question: 9,
            op: Operator::Answered,
            value: None,
        };
        assert!(!answered.holds(&answers));
    }

    #[test]
    fn pages_follow_the_respondent_type() {
        let f = form(vec![
            page(1, vec![q(1, QuestionKind::RespondentType, vec![])], vec![]),
            page(
                2,
                vec![q(2, QuestionKind::FaceScale, vec![])],
                vec![when(1, Operator::Equals, "child-young-person")],
            ),
            page(
                3,
                vec![q(3, QuestionKind::Likert, vec![])],
                vec![when(1, Operator::NotEquals, "child-young-person")],
            ),
        ]);
        let child: Answers = [(1, opts(&["child-young-person"]))].into();
        assert_eq!(f.visible_pages(&child), vec![0, 1]);
        let parent: Answers = [(1, opts(&["parent-carer"]))].into();
        assert_eq!(f.visible_pages(&parent), vec![0, 2]);
    }

    #[test]
    fn answers_on_pages_hidden_by_a_changed_answer_are_dropped() {
        let f = form(vec![
            page(1, vec![q(1, QuestionKind::YesNoNotSure, vec![])], vec![]),
            page(
                2,
                vec![
                    q(2, QuestionKind::ShortText, vec![]),
                    q(
                        3,
                        QuestionKind::ShortText,
                        vec![when(1, Operator::Equals, "no")],
                    ),
                ],
                vec![when(1, Operator::NotEquals, "not-sure")],
            ),
        ]);
        let answers: Answers = [
            (1, opts(&["yes"])),
            (2, AnswerValue::Text("kept".into())),
            (3, AnswerValue::Text("hidden".into())),
        ]
        .into();
        let kept = f.visible_answers(&answers);
        assert_eq!(kept.keys().copied().collect::<Vec<_>>(), vec![1, 2]);
        let mut changed = answers.clone();
        changed.insert(1, opts(&["not-sure"]));
        assert_eq!(f.visible_answers(&changed).len(), 1);
        // A page with every question hidden is not shown at all.
        let only_hidden = form(vec![
            page(1, vec![q(1, QuestionKind::YesNoNotSure, vec![])], vec![]),
            page(
                2,
                vec![q(
                    2,
                    QuestionKind::ShortText,
                    vec![when(1, Operator::Equals, "no")],
                )],
                vec![],
            ),
        ]);
        assert_eq!(only_hidden.visible_pages(&answers), vec![0]);
    }

    #[test]
    fn a_hidden_answer_cannot_keep_a_later_page_showing() {
        // Page 2 shows when q1 is yes; page 3 when q2 (on page 2) is yes.
        let f = form(vec![
            page(1, vec![q(1, QuestionKind::YesNoNotSure, vec![])], vec![]),
            page(
                2,
                vec![q(2, QuestionKind::YesNoNotSure, vec![])],
                vec![when(1, Operator::Equals, "yes")],
            ),
            page(
                3,
                vec![q(3, QuestionKind::ShortText, vec![])],
                vec![when(2, Operator::Equals, "yes")],
            ),
        ]);
        let mut answers: Answers = [(1, opts(&["yes"])), (2, opts(&["yes"]))].into();
        assert_eq!(f.visible_pages(&answers), vec![0, 1, 2]);
        answers.insert(1, opts(&["no"]));
        assert_eq!(f.visible_pages(&answers), vec![0]);
    }

    #[test]
    fn rules_must_look_at_an_earlier_page_and_a_real_value() {
        let pages = vec![
            page(
                1,
                vec![
                    q(1, QuestionKind::YesNoNotSure, vec![]),
                    // Same page: refused (no server round trip could show it).
                    q(
                        2,
                        QuestionKind::ShortText,
                        vec![when(1, Operator::Equals, "yes")],
                    ),
                ],
                // A page looking at itself or later: a cycle.
                vec![when(3, Operator::Answered, "")],
            ),
            page(
                2,
                vec![
                    q(
                        3,
                        QuestionKind::ShortText,
                        vec![when(1, Operator::Equals, "maybe")],
                    ),
                    q(
                        4,
                        QuestionKind::ShortText,
                        vec![Condition {
                            question: 1,
                            op: Operator::Includes,
                            value: None,
                        }],
                    ),
                    q(
                        5,
                        QuestionKind::ShortText,
                        vec![when(99, Operator::Equals, "x")],
                    ),
                    q(
                        6,
                        QuestionKind::ShortText,
                        vec![when(1, Operator::Equals, "yes")],
                    ),
                ],
                vec![],
            ),
        ];
        assert_eq!(
            check_rules(&pages),
            vec![
                RuleProblem::NotEarlier {
                    owner: RuleOwner::Page(0),
                    question: 3
                },
                RuleProblem::NotEarlier {
                    owner: RuleOwner::Question(2),
                    question: 1
                },
                RuleProblem::UnknownValue {
                    owner: RuleOwner::Question(3),
                    question: 1,
                    value: "maybe".into()
                },
                RuleProblem::MissingValue {
                    owner: RuleOwner::Question(4),
                    question: 1
                },
                RuleProblem::UnknownQuestion {
                    owner: RuleOwner::Question(5),
                    question: 99
                },
            ]
        );
    }

    #[test]
    fn answers_the_survey_no_longer_accepts_are_dropped() {
        let mut limited = q(2, QuestionKind::ShortText, vec![]);
        limited.max_length = Some(5);
        let f = form(vec![page(
            1,
            vec![
                q(1, QuestionKind::YesNoNotSure, vec![]),
                limited,
                q(3, QuestionKind::Number, vec![]),
            ],
            vec![],
        )]);
        let stale: Answers = [
            // An option deleted since, a limit lowered, a kind changed.
            (1, opts(&["maybe"])),
            (2, AnswerValue::Text("too long now".into())),
            (3, AnswerValue::Text("12".into())),
        ]
        .into();
        assert!(f.visible_answers(&stale).is_empty());
        let fine: Answers = [
            (1, opts(&["yes"])),
            (2, AnswerValue::Text("short".into())),
            (3, AnswerValue::Number(12)),
        ]
        .into();
        assert_eq!(f.visible_answers(&fine), fine);
    }
}
