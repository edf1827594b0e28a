//! One question of a survey, in survey order.

use crate::domain::localized::LocalizedText;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    pub position: i32,
    /// A `QuestionKind` stored name.
    pub kind: String,
    pub prompt: LocalizedText,
    pub help_text: Option<LocalizedText>,
    pub required: bool,
    pub max_length: Option<i32>,
    /// The page it is on. Null only in rows older than pages, which the
    /// journey migration moved onto one page per survey.
    pub page_id: Option<i32>,
    pub show_if: Option<super::survey_page::Conditions>,
    /// Bounds of a number question.
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    /// Kept for the answers it has, but no longer asked.
    pub archived: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::survey::Entity",
        from = "Column::SurveyId",
        to = "super::survey::Column::Id",
        on_delete = "Cascade"
    )]
    Survey,
    #[sea_orm(has_many = "super::question_option::Entity")]
    QuestionOption,
}

impl Related<super::survey::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Survey.def()
    }
}

impl Related<super::question_option::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::QuestionOption.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
