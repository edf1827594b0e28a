//! How options and answers read: an officer's label, or a standard label
//! from `locales/`; and an answer as text for "Check your answers".

use super::localized::Text;
use crate::{
    domain::{
        survey::{Label, QuestionKind, QuestionView, Special},
        validation::{AnswerValue, Date},
    },
    i18n::{t, use_i18n},
};
use leptos::prelude::*;

/// An option's label in the page's language.
#[component]
pub fn OptionLabel(label: Label) -> impl IntoView {
    let i18n = use_i18n();
    match label {
        Label::Text(text) => view! { <Text text /> }.into_any(),
        Label::Special(special) => match special {
            Special::NoneOfThese => t!(i18n, scale.none_of_these).into_any(),
            Special::PreferNotToSay => t!(i18n, scale.prefer_not_to_say).into_any(),
            Special::DontKnow => t!(i18n, scale.dont_know).into_any(),
        },
        Label::Scale(kind, value) => scale_label(kind, &value),
    }
}

/// The standard label of a scale's value. Ratings are their own numbers.
fn scale_label(kind: QuestionKind, value: &str) -> AnyView {
    let i18n = use_i18n();
    match (kind, value) {
        (QuestionKind::FaceScale, "very-unhappy") => t!(i18n, scale.very_unhappy).into_any(),
        (QuestionKind::FaceScale, "unhappy") => t!(i18n, scale.unhappy).into_any(),
        (QuestionKind::FaceScale, "okay") => t!(i18n, scale.okay).into_any(),
        (QuestionKind::FaceScale, "happy") => t!(i18n, scale.happy).into_any(),
        (QuestionKind::FaceScale, "very-happy") => t!(i18n, scale.very_happy).into_any(),
        (QuestionKind::Likert, "strongly-agree") => t!(i18n, scale.strongly_agree).into_any(),
        (QuestionKind::Likert, "agree") => t!(i18n, scale.agree).into_any(),
        (QuestionKind::Likert, "neither") => t!(i18n, scale.neither_agree).into_any(),
        (QuestionKind::Likert, "disagree") => t!(i18n, scale.disagree).into_any(),
        (QuestionKind::Likert, "strongly-disagree") => t!(i18n, scale.strongly_disagree).into_any(),
        (QuestionKind::FriendsFamily, "very-good") => t!(i18n, scale.very_good).into_any(),
        (QuestionKind::FriendsFamily, "good") => t!(i18n, scale.good).into_any(),
        (QuestionKind::FriendsFamily, "neither") => t!(i18n, scale.neither_good).into_any(),
        (QuestionKind::FriendsFamily, "poor") => t!(i18n, scale.poor).into_any(),
        (QuestionKind::FriendsFamily, "very-poor") => t!(i18n, scale.very_poor).into_any(),
        (QuestionKind::FriendsFamily, "dont-know") => t!(i18n, scale.dont_know).into_any(),
        (QuestionKind::YesNoNotSure, "yes") => t!(i18n, scale.yes).into_any(),
        (QuestionKind::YesNoNotSure, "no") => t!(i18n, scale.no).into_any(),
        (QuestionKind::YesNoNotSure, "not-sure") => t!(i18n, scale.not_sure).into_any(),
        (QuestionKind::RespondentType, "parent-carer") => t!(i18n, scale.parent_carer).into_any(),
        (QuestionKind::RespondentType, "child-young-person") => {
            t!(i18n, scale.child_young_person).into_any()
        }
        (QuestionKind::RespondentType, "professional") => t!(i18n, scale.professional).into_any(),
        // Ratings, and any value a newer build added: the value itself.
        (_, value) => value.to_owned().into_any(),
    }
}

/// A simple face for each point of the face scale: decoration beside the
/// text label, so it is hidden from screen readers.
#[component]
pub fn Face(value: String) -> impl IntoView {
    // The mouth as a quadratic curve: its control point sets the smile.
    let mouth = match value.as_str() {
        "very-unhappy" => "M10 24 Q16 16 22 24",
        "unhappy" => "M10 23 Q16 19 22 23",
        "okay" => "M10 21 Q16 21 22 21",
        "happy" => "M10 20 Q16 24 22 20",
        _ => "M10 19 Q16 27 22 19",
    };
    view! {
        <svg class="face" viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" fill="#ffdd00" stroke="#0b0c0c" stroke-width="2" />
            <circle cx="11" cy="12" r="2" fill="#0b0c0c" />
            <circle cx="21" cy="12" r="2" fill="#0b0c0c" />
            <path d=mouth fill="none" stroke="#0b0c0c" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}

/// A date as people write it: "9 February 2026".
pub fn date_string(date: Date) -> String {
    date_in(use_i18n().get_locale_untracked(), date)
}

/// A date as people write it in `locale`, outside any page (posters, mail).
pub fn date_in(locale: crate::i18n::Locale, date: Date) -> String {
    use crate::i18n::td_string;
    let l = locale;
    let month = match date.month {
        1 => td_string!(l, months.m1),
        2 => td_string!(l, months.m2),
        3 => td_string!(l, months.m3),
        4 => td_string!(l, months.m4),
        5 => td_string!(l, months.m5),
        6 => td_string!(l, months.m6),
        7 => td_string!(l, months.m7),
        8 => td_string!(l, months.m8),
        9 => td_string!(l, months.m9),
        10 => td_string!(l, months.m10),
        11 => td_string!(l, months.m11),
        _ => td_string!(l, months.m12),
    };
    format!("{} {month} {}", date.day, date.year)
}

/// A date in a `<time>` element.
#[component]
pub fn DateText(date: Date) -> impl IntoView {
    view! { <time datetime=date.iso()>{date_string(date)}</time> }
}

/// An answer as it reads in a summary; "Not answered" when there is none.
#[component]
pub fn AnswerText(question: QuestionView, answer: Option<AnswerValue>) -> impl IntoView {
    let i18n = use_i18n();
    match answer {
        None => view! { <span class="muted">{t!(i18n, check.not_answered)}</span> }.into_any(),
        Some(AnswerValue::Options(values)) => {
            let labels = values
                .iter()
                .filter_map(|v| question.option(v))
                .map(|o| view! { <li><OptionLabel label=o.label.clone() /></li> })
                .collect_view();
            view! { <ul class="plain-list">{labels}</ul> }.into_any()
        }
        Some(AnswerValue::Text(text)) => view! { <span class="pre-wrap">{text}</span> }.into_any(),
        Some(AnswerValue::Number(n)) => n.to_string().into_any(),
        Some(AnswerValue::Date(date)) => view! { <DateText date /> }.into_any(),
    }
}
