//! Installation facts kept in `app_meta`.

use crate::server::entities::app_meta;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, sea_query::OnConflict};

/// Reads one fact.
pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, DbErr> {
    Ok(app_meta::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|m| m.value))
}

/// Writes one fact, replacing any earlier value.
pub async fn set(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), DbErr> {
    app_meta::Entity::insert(app_meta::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    })
    .on_conflict(
        OnConflict::column(app_meta::Column::Key)
            .update_column(app_meta::Column::Value)
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The fact under `key`, writing `value` first if there is none. Of
/// several servers racing to write it, the first wins and all read its.
pub async fn get_or_insert(
    db: &impl ConnectionTrait,
    key: &str,
    value: &str,
) -> Result<String, DbErr> {
    if let Some(found) = get(db, key).await? {
        return Ok(found);
    }
    app_meta::Entity::insert(app_meta::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    })
    .on_conflict(
        OnConflict::column(app_meta::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    get(db, key)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("app_meta {key}")))
}
