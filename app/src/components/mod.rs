//! Building blocks shared by pages.

pub mod layout;
pub mod localized;
pub mod question;
