//! The rules of officer accounts that pages and handlers share: what a
//! password must be, what an invitation needs, and why a form was refused.

use super::roles::Role;
use serde::{Deserialize, Serialize};

/// Shortest password accepted (ASVS 5.0: at least 8).
pub const PASSWORD_MIN: usize = 8;
/// Longest accepted: long passphrases are welcome, megabytes are not.
pub const PASSWORD_MAX: usize = 128;
/// Longest name shown for an account.
pub const NAME_MAX: usize = 100;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Mismatch,
    /// On the list of passwords people use most, or made of this site's name.
    TooCommon,
    /// The link expired, was used, or never existed.
    LinkDead,
}

/// Addresses are compared without case or surrounding space.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks a new password and its confirmation. Length is counted in
/// characters, so a passphrase in any script is measured fairly.
pub fn check_new_password(password: &str, confirm: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        Err(PasswordProblem::TooShort)
    } else if length > PASSWORD_MAX {
        Err(PasswordProblem::TooLong)
    } else if password != confirm {
        Err(PasswordProblem::Mismatch)
    } else {
        // How guessable it is, the server asks zxcvbn
        // (`server::auth::password::too_guessable`).
        Ok(())
    }
}

/// Why sign-in was refused. The same words whether or not the account
/// exists, so the page cannot be used to find out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInProblem {
    Missing,
    Wrong,
    Locked,
}

/// A refused sign-in, with the address to show again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRefusal {
    pub problem: SignInProblem,
    pub email: String,
}

/// A refused new password. The link's token stays in its cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordRefusal {
    pub problem: PasswordProblem,
}

/// What is wrong with one field of an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteProblem {
    EmailShape,
    EmailTaken,
    NameMissing,
    NameTooLong,
    RoleUnknown,
}

/// A checked invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// A refused invitation: every problem, and what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteRefusal {
    pub email: String,
    pub name: String,
    pub role: String,
    pub problems: Vec<InviteProblem>,
}

/// Checks an invitation's fields; the store checks the address is free.
pub fn check_invitation(email: &str, name: &str, role: &str) -> Result<Invitation, InviteRefusal> {
    let mut problems = Vec::new();
    let email = email.trim();
    let name = name.trim();
    if !super::journey::is_email(email) {
        problems.push(InviteProblem::EmailShape);
    }
    if name.is_empty() {
        problems.push(InviteProblem::NameMissing);
    } else if name.chars().count() > NAME_MAX {
        problems.push(InviteProblem::NameTooLong);
    }
    let parsed = Role::parse(role);
    if parsed.is_none() {
        problems.push(InviteProblem::RoleUnknown);
    }
    match parsed {
        Some(role) if problems.is_empty() => Ok(Invitation {
            email: email.to_lowercase(),
            name: name.to_owned(),
            role,
        }),
        _ => Err(InviteRefusal {
            email: email.to_owned(),
            name: name.to_owned(),
            role: role.to_owned(),
            problems,
        }),
    }
}

/// Why a change to an account was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountChangeProblem {
    /// Admins cannot demote or switch off themselves.
    OwnAccount,
    /// There must always be an active admin.
    LastAdmin,
}

/// One account, as the users page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Invited but no password set yet.
    pub pending: bool,
    /// "2026-11-25", or None if never.
    pub last_sign_in: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_checked_by_length_in_characters() {
        assert_eq!(
            check_new_password("short", "short"),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(check_new_password("ąęśćżźńó", "ąęśćżźńó"), Ok(()));
        let long = "a".repeat(PASSWORD_MAX + 1);
        assert_eq!(
            check_new_password(&long, &long),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(
            check_new_password("long enough", "long enougH"),
            Err(PasswordProblem::Mismatch)
        );
    }

    #[test]
    fn invitations_report_every_problem() {
        let ok = check_invitation(" Sam@Example.org ", " Sam Jones ", "officer").unwrap();
        assert_eq!(ok.email, "sam@example.org");
        assert_eq!(ok.name, "Sam Jones");
        assert_eq!(ok.role, Role::Officer);
        let refused = check_invitation("not-an-address", "", "root").unwrap_err();
        assert_eq!(
            refused.problems,
            vec![
                InviteProblem::EmailShape,
                InviteProblem::NameMissing,
                InviteProblem::RoleUnknown
            ]
        );
        let long = "n".repeat(NAME_MAX + 1);
        assert_eq!(
            check_invitation("a@b.example", &long, "viewer")
                .unwrap_err()
                .problems,
            vec![InviteProblem::NameTooLong]
        );
    }
}
