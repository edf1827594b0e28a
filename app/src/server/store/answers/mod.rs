//! A response's answers, written in one place: the answer rows every
//! filtered count reads, the same answers packed into one cell for the
//! responses export, and the tallies for everyone. Writing all three in
//! one transaction is what keeps them agreeing.

pub mod tallies;

use crate::server::entities::{answer, response};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use tallies::Deltas;

/// One answer: a chosen option (one per option), a text or date, or a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Packed", into = "Packed")]
pub struct AnswerRow {
    pub question: i32,
    pub option: Option<i32>,
    pub text: Option<String>,
    pub number: Option<i64>,
}

/// An answer as packed: `[question, option, text, number]`, the shape the
/// migration that added the packed cell writes too.
type Packed = (i32, Option<i32>, Option<String>, Option<i64>);

impl From<Packed> for AnswerRow {
    fn from((question, option, text, number): Packed) -> AnswerRow {
        AnswerRow {
            question,
            option,
            text,
            number,
        }
    }
}

impl From<AnswerRow> for Packed {
    fn from(a: AnswerRow) -> Packed {
        (a.question, a.option, a.text, a.number)
    }
}

/// A response's answers as its packed cell holds them.
pub fn unpack(cell: &str) -> Result<Vec<AnswerRow>, serde_json::Error> {
    serde_json::from_str(cell)
}

/// Makes `rows` response `response_id`'s answers, in place of any it had:
/// the answer rows, the packed cell and the tallies, inside the caller's
/// transaction. An empty `rows` takes the response out of every count
/// before it is withdrawn.
pub async fn write(
    txn: &impl ConnectionTrait,
    response_id: i64,
    rows: Vec<AnswerRow>,
) -> Result<(), DbErr> {
    let old: Vec<(i32, Option<i32>)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column(answer::Column::OptionId)
        .filter(answer::Column::ResponseId.eq(response_id))
        .into_tuple()
        .all(txn)
        .await?;
    if !old.is_empty() {
        answer::Entity::delete_many()
            .filter(answer::Column::ResponseId.eq(response_id))
            .exec(txn)
            .await?;
    }
    let new: Vec<(i32, Option<i32>)> = rows.iter().map(|a| (a.question, a.option)).collect();
    let packed = serde_json::to_string(&rows).map_err(|e| DbErr::Custom(e.to_string()))?;
    if !rows.is_empty() {
        answer::Entity::insert_many(rows.into_iter().map(|a| answer::ActiveModel {
            id: NotSet,
            response_id: Set(response_id),
            question_id: Set(a.question),
            option_id: Set(a.option),
            text_value: Set(a.text),
            number_value: Set(a.number),
        }))
        .exec(txn)
        .await?;
    }
    response::Entity::update_many()
        .col_expr(response::Column::PackedAnswers, packed.into())
        .filter(response::Column::Id.eq(response_id))
        .exec(txn)
        .await?;
    tallies::apply(txn, &Deltas::between(&old, &new)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_answers_read_back_as_written() {
        let rows = vec![
            AnswerRow {
                question: 3,
                option: Some(12),
                text: None,
                number: None,
            },
            AnswerRow {
                question: 4,
                option: None,
                text: Some("=1+1, \"quoted\"\nand a line".into()),
                number: None,
            },
            AnswerRow {
                question: 5,
                option: None,
                text: None,
                number: Some(-7),
            },
        ];
        let cell = serde_json::to_string(&rows).unwrap_or_default();
        assert_eq!(
            cell,
            r#"[[3,12,null,null],[4,null,"=1+1, \"quoted\"\nand a line",null],[5,null,null,-7]]"#
        );
        assert_eq!(unpack(&cell).ok(), Some(rows));
        assert!(unpack("[[1,\"x\"]]").is_err());
    }
}
