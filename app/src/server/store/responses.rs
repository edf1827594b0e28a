//! Storing submitted responses.

use super::surveys::Loaded;
use crate::{
    domain::validation::{Answer, AnswerValue},
    error::AppError,
    server::{
        db::begin_write,
        entities::{answer, response},
    },
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, SqlErr,
};

/// What happened to a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// A new response was stored.
    Stored(i64),
    /// This form was already submitted (double click, resend, Back): nothing new stored.
    AlreadyStored(i64),
}

/// Stores one response and its answers in a single transaction.
///
/// The form's `token` is unique: a second submission of the same form finds
/// the first response instead of storing a duplicate. Either every answer is
/// stored or none is.
pub async fn submit(
    db: &DatabaseConnection,
    survey: &Loaded,
    answers: &[Answer],
    token: &str,
    locale: &str,
) -> Result<Submitted, AppError> {
    if token.is_empty() || token.len() > 64 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::BadRequest);
    }
    let rows = answer_rows(survey, answers)?;
    let txn = begin_write(db).await?;
    // Write first: the unique token decides, inside the lock, whether this is new.
    let inserted = response::Entity::insert(response::ActiveModel {
        id: NotSet,
        survey_id: Set(survey.survey.id),
        submission_token: Set(token.to_owned()),
        locale: Set(locale.to_owned()),
        submitted_at: Set(Utc::now()),
    })
    .exec(&txn)
    .await;
    let response_id = match inserted {
        Ok(done) => done.last_insert_id,
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return existing(db, token).await.map(Submitted::AlreadyStored);
        }
        Err(err) => return Err(err.into()),
    };
    if !rows.is_empty() {
        answer::Entity::insert_many(rows.into_iter().map(|mut row| {
            row.response_id = Set(response_id);
            row
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Submitted::Stored(response_id))
}

async fn existing(db: &DatabaseConnection, token: &str) -> Result<i64, AppError> {
    let found = response::Entity::find()
        .filter(response::Column::SubmissionToken.eq(token))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(found.id)
}

/// One row per chosen option, one per text answer. Values were validated
/// against this survey, so an unknown option here is a tampered form.
fn answer_rows(survey: &Loaded, answers: &[Answer]) -> Result<Vec<answer::ActiveModel>, AppError> {
    let mut rows = Vec::new();
    let row = |question_id, option_id, text_value| answer::ActiveModel {
        id: NotSet,
        response_id: NotSet,
        question_id: Set(question_id),
        option_id: Set(option_id),
        text_value: Set(text_value),
        number_value: Set(None),
    };
    for a in answers {
        match &a.value {
            AnswerValue::Options(values) => {
                for value in values {
                    let option = survey
                        .option_id(a.question_id, value)
                        .ok_or(AppError::BadRequest)?;
                    rows.push(row(a.question_id, Some(option), None));
                }
            }
            AnswerValue::Text(text) => rows.push(row(a.question_id, None, Some(text.clone()))),
        }
    }
    Ok(rows)
}

/// Counts stored responses to a survey.
pub async fn count(db: &impl sea_orm::ConnectionTrait, survey_id: i32) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey_id))
        .count(db)
        .await
}

/// A fresh submission token: 128 random bits, as 32 hex characters.
pub fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
