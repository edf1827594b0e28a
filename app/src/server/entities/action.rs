//! A "You said, we did" action: what families said, what the partnership
//! did about it, its status, and whether the public can see it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub you_said: String,
    #[sea_orm(column_type = "Text")]
    pub we_did: String,
    pub service: String,
    /// When, in words: "By March 2027".
    pub timing: String,
    /// `domain::actions::ActionStatus` as text.
    pub status: String,
    /// Why it was not possible.
    #[sea_orm(column_type = "Text", nullable)]
    pub status_reason: Option<String>,
    pub owner_id: Option<i32>,
    /// Null while a draft or unpublished.
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
