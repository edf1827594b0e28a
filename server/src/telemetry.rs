//! Structured logs via tracing. `RUST_LOG` filters; `HEARD_LOG_FORMAT=json`
//! switches to JSON lines for log collectors.

use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber once; later calls (in tests) are ignored.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let json = std::env::var("HEARD_LOG_FORMAT").is_ok_and(|v| v == "json");
    let result = if json {
        fmt().with_env_filter(filter).json().try_init()
    } else {
        fmt().with_env_filter(filter).try_init()
    };
    // An existing subscriber (another test) is fine.
    drop(result);
}
