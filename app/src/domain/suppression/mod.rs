//! Small-number suppression: figures shown to anyone never identify a family.
//!
//! This is the one place that decides whether a count may be shown. Pages
//! only render what it returns ([`Shown`]); they never compare a count with
//! the threshold themselves.
//!
//! - **Primary suppression**: a count of at least one but under the
//!   threshold is shown as "fewer than N". Zero is shown: it reveals no one.
//! - **Secondary suppression**: where figures add up (a single-choice
//!   question's options to its base, a cross-tab's cells to their row and
//!   column totals), one more figure is withheld wherever a hidden one could
//!   otherwise be worked out by subtraction. A hidden count is safe when some
//!   other table, equal in every shown figure and in every hidden count's
//!   known range, differs in it: [`protected`] checks exactly that, and
//!   secondary suppression adds figures until every hidden count passes.
//! - **Segments**: where a reader sees a figure for everyone and the same
//!   figure for a segment, the difference is a figure too. A segment's
//!   figure is withheld when that difference would be a small count, and
//!   secondary suppression keeps it from being worked out like any other
//!   (`*_within`). A segment whose own size, or everyone else's, is small is
//!   refused by the caller before any figure is made.
//! - **Public figures** follow the same rules and are then rounded to the
//!   nearest 5.
//! - **Exact figures** skip all of it, for officers whose role allows it
//!   (the switch is audited by the caller).

use serde::{Deserialize, Serialize};

mod grid;
#[cfg(test)]
mod properties;

pub use grid::{Grid, Hidden};

/// A count as it may be displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    /// The count (rounded to the nearest 5 for the public).
    Count(u64),
    /// At least one but fewer than the threshold: shown as "fewer than N".
    FewerThan(u64),
    /// Withheld so that a small count nearby cannot be worked out.
    Withheld,
}

impl Shown {
    /// Whether the figure is hidden in any way.
    pub fn is_hidden(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

/// Who the figures are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// Anyone: suppressed, and rounded to the nearest 5.
    Public,
    /// Signed-in staff: suppressed as the public sees it, not rounded.
    Officer,
    /// Staff allowed to see every count as it is.
    Exact,
}

/// How figures are shown: the threshold and the audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub threshold: u64,
    pub audience: Audience,
}

/// A table of counts with its totals, suppressed. Rows and columns are in
/// the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownTable {
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub col_totals: Vec<Shown>,
    pub total: Shown,
    /// Row percentages (cell of row total), withheld where either is hidden
    /// or the row total is under the threshold.
    pub row_percent: Vec<Vec<Option<u8>>>,
}

/// A table's counts as they are: cells with row, column and grand totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableCounts {
    pub cells: Vec<Vec<u64>>,
    pub row_totals: Vec<u64>,
    pub col_totals: Vec<u64>,
    pub total: u64,
}

/// A list of counts (a question's options) with the number who answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownList {
    pub counts: Vec<Shown>,
    pub percent: Vec<Option<u8>>,
    pub base: Shown,
}

impl Rules {
    pub fn new(threshold: u64, audience: Audience) -> Rules {
        Rules {
            threshold,
            audience,
        }
    }

    /// Whether counts are suppressed at all.
    pub fn suppresses(self) -> bool {
        self.audience != Audience::Exact && self.threshold > 1
    }

    /// Whether `n` is a small count that must be hidden.
    pub fn is_small(self, n: u64) -> bool {
        self.suppresses() && n > 0 && n < self.threshold
    }

    /// One count on its own, with nothing it adds up with.
    pub fn count(self, n: u64) -> Shown {
        if self.is_small(n) {
            Shown::FewerThan(self.threshold)
        } else {
            Shown::Count(self.round(n))
        }
    }

    /// Public counts to the nearest 5, while suppression is on at all (a
    /// threshold of 1 switches both off).
    fn round(self, n: u64) -> u64 {
        if self.audience == Audience::Public && self.suppresses() {
            (n + 2) / 5 * 5
        } else {
            n
        }
    }

    fn show(self, n: u64, hidden: Hidden) -> Shown {
        match hidden {
            Hidden::No => Shown::Count(self.round(n)),
            Hidden::Primary => Shown::FewerThan(self.threshold),
            Hidden::Secondary | Hidden::Blank | Hidden::Complement => Shown::Withheld,
        }
    }

