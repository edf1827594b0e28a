//! "Does this show that families' views were listened to?": one answer,
//! anonymous, with an optional comment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_rating")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: i32,
    /// `yes`, `partly` or `no`.
    pub answer: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
