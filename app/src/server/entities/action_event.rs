//! One dated entry in an action's timeline: created, published,
//! unpublished, a change of status, or an update in words.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: i32,
    pub at: DateTimeUtc,
    /// `domain::actions::EventKind` as text.
    pub kind: String,
    /// The status set, for a change of status.
    pub status: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub user_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
