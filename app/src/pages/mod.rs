//! One module per page. Each loads its data through a server function and
//! renders on the server; none needs JavaScript.

pub mod error;
pub mod home;
pub mod results;
pub mod survey;
pub mod thanks;

use crate::i18n::{I18nLocaleTrait, use_i18n};

/// The current interface language code, for server functions.
pub fn current_locale() -> String {
    use_i18n().get_locale_untracked().as_str().to_owned()
}
