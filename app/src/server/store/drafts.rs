//! Answers in progress, kept on the server so the journey works without
//! JavaScript and can be saved and resumed on another day or device.

use crate::{
    domain::validation::Answers,
    error::AppError,
    server::auth::secrets::{new_code, new_token},
    server::{
        db::begin_write,
        entities::draft::{self, DraftAnswers},
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, QueryFilter,
};

/// Starts a draft for `survey_id`, first clearing drafts that have expired.
pub async fn create(
    db: &DatabaseConnection,
    survey_id: i32,
    locale: &str,
    answers: Answers,
    replaces_response_id: Option<i64>,
    days: u32,
) -> Result<draft::Model, AppError> {
    purge_expired(db).await?;
    let now = Utc::now();
    Ok(draft::ActiveModel {
        id: NotSet,
        survey_id: Set(survey_id),
        token: Set(new_token()),
        resume_code: Set(None),
        answers: Set(DraftAnswers(answers)),
        reached: Set(0),
        replaces_response_id: Set(replaces_response_id),
        locale: Set(locale.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        expires_at: Set(now + Duration::days(i64::from(days))),
    }
    .insert(db)
    .await?)
}

/// The unexpired draft of `survey_id` held by the browser's cookie `token`.
pub async fn by_token(
    db: &impl ConnectionTrait,
    survey_id: i32,
    token: &str,
) -> Result<Option<draft::Model>, DbErr> {
    draft::Entity::find()
        .filter(draft::Column::Token.eq(token))
        .filter(draft::Column::SurveyId.eq(survey_id))
        .filter(draft::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await
}

/// The unexpired draft of `survey_id` saved under a resume code.
pub async fn by_resume_code(
    db: &impl ConnectionTrait,
    survey_id: i32,
    code: &str,
) -> Result<Option<draft::Model>, DbErr> {
    draft::Entity::find()
        .filter(draft::Column::ResumeCode.eq(code))
        .filter(draft::Column::SurveyId.eq(survey_id))
        .filter(draft::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await
}

/// Replaces the answers to `page_questions` with `page_answers`, records
/// how far the respondent has got (`finished`: the index of a page they
/// finished), and keeps the draft for `days` more.
///
/// Read and written in one write transaction, so two tabs posting at once
/// cannot lose each other's pages.
pub async fn save_page(
    db: &DatabaseConnection,
    draft_id: i64,
    page_questions: &[i32],
    page_answers: Answers,
    finished: Option<usize>,
    days: u32,
) -> Result<draft::Model, AppError> {
    let txn = begin_write(db).await?;
    let current = draft::Entity::find_by_id(draft_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut answers = current.answers.0.clone();
    answers.retain(|id, _| !page_questions.contains(id));
    answers.extend(page_answers);
    // `reached` counts page positions finished, so 0 means none.
    let reached = finished
        .and_then(|i| i32::try_from(i + 1).ok())
        .map_or(current.reached, |r| r.max(current.reached));
    let now = Utc::now();
    let mut row: draft::ActiveModel = current.into();
    row.answers = Set(DraftAnswers(answers));
    row.reached = Set(reached);
    row.updated_at = Set(now);
    row.expires_at = Set(now + Duration::days(i64::from(days)));
    let saved = row.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The draft's resume code, made now if it has none.
pub async fn resume_code(
    db: &DatabaseConnection,
    draft: &draft::Model,
) -> Result<String, AppError> {
    if let Some(code) = &draft.resume_code {
        return Ok(code.clone());
    }
    for _ in 0..5 {
        let code = new_code();
        let taken = draft::Entity::find()
            .filter(draft::Column::ResumeCode.eq(&code))
            .one(db)
            .await?
            .is_some();
        if taken {
            continue;
        }
        let mut row: draft::ActiveModel = draft.clone().into();
        row.resume_code = Set(Some(code.clone()));
        row.update(db).await?;
        return Ok(code);
    }
    tracing::error!("could not find a free resume code in five tries");
    Err(AppError::Internal)
}

/// Deletes drafts past their expiry: saved answers are not kept forever.
pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Ok(draft::Entity::delete_many()
        .filter(draft::Column::ExpiresAt.lte(Utc::now()))
        .exec(db)
        .await?
        .rows_affected)
}
