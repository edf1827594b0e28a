//! sea-orm entities: one module per table, mirroring `migrations/`.
//!
//! Entities are a server-side detail. They never cross the wire: the store
//! maps them to the wire types in `crate::domain`.

pub mod account_token;
pub mod action;
pub mod action_event;
pub mod action_evidence;
pub mod action_outcome;
pub mod action_priority;
pub mod action_rating;
pub mod answer;
pub mod answer_theme;
pub mod app_meta;
pub mod audit_log;
pub mod draft;
pub mod dropin_response;
pub mod dropin_series;
pub mod dropin_session;
pub mod officer_session;
pub mod option_tally;
pub mod outbox;
pub mod outcome;
pub mod priority;
pub mod public_thanks;
pub mod question;
pub mod question_option;
pub mod question_outcome;
pub mod question_priority;
pub mod question_tally;
pub mod rate_limit;
pub mod response;
pub mod survey;
pub mod survey_page;
pub mod theme;
pub mod update_request;
pub mod user_account;
