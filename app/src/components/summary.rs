//! GOV.UK's summary list: each question with its answer and, while answers
//! can still change, a "Change" link to the page that asked it.

use super::{label::AnswerText, localized::Text};
use crate::{
    domain::journey::SummarySection,
    i18n::{t, use_i18n},
    paths,
};
use leptos::prelude::*;

#[component]
pub fn AnswerSummary(
    slug: String,
    sections: Vec<SummarySection>,
    /// Show "Change" links (to pages that return to "Check your answers").
    changeable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    sections
        .into_iter()
        .map(|section| {
            let index = section.page_number.saturating_sub(1);
            let number = section.page_number;
            let heading = match section.title {
                Some(title) => view! { <Text text=title /> }.into_any(),
                None => t!(i18n, check.page, page = number).into_any(),
            };
            let rows = section
                .items
                .into_iter()
                .map(|item| {
                    let change = changeable.then(|| {
                        let href = format!(
                            "{}#{}",
                            paths::change_page(&slug, index),
                            super::question::first_control_id(&item.question)
                        );
                        view! {
                            <dd class="summary-list__action">
                                <a href=href>
                                    {t!(i18n, check.change)}
                                    <span class="visually-hidden">
                                        " " <Text text=item.question.prompt.clone() />
                                    </span>
                                </a>
                            </dd>
                        }
                    });
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key"><Text text=item.question.prompt.clone() /></dt>
                            <dd class="summary-list__value">
                                <AnswerText question=item.question answer=item.answer />
                            </dd>
                            {change}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h2 class="summary-heading">{heading}</h2>
                <dl class="summary-list">{rows}</dl>
            }
        })
        .collect_view()
}
