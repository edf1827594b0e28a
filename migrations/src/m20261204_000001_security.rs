//! Security fixes that touch the schema.
//!
//! - The outbox keeps no secrets: a message's address and bodies (resume
//!   codes, set-password links, respondents' addresses) are blanked once it
//!   is sent or given up, and each update email names the response it was
//!   for, so deleting an address or withdrawing deletes its mail too.
//! - Update emails need double opt-in: an address given for updates gets
//!   one email asking to confirm, and only confirmed addresses get news.
//!   Addresses given before this change were asked for in good faith and
//!   count as confirmed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .add_column(big_integer_null(Outbox::ResponseId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_response")
                .table(Outbox::Table)
                .col(Outbox::ResponseId)
                .to_owned(),
        )
        .await?;
        for column in [
            timestamp_with_time_zone_null(UpdateRequest::ConfirmedAt),
            timestamp_with_time_zone_null(UpdateRequest::ConfirmationSentAt),
        ] {
            m.alter_table(
                Table::alter()
                    .table(UpdateRequest::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.exec_stmt(
            Query::update()
                .table(UpdateRequest::Table)
                .value(
                    UpdateRequest::ConfirmedAt,
                    Expr::col(UpdateRequest::CreatedAt),
                )
                .to_owned(),
        )
        .await?;
        // What was already delivered or abandoned keeps nobody's secrets.
        m.exec_stmt(
            Query::update()
                .table(Outbox::Table)
                .value(Outbox::ToAddress, "")
                .value(Outbox::BodyText, "")
                .value(Outbox::BodyHtml, Option::<String>::None)
                .value(Outbox::ListUnsubscribe, Option::<String>::None)
                .cond_where(
                    Cond::any()
                        .add(Expr::col(Outbox::SentAt).is_not_null())
                        .add(Expr::col(Outbox::FailedAt).is_not_null()),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            UpdateRequest::ConfirmedAt,
            UpdateRequest::ConfirmationSentAt,
        ] {
            m.alter_table(
                Table::alter()
                    .table(UpdateRequest::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_outbox_response")
                .table(Outbox::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Outbox::Table)
                .drop_column(Outbox::ResponseId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ToAddress,
    BodyText,
    BodyHtml,
    SentAt,
    FailedAt,
    ListUnsubscribe,
    ResponseId,
}

#[derive(DeriveIden)]
enum UpdateRequest {
    Table,
    CreatedAt,
    ConfirmedAt,
    ConfirmationSentAt,
}