    /// `count` of `base` as a whole percentage, withheld when either is
    /// hidden or the base is under the threshold. For the public it is
    /// worked from the rounded counts: from exact ones, 30% of a shown 40
    /// would give away a count rounded to 10 as 12.
    pub fn percentage(
        self,
        count: u64,
        base: u64,
        count_hidden: bool,
        base_hidden: bool,
    ) -> Option<u8> {
        if base == 0 || count_hidden || base_hidden || (self.suppresses() && base < self.threshold)
        {
            return None;
        }
        let (count, base) = (self.round(count), self.round(base));
        if base == 0 {
            return None;
        }
        // Round half up in integers; count <= base keeps this within 0..=100.
        u8::try_from((count.min(base) * 200 + base) / (2 * base)).ok()
    }

    /// Whether `n` leaves a small complement of `everyone` (a figure the
    /// reader sees).
    fn leaves_small(self, n: u64, everyone: Option<u64>) -> bool {
        self.suppresses() && everyone.is_some_and(|all| all > n && all - n < self.threshold)
    }

    /// One count of a segment, where the reader sees `everyone`'s count:
    /// withheld when the difference would be a small count.
    pub fn count_within(self, n: u64, everyone: u64) -> Shown {
        let seen = (!self.is_small(everyone)).then_some(everyone);
        if self.is_small(n) {
            Shown::FewerThan(self.threshold)
        } else if self.leaves_small(n, seen) {
            Shown::Withheld
        } else {
            Shown::Count(self.round(n))
        }
    }

    /// A question's option counts and the number who answered it. When
    /// `additive` (a single choice: the counts add up to the base), a second
    /// figure is withheld wherever one hidden count could be worked out.
    pub fn list(self, counts: &[u64], base: u64, additive: bool) -> ShownList {
        self.list_in(counts, base, additive, &[])
    }

    /// As [`Rules::list`], for a segment whose reader can also see the same
    /// list for everyone: no figure is shown, nor can be worked out, whose
    /// difference from everyone's is a small count.
    pub fn list_within(
        self,
        counts: &[u64],
        base: u64,
        additive: bool,
        everyone: &[u64],
        everyone_base: u64,
    ) -> ShownList {
        let seen = self.list(everyone, everyone_base, additive);
        let outer: Vec<Option<u64>> = everyone
            .iter()
            .zip(&seen.counts)
            .chain(std::iter::once((&everyone_base, &seen.base)))
            .map(|(&n, shown)| (!shown.is_hidden()).then_some(n))
            .collect();
        self.list_in(counts, base, additive, &outer)
    }

    fn list_in(
        self,
        counts: &[u64],
        base: u64,
        additive: bool,
        outer: &[Option<u64>],
    ) -> ShownList {
        let hidden = if additive {
            // One row whose cells add up to its total: a table with one row
            // and no column totals is exactly that line.
            let mut entries: Vec<u64> = counts.to_vec();
            entries.push(base);
            Grid::line(entries).within(outer.to_vec()).suppress(self)
        } else {
            counts
                .iter()
                .chain(std::iter::once(&base))
                .enumerate()
                .map(|(at, &n)| {
                    if self.is_small(n) {
                        Hidden::Primary
                    } else if self.leaves_small(n, outer.get(at).copied().flatten()) {
                        Hidden::Complement
                    } else {
                        Hidden::No
                    }
                })
                .collect()
        };
        let base_hidden = hidden[counts.len()] != Hidden::No;
        ShownList {
            counts: counts
                .iter()
                .zip(&hidden)
                .map(|(&n, &h)| self.show(n, h))
                .collect(),
            percent: counts
                .iter()
                .zip(&hidden)
                .map(|(&n, &h)| self.percentage(n, base, h != Hidden::No, base_hidden))
                .collect(),
            base: self.show(base, hidden[counts.len()]),
        }
    }

    /// A cross-tab: `cells[row][col]` with its row totals, column totals
    /// and grand total, all given (for multiple-choice questions they are
    /// numbers of people, not sums). Suppression treats them as sums, which
    /// hides at least as much as the true relation would need.
    pub fn table(
        self,
        cells: &[Vec<u64>],
        row_totals: &[u64],
        col_totals: &[u64],
        total: u64,
    ) -> ShownTable {
        self.table_in(cells, row_totals, col_totals, total, Vec::new())
    }

    /// [`Rules::table`] of counts gathered as a [`TableCounts`].
    pub fn counts_table(self, t: &TableCounts) -> ShownTable {
        self.table(&t.cells, &t.row_totals, &t.col_totals, t.total)
    }

