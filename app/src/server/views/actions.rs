//! "You said, we did" as pages show it: the public board and an action's
//! page, the officers' list, form and edit page. Text is resolved for the
//! reader's locale here, and evidence figures are made under the rules
//! the caller passes.

use super::{results, sessions};
use crate::{
    AppError,
    domain::{
        actions::{
            ActionCard, ActionEditView, ActionFields, ActionPage, ActionStatus, Board, BoardQuery,
            EventKind, EvidenceChoices, EvidenceFigures, EvidenceView, HeardIndicator,
            NewActionView, Rating, Tag, TimelineEntry,
        },
        localized::{LocalizedText, Resolved},
        roles::OfficerView,
        suppression::{Audience, Rules},
        survey::{Label, QuestionKind},
    },
    server::{
        entities::{action, action_evidence},
        store::{
            actions::{self, NewEvidence},
            base::{segment::Segment, taxonomy},
            comments, definitions, dropins, published_actions, ratings,
            surveys::Loaded,
            users,
        },
        views::surveys::option_view,
    },
};
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;

/// Whose timeline an action's page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// The public part, without names.
    Public,
    /// Every entry, with who made it: the officer's preview.
    Officer,
}

/// The public board: one page of published actions matching `query`, and
/// the choices its filters offer (only surveys and series some published
/// action draws on).
pub async fn board(
    db: &impl ConnectionTrait,
    query: BoardQuery,
    locale: &str,
) -> Result<Board, AppError> {
    let (rows, total) = published_actions::published_page(db, &query).await?;
    let actions = to_cards(db, rows, locale).await?;
    let current = taxonomy::current(db).await?;
    let outcomes = current
        .outcomes
        .into_iter()
        .map(|o| (o.key, o.title.resolve(locale, "en").text))
        .collect();
    let priorities = current
        .priorities
        .into_iter()
        .map(|p| {
            (
                p.number.to_string(),
                format!("{}. {}", p.number, p.title.resolve(locale, "en").text),
            )
        })
        .collect();
    let (surveys, series) = published_actions::drawn_on(db).await?;
    Ok(Board {
        query,
        actions,
        total,
        outcomes,
        priorities,
        surveys: surveys
            .into_iter()
            .map(|s| (s.id.to_string(), s.text(&s.title, locale).text))
            .collect(),
        series: series
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect(),
    })
}

/// Every action for the officers' list, newest change first.
pub async fn all_cards(db: &impl ConnectionTrait, locale: &str) -> Result<Vec<ActionCard>, DbErr> {
    let rows = actions::all(db).await?;
    to_cards(db, rows, locale).await
}

/// Outcome and priority tags of `ids`, in the framework's order.
async fn tags_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
    locale: &str,
) -> Result<(HashMap<i32, Vec<Tag>>, HashMap<i32, Vec<Tag>>), DbErr> {
    let all = taxonomy::all(db).await?;
    let (outcome_links, priority_links) = actions::tag_links(db, ids).await?;
    let mut by_outcome: HashMap<i32, Vec<Tag>> = HashMap::new();
    for o in &all.outcomes {
        for l in outcome_links.iter().filter(|l| l.outcome_id == o.id) {
            by_outcome.entry(l.action_id).or_default().push(Tag {
                key: o.key.clone(),
                title: o.title.resolve(locale, "en"),
            });
        }
    }
    let mut by_priority: HashMap<i32, Vec<Tag>> = HashMap::new();
    for p in &all.priorities {
        for l in priority_links.iter().filter(|l| l.priority_id == p.id) {
            by_priority.entry(l.action_id).or_default().push(Tag {
                key: p.number.to_string(),
                title: p.title.resolve(locale, "en"),
            });
        }
    }
    Ok((by_outcome, by_priority))
}

async fn to_cards(
    db: &impl ConnectionTrait,
    rows: Vec<action::Model>,
    locale: &str,
) -> Result<Vec<ActionCard>, DbErr> {
    let ids: Vec<i32> = rows.iter().map(|a| a.id).collect();
    let (mut outcomes, mut priorities) = tags_of(db, &ids, locale).await?;
    let owners = users::names(db, rows.iter().filter_map(|a| a.owner_id)).await?;
    Ok(rows
        .into_iter()
        .map(|a| ActionCard {
            id: a.id,
            status: ActionStatus::parse(&a.status).unwrap_or(ActionStatus::Planned),
            reason: a.status_reason,
            outcomes: outcomes.remove(&a.id).unwrap_or_default(),
            priorities: priorities.remove(&a.id).unwrap_or_default(),
            updated_on: a.updated_at.date_naive().to_string(),
            published: a.published_at.is_some(),
            owner: a.owner_id.and_then(|o| owners.get(&o).cloned()),
            you_said: a.you_said,
            we_did: a.we_did,
            service: a.service,
            timing: a.timing,
        })
        .collect())
}

