//! A live count of the characters left in a long answer: an island, so it is
//! the only part of the survey page that runs in the browser.
//!
//! Without JavaScript the hint already states the limit and the server
//! enforces it; with JavaScript the count follows what is typed.

use leptos::prelude::*;

/// Wraps a `<textarea>` (its children, rendered on the server).
///
/// `remaining` and `over` are translated messages containing `{n}` (a literal
/// placeholder in `locales/`, filled in here); they come as props because
/// translations are resolved on the server.
#[island]
pub fn CharacterCount(
    limit: usize,
    initial: usize,
    remaining: String,
    over: String,
    children: Children,
) -> impl IntoView {
    let (count, set_count) = signal(initial);
    // Effects run only in the browser: the message appears once it can update.
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    let message = move || {
        if !live.get() {
            return String::new();
        }
        let n = count.get();
        if n <= limit {
            remaining.replace("{n}", &(limit - n).to_string())
        } else {
            over.replace("{n}", &(n - limit).to_string())
        }
    };
    view! {
        <div
            class="character-count"
            on:input=move |ev| set_count.set(count_characters(&event_target_value(&ev)))
        >
            {children()}
            <p
                class=move || {
                    if count.get() > limit {
                        "character-count__message character-count__message--over"
                    } else {
                        "character-count__message"
                    }
                }
                aria-live="polite"
            >
                {message}
            </p>
        </div>
    }
}

/// Counts as the server does: a line break is one character.
fn count_characters(text: &str) -> usize {
    text.chars().filter(|c| *c != '\r').count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_characters_not_bytes_and_line_breaks_once() {
        assert_eq!(super::count_characters("ąę\r\nاردو"), 7);
    }
}
