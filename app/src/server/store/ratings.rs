//! Ratings of published actions ("Do you feel heard?"), with their
//! optional comments.

use crate::{domain::actions::Rating, server::entities::action_rating};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect,
};

/// Stores one rating.
pub async fn rate(
    db: &impl ConnectionTrait,
    action_id: i32,
    rating: Rating,
    comment: Option<String>,
) -> Result<(), DbErr> {
    action_rating::ActiveModel {
        id: NotSet,
        action_id: Set(action_id),
        answer: Set(rating.as_str().to_owned()),
        comment: Set(comment),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Rating comments on one action, newest first (officers only).
pub async fn rating_comments(
    db: &impl ConnectionTrait,
    action_id: i32,
) -> Result<Vec<String>, DbErr> {
    Ok(action_rating::Entity::find()
        .filter(action_rating::Column::ActionId.eq(action_id))
        .filter(action_rating::Column::Comment.is_not_null())
        .order_by_desc(action_rating::Column::Id)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.comment)
        .collect())
}

/// Ratings per answer for one action, or (None) every action.
pub async fn rating_counts(
    db: &impl ConnectionTrait,
    action_id: Option<i32>,
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut select = action_rating::Entity::find()
        .select_only()
        .column(action_rating::Column::Answer)
        .column_as(action_rating::Column::Id.count(), "n")
        .group_by(action_rating::Column::Answer);
    if let Some(id) = action_id {
        select = select.filter(action_rating::Column::ActionId.eq(id));
    }
    select.into_tuple().all(db).await
}
