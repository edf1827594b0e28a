//! `migrations` CLI: `up`, `down`, `status`, `fresh`, `refresh`, `reset`.
//!
//! Reads `DATABASE_URL` (or `-u`). Day to day, `server migrate …` is easier:
//! it reads Heard's own configuration and applies the SQLite pragmas.

#[tokio::main]
async fn main() {
    sea_orm_migration::cli::run_cli(migrations::Migrator).await;
}
