//! "Read this question aloud": an island that speaks a question with the
//! browser's own speech synthesis, for respondents who find reading hard.
//!
//! It is hidden until it is awake in a browser that can speak; without
//! JavaScript, or without speech, there is no button that would do nothing.

use leptos::prelude::*;

/// `text` is spoken in `lang`; `label` is the button's translated text.
#[island]
pub fn ReadAloud(text: String, lang: String, label: String) -> impl IntoView {
    let (can_speak, set_can_speak) = signal(false);
    // Effects run only in the browser.
    Effect::new(move |_| set_can_speak.set(speech_available()));
    // Rendered on the server and only un-hidden here: building new elements
    // in the browser would pull most of the renderer into the wasm.
    view! {
        <button
            type="button"
            class="read-aloud"
            hidden=move || !can_speak.get()
            on:click=move |_| speak(&text, &lang)
        >
            <span aria-hidden="true">"🔊 "</span>
            {label}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn speech_available() -> bool {
    web_sys::window().is_some_and(|w| w.speech_synthesis().is_ok())
}

#[cfg(not(feature = "hydrate"))]
fn speech_available() -> bool {
    false
}

/// Speaks `text`, stopping anything still being read.
#[cfg(feature = "hydrate")]
fn speak(text: &str, lang: &str) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    synth.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        // Speech engines know languages, not our easy read variant.
        utterance.set_lang(lang.split('-').next().unwrap_or(lang));
        // A little slower than default: easier to follow.
        utterance.set_rate(0.9);
        synth.speak(&utterance);
    }
}

#[cfg(not(feature = "hydrate"))]
fn speak(_text: &str, _lang: &str) {}
