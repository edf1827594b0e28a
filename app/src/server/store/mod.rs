//! Row access: queries and writes, as plain async functions over a
//! connection, one file per table or aggregate. Nothing here resolves text
//! for a locale, builds what a page shows or decides what an officer may
//! do: that is [`crate::server::views`].
//!
//! Each takes `&impl ConnectionTrait` (or the pool where it opens its own
//! transaction), so callers can compose them inside one transaction. Table
//! files share what they need through [`base`] and never import each other.

pub mod actions;
pub mod answers;
pub mod audit;
pub mod base;
pub mod comments;
pub mod counts;
pub mod definitions;
pub mod drafts;
pub mod dropins;
pub mod meta;
pub mod outbox;
pub mod published_actions;
pub mod rate_limit;
pub mod ratings;
pub mod responses;
pub mod surveys;
pub mod thanks;
pub mod updates;
pub mod users;
