//! Drop-in sessions: a series (such as "monthly during term time"), its
//! sessions, and which session a response's feedback was about.
//!
//! Each series has one feedback survey (built from the drop-in template and
//! edited like any survey), shared by its sessions so results add up
//! across them; a one-off session has its own. The link from a response to
//! its session is a table of its own, created with its foreign keys, so a
//! withdrawn response takes its link with it on SQLite as on PostgreSQL
//! (SQLite cannot add a foreign key to an existing table).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DropinSeries::Table)
                .col(pk_auto(DropinSeries::Id))
                .col(string(DropinSeries::Name))
                .col(text(DropinSeries::Description))
                .col(string(DropinSeries::Venue))
                // One service per line.
                .col(text(DropinSeries::Services))
                .col(integer(DropinSeries::SurveyId))
                .col(timestamp_with_time_zone(DropinSeries::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dropin_series_survey")
                        .from(DropinSeries::Table, DropinSeries::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DropinSession::Table)
                .col(pk_auto(DropinSession::Id))
                // Null for a one-off session.
                .col(integer_null(DropinSession::SeriesId))
                .col(string(DropinSession::Name))
                // Local dates and times of the place it is held.
                .col(date(DropinSession::HeldOn))
                .col(string(DropinSession::StartsAt))
                .col(string(DropinSession::EndsAt))
                .col(string(DropinSession::Venue))
                .col(text(DropinSession::Services))
                // The random public code in its link and QR code.
                .col(string_uniq(DropinSession::Code))
                .col(integer(DropinSession::SurveyId))
                .col(timestamp_with_time_zone(DropinSession::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dropin_session_series")
                        .from(DropinSession::Table, DropinSession::SeriesId)
                        .to(DropinSeries::Table, DropinSeries::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dropin_session_survey")
                        .from(DropinSession::Table, DropinSession::SurveyId)
                        .to(Survey::Table, Survey::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_dropin_session_series")
                .table(DropinSession::Table)
                .col(DropinSession::SeriesId)
                .col(DropinSession::HeldOn)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(DropinResponse::Table)
                .col(big_integer(DropinResponse::ResponseId).primary_key())
                .col(integer(DropinResponse::SessionId))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dropin_response_response")
                        .from(DropinResponse::Table, DropinResponse::ResponseId)
                        .to(Response::Table, Response::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_dropin_response_session")
                        .from(DropinResponse::Table, DropinResponse::SessionId)
                        .to(DropinSession::Table, DropinSession::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_dropin_response_session")
                .table(DropinResponse::Table)
                .col(DropinResponse::SessionId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DropinResponse::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(DropinSession::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(DropinSeries::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DropinSeries {
    Table,
    Id,
    Name,
    Description,
    Venue,
    Services,
    SurveyId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DropinSession {
    Table,
    Id,
    SeriesId,
    Name,
    HeldOn,
    StartsAt,
    EndsAt,
    Venue,
    Services,
    Code,
    SurveyId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DropinResponse {
    Table,
    ResponseId,
    SessionId,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
}
