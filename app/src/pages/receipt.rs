//! "Your answers", opened with a receipt code: see them, change them while
//! the survey is open, or withdraw them at any time.

use crate::{
    AppError,
    components::{label::date_string, localized::Text, summary::AnswerSummary},
    domain::{
        journey::{ReceiptPage, Step},
        localized::Resolved,
        validation::Date,
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[server]
pub async fn load_receipt(slug: String, locale: String) -> Result<Step<ReceiptPage>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::load::receipt_page(&state, &slug, &locale).await
}

#[server]
pub async fn load_withdraw(slug: String, locale: String) -> Result<Step<Resolved>, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::journey::load::withdraw_page(&state, &slug, &locale).await
}

#[component]
pub fn ReceiptPageView() -> impl IntoView {
    super::journey_page(
        |(slug, locale)| load_receipt(slug, locale),
        |page| view! { <ReceiptView page /> }.into_any(),
    )
}

#[component]
fn ReceiptView(page: ReceiptPage) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, receipt.title).to_string();
    let sent_on = Date::parse_iso(&page.sent_on)
        .map(date_string)
        .unwrap_or_else(|| page.sent_on.clone());
    let code = page.receipt_code.clone();
    let change = if page.can_change {
        view! {
            <form method="post" action=paths::your_answers(&page.slug) novalidate>
                <button type="submit" class="button">{t!(i18n, receipt.change)}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="panel panel--notice">{t!(i18n, receipt.closed)}</p> }.into_any()
    };
    let email_deleted = super::query_is("email", "deleted");
    let updates = page.updates_email.clone().map(|email| {
        view! {
            <h2>{t!(i18n, receipt.email_heading)}</h2>
            <p>{t!(i18n, receipt.email_kept, email = email)}</p>
            <form method="post" action=paths::forget_email(&page.slug) novalidate>
                <button type="submit" class="button button--secondary">{t!(i18n, receipt.email_forget)}</button>
            </form>
        }
    });
    let actions = page.actions.clone();
    let influence = view! {
        <h2>{t!(i18n, receipt.influence_heading)}</h2>
        {if actions.is_empty() {
            view! { <p>{t!(i18n, receipt.influence_none)}</p> }.into_any()
        } else {
            let items = actions
                .into_iter()
                .map(|a| view! {
                    <li>
                        <a href=paths::action(a.id)>{a.you_said}</a>
                        " " <crate::components::action::StatusTag status=a.status />
                    </li>
                })
                .collect_view();
            view! {
                <p>{t!(i18n, receipt.influence_lead)}</p>
                <ul class="links">{items}</ul>
            }.into_any()
        }}
        <p><a href=paths::YOU_SAID_WE_DID>{t!(i18n, receipt.influence_board)}</a></p>
    };
    view! {
        <Title text=format!("{heading} – {}", page.survey_title.text) />
        {email_deleted.then(|| view! {
            <div class="panel panel--confirmation" role="status">
                <p>{t!(i18n, receipt.email_deleted)}</p>
            </div>
        })}
        <span class="caption"><Text text=page.survey_title.clone() /></span>
        <h1>{heading}</h1>
        <p>{t!(i18n, receipt.sent_on, date = sent_on, code = code)}</p>
        {influence}
        <AnswerSummary slug=page.slug.clone() sections=page.sections.clone() changeable=false />
        {change}
        {updates}
        <h2>{t!(i18n, receipt.withdraw_heading)}</h2>
        <p>{t!(i18n, receipt.withdraw_body)}</p>
        <p><a class="button button--warning" href=paths::withdraw(&page.slug)>{t!(i18n, receipt.withdraw)}</a></p>
    }
}

#[component]
pub fn WithdrawPage() -> impl IntoView {
    super::journey_page(
        |(slug, locale)| load_withdraw(slug, locale),
        |title| view! { <WithdrawView title /> }.into_any(),
    )
}

#[component]
fn WithdrawView(title: Resolved) -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::current_slug();
    let heading = t_string!(i18n, withdraw.title).to_string();
    view! {
        <Title text=format!("{heading} – {}", title.text) />
        <span class="caption"><Text text=title /></span>
        <h1>{heading}</h1>
        <p>{t!(i18n, withdraw.body)}</p>
        <form method="post" action=paths::withdraw(&slug) novalidate>
            <button type="submit" class="button button--warning">{t!(i18n, withdraw.confirm)}</button>
        </form>
        <p><a href=paths::your_answers(&slug)>{t!(i18n, withdraw.cancel)}</a></p>
    }
}
