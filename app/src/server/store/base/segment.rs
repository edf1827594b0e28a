//! A segment: the responses that gave certain answers, as subqueries of
//! response ids, and its working-out into a temporary table for a page
//! that counts it a dozen ways.

use super::loaded::Loaded;
use crate::{
    domain::results::ResultsQuery,
    error::AppError,
    server::entities::{answer, response},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend,
    sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement},
};

/// The temporary table a filtered results page's segment is worked out into.
const SEGMENT_TABLE: &str = "heard_segment";

/// Responses that answered in a given way: each is a subquery of response
/// ids, and a response is in the segment when it is in all of them.
#[derive(Debug, Clone, Default)]
pub struct Segment(Vec<SelectStatement>);

impl Segment {
    /// Whether this is every response: no filter at all.
    pub fn is_everyone(&self) -> bool {
        self.0.is_empty()
    }

    /// Responses that chose option `option_id` of question `question_id`.
    pub fn chose(mut self, question_id: i32, option_id: i32) -> Segment {
        self.0.push(
            Query::select()
                .column(answer::Column::ResponseId)
                .from(answer::Entity)
                .and_where(answer::Column::QuestionId.eq(question_id))
                .and_where(answer::Column::OptionId.eq(option_id))
                .to_owned(),
        );
        self
    }

    /// Responses in the segment that answered question `question_id` at
    /// all. The subquery is itself narrowed to the segment, so the list
    /// the database builds holds the segment's answers, not everyone's.
    pub fn answered(mut self, question_id: i32) -> Segment {
        let sub = Query::select()
            .column(answer::Column::ResponseId)
            .from(answer::Entity)
            .and_where(answer::Column::QuestionId.eq(question_id))
            .cond_where(self.on(answer::Column::ResponseId))
            .to_owned();
        self.0.push(sub);
        self
    }

    /// Keeps rows of `select` whose aliased `column` (a response id) is in the segment.
    pub fn restrict(&self, select: &mut SelectStatement, column: (Alias, answer::Column)) {
        for sub in &self.0 {
            select.and_where(Expr::col(column.clone()).in_subquery(sub.clone()));
        }
    }

    /// Works the segment's responses out once, into a temporary table that
    /// lasts as long as `txn`, so each of a filtered page's dozen counts
    /// looks ids up there instead of running every filter again. Rolling
    /// `txn` back removes the table.
    pub async fn materialise(
        self,
        txn: &DatabaseTransaction,
        survey_id: i32,
    ) -> Result<Segment, AppError> {
        if self.0.is_empty() {
            return Ok(self);
        }
        let backend = txn.get_database_backend();
        // SQLite's INTEGER PRIMARY KEY is the row id itself; response ids
        // are 64-bit on PostgreSQL.
        let id_type = match backend {
            DbBackend::Postgres => "BIGINT",
            _ => "INTEGER",
        };
        txn.execute_unprepared(&format!(
            "CREATE TEMPORARY TABLE {SEGMENT_TABLE} (id {id_type} PRIMARY KEY)"
        ))
        .await?;
        let members = Query::select()
            .column(response::Column::Id)
            .from(response::Entity)
            .and_where(response::Column::SurveyId.eq(survey_id))
            .cond_where(self.on(response::Column::Id))
            .to_owned();
        let insert = Query::insert()
            .into_table(Alias::new(SEGMENT_TABLE))
            .columns([Alias::new("id")])
            .select_from(members)
            .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?
            .to_owned();
        txn.execute(&insert).await?;
        if backend == DbBackend::Postgres {
            // Without statistics PostgreSQL guesses the table's size and
            // plans the counts around it badly (a cross-tab total ran for
            // more than 26 s at 100,000 responses); with them it looks each
            // member's answers up by the response index.
            txn.execute_unprepared(&format!("ANALYZE {SEGMENT_TABLE}"))
                .await?;
            // For this transaction only: price an index lookup as the
            // in-memory read it is here, not a disk seek. At the default
            // (4) the per-option count flipped between a nested loop from
            // the segment (37 ms) and a hash join over the whole question
            // index (600 ms) from one run to the next.
            txn.execute_unprepared("SET LOCAL random_page_cost = 1.1")
                .await?;
        }
        Ok(Segment(vec![
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(SEGMENT_TABLE))
                .to_owned(),
        ]))
    }

    /// A condition keeping rows whose `column` (a response id) is in the segment.
    pub fn on(&self, column: impl ColumnTrait) -> sea_orm::Condition {
        self.0.iter().fold(sea_orm::Condition::all(), |c, sub| {
            c.add(column.in_subquery(sub.clone()))
        })
    }
}

/// The segment an officer's filters describe, and the filters that name a
/// real question and option of this survey (others are dropped).
pub fn segment_of(survey: &Loaded, query: &ResultsQuery) -> (Segment, Vec<(i32, String)>) {
    let mut segment = Segment::default();
    let mut kept = Vec::new();
    for (question_id, value) in &query.filters {
        if let Some(option) = survey.option_id(*question_id, value) {
            segment = segment.chose(*question_id, option);
            kept.push((*question_id, value.clone()));
        }
    }
    (segment, kept)
}
