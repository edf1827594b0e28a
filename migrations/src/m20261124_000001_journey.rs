//! The respondent journey: surveys in pages with branching, more kinds of
//! question, drafts that can be saved and resumed, receipt codes for
//! changing or withdrawing answers, an outbox for mail, and rate limits.
//!
//! Existing surveys get one page holding all their questions, so a database
//! made by the walking skeleton keeps working.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SurveyPage::Table)
                .col(pk_auto(SurveyPage::Id))
                .col(integer(SurveyPage::SurveyId))
                .col(integer(SurveyPage::Position))
                .col(json_null(SurveyPage::Title))
                .col(json_null(SurveyPage::Introduction))
                // Show-if conditions (all must hold), as JSON; null means always shown.
                .col(json_null(SurveyPage::ShowIf))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_page_survey")
                        .from(SurveyPage::Table, SurveyPage::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_page_survey_position")
                .table(SurveyPage::Table)
                .col(SurveyPage::SurveyId)
                .col(SurveyPage::Position)
                .to_owned(),
        )
        .await?;

        // No foreign key on `page_id`: SQLite could add one but never drop it
        // again. The store deletes a page's questions with the page.
        for column in [
            ColumnDef::new(Question::PageId).integer().null().to_owned(),
            ColumnDef::new(Question::ShowIf).json().null().to_owned(),
            ColumnDef::new(Question::MinValue)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Question::MaxValue)
                .big_integer()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Question::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        // One page per existing survey, holding all its questions.
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO survey_page (survey_id, position) SELECT id, 0 FROM survey",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE question SET page_id = \
             (SELECT p.id FROM survey_page p WHERE p.survey_id = question.survey_id)",
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_question_page")
                .table(Question::Table)
                .col(Question::PageId)
                .to_owned(),
        )
        .await?;

        for column in [
            ColumnDef::new(QuestionOption::Special)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(QuestionOption::Image)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(QuestionOption::ImageAlt)
                .json()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(QuestionOption::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }

        m.alter_table(
            Table::alter()
                .table(Survey::Table)
                .add_column(integer(Survey::WithdrawnCount).default(0))
                .to_owned(),
        )
        .await?;

        for column in [
            ColumnDef::new(Response::ReceiptCode)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(Response::RespondentType)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(Response::UpdatedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        // Unique where present: both backends allow many NULLs in a unique index.
        m.create_index(
            Index::create()
                .name("uq_response_receipt_code")
                .table(Response::Table)
                .col(Response::ReceiptCode)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Draft::Table)
                .col(big_pk_auto(Draft::Id))
                .col(integer(Draft::SurveyId))
                // The browser's cookie: 128 random bits.
                .col(string_uniq(Draft::Token))
                // Given when the respondent saves to come back later.
                .col(string_null(Draft::ResumeCode))
                .col(json(Draft::Answers))
                // How far the respondent has got (page position), for resuming.
                .col(integer(Draft::Reached).default(0))
                .col(big_integer_null(Draft::ReplacesResponseId))
                .col(string(Draft::Locale))
                .col(timestamp_with_time_zone(Draft::CreatedAt))
                .col(timestamp_with_time_zone(Draft::UpdatedAt))
                .col(timestamp_with_time_zone(Draft::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_draft_survey")
                        .from(Draft::Table, Draft::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_draft_response")
                        .from(Draft::Table, Draft::ReplacesResponseId)
                        .to(Response::Table, Response::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_draft_resume_code")
                .table(Draft::Table)
                .col(Draft::ResumeCode)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_draft_expires")
                .table(Draft::Table)
                .col(Draft::ExpiresAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(big_pk_auto(Outbox::Id))
                .col(string(Outbox::Kind))
                .col(string(Outbox::ToAddress))
                .col(string(Outbox::Locale))
                .col(string(Outbox::Subject))
                .col(text(Outbox::BodyText))
                .col(text_null(Outbox::BodyHtml))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                .col(integer(Outbox::Attempts).default(0))
                .col(timestamp_with_time_zone_null(Outbox::SentAt))
                .col(text_null(Outbox::LastError))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(Outbox::Table)
                .col(Outbox::SentAt)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;

        // "Tell me what happens because of these views": an address kept
        // apart from the answers, used only for "You said, we did" updates.
        m.create_table(
            Table::create()
                .table(UpdateRequest::Table)
                .col(big_pk_auto(UpdateRequest::Id))
                .col(integer(UpdateRequest::SurveyId))
                .col(big_integer(UpdateRequest::ResponseId))
                .col(string(UpdateRequest::Email))
                .col(string(UpdateRequest::Locale))
                // For one-click unsubscribe links.
                .col(string_uniq(UpdateRequest::Token))
                .col(timestamp_with_time_zone(UpdateRequest::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_update_request_survey")
                        .from(UpdateRequest::Table, UpdateRequest::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_update_request_response")
                        .from(UpdateRequest::Table, UpdateRequest::ResponseId)
                        .to(Response::Table, Response::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_update_request_response")
                .table(UpdateRequest::Table)
                .col(UpdateRequest::ResponseId)
                .unique()
                .to_owned(),
        )
        .await?;

        // "I'm happy to be thanked publicly": shown only once approved.
        m.create_table(
            Table::create()
                .table(PublicThanks::Table)
                .col(big_pk_auto(PublicThanks::Id))
                .col(integer(PublicThanks::SurveyId))
                .col(big_integer(PublicThanks::ResponseId))
                .col(string(PublicThanks::Name))
                .col(string(PublicThanks::Status))
                .col(timestamp_with_time_zone(PublicThanks::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_public_thanks_survey")
                        .from(PublicThanks::Table, PublicThanks::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_public_thanks_response")
                        .from(PublicThanks::Table, PublicThanks::ResponseId)
                        .to(Response::Table, Response::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_public_thanks_response")
                .table(PublicThanks::Table)
                .col(PublicThanks::ResponseId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RateLimit::Table)
                .col(string(RateLimit::Key).primary_key())
                .col(timestamp_with_time_zone(RateLimit::WindowStart))
                .col(integer(RateLimit::Hits))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RateLimit::Table.into_iden(),
            PublicThanks::Table.into_iden(),
            UpdateRequest::Table.into_iden(),
            Outbox::Table.into_iden(),
            Draft::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.drop_index(
            Index::drop()
                .name("uq_response_receipt_code")
                .table(Response::Table)
                .to_owned(),
        )
        .await?;
        for column in [
            Response::ReceiptCode,
            Response::RespondentType,
            Response::UpdatedAt,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Response::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Survey::Table)
                .drop_column(Survey::WithdrawnCount)
                .to_owned(),
        )
        .await?;
        for column in [
            QuestionOption::Special,
            QuestionOption::Image,
            QuestionOption::ImageAlt,
        ] {
            m.alter_table(
                Table::alter()
                    .table(QuestionOption::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_question_page")
                .table(Question::Table)
                .to_owned(),
        )
        .await?;
        for column in [
            Question::PageId,
            Question::ShowIf,
            Question::MinValue,
            Question::MaxValue,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Question::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table(SurveyPage::Table).to_owned())
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
    WithdrawnCount,
}

#[derive(DeriveIden)]
enum SurveyPage {
    Table,
    Id,
    SurveyId,
    Position,
    Title,
    Introduction,
    ShowIf,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    PageId,
    ShowIf,
    MinValue,
    MaxValue,
}

#[derive(DeriveIden)]
enum QuestionOption {
    Table,
    Special,
    Image,
    ImageAlt,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    ReceiptCode,
    RespondentType,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Draft {
    Table,
    Id,
    SurveyId,
    Token,
    ResumeCode,
    Answers,
    Reached,
    ReplacesResponseId,
    Locale,
    CreatedAt,
    UpdatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    ToAddress,
    Locale,
    Subject,
    BodyText,
    BodyHtml,
    CreatedAt,
    NextAttemptAt,
    Attempts,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum UpdateRequest {
    Table,
    Id,
    SurveyId,
    ResponseId,
    Email,
    Locale,
    Token,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PublicThanks {
    Table,
    Id,
    SurveyId,
    ResponseId,
    Name,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Key,
    WindowStart,
    Hits,
}