/// An action's public page: the card, its evidence with live figures
/// under `rules`, and the public part of its timeline.
pub async fn public_page(
    db: &impl ConnectionTrait,
    row: action::Model,
    rules: Rules,
    locale: &str,
) -> Result<ActionPage, AppError> {
    page(db, row, rules, locale, Reader::Public).await
}

/// An action's page as its officers preview it: the whole timeline, with
/// who did what.
pub async fn officer_page(
    db: &impl ConnectionTrait,
    row: action::Model,
    rules: Rules,
    locale: &str,
) -> Result<ActionPage, AppError> {
    page(db, row, rules, locale, Reader::Officer).await
}

async fn page(
    db: &impl ConnectionTrait,
    row: action::Model,
    rules: Rules,
    locale: &str,
    reader: Reader,
) -> Result<ActionPage, AppError> {
    let officer = reader == Reader::Officer;
    let id = row.id;
    let card = to_cards(db, vec![row], locale)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let mut evidence = Vec::new();
    let mut surveys: HashMap<i32, Loaded> = HashMap::new();
    for e in actions::evidence(db, id).await? {
        if let std::collections::hash_map::Entry::Vacant(slot) = surveys.entry(e.survey_id) {
            slot.insert(definitions::load_by_id(db, e.survey_id).await?);
        }
        let Some(survey) = surveys.get(&e.survey_id) else {
            continue;
        };
        evidence.push(evidence_view(db, survey, &e, rules, locale).await?);
    }
    let events = actions::events(db, id).await?;
    // Who did what is for officers only.
    let users = if officer {
        users::names(db, events.iter().filter_map(|e| e.user_id)).await?
    } else {
        HashMap::new()
    };
    let timeline = events
        .into_iter()
        .filter_map(|e| {
            let kind = EventKind::parse(&e.kind)?;
            (officer || kind.is_public()).then(|| TimelineEntry {
                date: e.at.date_naive().to_string(),
                kind,
                status: e.status.as_deref().and_then(ActionStatus::parse),
                note: e.note,
                by: e.user_id.and_then(|u| users.get(&u).cloned()),
            })
        })
        .collect();
    Ok(ActionPage {
        card,
        evidence,
        timeline,
        preview: officer,
    })
}

fn survey_title(survey: &Loaded, locale: &str) -> Resolved {
    survey.survey.text(&survey.survey.title, locale)
}

/// One piece of evidence with its live figures under `rules`.
async fn evidence_view(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    e: &action_evidence::Model,
    rules: Rules,
    locale: &str,
) -> Result<EvidenceView, AppError> {
    let mut segment_label = None;
    let figures = match NewEvidence::of_row(e) {
        Some(NewEvidence::Question {
            question_id,
            segment: chosen,
        }) => {
            let mut segment = Segment::default();
            if let Some((seg_q, value)) = &chosen
                && let Some(option) = survey.option_id(*seg_q, value)
            {
                segment = segment.chose(*seg_q, option);
                segment_label = segment_names(survey, *seg_q, value, locale);
            }
            if results::too_few(db, survey.survey.id, &segment, rules).await? {
                EvidenceFigures::TooFew
            } else {
                match results::question_summary(db, survey, question_id, &segment, rules, locale)
                    .await?
                {
                    Some(summary) => EvidenceFigures::Question(summary),
                    None => EvidenceFigures::Missing,
                }
            }
        }
        Some(NewEvidence::Theme(t)) => {
            let name = comments::theme(db, t).await?.map(|t| t.name);
            let counts =
                comments::theme_counts(db, &comments::text_questions(survey), &Segment::default())
                    .await?;
            let n: u64 = counts
                .iter()
                .filter(|((_, theme), _)| *theme == t)
                .map(|(_, n)| n)
                .sum();
            match name {
                Some(name) => EvidenceFigures::Theme {
                    name,
                    comments: rules.count(n),
                },
                None => EvidenceFigures::Missing,
            }
        }
        Some(NewEvidence::Series(s)) => {
            let series = dropins::find_series(db, s).await?;
            let feedback =
                sessions::session_feedback(db, survey, rules, &Segment::default()).await?;
            match (series, feedback) {
                (Some(series), Some(f)) => EvidenceFigures::Series {
                    name: series.name,
                    responses: f.fft.as_ref().map_or(rules.count(0), |table| table.total),
                    positive: f.positive,
                    negative: f.negative,
                },
                (Some(series), None) => EvidenceFigures::Series {
                    name: series.name,
                    responses: rules.count(0),
                    positive: None,
                    negative: None,
                },
                _ => EvidenceFigures::Missing,
            }
        }
        None => EvidenceFigures::Missing,
    };
    Ok(EvidenceView {
        id: e.id,
        survey_title: survey_title(survey, locale),
        segment: segment_label,
        figures,
    })
}

