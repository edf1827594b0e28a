//! One option of a choice question.

use crate::domain::localized::LocalizedText;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_option")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_id: i32,
    pub position: i32,
    /// Stable value posted by forms and used in exports.
    pub value: String,
    pub label: LocalizedText,
    /// A `Special` stored name: "none of these", "prefer not to say", "don't know".
    pub special: Option<String>,
    /// A picture or symbol shown beside the option: a path on this site.
    pub image: Option<String>,
    pub image_alt: Option<LocalizedText>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::question::Entity",
        from = "Column::QuestionId",
        to = "super::question::Column::Id",
        on_delete = "Cascade"
    )]
    Question,
}

impl Related<super::question::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Question.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
