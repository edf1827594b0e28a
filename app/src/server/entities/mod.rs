//! sea-orm entities: one module per table, mirroring `migrations/`.
//!
//! Entities are a server-side detail. They never cross the wire: the store
//! maps them to the wire types in `crate::domain`.

pub mod answer;
pub mod app_meta;
pub mod outcome;
pub mod priority;
pub mod question;
pub mod question_option;
pub mod question_outcome;
pub mod question_priority;
pub mod response;
pub mod survey;
