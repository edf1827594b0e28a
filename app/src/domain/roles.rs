//! Officer roles and what each may do. One table decides every permission,
//! so a page and its form post can never disagree about who may use them.

use serde::{Deserialize, Serialize};

/// An officer's role, from most to least powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Users, settings and everything an officer does.
    Admin,
    /// Builds and publishes surveys, runs drop-ins, writes "You said, we did".
    Officer,
    /// Reads results only.
    Viewer,
}

/// Something an officer page or action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// The dashboard and results (suppressed as the public sees them).
    ViewResults,
    /// Create, edit, publish, close and archive surveys.
    BuildSurveys,
    /// Drop-in series, sessions and their kiosks.
    RunDropIns,
    /// "You said, we did" actions.
    WriteActions,
    /// Invite users, change roles, switch accounts off.
    ManageUsers,
    /// Read the audit log.
    ViewAudit,
    /// Switch suppression off for their own view of results (audited).
    SeeExactFigures,
    /// Download every response, with written answers, as CSV.
    ExportResponses,
    /// Create themes and give them to comments.
    ThemeComments,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Officer, Role::Viewer];

    /// Whether this role holds `permission`.
    pub fn can(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Officer => matches!(
                permission,
                ViewResults
                    | BuildSurveys
                    | RunDropIns
                    | WriteActions
                    | SeeExactFigures
                    | ExportResponses
                    | ThemeComments
            ),
            Role::Viewer => matches!(permission, ViewResults),
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }

    /// The role stored as `name`, if it is one.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// The signed-in officer, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerView {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
}

impl OfficerView {
    pub fn can(&self, permission: Permission) -> bool {
        self.role.can(permission)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest_admin_over_officer_over_viewer() {
        for p in [
            Permission::ViewResults,
            Permission::BuildSurveys,
            Permission::RunDropIns,
            Permission::WriteActions,
            Permission::ManageUsers,
            Permission::ViewAudit,
            Permission::SeeExactFigures,
            Permission::ExportResponses,
            Permission::ThemeComments,
        ] {
            assert!(Role::Admin.can(p));
            if Role::Viewer.can(p) {
                assert!(Role::Officer.can(p), "{p:?}");
            }
        }
        assert!(!Role::Officer.can(Permission::ManageUsers));
        assert!(!Role::Officer.can(Permission::ViewAudit));
        assert!(!Role::Viewer.can(Permission::BuildSurveys));
        assert!(Role::Viewer.can(Permission::ViewResults));
        assert!(!Role::Viewer.can(Permission::SeeExactFigures));
        assert!(!Role::Viewer.can(Permission::ExportResponses));
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
