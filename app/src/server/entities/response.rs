//! One submitted response to a survey.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i32,
    /// Random token from the form: a re-sent submission finds the response
    /// it already made instead of making a second one.
    #[sea_orm(unique)]
    pub submission_token: String,
    pub locale: String,
    pub submitted_at: DateTimeUtc,
    /// Opens the answers again, to see, change or withdraw them. Null only in
    /// responses older than receipts.
    pub receipt_code: Option<String>,
    /// Who answered, from the survey's respondent-type question.
    pub respondent_type: Option<String>,
    /// When the answers were last changed.
    pub updated_at: Option<DateTimeUtc>,
    /// Every answer again, as one JSON array, so the responses export reads
    /// one row per response; written only by `store::answers`.
    #[sea_orm(column_type = "Text")]
    pub packed_answers: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::survey::Entity",
        from = "Column::SurveyId",
        to = "super::survey::Column::Id"
    )]
    Survey,
    #[sea_orm(has_many = "super::answer::Entity")]
    Answer,
}

impl Related<super::survey::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Survey.def()
    }
}

impl Related<super::answer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Answer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
