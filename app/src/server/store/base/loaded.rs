//! A survey with its pages, questions and options as stored: what every
//! file that reads answers counts against.

use crate::{
    error::AppError,
    server::entities::{question, question_option, survey, survey_page},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, LoaderTrait, QueryFilter, QueryOrder};

/// A question with its options, as stored.
pub type StoredQuestion = (question::Model, Vec<question_option::Model>);

/// A survey with its pages, questions and options, as stored, in survey order.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub survey: survey::Model,
    pub pages: Vec<(survey_page::Model, Vec<StoredQuestion>)>,
}

impl Loaded {
    /// Every question with its options, in survey order.
    pub fn questions(&self) -> impl Iterator<Item = &StoredQuestion> {
        self.pages.iter().flat_map(|(_, qs)| qs.iter())
    }

    /// The stored option id for `value` of question `question_id`.
    pub fn option_id(&self, question_id: i32, value: &str) -> Option<i32> {
        self.questions()
            .find(|(q, _)| q.id == question_id)
            .and_then(|(_, options)| options.iter().find(|o| o.value == value))
            .map(|o| o.id)
    }
}

/// Loads a survey's pages, questions and options.
pub async fn load(db: &impl ConnectionTrait, survey: survey::Model) -> Result<Loaded, AppError> {
    let pages = survey_page::Entity::find()
        .filter(survey_page::Column::SurveyId.eq(survey.id))
        .order_by_asc(survey_page::Column::Position)
        .all(db)
        .await?;
    let questions = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let mut options = questions.load_many(question_option::Entity, db).await?;
    for list in &mut options {
        list.sort_by_key(|o| o.position);
    }
    let mut questions: Vec<StoredQuestion> = questions.into_iter().zip(options).collect();
    let pages = pages
        .into_iter()
        .map(|page| {
            let (here, rest) = questions
                .drain(..)
                .partition(|(q, _)| q.page_id == Some(page.id));
            questions = rest;
            (page, here)
        })
        .collect();
    Ok(Loaded { survey, pages })
}
