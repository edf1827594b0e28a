//! Building blocks shared by pages.

pub mod action;
pub mod character_count;
pub mod chart;
pub mod download;
pub mod error_summary;
pub mod field;
pub mod figures;
pub mod kiosk_return;
pub mod label;
pub mod layout;
pub mod live_check;
pub mod localized;
pub mod question;
pub mod question_figures;
pub mod read_aloud;
pub mod summary;
