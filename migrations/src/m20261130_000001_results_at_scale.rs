//! Results at scale (100,000 responses and more):
//!
//! - **Tallies.** People per option and people per question, kept up to
//!   date in the same transaction that writes answers, so figures for
//!   everyone read a few rows instead of counting millions. Filtered
//!   figures still count answers.
//! - **Each response's answers in one cell** (`response.packed_answers`, a
//!   JSON array of `[question, option, text, number]`), written with the
//!   answer rows, so the responses export reads one row per response.
//! - **The answer index by response also carries question and option**, so
//!   a filtered segment's counts are found from its responses' index
//!   entries alone; and responses have an index by (survey, id), the
//!   export's order.
//!
//! Existing answers are carried over: tallies counted in SQL, and packed
//! cells written batch by batch.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Responses packed per batch while carrying existing answers over.
const BATCH: u64 = 1000;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_answer_response_question_option")
                .table(Answer::Table)
                .col(Answer::ResponseId)
                .col(Answer::QuestionId)
                .col(Answer::OptionId)
                .to_owned(),
        )
        .await?;
        // The export reads a survey's responses in id order, a batch at a
        // time; without this, SQLite could take the (survey, submitted)
        // index and sort the whole survey for every batch.
        m.create_index(
            Index::create()
                .name("idx_response_survey_id")
                .table(Response::Table)
                .col(Response::SurveyId)
                .col(Response::Id)
                .to_owned(),
        )
        .await?;
        // Its first column is the old index: keeping both only slows writes.
        m.drop_index(
            Index::drop()
                .name("idx_answer_response")
                .table(Answer::Table)
                .to_owned(),
        )
        .await?;
        for (table, key, target, target_id, fk) in [
            (
                Tallies::OptionTally,
                Tallies::OptionId,
                Tallies::QuestionOption,
                Tallies::Id,
                "fk_option_tally_option",
            ),
            (
                Tallies::QuestionTally,
                Tallies::QuestionId,
                Tallies::Question,
                Tallies::Id,
                "fk_question_tally_question",
            ),
        ] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(integer(key).primary_key())
                    .col(big_integer(Tallies::N))
                    .foreign_key(
                        ForeignKey::create()
                            .name(fk)
                            .from(table, key)
                            .to(target, target_id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .add_column(text(Response::PackedAnswers).default("[]"))
                .to_owned(),
        )
        .await?;
        carry_tallies_over(m).await?;
        carry_packed_answers_over(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .drop_column(Response::PackedAnswers)
                .to_owned(),
        )
        .await?;
        for table in [Tallies::QuestionTally, Tallies::OptionTally] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_response_survey_id")
                .table(Response::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_answer_response")
                .table(Answer::Table)
                .col(Answer::ResponseId)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("idx_answer_response_question_option")
                .table(Answer::Table)
                .to_owned(),
        )
        .await
    }
}

/// People per option (nobody picks one option twice) and per question.
async fn carry_tallies_over(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let per_option = Query::select()
        .column(Answer::OptionId)
        .expr(Expr::col(Answer::ResponseId).count())
        .from(Answer::Table)
        .and_where(Expr::col(Answer::OptionId).is_not_null())
        .group_by_col(Answer::OptionId)
        .to_owned();
    let per_question = Query::select()
        .column(Answer::QuestionId)
        .expr(Expr::col(Answer::ResponseId).count_distinct())
        .from(Answer::Table)
        .group_by_col(Answer::QuestionId)
        .to_owned();
    for (table, key, select) in [
        (Tallies::OptionTally, Tallies::OptionId, per_option),
        (Tallies::QuestionTally, Tallies::QuestionId, per_question),
    ] {
        let insert = Query::insert()
            .into_table(table)
            .columns([key, Tallies::N])
            .select_from(select)
            .map_err(|e| DbErr::Migration(e.to_string()))?
            .to_owned();
        m.exec_stmt(insert).await?;
    }
    Ok(())
}

/// Writes each existing response's answers into its packed cell, a batch
/// of responses at a time.
async fn carry_packed_answers_over(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let mut after = 0i64;
    loop {
        let ids = Query::select()
            .column(Response::Id)
            .from(Response::Table)
            .and_where(Expr::col(Response::Id).gt(after))
            .order_by(Response::Id, Order::Asc)
            .limit(BATCH)
            .to_owned();
        let ids: Vec<i64> = db
            .query_all(&ids)
            .await?
            .iter()
            .map(|row| row.try_get_by_index(0))
            .collect::<Result<_, _>>()?;
        let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
            return Ok(());
        };
        let answers = Query::select()
            .columns([
                Answer::ResponseId,
                Answer::QuestionId,
                Answer::OptionId,
                Answer::TextValue,
                Answer::NumberValue,
            ])
            .from(Answer::Table)
            .and_where(Expr::col(Answer::ResponseId).between(first, last))
            .order_by(Answer::ResponseId, Order::Asc)
            .order_by(Answer::Id, Order::Asc)
            .to_owned();
        let mut packed: Vec<(i64, Vec<serde_json::Value>)> = Vec::new();
        for row in db.query_all(&answers).await? {
            let response: i64 = row.try_get_by_index(0)?;
            let cell = serde_json::json!([
                row.try_get_by_index::<i32>(1)?,
                row.try_get_by_index::<Option<i32>>(2)?,
                row.try_get_by_index::<Option<String>>(3)?,
                row.try_get_by_index::<Option<i64>>(4)?,
            ]);
            match packed.last_mut() {
                Some((id, cells)) if *id == response => cells.push(cell),
                _ => packed.push((response, vec![cell])),
            }
        }
        for (id, cells) in packed {
            let update = Query::update()
                .table(Response::Table)
                .value(
                    Response::PackedAnswers,
                    serde_json::Value::Array(cells).to_string(),
                )
                .and_where(Expr::col(Response::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        after = last;
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Tallies {
    OptionTally,
    QuestionTally,
    OptionId,
    QuestionId,
    N,
    QuestionOption,
    Question,
    Id,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    ResponseId,
    QuestionId,
    OptionId,
    TextValue,
    NumberValue,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    SurveyId,
    PackedAnswers,
}
