//! Queries and writes, as plain async functions over a connection.
//!
//! Each takes `&impl ConnectionTrait` (or the pool where it opens its own
//! transaction), so callers can compose them inside one transaction. Server
//! functions and handlers stay thin adapters over these.

pub mod actions;
pub mod answers;
pub mod audit;
pub mod comments;
pub mod definitions;
pub mod drafts;
pub mod dropins;
pub mod meta;
pub mod outbox;
pub mod outcomes;
pub mod rate_limit;
pub mod responses;
pub mod results;
pub mod segment;
pub mod surveys;
pub mod tallies;
pub mod thanks;
pub mod updates;
pub mod users;
