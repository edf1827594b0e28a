//! One-time links are made when their email is sent, not when it is
//! queued: an invitation or reset waits in the outbox naming whose link
//! it needs and for what, and the body holds a slot where the worker puts
//! a link it has just issued. The outbox never holds a live link in clear.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer_null(Outbox::LinkUserId),
            string_null(Outbox::LinkPurpose),
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
        for column in [Outbox::LinkUserId, Outbox::LinkPurpose] {
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
    LinkUserId,
    LinkPurpose,
}
