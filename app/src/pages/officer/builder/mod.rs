//! The survey builder's pages: the overview of a survey's pages and
//! questions, and one form each for details, a page, a question, a new
//! survey and an import. Forms post to `server::officer::builder`; a
//! refused form comes back with a [`BuilderRefusal`] holding every problem
//! and the document as it was typed.

pub mod details;
pub mod import;
pub mod overview;
pub mod page;
pub mod preview;
pub mod question;
pub mod translate;

use crate::{
    AppError,
    components::error_summary::ErrorSummary,
    domain::{
        builder::{BuilderRefusal, BuilderView},
        definition::{Located, OptionDefinition, Problem},
        localized::LocalizedText,
        survey::{Label, QuestionKind, Special},
    },
    i18n::{t_string, use_i18n},
    i18n_support::fill,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The survey as the builder shows it, for an officer who may build.
#[server]
pub async fn load_builder(id: i32, locale: String) -> Result<BuilderView, AppError> {
    let officer =
        crate::server::auth::require_here(crate::domain::roles::Permission::BuildSurveys)?;
    let state = crate::server::state::app_state()?;
    crate::server::views::builder::builder_view(&state.db, officer, id, &locale).await
}

/// The `:id` of the address.
pub fn survey_id() -> i32 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

/// A builder page for the survey in the address, with the refused draft
/// (if any) in place of the stored survey.
pub fn builder_page(page: fn(BuilderView, Option<BuilderRefusal>) -> AnyView) -> impl IntoView {
    super::officer_page(
        move |locale| load_builder(survey_id(), locale),
        move |mut view: BuilderView| {
            let refusal = use_context::<BuilderRefusal>();
            if let Some(draft) = refusal.as_ref().and_then(|r| r.draft.clone()) {
                view.def = draft;
            }
            page(view, refusal)
        },
    )
}

/// A problem in words, with where it is.
pub fn problem_text(located: &Located) -> String {
    let i18n = use_i18n();
    let problem = problem_words(&located.problem);
    if located.path.is_empty() {
        problem
    } else {
        fill(
            t_string!(i18n, builder.p_at),
            &[("path", &located.path), ("problem", &problem)],
        )
    }
}

/// A problem in words.
fn problem_words(problem: &Problem) -> String {
    let i18n = use_i18n();
    let (template, detail): (&str, String) = match problem {
        Problem::Format => (t_string!(i18n, builder.p_format), String::new()),
        Problem::Parse(d) => (t_string!(i18n, builder.p_parse), d.clone()),
        Problem::Missing => (t_string!(i18n, builder.p_missing), String::new()),
        Problem::TooLong(n) => (t_string!(i18n, builder.p_too_long), n.to_string()),
        Problem::TooMany(n) => (t_string!(i18n, builder.p_too_many), n.to_string()),
        Problem::Duplicate(d) => (t_string!(i18n, builder.p_duplicate), d.clone()),
        Problem::Unknown(d) => (t_string!(i18n, builder.p_unknown), d.clone()),
        Problem::Shape(d) => (t_string!(i18n, builder.p_shape), d.clone()),
        Problem::Range => (t_string!(i18n, builder.p_range), String::new()),
        Problem::NotANumber => (t_string!(i18n, builder.p_not_a_number), String::new()),
        Problem::TooFewOptions => (t_string!(i18n, builder.p_too_few_options), String::new()),
        Problem::StandardOptions => (t_string!(i18n, builder.p_standard_options), String::new()),
        Problem::Date => (t_string!(i18n, builder.p_date), String::new()),
        Problem::RuleUnknownQuestion(d) => {
            (t_string!(i18n, builder.p_rule_unknown_question), d.clone())
        }
        Problem::RuleNotEarlier(d) => (t_string!(i18n, builder.p_rule_not_earlier), d.clone()),
        Problem::RuleUnknownValue(d) => (t_string!(i18n, builder.p_rule_unknown_value), d.clone()),
        Problem::RuleMissingValue => (t_string!(i18n, builder.p_rule_missing_value), String::new()),
        Problem::AnsweredKind => (t_string!(i18n, builder.p_answered_kind), String::new()),
        Problem::AnsweredOption => (t_string!(i18n, builder.p_answered_option), String::new()),
        Problem::AnsweredQuestion => (t_string!(i18n, builder.p_answered_question), String::new()),
        Problem::EmptyPage => (t_string!(i18n, builder.p_empty_page), String::new()),
    };
    fill(template, &[("detail", &detail)])
}

/// The field a problem's path points at on a form that edits the part of
/// the survey at `scope` ("" for its details, "pages[1]" for a page,
/// "pages[1].questions[0]" for a question): an id among `fields`, or None
/// for a problem elsewhere in the survey.
pub fn field_of(path: &str, scope: &str, fields: &[&str]) -> Option<String> {
    let rest = if scope.is_empty() {
        path
    } else {
        path.strip_prefix(scope)?.strip_prefix('.')?
    };
    let first = rest.split('.').next()?;
    let (name, index) = match first.split_once('[') {
        Some((name, i)) => (name, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (first, None),
    };
    if !fields.contains(&name) {
        return None;
    }
    Some(match name {
        // Each written option is a row of its own.
        "options" => format!("option_label_{}", index.unwrap_or(0)),
        "show_if" => "rule".to_owned(),
        other => other.to_owned(),
    })
}

/// A refused form's problems, each placed on its own field where it has
/// one on this form: (field id, text for the summary, text beside the field).
#[derive(Debug, Clone, Default)]
pub struct Placed(Vec<(Option<String>, String, String)>);

impl Placed {
    /// `fields` are the form's (path name, label) pairs; a path name is
    /// also the field's id, except `options` and `show_if` (see [`field_of`]).
    pub fn new(refusal: Option<&BuilderRefusal>, scope: &str, fields: &[(&str, String)]) -> Placed {
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        Placed(
            refusal
                .map(|r| r.problems.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|located| {
                    let id = field_of(&located.path, scope, &names);
                    let words = problem_words(&located.problem);
                    let label = fields
                        .iter()
                        .find(|(n, _)| {
                            located
                                .path
                                .strip_prefix(scope)
                                .is_some_and(|rest| rest.trim_start_matches('.').starts_with(n))
                        })
                        .map(|(_, label)| label.clone());
                    match (&id, label) {
                        (Some(_), Some(label)) => (id, format!("{label}: {words}"), words),
                        _ => (None, problem_text(located), words),
                    }
                })
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message beside field `id`, if it has a problem.
    pub fn error(&self, id: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(field, _, _)| field.as_deref() == Some(id))
            .map(|(_, _, words)| words.clone())
    }
}

/// The error summary of a refused form, each problem linked to its field
/// (or to the page, for one elsewhere in the survey).
#[component]
pub fn FieldProblems(placed: Placed) -> impl IntoView {
    (!placed.is_empty()).then(|| {
        let items = placed
            .0
            .into_iter()
            .map(|(id, text, _)| {
                let href = id.map_or_else(|| "#main".to_owned(), |id| format!("#{id}"));
                view! { <li><a href=href>{text}</a></li> }
            })
            .collect_view();
        view! { <ErrorSummary>{items}</ErrorSummary> }
    })
}

/// The error summary for a refused form; `anchor` is where each item links.
#[component]
pub fn Problems(
    problems: Vec<Located>,
    #[prop(default = "#main")] anchor: &'static str,
) -> impl IntoView {
    let items = problems
        .iter()
        .map(|p| view! { <li><a href=anchor>{problem_text(p)}</a></li> })
        .collect_view();
    view! { <ErrorSummary>{items}</ErrorSummary> }
}

/// A kind of question, in words.
pub fn kind_name(kind: QuestionKind) -> String {
    let i18n = use_i18n();
    match kind {
        QuestionKind::SingleChoice => t_string!(i18n, builder.k_single_choice),
        QuestionKind::MultipleChoice => t_string!(i18n, builder.k_multiple_choice),
        QuestionKind::FaceScale => t_string!(i18n, builder.k_face_scale),
        QuestionKind::Likert => t_string!(i18n, builder.k_likert),
        QuestionKind::Rating => t_string!(i18n, builder.k_rating),
        QuestionKind::FriendsFamily => t_string!(i18n, builder.k_friends_family),
        QuestionKind::YesNoNotSure => t_string!(i18n, builder.k_yes_no_not_sure),
        QuestionKind::RespondentType => t_string!(i18n, builder.k_respondent_type),
        QuestionKind::ShortText => t_string!(i18n, builder.k_short_text),
        QuestionKind::LongText => t_string!(i18n, builder.k_long_text),
        QuestionKind::Number => t_string!(i18n, builder.k_number),
        QuestionKind::Date => t_string!(i18n, builder.k_date),
    }
    .to_string()
}

/// Text in the survey's own language (the builder edits that first).
pub fn own(text: &LocalizedText, locale: &str) -> String {
    text.0.get(locale).cloned().unwrap_or_default()
}

/// How an option reads: its own label, or a special or standard label.
pub fn option_label(kind: QuestionKind, option: &OptionDefinition, locale: &str) -> Label {
    let written = own(&option.label, locale);
    match option.special.as_deref().and_then(Special::parse) {
        _ if !written.is_empty() => Label::Text(crate::domain::localized::Resolved {
            text: written,
            locale: None,
        }),
        Some(special) => Label::Special(special),
        None => Label::Scale(kind, option.value.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn problems_are_placed_on_the_form_that_edits_them() {
        let details = ["title", "slug"];
        assert_eq!(field_of("title.en", "", &details).as_deref(), Some("title"));
        assert_eq!(field_of("slug", "", &details).as_deref(), Some("slug"));
        assert_eq!(field_of("pages[0].title", "", &details), None);
        let question = ["prompt", "options", "show_if"];
        let scope = "pages[1].questions[0]";
        assert_eq!(
            field_of("pages[1].questions[0].prompt.en", scope, &question).as_deref(),
            Some("prompt")
        );
        assert_eq!(
            field_of("pages[1].questions[0].options[2].label", scope, &question).as_deref(),
            Some("option_label_2")
        );
        assert_eq!(
            field_of("pages[1].questions[0].show_if[0].value", scope, &question).as_deref(),
            Some("rule")
        );
        // Another question, or a page with a longer number, is elsewhere.
        assert_eq!(
            field_of("pages[1].questions[1].prompt", scope, &question),
            None
        );
        assert_eq!(
            field_of("pages[10].questions[0].prompt", scope, &question),
            None
        );
    }
}
