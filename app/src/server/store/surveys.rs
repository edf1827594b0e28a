//! Survey rows: the open ones, every one with its response count, and
//! loading one whole by slug.

use crate::{error::AppError, server::entities::survey};
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

pub use super::base::loaded::{Loaded, StoredQuestion, load};

/// Surveys taking answers now, newest first.
pub async fn open_surveys(db: &impl ConnectionTrait) -> Result<Vec<survey::Model>, DbErr> {
    use crate::server::entities::dropin_session;
    use sea_orm::sea_query::Query;
    let now = Utc::now();
    // A drop-in's feedback form is reached from its session's link or
    // kiosk, not from the list of surveys.
    let feedback_forms = Query::select()
        .distinct()
        .column(dropin_session::Column::SurveyId)
        .from(dropin_session::Entity)
        .to_owned();
    let surveys = survey::Entity::find()
        .filter(survey::Column::Status.eq(survey::Status::Open))
        .filter(survey::Column::Id.not_in_subquery(feedback_forms))
        .order_by_desc(survey::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(surveys
        .into_iter()
        .filter(|s| s.is_accepting(now))
        .collect())
}

/// Every survey with its number of responses, newest first, for officers.
/// Counting is one grouped query, whatever the number of surveys.
pub async fn with_response_counts(
    db: &impl ConnectionTrait,
) -> Result<Vec<(survey::Model, u64)>, DbErr> {
    use crate::server::entities::response;
    use sea_orm::{
        QuerySelect,
        sea_query::{Expr, ExprTrait},
    };
    let counts: std::collections::HashMap<i32, i64> = response::Entity::find()
        .select_only()
        .column(response::Column::SurveyId)
        .column_as(Expr::col(response::Column::Id).count(), "n")
        .group_by(response::Column::SurveyId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let surveys = survey::Entity::find()
        .order_by_desc(survey::Column::CreatedAt)
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?;
    Ok(surveys
        .into_iter()
        .map(|s| {
            let n = counts.get(&s.id).copied().unwrap_or(0).unsigned_abs();
            (s, n)
        })
        .collect())
}

/// Loads a published (open or closed) survey by slug; drafts are not public.
pub async fn load_public(db: &impl ConnectionTrait, slug: &str) -> Result<Loaded, AppError> {
    let survey = survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .filter(survey::Column::Status.ne(survey::Status::Draft))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    load(db, survey).await
}

/// Loads a survey that takes answers now.
pub async fn load_accepting(db: &impl ConnectionTrait, slug: &str) -> Result<Loaded, AppError> {
    let loaded = load_public(db, slug).await?;
    if loaded.survey.is_accepting(Utc::now()) {
        Ok(loaded)
    } else {
        Err(AppError::SurveyClosed)
    }
}
