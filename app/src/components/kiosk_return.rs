//! The drop-in kiosk's two islands.
//!
//! [`KioskReturn`], on the thank-you page, replaces the page with an empty
//! form for the next person after a pause. "Stay on this page" stops it
//! (WCAG 2.2.1: a time limit the person can turn off), and what will happen
//! is announced once, not every second. `location.replace` keeps the
//! thank-you page out of the history. Without JavaScript the page shows only
//! its "Start again" link.
//!
//! [`KioskGuard`], on the form, reloads a form the browser brings back from
//! its back/forward cache, so Back never shows what the last person chose.

use leptos::prelude::*;

#[island]
pub fn KioskReturn(
    /// The empty form.
    href: String,
    seconds: u32,
    /// "The form will be ready for the next person in 20 seconds."
    counting: String,
    /// Said once stopped.
    stopped: String,
    stay: String,
) -> impl IntoView {
    // False on the server: without JavaScript nothing here shows or waits.
    let (awake, set_awake) = signal(false);
    let (running, set_running) = signal(false);
    Effect::new(move |_| {
        set_awake.set(true);
        set_running.set(true);
        start(href.clone(), seconds, running);
    });
    // The live region is empty until awake, so its one message is a change
    // that screen readers announce.
    let text = move || match (awake.get(), running.get()) {
        (false, _) => String::new(),
        (true, true) => counting.clone(),
        (true, false) => stopped.clone(),
    };
    view! {
        <div class="kiosk-return">
            <p class="kiosk-countdown" role="status">{text}</p>
            <button
                type="button"
                class="button button--secondary"
                hidden=move || !running.get()
                on:click=move |_| set_running.set(false)
            >
                {stay}
            </button>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn start(href: String, seconds: u32, running: ReadSignal<bool>) {
    set_timeout(
        move || {
            if running.get_untracked() {
                let _ = window().location().replace(&href);
            }
        },
        std::time::Duration::from_secs(u64::from(seconds)),
    );
}

#[cfg(not(feature = "hydrate"))]
fn start(_href: String, _seconds: u32, _running: ReadSignal<bool>) {}

#[island]
pub fn KioskGuard() -> impl IntoView {
    Effect::new(move |_| guard());
    view! { <span hidden></span> }
}

#[cfg(feature = "hydrate")]
fn guard() {
    let _ = window_event_listener(leptos::ev::pageshow, |event| {
        if event.persisted() {
            let _ = window().location().reload();
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn guard() {}
