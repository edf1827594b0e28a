//! Tallies: people per option and people per question, for everyone.
//! [`super::answers::write`] keeps them up to date in the transaction that
//! writes the answers, so figures without filters read a few rows instead
//! of counting every answer; a filtered segment still counts answers.

use crate::server::entities::{option_tally, question_option, question_tally};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, OnConflict},
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How the tallies change when a response's answers go from one set of
/// (question, option) pairs to another.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Deltas {
    /// Per option id. Nobody picks one option twice, so rows are people.
    pub options: BTreeMap<i32, i64>,
    /// Per question id: each person once, however many options they chose.
    pub questions: BTreeMap<i32, i64>,
}

impl Deltas {
    pub fn between(old: &[(i32, Option<i32>)], new: &[(i32, Option<i32>)]) -> Deltas {
        let mut d = Deltas::default();
        for (sign, pairs) in [(-1, old), (1, new)] {
            for option in pairs.iter().filter_map(|(_, o)| *o) {
                *d.options.entry(option).or_default() += sign;
            }
            let questions: BTreeSet<i32> = pairs.iter().map(|(q, _)| *q).collect();
            for question in questions {
                *d.questions.entry(question).or_default() += sign;
            }
        }
        d.options.retain(|_, n| *n != 0);
        d.questions.retain(|_, n| *n != 0);
        d
    }
}

/// Adds `deltas` to the tallies. Rows are written in key order, so two
/// transactions changing the same tallies lock them in the same order
/// and never deadlock.
pub async fn apply(db: &impl ConnectionTrait, deltas: &Deltas) -> Result<(), DbErr> {
    if !deltas.options.is_empty() {
        option_tally::Entity::insert_many(deltas.options.iter().map(|(&option_id, &n)| {
            option_tally::ActiveModel {
                option_id: sea_orm::Set(option_id),
                n: sea_orm::Set(n),
            }
        }))
        .on_conflict(adding(
            option_tally::Column::OptionId,
            option_tally::Column::N,
        ))
        .exec(db)
        .await?;
    }
    if !deltas.questions.is_empty() {
        question_tally::Entity::insert_many(deltas.questions.iter().map(|(&question_id, &n)| {
            question_tally::ActiveModel {
                question_id: sea_orm::Set(question_id),
                n: sea_orm::Set(n),
            }
        }))
        .on_conflict(adding(
            question_tally::Column::QuestionId,
            question_tally::Column::N,
        ))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// On a key already tallied, add the new row's count to the stored one.
fn adding<C: ColumnTrait>(key: C, n: C) -> OnConflict {
    let stored = Expr::col((key.entity_name(), n));
    OnConflict::column(key)
        .value(n, stored.add(Expr::col((Alias::new("excluded"), n))))
        .to_owned()
}

/// People per option of `questions`' options, and people per question.
pub async fn read(
    db: &impl ConnectionTrait,
    questions: &[i32],
) -> Result<(HashMap<i32, i64>, HashMap<i32, i64>), DbErr> {
    if questions.is_empty() {
        return Ok(Default::default());
    }
    let options: Vec<(i32, i64)> = option_tally::Entity::find()
        .select_only()
        .column(option_tally::Column::OptionId)
        .column(option_tally::Column::N)
        .filter(
            option_tally::Column::OptionId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(question_option::Column::Id)
                    .from(question_option::Entity)
                    .and_where(question_option::Column::QuestionId.is_in(questions.to_vec()))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let people: Vec<(i32, i64)> = question_tally::Entity::find()
        .select_only()
        .column(question_tally::Column::QuestionId)
        .column(question_tally::Column::N)
        .filter(question_tally::Column::QuestionId.is_in(questions.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    Ok((options.into_iter().collect(), people.into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_moves_only_what_changed() {
        // Question 1 single choice, 2 multiple choice, 3 written.
        let old = [(1, Some(10)), (2, Some(20)), (2, Some(21)), (3, None)];
        let new = [(1, Some(11)), (2, Some(21)), (2, Some(22))];
        let d = Deltas::between(&old, &new);
        assert_eq!(
            d.options,
            BTreeMap::from([(10, -1), (11, 1), (20, -1), (22, 1)])
        );
        // Still answering 1 and 2 (each person once), no longer 3.
        assert_eq!(d.questions, BTreeMap::from([(3, -1)]));
    }

    #[test]
    fn withdrawing_takes_one_person_from_each_question() {
        let old = [(2, Some(20)), (2, Some(21)), (5, None)];
        let d = Deltas::between(&old, &[]);
        assert_eq!(d.options, BTreeMap::from([(20, -1), (21, -1)]));
        assert_eq!(d.questions, BTreeMap::from([(2, -1), (5, -1)]));
        assert_eq!(Deltas::between(&old, &old), Deltas::default());
    }
}
