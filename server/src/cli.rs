//! The command line: `serve` (the default), `migrate` and `demo`.

use crate::{StartError, app_state, config::Config, http, open_database, prepare_database_url};
use clap::{Parser, Subcommand};
use sea_orm_migration::MigratorTrait;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Heard: co-production surveys and \"You said, we did\""
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database and serve Heard (the default).
    Serve {
        /// Load the demo partnership first, if this database has never had it.
        #[arg(long)]
        demo: bool,
    },
    /// Apply, revert or inspect database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Load the demo partnership, if this database has never had it.
    Demo,
}

#[derive(Debug, Subcommand)]
enum MigrateAction {
    /// Apply all pending migrations.
    Up,
    /// Revert the last migration (or `--steps N`).
    Down {
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List applied and pending migrations.
    Status,
    /// Drop every table and migrate from scratch. Deletes all data.
    Fresh,
}

/// Parses the command line and runs the command.
pub async fn run() -> Result<(), StartError> {
    let cli = Cli::parse();
    let config = Config::load()?;
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => {
            let db = open_database(&config).await?;
            if demo {
                load_demo(&db).await?;
            }
            crate::housekeeping::spawn(db.clone());
            let result = http::serve(&config, app_state(&config, db.clone())).await;
            // Closing the pool lets SQLite checkpoint its WAL on the way out.
            db.close().await?;
            result
        }
        Command::Demo => {
            let db = open_database(&config).await?;
            load_demo(&db).await
        }
        Command::Migrate { action } => {
            let db = app::server::db::connect_single(&prepare_database_url(&config)?).await?;
            match action {
                MigrateAction::Up => migrations::Migrator::up(&db, None).await?,
                MigrateAction::Down { steps } => {
                    migrations::Migrator::down(&db, Some(steps)).await?
                }
                MigrateAction::Status => migrations::Migrator::status(&db).await?,
                MigrateAction::Fresh => migrations::Migrator::fresh(&db).await?,
            }
            Ok(())
        }
    }
}

async fn load_demo(db: &sea_orm::DatabaseConnection) -> Result<(), StartError> {
    let samples = app::server::demo_responses::SAMPLE_RESPONSES;
    if app::server::demo::load_once_with(db, samples).await? {
        tracing::info!("loaded the demo partnership");
    } else {
        tracing::info!("demo partnership already loaded; keeping existing data");
    }
    Ok(())
}
