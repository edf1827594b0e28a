//! Results: segment filters look up the responses that chose an option, so
//! the answer index on (question, option) also carries the response id and
//! answers those lookups, and the grouped counts, from the index alone.
//! Officers theme written answers: a survey's themes, and which comments
//! carry which (several per comment). Tags go with their answer, so a
//! withdrawn response takes its tags with it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_answer_question_option_response")
                .table(Answer::Table)
                .col(Answer::QuestionId)
                .col(Answer::OptionId)
                .col(Answer::ResponseId)
                .to_owned(),
        )
        .await?;
        // Its first two columns are the old index: keeping both only slows writes.
        m.drop_index(
            Index::drop()
                .name("idx_answer_question_option")
                .table(Answer::Table)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Theme::Table)
                .col(pk_auto(Theme::Id))
                .col(integer(Theme::SurveyId))
                .col(string(Theme::Name))
                .col(timestamp_with_time_zone(Theme::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_theme_survey")
                        .from(Theme::Table, Theme::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_theme_survey_name")
                .table(Theme::Table)
                .col(Theme::SurveyId)
                .col(Theme::Name)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AnswerTheme::Table)
                .col(big_integer(AnswerTheme::AnswerId))
                .col(integer(AnswerTheme::ThemeId))
                .primary_key(
                    Index::create()
                        .col(AnswerTheme::AnswerId)
                        .col(AnswerTheme::ThemeId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_answer_theme_answer")
                        .from(AnswerTheme::Table, AnswerTheme::AnswerId)
                        .to(Answer::Table, Answer::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_answer_theme_theme")
                        .from(AnswerTheme::Table, AnswerTheme::ThemeId)
                        .to(Theme::Table, Theme::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // Counting a theme's comments starts from the theme.
        m.create_index(
            Index::create()
                .name("idx_answer_theme_theme")
                .table(AnswerTheme::Table)
                .col(AnswerTheme::ThemeId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AnswerTheme::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Theme::Table).to_owned())
            .await?;
        m.create_index(
            Index::create()
                .name("idx_answer_question_option")
                .table(Answer::Table)
                .col(Answer::QuestionId)
                .col(Answer::OptionId)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("idx_answer_question_option_response")
                .table(Answer::Table)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Theme {
    Table,
    Id,
    SurveyId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AnswerTheme {
    Table,
    AnswerId,
    ThemeId,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    QuestionId,
    OptionId,
    ResponseId,
}
