//! Heard's schema history.
//!
//! Migrations describe tables with sea-query only and never import the app's
//! entities: a migration must keep meaning what it meant on the day it shipped,
//! whatever the entities look like later. Every migration runs unchanged on
//! SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_core;
mod m20261124_000001_journey;
mod m20261125_000001_accounts;
mod m20261125_000002_builder;
mod m20261126_000001_dropins;
mod m20261129_000001_results;
mod m20261129_000002_influence;
mod m20261129_000003_actions;
mod m20261130_000001_results_at_scale;
mod m20261204_000001_security;
mod m20261207_000001_outbox_links;

/// The ordered list of Heard's migrations.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_core::Migration),
            Box::new(m20261124_000001_journey::Migration),
            Box::new(m20261125_000001_accounts::Migration),
            Box::new(m20261125_000002_builder::Migration),
            Box::new(m20261126_000001_dropins::Migration),
            Box::new(m20261129_000001_results::Migration),
            Box::new(m20261129_000002_influence::Migration),
            Box::new(m20261129_000003_actions::Migration),
            Box::new(m20261130_000001_results_at_scale::Migration),
            Box::new(m20261204_000001_security::Migration),
            Box::new(m20261207_000001_outbox_links::Migration),
        ]
    }
}
