//! Small-number suppression: figures shown to anyone never identify a family.
//!
//! This is the one place that decides whether a count may be shown. Pages only
//! render what it returns. The results issue grows it (secondary suppression,
//! rounding for public figures); the rule that a count under the threshold is
//! never shown holds from the first page.

use serde::{Deserialize, Serialize};

/// A count as it may be displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    /// The exact count.
    Count(u64),
    /// At least one but fewer than the threshold: shown as "fewer than N".
    FewerThan(u64),
}

/// Applies the threshold to one count. Zero is shown as zero: it reveals no one.
pub fn suppress(count: u64, threshold: u64) -> Shown {
    if count == 0 || count >= threshold {
        Shown::Count(count)
    } else {
        Shown::FewerThan(threshold)
    }
}

/// A percentage of `base`, withheld (None) when the base itself is under the
/// threshold or either figure is suppressed.
pub fn percentage(count: u64, base: u64, threshold: u64) -> Option<u8> {
    if base == 0 || base < threshold || matches!(suppress(count, threshold), Shown::FewerThan(_)) {
        return None;
    }
    // Round half up in integers; count <= base keeps this within 0..=100.
    u8::try_from((count.min(base) * 200 + base) / (2 * base)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_under_the_threshold_are_hidden() {
        assert_eq!(suppress(3, 10), Shown::FewerThan(10));
        assert_eq!(suppress(9, 10), Shown::FewerThan(10));
        assert_eq!(suppress(10, 10), Shown::Count(10));
        assert_eq!(suppress(0, 10), Shown::Count(0));
    }

    #[test]
    fn a_threshold_of_one_or_zero_shows_everything() {
        assert_eq!(suppress(1, 1), Shown::Count(1));
        assert_eq!(suppress(1, 0), Shown::Count(1));
    }

    #[test]
    fn percentages_need_a_large_enough_base() {
        assert_eq!(percentage(5, 9, 10), None);
        assert_eq!(
            percentage(5, 20, 10),
            None,
            "the count itself is suppressed"
        );
        assert_eq!(percentage(10, 20, 10), Some(50));
        assert_eq!(percentage(20, 30, 10), Some(67));
        assert_eq!(percentage(0, 30, 10), Some(0));
    }
}
