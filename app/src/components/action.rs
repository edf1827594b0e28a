//! "You said, we did" as the public, respondents and officers see it: the
//! status tag, a card for lists, the whole action with its evidence and
//! timeline, and the "I am heard" indicator. The public page and the
//! officers' preview render the same components, so a preview is exact.

use crate::{
    components::{
        figures::{Count, percent_text},
        label::OptionLabel,
        localized::Text,
        question_figures::QuestionFigures,
    },
    domain::actions::{
        ActionCard, ActionPage, ActionStatus, EventKind, EvidenceFigures, EvidenceView,
        HeardIndicator, Tag, TimelineEntry,
    },
    i18n::{t, t_string, use_i18n},
    i18n_support::fill,
    paths,
};
use leptos::prelude::*;

/// A status in words.
pub fn status_name(status: ActionStatus) -> String {
    let i18n = use_i18n();
    match status {
        ActionStatus::Planned => t_string!(i18n, actions.status_planned),
        ActionStatus::InProgress => t_string!(i18n, actions.status_in_progress),
        ActionStatus::Done => t_string!(i18n, actions.status_done),
        ActionStatus::NotPossible => t_string!(i18n, actions.status_not_possible),
    }
    .to_string()
}

/// The status as a coloured tag (colour is never the only cue: it has words).
#[component]
pub fn StatusTag(status: ActionStatus) -> impl IntoView {
    let class = format!("tag tag--{}", status.as_str());
    view! { <strong class=class>{status_name(status)}</strong> }
}

