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
//! its back/forward cache, so Back never shows what the last person chose;
//! and clears a form left half-filled: after a few idle minutes it asks
//! "Are you still there?" and, unless someone answers within its warning
//! time, replaces the page with an empty form (WCAG 2.2.1: warned, with
//! time to extend by one press).

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
pub fn KioskGuard(
    /// The empty form.
    href: String,
    /// Seconds without a touch or key press before the warning.
    idle_seconds: u32,
    /// Seconds the warning waits for an answer.
    warn_seconds: u32,
    /// "Are you still there? …"
    warning: String,
    still_here: String,
) -> impl IntoView {
    // Seconds since the last touch, key press or typing.
    let (idle, set_idle) = signal(0u32);
    let warned = move || idle.get() >= idle_seconds;
    Effect::new(move |_| guard(href.clone(), idle_seconds + warn_seconds, idle, set_idle));
    // An assertive live region, empty until needed, so screen readers
    // announce the warning as it appears (not an "alert" role: the page's
    // error summary is the one alert).
    let text = move || {
        if warned() {
            warning.clone()
        } else {
            String::new()
        }
    };
    view! {
        <div class="kiosk-idle" aria-live="assertive" aria-atomic="true">
            <p>{text}</p>
            <button type="button" class="button" hidden=move || !warned() on:click=move |_| set_idle.set(0)>
                {still_here}
            </button>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn guard(href: String, limit: u32, idle: ReadSignal<u32>, set_idle: WriteSignal<u32>) {
    let _ = window_event_listener(leptos::ev::pageshow, |event| {
        if event.persisted() {
            let _ = window().location().reload();
        }
    });
    let _ = window_event_listener(leptos::ev::pointerdown, move |_| set_idle.set(0));
    let _ = window_event_listener(leptos::ev::keydown, move |_| set_idle.set(0));
    let _ = window_event_listener(leptos::ev::input, move |_| set_idle.set(0));
    let _ = set_interval_with_handle(
        move || {
            let now = idle.get_untracked() + 1;
            if now >= limit {
                let _ = window().location().replace(&href);
            } else {
                set_idle.set(now);
            }
        },
        std::time::Duration::from_secs(1),
    );
}

#[cfg(not(feature = "hydrate"))]
fn guard(_href: String, _limit: u32, _idle: ReadSignal<u32>, _set_idle: WriteSignal<u32>) {}
