//! Counting answers for results, with every aggregate done in SQL: grouped
//! counts per option, per day and per cross-tab cell, narrowed to a segment
//! by subqueries on the answer table's (question, option, response) index
//! (worked out once into a temporary table for a filtered dashboard).
//! Callers shape the few grouped rows that come back and hand every count
//! to [`crate::domain::suppression`].

use super::base::{
    loaded::{Loaded, StoredQuestion},
    segment::Segment,
};
use crate::{
    domain::{suppression::TableCounts, survey::QuestionKind},
    error::AppError,
    server::entities::{answer, draft, dropin_response, response},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Query},
};
use std::collections::HashMap;

/// A count from SQL as a figure (a count is never negative).
pub fn count_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Counts for a set of questions in a segment.
#[derive(Debug, Default)]
pub struct Counts {
    /// Answers per option id: people, since nobody picks an option twice.
    pub per_option: HashMap<i32, u64>,
    /// People who answered, per question id.
    pub answered: HashMap<i32, u64>,
}

/// Every question of `survey` with its kind, as [`counts`] takes them.
pub fn kinds(survey: &Loaded) -> Vec<(i32, QuestionKind)> {
    survey
        .questions()
        .filter_map(|(q, _)| Some((q.id, QuestionKind::parse(&q.kind)?)))
        .collect()
}

/// Answers per option and people per question for `questions`, in the
/// segment, counted from the answers (for everyone, the tallies kept as
/// answers are written give the same faster: `views::results::counts`). The choice questions' grouped counts are one pass over the
/// answer index, and a single-answer choice's answers add up to the people
/// who answered it, so a second pass is needed only for multiple choices
/// (each person once) and written or numeric answers (a row each).
pub async fn in_segment(
    db: &impl ConnectionTrait,
    questions: &[(i32, QuestionKind)],
    segment: &Segment,
) -> Result<Counts, AppError> {
    let of = |keep: fn(&QuestionKind) -> bool| -> Vec<i32> {
        questions
            .iter()
            .filter(|(_, k)| keep(k))
            .map(|(q, _)| *q)
            .collect()
    };
    let mut counts = Counts::default();
    let choice = of(|k| k.has_options());
    if !choice.is_empty() {
        let rows: Vec<(i32, Option<i32>, i64)> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column(answer::Column::OptionId)
            // Counting a column of the index lets PostgreSQL answer from it alone.
            .column_as(answer::Column::ResponseId.count(), "n")
            .filter(answer::Column::QuestionId.is_in(choice))
            .filter(answer::Column::OptionId.is_not_null())
            .filter(segment.on(answer::Column::ResponseId))
            .group_by(answer::Column::QuestionId)
            .group_by(answer::Column::OptionId)
            .into_tuple()
            .all(db)
            .await?;
        for (question, option, n) in rows {
            let Some(option) = option else { continue };
            counts.per_option.insert(option, count_u64(n));
            *counts.answered.entry(question).or_default() += count_u64(n);
        }
    }
    // A multiple choice's answers add up to more than its people.
    let several = of(|k| k.is_multiple());
    counts.answered.retain(|q, _| !several.contains(q));
    let other = of(|k| !k.has_options());
    for (ids, distinct) in [(other, false), (several, true)] {
        counts
            .answered
            .extend(answered_counts(db, ids, distinct, segment).await?);
    }
    Ok(counts)
}

/// People who answered each of `question_ids`, in the segment: `distinct`
/// counts each person once, which only a multiple choice (several answer
/// rows per person) needs and which costs more.
async fn answered_counts(
    db: &impl ConnectionTrait,
    question_ids: Vec<i32>,
    distinct: bool,
    segment: &Segment,
) -> Result<HashMap<i32, u64>, AppError> {
    if question_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let n = if distinct {
        Expr::col(answer::Column::ResponseId).count_distinct()
    } else {
        Expr::col(answer::Column::ResponseId).count()
    };
    let rows: Vec<(i32, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column_as(n, "n")
        .filter(answer::Column::QuestionId.is_in(question_ids))
        .filter(segment.on(answer::Column::ResponseId))
        .group_by(answer::Column::QuestionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(q, n)| (q, count_u64(n))).collect())
}

