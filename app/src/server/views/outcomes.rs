//! The outcomes view: every question tagged with an outcome or a priority,
//! across all surveys and drop-in forms, with how many answered and (for
//! standard scales) the share answering favourably. A handful of queries,
//! whatever the number of surveys.

use super::results;
use crate::{
    domain::{
        localized::LocalizedText,
        results::{Favourable, OutcomeGroup, OutcomeRow},
        suppression::Rules,
        survey::QuestionKind,
    },
    error::AppError,
    server::store::{
        base::{
            segment::Segment,
            taxonomy::{self, Tagged, Taxonomy},
        },
        counts::Counts,
    },
};
use sea_orm::ConnectionTrait;

/// (outcomes, priorities), each with its tagged questions in survey order.
pub async fn view(
    db: &impl ConnectionTrait,
    locale: &str,
    rules: Rules,
) -> Result<(Vec<OutcomeGroup>, Vec<OutcomeGroup>), AppError> {
    let Taxonomy {
        outcomes,
        priorities,
    } = taxonomy::current(db).await?;
    let Tagged {
        by_outcome,
        by_priority,
        questions,
        surveys,
        options,
    } = taxonomy::tagged(db).await?;
    let kinds: Vec<(i32, QuestionKind)> = questions
        .values()
        .filter_map(|q| Some((q.id, QuestionKind::parse(&q.kind)?)))
        .collect();
    let Counts {
        per_option: counts,
        answered,
    } = results::counts(db, &kinds, &Segment::default()).await?;

    let row = |id: i32| -> Option<OutcomeRow> {
        let q = questions.get(&id)?;
        let s = surveys.get(&q.survey_id)?;
        let base = answered.get(&id).copied().unwrap_or(0);
        let favourable =
            QuestionKind::parse(&q.kind)
                .and_then(Favourable::of)
                .map(|(measure, values)| {
                    let n: u64 = options
                        .iter()
                        .filter(|o| o.question_id == id && values.contains(&o.value.as_str()))
                        .map(|o| counts.get(&o.id).copied().unwrap_or(0))
                        .sum();
                    let shown = rules.count(n);
                    let base_shown = rules.count(base);
                    (
                        measure,
                        rules.percentage(n, base, shown.is_hidden(), base_shown.is_hidden()),
                    )
                });
        Some(OutcomeRow {
            survey_id: s.id,
            survey: s.text(&s.title, locale),
            question_id: id,
            prompt: s.text(&q.prompt, locale),
            answered: rules.count(base),
            favourable,
        })
    };
    // Survey by survey, then question order, so related questions sit together.
    let ordered = |mut tagged: Vec<i32>| -> Vec<OutcomeRow> {
        tagged.sort_by_key(|id| questions.get(id).map(|q| (q.survey_id, q.position)));
        tagged.into_iter().filter_map(row).collect()
    };
    let text = |t: &LocalizedText| t.resolve(locale, "en");
    let group = |key: String, title: &LocalizedText, tagged: Vec<i32>| OutcomeGroup {
        key,
        title: text(title),
        rows: ordered(tagged),
    };
    let outcome_groups = outcomes
        .iter()
        .map(|o| {
            let tagged = by_outcome.iter().filter(|t| t.outcome_id == o.id);
            group(
                o.key.clone(),
                &o.title,
                tagged.map(|t| t.question_id).collect(),
            )
        })
        .collect();
    let priority_groups = priorities
        .iter()
        .map(|p| {
            let tagged = by_priority.iter().filter(|t| t.priority_id == p.id);
            group(
                p.number.to_string(),
                &p.title,
                tagged.map(|t| t.question_id).collect(),
            )
        })
        .collect();
    Ok((outcome_groups, priority_groups))
}
