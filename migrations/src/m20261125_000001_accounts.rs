//! Officer accounts: users with a role, database sessions (so several
//! servers share them), one-time links for invitations and password
//! resets, and the audit log of officer actions.
//!
//! Secrets are never stored as given: sessions and one-time links are kept
//! as SHA-256 digests of their tokens, and passwords as argon2id hashes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(UserAccount::Table)
                .col(pk_auto(UserAccount::Id))
                // Stored lower-cased, so one address is one account.
                .col(string_uniq(UserAccount::Email))
                .col(string(UserAccount::Name))
                .col(string(UserAccount::Role))
                // Null until the invited person sets a password.
                .col(string_null(UserAccount::PasswordHash))
                .col(boolean(UserAccount::Active).default(true))
                .col(timestamp_with_time_zone(UserAccount::CreatedAt))
                .col(timestamp_with_time_zone_null(UserAccount::LastSignInAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OfficerSession::Table)
                // SHA-256 of the cookie's token, in hex.
                .col(string(OfficerSession::Id).primary_key())
                .col(integer(OfficerSession::UserId))
                .col(timestamp_with_time_zone(OfficerSession::CreatedAt))
                .col(timestamp_with_time_zone(OfficerSession::LastSeenAt))
                .col(timestamp_with_time_zone(OfficerSession::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_session_user")
                        .from(OfficerSession::Table, OfficerSession::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_session_user")
                .table(OfficerSession::Table)
                .col(OfficerSession::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AccountToken::Table)
                // SHA-256 of the link's token, in hex.
                .col(string(AccountToken::Id).primary_key())
                .col(integer(AccountToken::UserId))
                .col(string(AccountToken::Purpose))
                .col(timestamp_with_time_zone(AccountToken::CreatedAt))
                .col(timestamp_with_time_zone(AccountToken::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_account_token_user")
                        .from(AccountToken::Table, AccountToken::UserId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                // Null for actions without a signed-in officer (a failed sign-in).
                .col(integer_null(AuditLog::ActorId))
                // The address at the time, so the entry reads the same later.
                .col(string(AuditLog::ActorEmail))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::Subject))
                .col(text(AuditLog::Detail))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_audit_actor")
                        .from(AuditLog::Table, AuditLog::ActorId)
                        .to(UserAccount::Table, UserAccount::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        for (name, column) in [
            ("idx_audit_at", AuditLog::At),
            ("idx_audit_action", AuditLog::Action),
            ("idx_audit_actor", AuditLog::ActorId),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(AuditLog::Table)
                    .col(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            AccountToken::Table.into_iden(),
            OfficerSession::Table.into_iden(),
            UserAccount::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Email,
    Name,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum OfficerSession {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AccountToken {
    Table,
    Id,
    UserId,
    Purpose,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorEmail,
    Action,
    Subject,
    Detail,
}
