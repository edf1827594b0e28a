//! The survey builder: a question with answers can be archived (kept for
//! its results, no longer asked) instead of deleted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Question::Table)
                .add_column(boolean(Question::Archived).default(false))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Question::Table)
                .drop_column(Question::Archived)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Archived,
}
