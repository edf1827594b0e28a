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
    /// Create an admin account and print a one-time link to set its password.
    CreateAdmin {
        /// The admin's email address (their sign-in name).
        #[arg(long)]
        email: String,
        /// Their name, as colleagues know them.
        #[arg(long, default_value = "Admin")]
        name: String,
    },
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
                println!(
                    "\n  Demo accounts (sign in at {}{}):",
                    config.base_url(),
                    app::paths::SIGN_IN
                );
                for (email, _, role, password) in app::server::accounts::DEMO_ACCOUNTS {
                    println!("    {:<8} {email} / {password}", role.as_str());
                }
            }
            print_first_admin_link(&config, &db).await?;
            let state = app_state(&config, db.clone());
            crate::housekeeping::spawn(db.clone(), state.settings.clone(), config.contact_days);
            let mailer = crate::delivery::Mailer::from_config(&config)?;
            crate::delivery::spawn(db.clone(), std::sync::Arc::new(mailer));
            crate::delivery::spawn_digests(
                db.clone(),
                app::server::digest::Digest {
                    base_url: config.base_url(),
                    delay: chrono::Duration::minutes(i64::from(config.digest_minutes)),
                },
            );
            let result = http::serve(&config, state).await;
            // Closing the pool lets SQLite checkpoint its WAL on the way out.
            db.close().await?;
            result
        }
        Command::Demo => {
            let db = open_database(&config).await?;
            load_demo(&db).await
        }
        Command::CreateAdmin { email, name } => {
            if !app::domain::journey::is_email(email.trim()) {
                return Err(StartError::Invalid(format!(
                    "{email:?} is not an email address"
                )));
            }
            let db = open_database(&config).await?;
            match app::server::accounts::create_admin(&db, &email, &name).await? {
                Some(secret) => {
                    println!(
                        "Created admin {email}. Set the password within 7 days at:\n  {}",
                        password_link(&config, &secret)
                    );
                    Ok(())
                }
                None => Err(StartError::Invalid(format!(
                    "{email} already has an account; an admin can change its role"
                ))),
            }
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

fn password_link(config: &Config, secret: &str) -> String {
    format!(
        "{}{}",
        config.base_url(),
        app::paths::set_password_link(secret)
    )
}

/// At the first start, with no account at all, creates the first admin and
/// prints the link to set its password.
async fn print_first_admin_link(
    config: &Config,
    db: &sea_orm::DatabaseConnection,
) -> Result<(), StartError> {
    if let Some(secret) = app::server::accounts::first_admin_link(db, &config.admin_email).await? {
        println!(
            "\n  Created the first admin, {}. Set its password within 7 days at:\n  {}\n  (This is shown once; `server create-admin --email {}` makes a new link.)\n",
            config.admin_email,
            password_link(config, &secret),
            config.admin_email
        );
    }
    Ok(())
}

async fn load_demo(db: &sea_orm::DatabaseConnection) -> Result<(), StartError> {
    let samples = app::server::demo::SAMPLE_RESPONSES;
    if app::server::demo::load_once_with(db, samples).await? {
        tracing::info!("loaded the demo partnership");
    } else {
        tracing::info!("demo partnership already loaded; keeping existing data");
    }
    Ok(())
}
