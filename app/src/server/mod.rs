//! Everything that runs only on the server: the database, its entities and
//! queries, form handlers, and rendering from axum. Compiled only with `ssr`.

pub mod csp;
pub mod db;
pub mod demo;
pub mod entities;
pub mod render;
pub mod respond;
pub mod state;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
