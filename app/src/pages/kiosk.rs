//! The drop-in kiosk: one feedback form on a shared tablet, and the
//! thank-you page that hands the tablet to the next person. Neither sets a
//! cookie or shows anything of earlier answers; the form posts to
//! `server::journey::dropin::kiosk_send`.

use super::question::{question_views, refused_summary};
use crate::{
    AppError,
    components::{
        error_summary::page_title,
        kiosk_return::{KioskGuard, KioskReturn},
        label::DateText,
        localized::Text,
    },
    domain::dropins::{KioskForm, KioskRefusal},
    i18n::{t, t_string, use_i18n},
    pages::officer::dropins::times,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

/// Seconds the thank-you page waits before the next person's form.
const RETURN_SECONDS: u32 = 20;
/// Idle seconds before a half-filled form asks whether anyone is there, and
/// seconds it then waits before clearing.
const IDLE_SECONDS: u32 = 180;
const WARN_SECONDS: u32 = 20;

#[server]
pub async fn load_kiosk(code: String, locale: String) -> Result<KioskForm, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::dropin::kiosk_form(&state, &code, &locale).await
}

fn code_param() -> String {
    use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default()
}

fn kiosk_page(page: fn(KioskForm) -> AnyView) -> impl IntoView {
    let data = Resource::new_blocking(super::current_locale, |locale| {
        load_kiosk(code_param(), locale)
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => page(form),
                    Err(error) => view! { <super::error::ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn KioskPage() -> impl IntoView {
    kiosk_page(|form| view! { <Kiosk form /> }.into_any())
}

#[component]
pub fn KioskThanksPage() -> impl IntoView {
    kiosk_page(|form| view! { <Thanks form /> }.into_any())
}

/// The session, as a caption above the form.
#[component]
fn SessionCaption(form: KioskForm) -> impl IntoView {
    let date = form.date;
    view! {
        <span class="caption">
            {form.session_name.clone()} " · " <DateText date /> ", " {times(&form.starts, &form.ends)}
            " · " {form.venue.clone()}
        </span>
    }
}

#[component]
fn Kiosk(form: KioskForm) -> impl IntoView {
    let i18n = use_i18n();
    let refusal = use_context::<KioskRefusal>();
    let token = refusal
        .as_ref()
        .map_or_else(|| form.token.clone(), |r| r.token.clone());
    let refused = refusal.map(|r| r.rejected);
    let title = page_title(&form.title.text, refused.is_some());
    // The previous form was open longer than a ticket lasts.
    let expired = use_query_map().read_untracked().get("expired").is_some();
    let body = if form.accepting {
        let summary = refused_summary(&form.questions, refused.as_ref());
        let expired = expired.then(|| {
            view! { <p class="panel panel--notice" role="status">{t!(i18n, kiosk.expired)}</p> }
        });
        let questions = question_views(&form.questions, &HashMap::new(), refused.as_ref());
        view! {
            {summary}
            {expired}
            <form method="post" action=format!("{}?lang={}", paths::kiosk(&form.code), super::current_locale())
                autocomplete="off" novalidate>
                <input type="hidden" name="token" value=token />
                <KioskGuard
                    href=paths::kiosk(&form.code)
                    idle_seconds=IDLE_SECONDS
                    warn_seconds=WARN_SECONDS
                    warning=crate::i18n_support::fill(
                        t_string!(i18n, kiosk.idle_warning),
                        &[("n", &WARN_SECONDS.to_string())],
                    )
                    still_here=t_string!(i18n, kiosk.still_here).to_string()
                />
                {questions}
                <button type="submit" class="button">{t!(i18n, kiosk.send)}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="panel panel--notice">{t!(i18n, kiosk.closed)}</p> }.into_any()
    };
    view! {
        <Title text=title />
        <SessionCaption form=form.clone() />
        <h1><Text text=form.title.clone() /></h1>
        <section class="views-statement" aria-labelledby="views-heading">
            <h2 id="views-heading">{t!(i18n, survey.views_heading)}</h2>
            <p><Text text=form.views_statement.clone() /></p>
            <p>{t!(i18n, kiosk.voluntary)}</p>
        </section>
        {body}
    }
}

#[component]
fn Thanks(form: KioskForm) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, kiosk.thanks_title).to_string();
    let href = paths::kiosk(&form.code);
    let counting = crate::i18n_support::fill(
        t_string!(i18n, kiosk.counting),
        &[("n", &RETURN_SECONDS.to_string())],
    );
    view! {
        <Title text=heading.clone() />
        <KioskReturn
            href=href.clone()
            seconds=RETURN_SECONDS
            counting
            stopped=t_string!(i18n, kiosk.stopped).to_string()
            stay=t_string!(i18n, kiosk.stay).to_string()
        />
        <SessionCaption form=form.clone() />
        <div class="panel panel--confirmation">
            <h1>{heading}</h1>
            <p>{t!(i18n, kiosk.thanks_body)}</p>
        </div>
        <p><a class="button" href=href>{t!(i18n, kiosk.next_person)}</a></p>
    }
}
