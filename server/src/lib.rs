//! Heard's server: configuration, database start-up, the HTTP stack and the CLI.
//!
//! The binary in `main.rs` is a thin shell over this library, so integration
//! tests build exactly the router that production serves.

pub mod cli;
pub mod config;
pub mod delivery;
pub mod housekeeping;
pub mod http;
pub mod telemetry;

use app::server::state::{AppState, Settings};
use config::Config;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Errors that stop the server from starting or a command from finishing.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    App(#[from] app::AppError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

/// Connects to the configured database (creating the data directory for
/// SQLite) and brings its schema up to date.
pub async fn open_database(config: &Config) -> Result<sea_orm::DatabaseConnection, StartError> {
    let db = app::server::db::connect(&prepare_database_url(config)?).await?;
    use sea_orm_migration::MigratorTrait;
    migrations::Migrator::up(&db, None).await?;
    Ok(db)
}

/// The database URL, after creating the data directory a SQLite file needs.
pub fn prepare_database_url(config: &Config) -> Result<String, StartError> {
    let url = config.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::Io {
            context: format!("cannot create HEARD_DATA_DIR {}", config.data_dir.display()),
            source,
        })?;
    }
    Ok(url)
}

/// Builds the state every request shares.
pub fn app_state(config: &Config, db: sea_orm::DatabaseConnection) -> AppState {
    let leptos_options = LeptosOptions::builder()
        .output_name("heard")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.bind)
        .env(leptos::config::Env::PROD)
        .build();
    let base_url = config.base_url();
    AppState {
        leptos_options,
        db,
        settings: Arc::new(Settings {
            suppression_threshold: config.suppression_threshold,
            default_locale: config.default_locale.clone(),
            secure_cookies: base_url.starts_with("https://"),
            draft_days: config.draft_days,
            session_idle_minutes: config.session_idle_minutes,
            session_max_hours: config.session_max_hours,
            // Checked when the configuration was loaded.
            trusted_proxies: app::server::client::TrustedProxies::new(
                config.trusted_proxies().unwrap_or_default(),
                config.forwarded_header.into(),
            ),
            base_url,
        }),
        keys: Default::default(),
    }
}