/// ("Who is answering?", "A parent or carer") for a segment.
fn segment_names(
    survey: &Loaded,
    question_id: i32,
    value: &str,
    locale: &str,
) -> Option<(Resolved, Label)> {
    let (q, options) = survey.questions().find(|(q, _)| q.id == question_id)?;
    let kind = QuestionKind::parse(&q.kind)?;
    let option = options.iter().find(|o| o.value == value)?;
    let text = |t: &LocalizedText| survey.survey.text(t, locale);
    let label = option_view(kind, option, &text).label;
    Some((text(&q.prompt), label))
}

/// The "I am heard" indicator for one action, or (None) every action.
pub async fn heard(
    db: &impl ConnectionTrait,
    action_id: Option<i32>,
    rules: Rules,
) -> Result<HeardIndicator, DbErr> {
    let rows = ratings::rating_counts(db, action_id).await?;
    let count = |r: Rating| {
        rows.iter()
            .find(|(a, _)| a == r.as_str())
            .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
    };
    let values: Vec<u64> = Rating::ALL.into_iter().map(count).collect();
    let total: u64 = values.iter().sum();
    let list = rules.list(&values, total, true);
    Ok(HeardIndicator {
        counts: [list.counts[0], list.counts[1], list.counts[2]],
        total: list.base,
        yes_percent: list.percent[0],
    })
}

/// Every current outcome and priority as tags, and who may own an action.
pub async fn form_view(
    db: &impl ConnectionTrait,
    officer: OfficerView,
    locale: &str,
) -> Result<NewActionView, DbErr> {
    let current = taxonomy::current(db).await?;
    let outcomes = current
        .outcomes
        .into_iter()
        .map(|o| Tag {
            key: o.key,
            title: o.title.resolve(locale, "en"),
        })
        .collect();
    let priorities = current
        .priorities
        .into_iter()
        .map(|p| Tag {
            key: p.number.to_string(),
            title: p.title.resolve(locale, "en"),
        })
        .collect();
    Ok(NewActionView {
        officer,
        outcomes,
        priorities,
        owners: actions::possible_owners(db).await?,
    })
}

/// What can be chosen as evidence, from every survey that is not archived.
async fn evidence_choices(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<EvidenceChoices, AppError> {
    let mut questions = Vec::new();
    let mut segments = Vec::new();
    let mut titles = HashMap::new();
    for s in actions::evidence_surveys(db).await? {
        let loaded = definitions::load_by_id(db, s.id).await?;
        let title = survey_title(&loaded, locale).text;
        titles.insert(s.id, title.clone());
        let prompts: Vec<(i32, String)> = loaded
            .questions()
            .filter(|(q, _)| !q.archived)
            .map(|(q, _)| (q.id, loaded.survey.text(&q.prompt, locale).text))
            .collect();
        if prompts.is_empty() {
            continue;
        }
        questions.push((title.clone(), prompts));
        let choices = results::choices(&loaded, locale, &Default::default());
        if !choices.is_empty() {
            segments.push((title, choices));
        }
    }
    let themes = comments::all_themes(db)
        .await?
        .into_iter()
        .filter_map(|t| {
            let survey = titles.get(&t.survey_id)?;
            Some((t.id, format!("{} ({survey})", t.name)))
        })
        .collect();
    let series = dropins::all_series(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(EvidenceChoices {
        questions,
        segments,
        themes,
        series,
    })
}

/// The officer's page for action `id`: its preview (evidence under the
/// public rules, so officers see what the public will), its fields, what
/// evidence can be added, and how it has been rated.
pub async fn edit_view(
    db: &impl ConnectionTrait,
    officer: OfficerView,
    id: i32,
    threshold: u64,
    locale: &str,
) -> Result<ActionEditView, AppError> {
    let row = actions::find(db, id).await?.ok_or(AppError::NotFound)?;
    let owner = row.owner_id.map(|o| o.to_string()).unwrap_or_default();
    let public = Rules::new(threshold, Audience::Public);
    let page = officer_page(db, row, public, locale).await?;
    // The card has the words and tags (their keys are the form's values).
    let card = &page.card;
    let fields = ActionFields {
        you_said: card.you_said.clone(),
        we_did: card.we_did.clone(),
        service: card.service.clone(),
        timing: card.timing.clone(),
        outcomes: card.outcomes.iter().map(|t| t.key.clone()).collect(),
        priorities: card.priorities.iter().map(|t| t.key.clone()).collect(),
        owner,
    };
    let officer_rules = Rules::new(threshold, Audience::Officer);
    Ok(ActionEditView {
        heard: heard(db, Some(id), officer_rules).await?,
        comments: ratings::rating_comments(db, id).await?,
        choices: evidence_choices(db, locale).await?,
        form: form_view(db, officer, locale).await?,
        fields,
        page,
    })
}
