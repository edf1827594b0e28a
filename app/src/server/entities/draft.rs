//! Answers in progress: kept on the server between pages, saved to come back
//! to later, or a change being made to answers already sent.

use crate::domain::validation::Answers;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "draft")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i32,
    /// The browser's cookie, 128 random bits; also the form's submission token.
    #[sea_orm(unique)]
    pub token: String,
    /// Given when the respondent saves to come back later.
    pub resume_code: Option<String>,
    pub answers: DraftAnswers,
    /// How many page positions the respondent has finished (the furthest
    /// finished position + 1; 0 is none), for resuming.
    pub reached: i32,
    /// Set when this draft changes answers already sent.
    pub replaces_response_id: Option<i64>,
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

/// Validated answers so far, as stored (JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct DraftAnswers(pub Answers);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
