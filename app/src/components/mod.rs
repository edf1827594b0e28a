//! Building blocks shared by pages.

pub mod character_count;
pub mod layout;
pub mod localized;
pub mod question;
