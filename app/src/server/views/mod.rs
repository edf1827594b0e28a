//! What a page shows, assembled from store calls, domain rules, the
//! reader's locale and the officer's permissions. The store reads and
//! writes rows; page server functions and handlers call in here for
//! anything they display.

pub mod actions;
pub mod builder;
pub mod dashboard;
pub mod outcomes;
pub mod results;
pub mod sessions;
pub mod surveys;
