//! One piece of evidence an action rests on: a question (optionally within
//! a segment), a theme of comments, or a drop-in series' feedback.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_evidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_id: i32,
    /// `question`, `theme` or `series`.
    pub kind: String,
    /// The survey the figures come from (a series' feedback survey).
    pub survey_id: i32,
    pub question_id: Option<i32>,
    pub theme_id: Option<i32>,
    pub series_id: Option<i32>,
    pub segment_question_id: Option<i32>,
    pub segment_value: Option<String>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
