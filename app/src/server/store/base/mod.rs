//! What the table files share: the loaded survey they read against, the
//! segment filter they narrow counts by, and the outcomes and priorities
//! taxonomy. Table files import from here and never from each other.

pub mod loaded;
pub mod segment;
pub mod taxonomy;
