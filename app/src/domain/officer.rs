//! What the officer workspace's pages show, as wire types.

use super::localized::Resolved;
use serde::{Deserialize, Serialize};

/// Where a survey is in its life, as officers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyStatus {
    Draft,
    Open,
    Closed,
    Archived,
}

/// One survey on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub id: i32,
    pub slug: String,
    pub title: Resolved,
    pub status: SurveyStatus,
    pub responses: u64,
}
