//! Who is signed in, and what they may do.
//!
//! The session gate (server crate, `http::session`) resolves the officer's
//! session for every `/officer` request and puts a [`SignedIn`] in the
//! request's extensions. Pages and handlers then ask for a permission with
//! [`require`]: there is no officer route that skips it, and the
//! authorisation-matrix test checks each one for every role.

pub mod extract;
pub mod keys;
pub mod password;
pub mod secrets;
pub mod sessions;
pub mod signing;

use crate::{
    AppError,
    domain::roles::{OfficerView, Permission},
};
use http::request::Parts;

/// The officer behind this request, put there by the session gate.
#[derive(Debug, Clone)]
pub struct SignedIn(pub OfficerView);

/// The signed-in officer of `parts`, if they hold `permission`.
pub fn require(parts: &Parts, permission: Permission) -> Result<OfficerView, AppError> {
    let officer = parts
        .extensions
        .get::<SignedIn>()
        .map(|s| s.0.clone())
        // The gate redirects anonymous visitors, so this is a routing slip.
        .ok_or(AppError::NoPermission)?;
    if officer.can(permission) {
        Ok(officer)
    } else {
        Err(AppError::NoPermission)
    }
}

/// [`require`] for the request a page is rendering.
pub fn require_here(permission: Permission) -> Result<OfficerView, AppError> {
    let parts = leptos::prelude::use_context::<Parts>().ok_or(AppError::Internal)?;
    require(&parts, permission)
}

/// Where sign-in may send someone back to: an officer page on this site,
/// never another site.
pub fn safe_return(path: Option<&str>) -> String {
    match path {
        Some(p)
            if (p == "/officer" || p.starts_with("/officer/") || p.starts_with("/officer?"))
                && !p.contains("//")
                && p.is_ascii()
                && !p.contains('\\')
                && !p.starts_with(crate::paths::SIGN_IN) =>
        {
            p.to_owned()
        }
        _ => crate::paths::OFFICER.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_only_returns_to_officer_pages() {
        assert_eq!(safe_return(Some("/officer/users")), "/officer/users");
        assert_eq!(
            safe_return(Some("/officer/audit?page=2")),
            "/officer/audit?page=2"
        );
        for bad in [
            "https://evil.example/officer",
            "//evil.example",
            "/officer//evil.example",
            "/officer\\evil",
            "/s/big-send-survey",
            "/officerx",
            "/officer/sign-in",
            "/officer/ünïcode",
        ] {
            assert_eq!(safe_return(Some(bad)), "/officer", "{bad}");
        }
        assert_eq!(safe_return(None), "/officer");
    }
}
