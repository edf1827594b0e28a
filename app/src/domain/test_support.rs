//! Builders for the domain's own tests.

use super::{
    branching::Condition,
    localized::Resolved,
    survey::{Label, OptionView, PageView, QuestionKind, QuestionView},
};

/// A question of `kind` with its standard options, if it has any.
pub fn question(id: i32, kind: QuestionKind, required: bool) -> QuestionView {
    QuestionView {
        id,
        key: super::definition::question_key(usize::try_from(id).unwrap_or(0)),
        kind,
        prompt: Resolved::default(),
        help: None,
        required,
        max_length: None,
        min_value: None,
        max_value: None,
        options: kind
            .standard_values()
            .unwrap_or(&[])
            .iter()
            .map(|v| OptionView {
                value: (*v).to_owned(),
                label: Label::Scale(kind, (*v).to_owned()),
                special: None,
                image: None,
            })
            .collect(),
        show_if: vec![],
    }
}

/// The same question, shown only when `show_if` holds.
pub fn shown_if(mut q: QuestionView, show_if: Vec<Condition>) -> QuestionView {
    q.show_if = show_if;
    q
}

/// A page of `questions`.
pub fn page(id: i32, questions: Vec<QuestionView>, show_if: Vec<Condition>) -> PageView {
    PageView {
        id,
        title: None,
        introduction: None,
        questions,
        show_if,
    }
}
