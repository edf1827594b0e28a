//! The demo partnership: a neutral borough whose content is drawn from real
//! SEND joint-commissioning plans (the outcomes framework, the five
//! priorities and a Big SEND Survey).
//!
//! The demo is data: its survey is a survey file (`app/demo/`) that the
//! builder's import page accepts as it is, and it is loaded through the same
//! check and store functions as an officer's import; the drop-ins and
//! actions go through the store functions the officer's forms use. Only the
//! synthetic responses ([`seed`]) are made here.
//!
//! Loaded once per database: a marker in `app_meta` records it, so running
//! `make run` again keeps whatever the demo has become.

pub mod actions;
pub mod dropins;
pub mod seed;
pub mod survey;
pub mod taxonomy;

use super::{db::begin_write, store::meta};
use chrono::Utc;
use sea_orm::{DatabaseConnection, DbErr};

pub use seed::SAMPLE_RESPONSES;

/// The `app_meta` key that marks the demo as loaded.
pub const LOADED_KEY: &str = "demo_loaded_at";
/// The demo survey's address: `/s/big-send-survey`.
pub const SURVEY_SLUG: &str = "big-send-survey";

/// Loads the demo unless this database already has it. Returns whether it loaded.
pub async fn load_once(db: &DatabaseConnection) -> Result<bool, DbErr> {
    load_once_with(db, 0).await
}

/// Loads the demo with `sample_responses` synthetic responses (the demo
/// partnership `make run` shows), unless this database already has it.
/// Everything lands in one transaction, or nothing does.
pub async fn load_once_with(
    db: &DatabaseConnection,
    sample_responses: usize,
) -> Result<bool, DbErr> {
    // Accounts have their own marker, so a demo loaded before accounts
    // existed gains them too.
    super::accounts::load_demo_accounts(db)
        .await
        .map_err(|e| DbErr::Custom(format!("loading the demo accounts: {e}")))?;
    let loaded = load_partnership(db, sample_responses).await?;
    // Drop-ins have their own marker too, and come after the survey so the
    // demo's ids stay as they were.
    dropins::load_once(db, sample_responses > 0).await?;
    // Actions draw on both, so they come last, with their own marker.
    actions::load_once(db, sample_responses > 0).await?;
    Ok(loaded)
}

/// The outcomes, priorities and the Big SEND Survey, once.
async fn load_partnership(db: &DatabaseConnection, sample_responses: usize) -> Result<bool, DbErr> {
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    taxonomy::insert(&txn).await?;
    let loaded = survey::insert(&txn).await?;
    if sample_responses > 0 {
        seed::insert(&txn, &loaded, sample_responses).await?;
    }
    meta::set(&txn, LOADED_KEY, &Utc::now().to_rfc3339()).await?;
    txn.commit().await?;
    Ok(true)
}
