//! One drop-in session: when and where, who attends, and its public code.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dropin_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// None for a one-off session.
    pub series_id: Option<i32>,
    pub name: String,
    /// The local date where it is held.
    pub held_on: Date,
    /// Local times, `HH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub venue: String,
    /// One service per line.
    pub services: String,
    /// Random and public: in the session's link and QR code.
    #[sea_orm(unique)]
    pub code: String,
    pub survey_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
