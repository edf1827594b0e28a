//! The walking skeleton's schema: the partnership's outcomes and priorities,
//! surveys with their questions and options, and submitted responses.
//!
//! Text that respondents read (titles, prompts, labels) is stored as a JSON
//! object of locale to text, so one row carries every translation and a
//! missing translation falls back to the survey's default language.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AppMeta::Table)
                .col(string(AppMeta::Key).primary_key())
                .col(text(AppMeta::Value))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Outcome::Table)
                .col(pk_auto(Outcome::Id))
                .col(string_uniq(Outcome::Key))
                .col(json(Outcome::Title))
                .col(json_null(Outcome::Description))
                .col(integer(Outcome::Position))
                .col(boolean(Outcome::Retired).default(false))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Priority::Table)
                .col(pk_auto(Priority::Id))
                .col(integer_uniq(Priority::Number))
                .col(json(Priority::Title))
                .col(json_null(Priority::Description))
                .col(boolean(Priority::Retired).default(false))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Survey::Table)
                .col(pk_auto(Survey::Id))
                .col(string_uniq(Survey::Slug))
                .col(string(Survey::DefaultLocale))
                .col(json(Survey::Title))
                .col(json(Survey::Introduction))
                .col(json(Survey::ViewsStatement))
                .col(integer(Survey::EstimatedMinutes))
                .col(string(Survey::Status))
                .col(timestamp_with_time_zone_null(Survey::OpensAt))
                .col(timestamp_with_time_zone_null(Survey::ClosesAt))
                .col(timestamp_with_time_zone(Survey::CreatedAt))
                .col(timestamp_with_time_zone(Survey::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_survey_status")
                .table(Survey::Table)
                .col(Survey::Status)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Question::Table)
                .col(pk_auto(Question::Id))
                .col(integer(Question::SurveyId))
                .col(integer(Question::Position))
                .col(string(Question::Kind))
                .col(json(Question::Prompt))
                .col(json_null(Question::HelpText))
                .col(boolean(Question::Required).default(false))
                .col(integer_null(Question::MaxLength))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_question_survey")
                        .from(Question::Table, Question::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_question_survey_position")
                .table(Question::Table)
                .col(Question::SurveyId)
                .col(Question::Position)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(QuestionOption::Table)
                .col(pk_auto(QuestionOption::Id))
                .col(integer(QuestionOption::QuestionId))
                .col(integer(QuestionOption::Position))
                .col(string(QuestionOption::Value))
                .col(json(QuestionOption::Label))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_option_question")
                        .from(QuestionOption::Table, QuestionOption::QuestionId)
                        .to(Question::Table, Question::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_option_question_value")
                .table(QuestionOption::Table)
                .col(QuestionOption::QuestionId)
                .col(QuestionOption::Value)
                .unique()
                .to_owned(),
        )
        .await?;

        for (table, column, target, target_id, name) in [
            (
                QuestionTag::QuestionOutcome,
                QuestionTag::OutcomeId,
                Outcome::Table.into_iden(),
                Outcome::Id.into_iden(),
                "outcome",
            ),
            (
                QuestionTag::QuestionPriority,
                QuestionTag::PriorityId,
                Priority::Table.into_iden(),
                Priority::Id.into_iden(),
                "priority",
            ),
        ] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(integer(QuestionTag::QuestionId))
                    .col(integer(column))
                    .primary_key(Index::create().col(QuestionTag::QuestionId).col(column))
                    .foreign_key(
                        ForeignKey::create()
                            .name(format!("fk_question_{name}_question"))
                            .from(table, QuestionTag::QuestionId)
                            .to(Question::Table, Question::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name(format!("fk_question_{name}_{name}"))
                            .from(table, column)
                            .to(target, target_id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(Response::Table)
                .col(big_pk_auto(Response::Id))
                .col(integer(Response::SurveyId))
                .col(string_uniq(Response::SubmissionToken))
                .col(string(Response::Locale))
                .col(timestamp_with_time_zone(Response::SubmittedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_response_survey")
                        .from(Response::Table, Response::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_response_survey_submitted")
                .table(Response::Table)
                .col(Response::SurveyId)
                .col(Response::SubmittedAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Answer::Table)
                .col(big_pk_auto(Answer::Id))
                .col(big_integer(Answer::ResponseId))
                .col(integer(Answer::QuestionId))
                .col(integer_null(Answer::OptionId))
                .col(text_null(Answer::TextValue))
                .col(big_integer_null(Answer::NumberValue))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_answer_response")
                        .from(Answer::Table, Answer::ResponseId)
                        .to(Response::Table, Response::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_answer_question")
                        .from(Answer::Table, Answer::QuestionId)
                        .to(Question::Table, Question::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_answer_option")
                        .from(Answer::Table, Answer::OptionId)
                        .to(QuestionOption::Table, QuestionOption::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        // Results count answers per option of one question: this index covers it.
        m.create_index(
            Index::create()
                .name("idx_answer_question_option")
                .table(Answer::Table)
                .col(Answer::QuestionId)
                .col(Answer::OptionId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_answer_response")
                .table(Answer::Table)
                .col(Answer::ResponseId)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Answer::Table.into_iden(),
            Response::Table.into_iden(),
            QuestionTag::QuestionPriority.into_iden(),
            QuestionTag::QuestionOutcome.into_iden(),
            QuestionOption::Table.into_iden(),
            Question::Table.into_iden(),
            Survey::Table.into_iden(),
            Priority::Table.into_iden(),
            Outcome::Table.into_iden(),
            AppMeta::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AppMeta {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Outcome {
    Table,
    Id,
    Key,
    Title,
    Description,
    Position,
    Retired,
}

#[derive(DeriveIden)]
enum Priority {
    Table,
    Id,
    Number,
    Title,
    Description,
    Retired,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
    Slug,
    DefaultLocale,
    Title,
    Introduction,
    ViewsStatement,
    EstimatedMinutes,
    Status,
    OpensAt,
    ClosesAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
    SurveyId,
    Position,
    Kind,
    Prompt,
    HelpText,
    Required,
    MaxLength,
}

#[derive(DeriveIden)]
enum QuestionOption {
    Table,
    Id,
    QuestionId,
    Position,
    Value,
    Label,
}

#[derive(DeriveIden, Clone, Copy)]
enum QuestionTag {
    QuestionOutcome,
    QuestionPriority,
    QuestionId,
    OutcomeId,
    PriorityId,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    SurveyId,
    SubmissionToken,
    Locale,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    ResponseId,
    QuestionId,
    OptionId,
    TextValue,
    NumberValue,
}
