//! `server`: run Heard, migrate its database, or load the demo.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    server::telemetry::init();
    match server::cli::run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("heard: {err}");
            ExitCode::FAILURE
        }
    }
}
