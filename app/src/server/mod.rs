//! Everything that runs only on the server: the database, its entities and
//! queries, form handlers, and rendering from axum. Compiled only with `ssr`.

pub mod accounts;
pub mod auth;
pub mod board;
pub mod client;
pub mod confirm_updates;
pub mod cookies;
pub mod csp;
pub mod csv_export;
pub mod db;
pub mod demo;
pub mod digest;
pub mod entities;
pub mod feedback_template;
pub mod forms;
pub mod journey;
pub mod mail;
pub mod officer;
pub mod page_error;
pub mod poster;
pub mod render;
pub mod routing;
pub mod schedule;
pub mod sending;
pub mod state;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod views;
