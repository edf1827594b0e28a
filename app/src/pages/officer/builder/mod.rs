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
    crate::server::store::definitions::builder_view(&state.db, officer, id, &locale).await
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
    let (template, detail): (&str, String) = match &located.problem {
        Problem::Format => (t_string!(i18n, builder.p_format), String::new()),
        Problem::Parse(d) => (t_string!(i18n, builder.p_parse), d.clone()),
        Problem::Missing => (t_string!(i18n, builder.p_missing), String::new()),
        Problem::TooLong(n) => (t_string!(i18n, builder.p_too_long), n.to_string()),
        Problem::TooMany(n) => (t_string!(i18n, builder.p_too_many), n.to_string()),
        Problem::Duplicate(d) => (t_string!(i18n, builder.p_duplicate), d.clone()),
        Problem::Unknown(d) => (t_string!(i18n, builder.p_unknown), d.clone()),
        Problem::Shape(d) => (t_string!(i18n, builder.p_shape), d.clone()),
        Problem::Range => (t_string!(i18n, builder.p_range), String::new()),
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
    let problem = fill(template, &[("detail", &detail)]);
    if located.path.is_empty() {
        problem
    } else {
        fill(
            t_string!(i18n, builder.p_at),
            &[("path", &located.path), ("problem", &problem)],
        )
    }
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
