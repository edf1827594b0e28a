//! "An officer with permission P" as an extractor: a handler that names
//! `Officer<need::BuildSurveys>` cannot run for anyone else, and the
//! permission is read off its signature rather than from its body.

use super::require;
use crate::{
    domain::roles::{OfficerView, Permission},
    server::page_error::PageError,
};
use axum::extract::FromRequestParts;
use http::request::Parts;
use std::{marker::PhantomData, ops::Deref};

/// A permission as a type, for [`Officer`].
pub trait Need {
    const PERMISSION: Permission;
}

/// The permissions handlers ask for, one type each.
pub mod need {
    use super::{Need, Permission};

    macro_rules! needs {
        ($($name:ident),* $(,)?) => {$(
            #[doc = concat!("Holds [`Permission::", stringify!($name), "`].")]
            #[derive(Debug, Clone, Copy)]
            pub struct $name;
            impl Need for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }

    needs!(
        ViewResults,
        BuildSurveys,
        RunDropIns,
        WriteActions,
        ManageUsers,
        SeeExactFigures,
        ExportResponses,
        ThemeComments,
    );
}

/// The signed-in officer, who holds `P`; anyone else gets the 403 page
/// before the handler runs (and before its body is read).
#[derive(Debug, Clone)]
pub struct Officer<P>(pub OfficerView, PhantomData<P>);

impl<P> Deref for Officer<P> {
    type Target = OfficerView;

    fn deref(&self) -> &OfficerView {
        &self.0
    }
}

impl<P: Need, S: Send + Sync> FromRequestParts<S> for Officer<P> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, PageError> {
        Ok(Officer(require(parts, P::PERMISSION)?, PhantomData))
    }
}
