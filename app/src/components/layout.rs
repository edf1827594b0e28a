//! The frame of every page: skip link, header with the language switcher,
//! the main landmark and the footer.

use crate::{
    i18n::{I18nLocaleTrait, t, t_string, use_i18n},
    i18n_support::LOCALES,
};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // A drop-in kiosk stays on its one form: no link leads away from it.
    let kiosk = crate::paths::is_dropin(
        &leptos_router::hooks::use_location()
            .pathname
            .get_untracked(),
    );
    let site_name = if kiosk {
        view! { <span class="site-name">{t!(i18n, site_name)}</span> }.into_any()
    } else {
        view! { <a class="site-name" href="/">{t!(i18n, site_name)}</a> }.into_any()
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_link)}</a>
        <header class="site-header">
            <div class="width">
                {site_name}
                <LanguageSwitcher />
            </div>
        </header>
        <main id="main" class="width" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="width">
                <p>{t!(i18n, footer)}</p>
            </div>
        </footer>
    }
}

/// Plain links (`?lang=…`), so switching works without JavaScript and keeps
/// the current page. Each language is named in itself and marked with `lang`.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let current = i18n.get_locale_untracked().as_str();
    view! {
        <nav class="language-switcher" aria-label=t_string!(i18n, language).to_string()>
            <ul>
                {LOCALES
                    .iter()
                    .map(|(code, name)| {
                        let here = *code == current;
                        view! {
                            <li>
                                <a
                                    href=format!("?lang={code}")
                                    lang=*code
                                    hreflang=*code
                                    aria-current=here.then_some("true")
                                >
                                    {*name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