/// Distinct people per option of one question, in the segment.
async fn people_per_option(
    db: &impl ConnectionTrait,
    question_id: i32,
    segment: &Segment,
) -> Result<HashMap<i32, u64>, AppError> {
    let rows: Vec<(Option<i32>, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::OptionId)
        .column_as(Expr::col(answer::Column::ResponseId).count_distinct(), "n")
        .filter(answer::Column::QuestionId.eq(question_id))
        .filter(answer::Column::OptionId.is_not_null())
        .filter(segment.on(answer::Column::ResponseId))
        .group_by(answer::Column::OptionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(o, n)| Some((o?, count_u64(n))))
        .collect())
}

/// Responses to the survey in the segment.
pub async fn response_count(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
) -> Result<u64, AppError> {
    Ok(response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(segment.on(response::Column::Id))
        .count(db)
        .await?)
}

/// How many sent responses the segment holds: the base a narrowed view
/// is refused under.
pub async fn people_in(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
) -> Result<u64, AppError> {
    response_count(db, survey_id, segment).await
}

#[derive(Debug, FromQueryResult)]
struct SessionCount {
    session_id: i32,
    option_id: Option<i32>,
    n: i64,
}

/// Answers to `question_id` per drop-in session and option, in the segment.
pub async fn per_session(
    db: &impl ConnectionTrait,
    question_id: i32,
    segment: &Segment,
) -> Result<HashMap<(i32, i32), u64>, AppError> {
    let (a, d) = (Alias::new("a"), Alias::new("d"));
    let mut select = Query::select();
    select
        .expr_as(
            Expr::col((d.clone(), dropin_response::Column::SessionId)),
            Alias::new("session_id"),
        )
        .expr_as(
            Expr::col((a.clone(), answer::Column::OptionId)),
            Alias::new("option_id"),
        )
        .expr_as(
            Expr::col((a.clone(), answer::Column::Id)).count(),
            Alias::new("n"),
        )
        .from_as(answer::Entity, a.clone())
        .join_as(
            sea_orm::JoinType::InnerJoin,
            dropin_response::Entity,
            d.clone(),
            Expr::col((d.clone(), dropin_response::Column::ResponseId))
                .equals((a.clone(), answer::Column::ResponseId)),
        )
        .and_where(Expr::col((a.clone(), answer::Column::QuestionId)).eq(question_id))
        .group_by_col((d.clone(), dropin_response::Column::SessionId))
        .group_by_col((a.clone(), answer::Column::OptionId));
    segment.restrict(&mut select, (a, answer::Column::ResponseId));
    let rows = SessionCount::find_by_statement(db.get_database_backend().build(&select))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some(((r.session_id, r.option_id?), count_u64(r.n))))
        .collect())
}

