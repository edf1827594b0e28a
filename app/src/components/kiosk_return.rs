//! After feedback at a drop-in kiosk: counts down a few seconds, then
//! replaces the page with an empty form for the next person. "Stay on this
//! page" stops the count (WCAG 2.2.1: a time limit the person can turn off).
//!
//! `location.replace` keeps the thank-you page out of the history, so Back
//! cannot step through earlier visitors. Without JavaScript the page shows
//! only its "Start again" link.

use leptos::prelude::*;

#[island]
pub fn KioskReturn(
    /// The empty form.
    href: String,
    seconds: u32,
    /// "Ready for the next person in {n} seconds."
    counting: String,
    /// Shown once stopped.
    stopped: String,
    stay: String,
) -> impl IntoView {
    let (left, set_left) = signal(seconds);
    // Both false on the server: without JavaScript nothing here shows.
    let (awake, set_awake) = signal(false);
    let (running, set_running) = signal(false);
    Effect::new(move |_| {
        set_awake.set(true);
        set_running.set(true);
        start(href.clone(), left, set_left, running);
    });
    let text = move || {
        if running.get() {
            counting.replace("{n}", &left.get().to_string())
        } else {
            stopped.clone()
        }
    };
    view! {
        <p class="kiosk-countdown" hidden=move || !awake.get()>{text}</p>
        <button
            type="button"
            class="button button--secondary"
            hidden=move || !running.get()
            on:click=move |_| set_running.set(false)
        >
            {stay}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn start(
    href: String,
    left: ReadSignal<u32>,
    set_left: WriteSignal<u32>,
    running: ReadSignal<bool>,
) {
    let _ = set_interval_with_handle(
        move || {
            if !running.get_untracked() {
                return;
            }
            match left.get_untracked() {
                0 | 1 => {
                    let _ = window().location().replace(&href);
                }
                n => set_left.set(n - 1),
            }
        },
        std::time::Duration::from_secs(1),
    );
}

#[cfg(not(feature = "hydrate"))]
fn start(
    _href: String,
    _left: ReadSignal<u32>,
    _set_left: WriteSignal<u32>,
    _running: ReadSignal<bool>,
) {
}
