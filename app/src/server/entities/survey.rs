//! A survey: its content in every language and when it takes answers.

use crate::domain::localized::LocalizedText;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub default_locale: String,
    pub title: LocalizedText,
    pub introduction: LocalizedText,
    pub views_statement: LocalizedText,
    pub estimated_minutes: i32,
    pub status: Status,
    pub opens_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// How many responses were withdrawn: all that remains of them.
    pub withdrawn_count: i32,
}

/// Where a survey is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Status {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "open")]
    Open,
    #[sea_orm(string_value = "closed")]
    Closed,
    /// Put away: not listed or answerable, but its answers and receipts
    /// still work (a respondent can always withdraw).
    #[sea_orm(string_value = "archived")]
    Archived,
}

impl From<Status> for crate::domain::officer::SurveyStatus {
    fn from(status: Status) -> Self {
        use crate::domain::officer::SurveyStatus;
        match status {
            Status::Draft => SurveyStatus::Draft,
            Status::Open => SurveyStatus::Open,
            Status::Closed => SurveyStatus::Closed,
            Status::Archived => SurveyStatus::Archived,
        }
    }
}

impl Model {
    /// Survey content in `locale`, falling back to the survey's own language.
    pub fn text(&self, text: &LocalizedText, locale: &str) -> crate::domain::localized::Resolved {
        text.resolve(locale, &self.default_locale)
    }

    /// Whether the survey takes answers at `now`: open, and inside its dates.
    pub fn is_accepting(&self, now: DateTimeUtc) -> bool {
        self.status == Status::Open
            && self.opens_at.is_none_or(|at| at <= now)
            && self.closes_at.is_none_or(|at| now < at)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::question::Entity")]
    Question,
    #[sea_orm(has_many = "super::response::Entity")]
    Response,
}

impl Related<super::question::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Question.def()
    }
}

impl Related<super::response::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Response.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
