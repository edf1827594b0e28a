//! Pure rules shared by server and browser: no I/O, no database, no framework.
//!
//! Keeping them here means the server enforces exactly the rules the page
//! describes, and they are tested without a database.

pub mod accounts;
pub mod actions;
pub mod audit;
pub mod branching;
pub mod builder;
pub mod codes;
pub mod comments;
pub mod definition;
pub mod dropins;
#[cfg(test)]
mod fuzz;
pub mod journey;
pub mod localized;
pub mod model;
pub mod officer;
pub mod results;
pub mod roles;
pub mod suppression;
pub mod survey;
pub mod translation;
pub mod validation;

#[cfg(test)]
mod test_support;
