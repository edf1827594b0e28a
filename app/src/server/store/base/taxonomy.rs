//! The outcomes framework and the local priorities: the tags questions and
//! actions carry. Read here once, in the framework's order, for every tag
//! list, filter, check and the outcomes view.

use crate::server::entities::{
    outcome, priority, question, question_option, question_outcome, question_priority, survey,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Outcomes in the framework's order and priorities by number.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub outcomes: Vec<outcome::Model>,
    pub priorities: Vec<priority::Model>,
}

/// Every outcome and priority, retired ones included: tags already given
/// keep their meaning.
pub async fn all(db: &impl ConnectionTrait) -> Result<Taxonomy, DbErr> {
    read(db, false).await
}

/// The outcomes and priorities that may still be given (not retired).
pub async fn current(db: &impl ConnectionTrait) -> Result<Taxonomy, DbErr> {
    read(db, true).await
}

async fn read(db: &impl ConnectionTrait, current_only: bool) -> Result<Taxonomy, DbErr> {
    let mut outcomes = outcome::Entity::find();
    let mut priorities = priority::Entity::find();
    if current_only {
        outcomes = outcomes.filter(outcome::Column::Retired.eq(false));
        priorities = priorities.filter(priority::Column::Retired.eq(false));
    }
    Ok(Taxonomy {
        outcomes: outcomes
            .order_by_asc(outcome::Column::Position)
            .all(db)
            .await?,
        priorities: priorities
            .order_by_asc(priority::Column::Number)
            .all(db)
            .await?,
    })
}

/// Every tagged question, with its survey and options, for the outcomes view.
#[derive(Debug, Default)]
pub struct Tagged {
    pub by_outcome: Vec<question_outcome::Model>,
    pub by_priority: Vec<question_priority::Model>,
    pub questions: HashMap<i32, question::Model>,
    pub surveys: HashMap<i32, survey::Model>,
    pub options: Vec<question_option::Model>,
}

/// Every question tagged with an outcome or a priority: four queries,
/// whatever the number of surveys.
pub async fn tagged(db: &impl ConnectionTrait) -> Result<Tagged, DbErr> {
    let by_outcome = question_outcome::Entity::find().all(db).await?;
    let by_priority = question_priority::Entity::find().all(db).await?;
    let mut ids: Vec<i32> = by_outcome
        .iter()
        .map(|t| t.question_id)
        .chain(by_priority.iter().map(|t| t.question_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let questions: HashMap<i32, question::Model> = question::Entity::find()
        .filter(question::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    let surveys: HashMap<i32, survey::Model> = survey::Entity::find()
        .filter(survey::Column::Id.is_in(questions.values().map(|q| q.survey_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let options = question_option::Entity::find()
        .filter(question_option::Column::QuestionId.is_in(ids))
        .all(db)
        .await?;
    Ok(Tagged {
        by_outcome,
        by_priority,
        questions,
        surveys,
        options,
    })
}