    /// As [`Rules::table`], for a segment whose reader can also see the same
    /// table for everyone (same rows and columns).
    pub fn table_within(self, segment: &TableCounts, everyone: &TableCounts) -> ShownTable {
        let seen = self.counts_table(everyone);
        let known = |n: u64, shown: &Shown| (!shown.is_hidden()).then_some(n);
        let mut outer = Vec::new();
        for (i, row) in everyone.cells.iter().enumerate() {
            outer.extend(row.iter().zip(&seen.cells[i]).map(|(&n, s)| known(n, s)));
            outer.push(known(everyone.row_totals[i], &seen.row_totals[i]));
        }
        outer.extend(
            everyone
                .col_totals
                .iter()
                .zip(&seen.col_totals)
                .map(|(&n, s)| known(n, s)),
        );
        outer.push(known(everyone.total, &seen.total));
        self.table_in(
            &segment.cells,
            &segment.row_totals,
            &segment.col_totals,
            segment.total,
            outer,
        )
    }

    fn table_in(
        self,
        cells: &[Vec<u64>],
        row_totals: &[u64],
        col_totals: &[u64],
        total: u64,
        outer: Vec<Option<u64>>,
    ) -> ShownTable {
        let rows = cells.len();
        let cols = col_totals.len();
        let grid = Grid::table(cells, row_totals, col_totals, total).within(outer);
        let hidden = grid.suppress(self);
        let at = |i: usize, j: usize| hidden[i * (cols + 1) + j];
        let cells_shown = (0..rows)
            .map(|i| {
                (0..cols)
                    .map(|j| self.show(cells[i][j], at(i, j)))
                    .collect()
            })
            .collect();
        let row_percent = (0..rows)
            .map(|i| {
                (0..cols)
                    .map(|j| {
                        self.percentage(
                            cells[i][j],
                            row_totals[i],
                            at(i, j) != Hidden::No,
                            at(i, cols) != Hidden::No,
                        )
                    })
                    .collect()
            })
            .collect();
        ShownTable {
            cells: cells_shown,
            row_totals: (0..rows)
                .map(|i| self.show(row_totals[i], at(i, cols)))
                .collect(),
            col_totals: (0..cols)
                .map(|j| self.show(col_totals[j], at(rows, j)))
                .collect(),
            total: self.show(total, at(rows, cols)),
            row_percent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(t: u64) -> Rules {
        Rules::new(t, Audience::Officer)
    }

    #[test]
    fn counts_under_the_threshold_are_hidden() {
        assert_eq!(officer(10).count(3), Shown::FewerThan(10));
        assert_eq!(officer(10).count(9), Shown::FewerThan(10));
        assert_eq!(officer(10).count(10), Shown::Count(10));
        assert_eq!(officer(10).count(0), Shown::Count(0));
    }

    #[test]
    fn a_threshold_of_one_or_zero_shows_everything() {
        assert_eq!(officer(1).count(1), Shown::Count(1));
        assert_eq!(officer(0).count(1), Shown::Count(1));
    }

    #[test]
    fn exact_figures_are_not_suppressed_or_rounded() {
        let exact = Rules::new(10, Audience::Exact);
        assert_eq!(exact.count(3), Shown::Count(3));
        let list = exact.list(&[3, 40], 43, true);
        assert_eq!(list.counts, vec![Shown::Count(3), Shown::Count(40)]);
        assert_eq!(list.percent, vec![Some(7), Some(93)]);
    }

    #[test]
    fn public_counts_are_rounded_to_the_nearest_five() {
        let public = Rules::new(10, Audience::Public);
        assert_eq!(public.count(12), Shown::Count(10));
        assert_eq!(public.count(13), Shown::Count(15));
        assert_eq!(public.count(0), Shown::Count(0));
        assert_eq!(public.count(7), Shown::FewerThan(10));
        assert_eq!(Rules::new(1, Audience::Public).count(3), Shown::Count(3));
        // Percentages follow the rounded figures, not the exact ones.
        assert_eq!(public.percentage(12, 40, false, false), Some(25));
        let officer = Rules::new(10, Audience::Officer);
        assert_eq!(officer.percentage(12, 40, false, false), Some(30));
    }

    #[test]
    fn percentages_need_a_large_enough_base() {
        let r = officer(10);
        assert_eq!(r.percentage(5, 9, false, false), None);
        assert_eq!(r.percentage(10, 20, false, false), Some(50));
        assert_eq!(r.percentage(20, 30, false, false), Some(67));
        assert_eq!(r.percentage(0, 30, false, false), Some(0));
        assert_eq!(
            r.percentage(10, 20, true, false),
            None,
            "the count is hidden"
        );
        assert_eq!(
            r.percentage(10, 20, false, true),
            None,
            "the base is hidden"
        );
    }

    #[test]
    fn one_small_option_takes_the_next_smallest_with_it() {
        // 3 + 12 + 40 = 55: showing 12, 40 and 55 would give away the 3.
        let list = officer(10).list(&[3, 12, 40], 55, true);
        assert_eq!(
            list.counts,
            vec![Shown::FewerThan(10), Shown::Withheld, Shown::Count(40)]
        );
        assert_eq!(list.base, Shown::Count(55));
        assert_eq!(list.percent, vec![None, None, Some(73)]);
    }

    #[test]
    fn two_small_options_protect_each_other() {
        let list = officer(10).list(&[3, 4, 40], 47, true);
        assert_eq!(
            list.counts,
            vec![Shown::FewerThan(10), Shown::FewerThan(10), Shown::Count(40)]
        );
    }

    #[test]
    fn a_multiple_choice_list_does_not_add_up_and_needs_no_second_figure() {
        let list = officer(10).list(&[3, 12, 40], 45, false);
        assert_eq!(
            list.counts,
            vec![Shown::FewerThan(10), Shown::Count(12), Shown::Count(40)]
        );
    }

    #[test]
    fn a_cross_tab_hides_a_rectangle_round_a_small_cell() {
        let cells = vec![vec![3, 20, 30], vec![25, 40, 50]];
        let t = officer(10).table(&cells, &[53, 115], &[28, 60, 80], 168);
        assert_eq!(t.cells[0][0], Shown::FewerThan(10));
        let hidden_in_row = t.cells[0].iter().filter(|s| s.is_hidden()).count()
            + usize::from(t.row_totals[0].is_hidden());
        let hidden_in_col = t.cells.iter().filter(|r| r[0].is_hidden()).count()
            + usize::from(t.col_totals[0].is_hidden());
        assert!(hidden_in_row >= 2 && hidden_in_col >= 2, "{t:?}");
        assert_eq!(t.total, Shown::Count(168));
        assert_eq!(t.row_percent[0][0], None);
    }
}

#[cfg(test)]
mod segment_tests {
    use super::*;

    #[test]
    fn a_segment_figure_whose_complement_is_small_is_withheld_with_a_partner() {
        // Everyone: 57 said yes, 40 no. The segment (parents): 50 and 38.
        // Showing 50 would tell anyone that 7 others said yes.
        let r = Rules::new(10, Audience::Officer);
        let list = r.list_within(&[50, 38], 88, true, &[57, 40], 97);
        assert_eq!(list.counts[0], Shown::Withheld);
        // 88 shown and 38 shown would give the 50 back: one more goes.
        assert!(
            list.counts[1].is_hidden() || list.base.is_hidden(),
            "{list:?}"
        );
        // Without everyone's figures beside it, the list is shown whole.
        assert_eq!(
            r.list(&[50, 38], 88, true).counts,
            vec![Shown::Count(50), Shown::Count(38)]
        );
    }

    #[test]
    fn a_single_count_is_withheld_when_everyone_else_is_few() {
        let r = Rules::new(10, Audience::Officer);
        assert_eq!(r.count_within(95, 100), Shown::Withheld);
        assert_eq!(r.count_within(90, 100), Shown::Count(90));
        assert_eq!(r.count_within(100, 100), Shown::Count(100));
        assert_eq!(r.count_within(3, 100), Shown::FewerThan(10));
        // Everyone's figure is itself hidden: nothing to subtract from.
        assert_eq!(r.count_within(12, 9), Shown::Count(12));
        assert_eq!(
            Rules::new(10, Audience::Exact).count_within(95, 100),
            Shown::Count(95)
        );
    }

    #[test]
    fn a_segment_cross_tab_hides_cells_that_differ_from_everyone_by_a_few() {
        let r = Rules::new(10, Audience::Officer);
        let everyone = TableCounts {
            cells: vec![vec![30, 20], vec![25, 40]],
            row_totals: vec![50, 65],
            col_totals: vec![55, 60],
            total: 115,
        };
        let segment = TableCounts {
            cells: vec![vec![26, 20], vec![25, 40]],
            row_totals: vec![46, 65],
            col_totals: vec![51, 60],
            total: 111,
        };
        let t = r.table_within(&segment, &everyone);
        // 30 − 26 = 4 others: the cell, and its totals that differ by 4 too.
        assert!(t.cells[0][0].is_hidden(), "{t:?}");
        assert!(t.row_totals[0].is_hidden() && t.col_totals[0].is_hidden());
        assert!(t.total.is_hidden());
        // Cells equal to everyone's are no risk where they stand.
        assert_eq!(t.cells[1][1], Shown::Count(40));
    }
}