/// The day a response was sent, `YYYY-MM-DD` in UTC, on either backend.
fn day_of_submission(backend: DbBackend) -> Expr {
    match backend {
        DbBackend::Postgres => {
            Expr::cust("to_char(\"response\".\"submitted_at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
        }
        _ => Expr::cust("date(\"response\".\"submitted_at\")"),
    }
}

/// Responses sent per day in the segment, as `YYYY-MM-DD`.
pub async fn days_of(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
) -> Result<Vec<(String, i64)>, AppError> {
    let day = day_of_submission(db.get_database_backend());
    Ok(response::Entity::find()
        .select_only()
        .column_as(day.clone(), "day")
        .column_as(response::Column::Id.count(), "n")
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(segment.on(response::Column::Id))
        .group_by(day)
        .into_tuple()
        .all(db)
        .await?)
}

#[derive(Debug, FromQueryResult)]
struct ReachedRow {
    reached: i32,
    n: i64,
}

/// Answers in progress (not changes to sent ones) by pages finished:
/// (pages finished, how many).
pub async fn drafts_by_reach(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Vec<(i32, u64)>, AppError> {
    let rows = draft::Entity::find()
        .select_only()
        .column(draft::Column::Reached)
        .column_as(draft::Column::Id.count(), "n")
        .filter(draft::Column::SurveyId.eq(survey_id))
        .filter(draft::Column::ReplacesResponseId.is_null())
        .group_by(draft::Column::Reached)
        .into_model::<ReachedRow>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.reached, count_u64(r.n)))
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct CellRow {
    row_option: Option<i32>,
    col_option: Option<i32>,
    n: i64,
}

/// The cross-tab's counts in the segment, in the questions' option order.
pub async fn crosstab_counts(
    db: &impl ConnectionTrait,
    (rows_q, rq_options): &StoredQuestion,
    (cols_q, cq_options): &StoredQuestion,
    segment: &Segment,
) -> Result<TableCounts, AppError> {
    let (rows_id, cols_id) = (rows_q.id, cols_q.id);
    let (a, b) = (Alias::new("a"), Alias::new("b"));
    let mut select = Query::select();
    select
        .expr_as(
            Expr::col((a.clone(), answer::Column::OptionId)),
            Alias::new("row_option"),
        )
        .expr_as(
            Expr::col((b.clone(), answer::Column::OptionId)),
            Alias::new("col_option"),
        )
        .expr_as(
            Expr::col((a.clone(), answer::Column::ResponseId)).count(),
            Alias::new("n"),
        )
        .from_as(answer::Entity, a.clone())
        .join_as(
            sea_orm::JoinType::InnerJoin,
            answer::Entity,
            b.clone(),
            Expr::col((b.clone(), answer::Column::ResponseId))
                .equals((a.clone(), answer::Column::ResponseId))
                .and(Expr::col((b.clone(), answer::Column::QuestionId)).eq(cols_id)),
        )
        .and_where(Expr::col((a.clone(), answer::Column::QuestionId)).eq(rows_id))
        .and_where(Expr::col((a.clone(), answer::Column::OptionId)).is_not_null())
        .and_where(Expr::col((b.clone(), answer::Column::OptionId)).is_not_null())
        .group_by_col((a.clone(), answer::Column::OptionId))
        .group_by_col((b.clone(), answer::Column::OptionId));
    segment.restrict(&mut select, (a.clone(), answer::Column::ResponseId));
    let backend = db.get_database_backend();
    let cells: Vec<CellRow> = CellRow::find_by_statement(backend.build(&select))
        .all(db)
        .await?;
    let cell: HashMap<(i32, i32), u64> = cells
        .into_iter()
        .filter_map(|c| Some(((c.row_option?, c.col_option?), count_u64(c.n))))
        .collect();
    let row_totals = people_per_option(db, rows_id, &segment.clone().answered(cols_id)).await?;
    let col_totals = people_per_option(db, cols_id, &segment.clone().answered(rows_id)).await?;
    let both = segment.clone().answered(rows_id).answered(cols_id);
    // Distinct: either question may be a multiple choice.
    let total = answered_counts(db, vec![rows_id], true, &both)
        .await?
        .get(&rows_id)
        .copied()
        .unwrap_or(0);
    Ok(TableCounts {
        cells: rq_options
            .iter()
            .map(|r| {
                cq_options
                    .iter()
                    .map(|c| cell.get(&(r.id, c.id)).copied().unwrap_or(0))
                    .collect()
            })
            .collect(),
        row_totals: rq_options
            .iter()
            .map(|o| row_totals.get(&o.id).copied().unwrap_or(0))
            .collect(),
        col_totals: cq_options
            .iter()
            .map(|o| col_totals.get(&o.id).copied().unwrap_or(0))
            .collect(),
        total,
    })
}