#[component]
fn Tags(outcomes: Vec<Tag>, priorities: Vec<Tag>) -> impl IntoView {
    let i18n = use_i18n();
    (!outcomes.is_empty() || !priorities.is_empty()).then(|| {
        let outcome_items = outcomes
            .into_iter()
            .map(|t| view! { <li class="tag-list__item"><Text text=t.title /></li> })
            .collect_view();
        let priority_items = priorities
            .into_iter()
            .map(|t| {
                let number = t.key.clone();
                view! {
                    <li class="tag-list__item">
                        {t!(i18n, actions.priority_number, number = number)} ": " <Text text=t.title />
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="tag-list" aria-label=t_string!(i18n, actions.tags_label).to_string()>
                {outcome_items}
                {priority_items}
            </ul>
        }
    })
}

/// "Service · When", when either is known.
#[component]
fn ServiceAndTiming(service: String, timing: String) -> impl IntoView {
    let i18n = use_i18n();
    let service = (!service.is_empty()).then(|| {
        view! { <div class="summary-list__row"><dt>{t!(i18n, actions.service)}</dt><dd>{service}</dd></div> }
    });
    let timing = (!timing.is_empty()).then(|| {
        view! { <div class="summary-list__row"><dt>{t!(i18n, actions.timing)}</dt><dd>{timing}</dd></div> }
    });
    view! { <dl class="summary-list summary-list--compact">{service}{timing}</dl> }
}

/// One action in a list: what was said, what was done, its status.
#[component]
pub fn ActionCardView(card: ActionCard, #[prop(default = 2)] level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let href = paths::action(card.id);
    let said = card.you_said.clone();
    let heading = match level {
        3 => view! { <h3 class="action-card__title"><a href=href>{said}</a></h3> }.into_any(),
        _ => view! { <h2 class="action-card__title"><a href=href>{said}</a></h2> }.into_any(),
    };
    view! {
        <article class="action-card">
            <p class="action-card__status"><StatusTag status=card.status /></p>
            <p class="caption">{t!(i18n, actions.you_said)}</p>
            {heading}
            <p><strong>{t!(i18n, actions.we_did)} ": "</strong>{card.we_did}</p>
            <ServiceAndTiming service=card.service timing=card.timing />
            <Tags outcomes=card.outcomes priorities=card.priorities />
            <p class="action-card__updated">{t!(i18n, actions.updated_on, date = card.updated_on)}</p>
        </article>
    }
}

/// The whole action: words, reason, tags, evidence and timeline. Headings
/// start at level 2 (the page's h1 is "You said").
#[component]
pub fn ActionDetails(page: ActionPage) -> impl IntoView {
    let i18n = use_i18n();
    let card = page.card;
    let reason = card
        .reason
        .clone()
        .filter(|_| card.status == ActionStatus::NotPossible);
    view! {
        <p><StatusTag status=card.status /></p>
        <h2>{t!(i18n, actions.we_did)}</h2>
        <p class="action-text">{card.we_did.clone()}</p>
        {reason.map(|reason| view! {
            <div class="panel panel--notice">
                <h3>{t!(i18n, actions.why_not_possible)}</h3>
                <p class="action-text">{reason}</p>
            </div>
        })}
        <ServiceAndTiming service=card.service.clone() timing=card.timing.clone() />
        <Tags outcomes=card.outcomes.clone() priorities=card.priorities.clone() />
        <h2 id="evidence">{t!(i18n, actions.evidence)}</h2>
        <EvidenceList evidence=page.evidence remove_from=None />
        <h2 id="timeline">{t!(i18n, actions.timeline)}</h2>
        <Timeline entries=page.timeline />
    }
}

/// The evidence with its figures; officers who may edit get a remove
/// button on each (`remove_from` is the action's id).
#[component]
pub fn EvidenceList(evidence: Vec<EvidenceView>, remove_from: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    if evidence.is_empty() {
        return view! { <p>{t!(i18n, actions.no_evidence)}</p> }.into_any();
    }
    let items = evidence
        .into_iter()
        .map(|e| {
            let remove = remove_from.map(|action| {
                view! {
                    <form method="post" action=paths::officer_action(action) class="inline-form">
                        <input type="hidden" name="op" value="remove_evidence" />
                        <input type="hidden" name="evidence" value=e.id.to_string() />
                        <button type="submit" class="button button--secondary button--small">
                            {t!(i18n, actions.remove_evidence)}
                            <span class="visually-hidden">" " {e.id}</span>
                        </button>
                    </form>
                }
            });
            let segment = e.segment.map(|(question, answer)| {
                view! {
                    <p class="hint">
                        {t!(i18n, actions.segment_lead)} " "
                        <q><OptionLabel label=answer /></q> " – " <Text text=question />
                    </p>
                }
            });
            let prefix = format!("e{}-", e.id);
            let figures = match e.figures {
                EvidenceFigures::Question(q) => view! { <QuestionFigures q survey=None prefix /> }.into_any(),
                EvidenceFigures::Theme { name, comments } => view! {
                    <h3 class="question-figure__prompt">{t!(i18n, actions.theme_evidence, name = name)}</h3>
                    <p>{t!(i18n, analysis.comments_count)} ": " <Count shown=comments /></p>
                }
                .into_any(),
                EvidenceFigures::Series { name, responses, positive, negative } => view! {
                    <h3 class="question-figure__prompt">{t!(i18n, actions.series_evidence, name = name)}</h3>
                    <dl class="summary-list summary-list--compact">
                        <div class="summary-list__row"><dt>{t!(i18n, actions.series_responses)}</dt><dd><Count shown=responses /></dd></div>
                        <div class="summary-list__row"><dt>{t!(i18n, actions.series_positive)}</dt><dd>{percent_text(positive)}</dd></div>
                        <div class="summary-list__row"><dt>{t!(i18n, actions.series_negative)}</dt><dd>{percent_text(negative)}</dd></div>
                    </dl>
                }
                .into_any(),
                EvidenceFigures::Missing => view! { <p>{t!(i18n, actions.evidence_missing)}</p> }.into_any(),
                EvidenceFigures::TooFew => view! { <p>{t!(i18n, actions.evidence_too_few)}</p> }.into_any(),
            };
            view! {
                <li class="evidence">
                    <p class="caption"><Text text=e.survey_title /></p>
                    {segment}
                    {figures}
                    {remove}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="evidence-list">{items}</ul> }.into_any()
}

/// The dated timeline, oldest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let items = entries
        .into_iter()
        .map(|e| {
            let what = match (e.kind, e.status) {
                (EventKind::Status, Some(status)) | (EventKind::Created, Some(status)) => {
                    fill(t_string!(i18n, actions.event_status), &[("status", &status_name(status))])
                }
                (EventKind::Published, _) => t_string!(i18n, actions.event_published).to_string(),
                (EventKind::Unpublished, _) => t_string!(i18n, actions.event_unpublished).to_string(),
                (EventKind::Created, None) => t_string!(i18n, actions.event_created).to_string(),
                (EventKind::Status, None) | (EventKind::Update, _) => {
                    t_string!(i18n, actions.event_update).to_string()
                }
            };
            let by = e.by.map(|name| view! { <span class="hint">" (" {name} ")"</span> });
            view! {
                <li>
                    <p class="timeline__what"><time datetime=e.date.clone()>{e.date.clone()}</time> ": " {what} {by}</p>
                    {e.note.map(|note| view! { <p class="action-text">{note}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{items}</ol> }
}

/// "I am heard": how people answered "Does this show that families' views
/// were listened to?", suppressed like every other figure.
#[component]
pub fn HeardView(heard: HeardIndicator) -> impl IntoView {
    let i18n = use_i18n();
    let [yes, partly, no] = heard.counts;
    view! {
        <div class="heard">
            <p class="heard__headline">
                <span class="heard__figure">{percent_text(heard.yes_percent)}</span>
                " " {t!(i18n, actions.heard_yes_share)}
            </p>
            <dl class="summary-list summary-list--compact">
                <div class="summary-list__row"><dt>{t!(i18n, actions.rating_yes)}</dt><dd><Count shown=yes /></dd></div>
                <div class="summary-list__row"><dt>{t!(i18n, actions.rating_partly)}</dt><dd><Count shown=partly /></dd></div>
                <div class="summary-list__row"><dt>{t!(i18n, actions.rating_no)}</dt><dd><Count shown=no /></dd></div>
                <div class="summary-list__row"><dt>{t!(i18n, actions.ratings_total)}</dt><dd><Count shown=heard.total /></dd></div>
            </dl>
        </div>
    }
}
