//! Showing officer-written text that may be in another language than the page.

use crate::domain::localized::Resolved;
use leptos::prelude::*;

/// Text from the survey. When it fell back to another language, it is marked
/// with that language so screen readers pronounce it correctly.
#[component]
pub fn Text(text: Resolved) -> impl IntoView {
    let dir = text.locale.as_deref().map(crate::i18n_support::direction);
    view! { <span lang=text.locale dir=dir>{text.text}</span> }
}
