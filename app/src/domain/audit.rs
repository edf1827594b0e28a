//! What the audit log records. Each action has a stable stored name, and a
//! translated label on the page.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// An officer action worth recording.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction { $($variant),* }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant),*];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $(AuditAction::$variant => $name),* }
            }
        }
    };
}

actions! {
    SignedIn = "signed_in",
    SignInFailed = "sign_in_failed",
    SignInLocked = "sign_in_locked",
    SignedOut = "signed_out",
    PasswordSet = "password_set",
    PasswordResetAsked = "password_reset_asked",
    AdminCreated = "admin_created",
    UserInvited = "user_invited",
    InvitationResent = "invitation_resent",
    RoleChanged = "role_changed",
    UserDisabled = "user_disabled",
    UserEnabled = "user_enabled",
    SurveyCreated = "survey_created",
    SurveyImported = "survey_imported",
    SurveyDuplicated = "survey_duplicated",
    SurveyExported = "survey_exported",
    SurveyEdited = "survey_edited",
    SurveyPublished = "survey_published",
    SurveyClosed = "survey_closed",
    SurveyReopened = "survey_reopened",
    SurveyArchived = "survey_archived",
    QuestionAdded = "question_added",
    QuestionDeleted = "question_deleted",
    QuestionArchived = "question_archived",
    PageAdded = "page_added",
    PageDeleted = "page_deleted",
    DropInSeriesCreated = "dropin_series_created",
    DropInSessionsAdded = "dropin_sessions_added",
    DropInSessionEdited = "dropin_session_edited",
    DropInSessionDeleted = "dropin_session_deleted",
    DropInPosterPrinted = "dropin_poster_printed",
    ResultsExactShown = "results_exact_shown",
    ResponsesExported = "responses_exported",
    TablesExported = "tables_exported",
    ThemeCreated = "theme_created",
    ThemeDeleted = "theme_deleted",
    CommentThemed = "comment_themed",
    CommentsExported = "comments_exported",
    ActionCreated = "action_created",
    ActionEdited = "action_edited",
    ActionStatusChanged = "action_status_changed",
    ActionUpdateAdded = "action_update_added",
    ActionPublished = "action_published",
    ActionUnpublished = "action_unpublished",
    ActionEvidenceAdded = "action_evidence_added",
    ActionEvidenceRemoved = "action_evidence_removed",
    ThanksApproved = "thanks_approved",
    CodesGuessed = "codes_guessed",
    ThanksDeclined = "thanks_declined",
}

impl AuditAction {
    /// The action stored as `name`, if it is one.
    pub fn parse(name: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == name)
    }
}

/// One entry, as the audit page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When, as "2026-11-25 14:03:07 UTC".
    pub at: String,
    pub actor: String,
    /// None for a stored name this version does not know.
    pub action: Option<AuditAction>,
    pub action_name: String,
    pub subject: String,
    pub detail: String,
}

/// What the audit page was asked to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// Part of the actor's email address.
    pub actor: String,
    /// Inclusive dates, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    /// From 1.
    pub page: u64,
}

/// A page of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub filter: AuditFilter,
    pub total: u64,
    pub pages: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_unique_and_round_trip() {
        let mut names: Vec<_> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditAction::ALL.len());
    }
}
