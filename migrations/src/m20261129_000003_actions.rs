//! "You said, we did": actions, the evidence each rests on, a dated
//! timeline, outcome and priority tags, ratings of the process, and, for
//! each address kept for updates, the last timeline entry it was told of.
//!
//! Evidence keeps the survey it came from, so the public board filters by
//! survey and the digest finds who asked for updates without a join per
//! kind. Deleting an action takes its evidence, tags, timeline and ratings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Action::Table)
                .col(pk_auto(Action::Id))
                .col(text(Action::YouSaid))
                .col(text(Action::WeDid))
                .col(string(Action::Service))
                // Free text, such as "By March 2027".
                .col(string(Action::Timing))
                .col(string(Action::Status))
                .col(text_null(Action::StatusReason))
                .col(integer_null(Action::OwnerId))
                // Null while a draft or unpublished.
                .col(timestamp_with_time_zone_null(Action::PublishedAt))
                .col(timestamp_with_time_zone(Action::CreatedAt))
                .col(timestamp_with_time_zone(Action::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_owner")
                        .from(Action::Table, Action::OwnerId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_action_published")
                .table(Action::Table)
                .col(Action::PublishedAt)
                .to_owned(),
        )
        .await?;

        for (table, column, target, target_id, fk) in [
            (
                ActionTag::ActionOutcome,
                ActionTag::OutcomeId,
                ActionTag::Outcome,
                "fk_action_outcome_outcome",
                "fk_action_outcome_action",
            ),
            (
                ActionTag::ActionPriority,
                ActionTag::PriorityId,
                ActionTag::Priority,
                "fk_action_priority_priority",
                "fk_action_priority_action",
            ),
        ] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(integer(ActionTag::ActionId))
                    .col(integer(column))
                    .primary_key(Index::create().col(ActionTag::ActionId).col(column))
                    .foreign_key(
                        ForeignKey::create()
                            .name(fk)
                            .from(table, ActionTag::ActionId)
                            .to(Action::Table, Action::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name(target_id)
                            .from(table, column)
                            .to(target, ActionTag::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(ActionEvidence::Table)
                .col(pk_auto(ActionEvidence::Id))
                .col(integer(ActionEvidence::ActionId))
                // question, theme or series.
                .col(string(ActionEvidence::Kind))
                .col(integer(ActionEvidence::SurveyId))
                .col(integer_null(ActionEvidence::QuestionId))
                .col(integer_null(ActionEvidence::ThemeId))
                .col(integer_null(ActionEvidence::SeriesId))
                // A segment narrows a question's figures: respondents who
                // gave this answer to that question.
                .col(integer_null(ActionEvidence::SegmentQuestionId))
                .col(string_null(ActionEvidence::SegmentValue))
                .col(integer(ActionEvidence::Position))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_evidence_action")
                        .from(ActionEvidence::Table, ActionEvidence::ActionId)
                        .to(Action::Table, Action::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_evidence_survey")
                        .from(ActionEvidence::Table, ActionEvidence::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_evidence_question")
                        .from(ActionEvidence::Table, ActionEvidence::QuestionId)
                        .to(Question::Table, Question::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_evidence_theme")
                        .from(ActionEvidence::Table, ActionEvidence::ThemeId)
                        .to(Theme::Table, Theme::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_evidence_series")
                        .from(ActionEvidence::Table, ActionEvidence::SeriesId)
                        .to(DropinSeries::Table, DropinSeries::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_action_evidence_action")
                .table(ActionEvidence::Table)
                .col(ActionEvidence::ActionId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_action_evidence_survey")
                .table(ActionEvidence::Table)
                .col(ActionEvidence::SurveyId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ActionEvent::Table)
                .col(big_pk_auto(ActionEvent::Id))
                .col(integer(ActionEvent::ActionId))
                .col(timestamp_with_time_zone(ActionEvent::At))
                // created, published, unpublished, status or update.
                .col(string(ActionEvent::Kind))
                .col(string_null(ActionEvent::Status))
                .col(text_null(ActionEvent::Note))
                .col(integer_null(ActionEvent::UserId))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_event_action")
                        .from(ActionEvent::Table, ActionEvent::ActionId)
                        .to(Action::Table, Action::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_event_user")
                        .from(ActionEvent::Table, ActionEvent::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_action_event_action")
                .table(ActionEvent::Table)
                .col(ActionEvent::ActionId)
                .col(ActionEvent::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ActionRating::Table)
                .col(big_pk_auto(ActionRating::Id))
                .col(integer(ActionRating::ActionId))
                // yes, partly or no.
                .col(string(ActionRating::Answer))
                .col(text_null(ActionRating::Comment))
                .col(timestamp_with_time_zone(ActionRating::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_action_rating_action")
                        .from(ActionRating::Table, ActionRating::ActionId)
                        .to(Action::Table, Action::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_action_rating_action")
                .table(ActionRating::Table)
                .col(ActionRating::ActionId)
                .to_owned(),
        )
        .await?;

        // Timeline entries up to this id have been told to this address.
        m.alter_table(
            Table::alter()
                .table(UpdateRequest::Table)
                .add_column(big_integer(UpdateRequest::NotifiedEventId).default(0))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(UpdateRequest::Table)
                .drop_column(UpdateRequest::NotifiedEventId)
                .to_owned(),
        )
        .await?;
        for table in [
            ActionRating::Table.into_iden(),
            ActionEvent::Table.into_iden(),
            ActionEvidence::Table.into_iden(),
            ActionTag::ActionPriority.into_iden(),
            ActionTag::ActionOutcome.into_iden(),
            Action::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Action {
    Table,
    Id,
    YouSaid,
    WeDid,
    Service,
    Timing,
    Status,
    StatusReason,
    OwnerId,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionTag {
    ActionOutcome,
    ActionPriority,
    ActionId,
    OutcomeId,
    PriorityId,
    Outcome,
    Priority,
    Id,
}

#[derive(DeriveIden)]
enum ActionEvidence {
    Table,
    Id,
    ActionId,
    Kind,
    SurveyId,
    QuestionId,
    ThemeId,
    SeriesId,
    SegmentQuestionId,
    SegmentValue,
    Position,
}

#[derive(DeriveIden)]
enum ActionEvent {
    Table,
    Id,
    ActionId,
    At,
    Kind,
    Status,
    Note,
    UserId,
}

#[derive(DeriveIden)]
enum ActionRating {
    Table,
    Id,
    ActionId,
    Answer,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UpdateRequest {
    Table,
    NotifiedEventId,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Theme {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DropinSeries {
    Table,
    Id,
}
