//! "I'm happy to be thanked publicly": the names respondents offered, which
//! an officer approves or declines one by one before any is shown.

use crate::server::entities::public_thanks::{self, ThanksStatus};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

/// Every name offered for `survey_id`, oldest first.
pub async fn all(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Vec<public_thanks::Model>, DbErr> {
    public_thanks::Entity::find()
        .filter(public_thanks::Column::SurveyId.eq(survey_id))
        .order_by_asc(public_thanks::Column::Id)
        .all(db)
        .await
}

/// The approved names for `survey_id`, in the order they were given.
pub async fn approved(db: &impl ConnectionTrait, survey_id: i32) -> Result<Vec<String>, DbErr> {
    Ok(public_thanks::Entity::find()
        .filter(public_thanks::Column::SurveyId.eq(survey_id))
        .filter(public_thanks::Column::Status.eq(ThanksStatus::Approved))
        .order_by_asc(public_thanks::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.name)
        .collect())
}

/// Approves or declines name `id` of `survey_id`; the name, if it was there.
pub async fn decide(
    db: &impl ConnectionTrait,
    survey_id: i32,
    id: i64,
    status: ThanksStatus,
) -> Result<Option<String>, DbErr> {
    let Some(found) = public_thanks::Entity::find_by_id(id)
        .filter(public_thanks::Column::SurveyId.eq(survey_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    public_thanks::Entity::update_many()
        .col_expr(public_thanks::Column::Status, Expr::value(status))
        .filter(public_thanks::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some(found.name))
}
