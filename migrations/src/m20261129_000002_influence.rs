//! Influence: delivering mail. Outbox rows gain a lease, so several servers
//! can share one outbox and never send a message twice, a mark for a
//! message given up on, and the one-click unsubscribe address that update
//! emails carry in their headers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            // Random per claim: only the claimant may mark the row sent.
            string_null(Outbox::ClaimToken),
            // Until then the claimant is sending; afterwards anyone may retry.
            timestamp_with_time_zone_null(Outbox::ClaimedUntil),
            // Set when retries ran out or the server refused for good.
            timestamp_with_time_zone_null(Outbox::FailedAt),
            text_null(Outbox::ListUnsubscribe),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Outbox::ClaimToken,
            Outbox::ClaimedUntil,
            Outbox::FailedAt,
            Outbox::ListUnsubscribe,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ClaimToken,
    ClaimedUntil,
    FailedAt,
    ListUnsubscribe,
}
