//! A one-time link to set a password (an invitation or a reset). The id is
//! the SHA-256 of the link's token; using the link deletes the row.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_token")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    pub purpose: LinkPurpose,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

/// What a one-time link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum LinkPurpose {
    /// An invited person sets their first password (valid 7 days).
    #[sea_orm(string_value = "invite")]
    Invite,
    /// Someone who forgot their password sets a new one (valid 1 hour).
    #[sea_orm(string_value = "reset")]
    Reset,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
