//! Counting answers for the results page, with aggregates done in SQL.

use super::surveys::Loaded;
use crate::{
    domain::{
        suppression::{percentage, suppress},
        survey::{OptionResult, QuestionKind, QuestionResults, SurveyResults},
    },
    error::AppError,
    server::entities::answer,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use std::collections::HashMap;

/// Counts for every choice question of `survey`, suppressed at `threshold`.
pub async fn survey_results(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    threshold: u64,
) -> Result<SurveyResults, AppError> {
    let s = &survey.survey;
    let total = super::responses::count(db, s.id).await?;
    let question_ids: Vec<i32> = survey.questions().map(|(q, _)| q.id).collect();

    // (question, option) → answers, and question → distinct respondents, in two grouped queries.
    let per_option: Vec<(i32, Option<i32>, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column(answer::Column::OptionId)
        .column_as(answer::Column::Id.count(), "n")
        .filter(answer::Column::QuestionId.is_in(question_ids.clone()))
        .filter(answer::Column::OptionId.is_not_null())
        .group_by(answer::Column::QuestionId)
        .group_by(answer::Column::OptionId)
        .into_tuple()
        .all(db)
        .await?;
    let per_question: Vec<(i32, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column_as(Expr::col(answer::Column::ResponseId).count_distinct(), "n")
        .filter(answer::Column::QuestionId.is_in(question_ids))
        .group_by(answer::Column::QuestionId)
        .into_tuple()
        .all(db)
        .await?;
    let option_counts: HashMap<i32, u64> = per_option
        .into_iter()
        .filter_map(|(_, o, n)| Some((o?, u64::try_from(n).ok()?)))
        .collect();
    let bases: HashMap<i32, u64> = per_question
        .into_iter()
        .filter_map(|(q, n)| Some((q, u64::try_from(n).ok()?)))
        .collect();

    let text = |t: &crate::domain::localized::LocalizedText| s.text(t, locale);
    let questions = survey
        .questions()
        .filter_map(|(q, options)| {
            let kind = QuestionKind::parse(&q.kind).filter(|k| k.has_options())?;
            let base = bases.get(&q.id).copied().unwrap_or(0);
            Some(QuestionResults {
                id: q.id,
                prompt: text(&q.prompt),
                options: options
                    .iter()
                    .map(|o| {
                        let n = option_counts.get(&o.id).copied().unwrap_or(0);
                        OptionResult {
                            label: super::surveys::option_view(kind, o, &text).label,
                            count: suppress(n, threshold),
                            percent: percentage(n, base, threshold),
                        }
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(SurveyResults {
        slug: s.slug.clone(),
        title: text(&s.title),
        responses: suppress(total, threshold),
        withdrawn: suppress(u64::try_from(s.withdrawn_count).unwrap_or(0), threshold),
        questions,
        threshold,
    })
}
