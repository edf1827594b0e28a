//! Instant validation: an island that checks a question's answer as the
//! respondent gives it (a choice clicked, or a pause in typing), with the
//! very rules the server applies (`domain::validation`), and says what to
//! fix before they press Continue.
//!
//! It only speaks about answers that are there and wrong (a number out of
//! range, an impossible date, too much text, "none of these" with others),
//! never about questions not yet answered. Without JavaScript the server's
//! error summary does the same job after Continue.

use crate::domain::validation::{FieldProblem, LiveRule};
use leptos::prelude::*;

/// Sits inside a question; watches the controls of the `.question` around it.
/// `messages` are the translated texts for the problems this question can
/// have (translation happens on the server).
#[island]
pub fn LiveCheck(rule: LiveRule, messages: Vec<(FieldProblem, String)>) -> impl IntoView {
    let (shown, set_shown) = signal(String::new());
    let anchor = NodeRef::<leptos::html::P>::new();
    #[cfg(feature = "hydrate")]
    {
        let watching = std::cell::Cell::new(false);
        Effect::new(move |_| {
            if let Some(p) = anchor.get()
                && !watching.replace(true)
            {
                browser::watch(&p, rule.question(), messages.clone(), set_shown);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (rule, messages, set_shown);
    view! {
        <p
            class="error-message live-check"
            aria-live="polite"
            hidden=move || shown.get().is_empty()
            node_ref=anchor
        >
            {move || shown.get()}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::domain::{
        survey::{QuestionKind, QuestionView},
        validation::{Completeness, FieldProblem, validate},
    };
    use leptos::prelude::{Set, WriteSignal};
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{JsCast, closure::Closure};

    /// How long typing must pause before a text answer is checked.
    const PAUSE_MS: i32 = 700;

    /// Checks the question when a choice is clicked, or when typing pauses.
    ///
    /// Never when a field is left: the message would appear as the
    /// respondent presses Continue, move the button under their finger and
    /// swallow the press. Leaving a field cancels a check not yet made.
    pub fn watch(
        anchor: &web_sys::HtmlParagraphElement,
        question: QuestionView,
        messages: Vec<(FieldProblem, String)>,
        shown: WriteSignal<String>,
    ) {
        // The island sits in a `<leptos-island>` inside the question.
        let Ok(Some(group)) = anchor.closest(".question") else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let controls = group.clone();
        // Someone already typing here when the page wakes up (a slow phone
        // loads the script late) gets their answer checked at once. A page
        // re-shown with server errors has its focus on the error summary.
        let typing_already = window
            .document()
            .and_then(|d| d.active_element())
            .is_some_and(|active| group.contains(Some(&active)));
        let check = Rc::new(move || {
            let posted = values(&controls);
            if !ready(&question, &posted) {
                return;
            }
            let problem = validate(&[&question], &posted, Completeness::Partial)
                .err()
                .and_then(|r| r.errors.first().map(|e| e.problem));
            let text = problem
                .and_then(|p| messages.iter().find(|(m, _)| *m == p))
                .map(|(_, text)| text.clone())
                .unwrap_or_default();
            shown.set(text);
        });

        let on_choice = {
            let check = Rc::clone(&check);
            Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
                if is_choice(&ev) {
                    check();
                }
            })
        };
        let pending: Rc<Cell<Option<i32>>> = Rc::new(Cell::new(None));
        let later = {
            let check = Rc::clone(&check);
            let pending = Rc::clone(&pending);
            Closure::<dyn Fn()>::new(move || {
                pending.set(None);
                check();
            })
        };
        let on_typing = {
            let (window, pending) = (window.clone(), Rc::clone(&pending));
            let later = later
                .as_ref()
                .unchecked_ref::<web_sys::js_sys::Function>()
                .clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
                if is_choice(&ev) {
                    return;
                }
                if let Some(id) = pending.take() {
                    window.clear_timeout_with_handle(id);
                }
                pending.set(
                    window
                        .set_timeout_with_callback_and_timeout_and_arguments_0(&later, PAUSE_MS)
                        .ok(),
                );
            })
        };
        let on_leave = {
            let (window, pending) = (window, Rc::clone(&pending));
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
                if let Some(id) = pending.take() {
                    window.clear_timeout_with_handle(id);
                }
            })
        };
        for (event, handler) in [
            ("change", &on_choice),
            ("input", &on_typing),
            ("focusout", &on_leave),
        ] {
            let _ = group.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        }
        if typing_already {
            check();
        }
        // They live as long as the page does.
        on_choice.forget();
        on_typing.forget();
        on_leave.forget();
        later.forget();
    }

    /// Whether the event came from a radio or checkbox.
    fn is_choice(ev: &web_sys::Event) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| matches!(input.type_().as_str(), "radio" | "checkbox"))
    }

    /// Whether an answer is complete enough to judge: a date only once its
    /// year has four digits (until then it is still being typed).
    fn ready(question: &QuestionView, posted: &[(String, String)]) -> bool {
        if question.kind != QuestionKind::Date {
            return true;
        }
        let year = format!("{}-year", question.field());
        posted
            .iter()
            .any(|(name, value)| *name == year && value.trim().len() >= 4)
    }

    /// The question's controls as a form would post them.
    fn values(group: &web_sys::Element) -> Vec<(String, String)> {
        let Ok(nodes) = group.query_selector_all("input, textarea") else {
            return Vec::new();
        };
        (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter_map(|node| {
                if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
                    let choice = matches!(input.type_().as_str(), "radio" | "checkbox");
                    (!choice || input.checked()).then(|| (input.name(), input.value()))
                } else {
                    node.dyn_ref::<web_sys::HtmlTextAreaElement>()
                        .map(|area| (area.name(), area.value()))
                }
            })
            .collect()
    }
}
