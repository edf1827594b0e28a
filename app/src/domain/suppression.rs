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
//! - **Public figures** follow the same rules and are then rounded to the
//!   nearest 5.
//! - **Exact figures** skip all of it, for officers whose role allows it
//!   (the switch is audited by the caller).

use serde::{Deserialize, Serialize};

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
    fn suppresses(self) -> bool {
        self.audience != Audience::Exact && self.threshold > 1
    }

    /// Whether `n` is a small count that must be hidden.
    fn is_small(self, n: u64) -> bool {
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
            Hidden::Secondary | Hidden::Blank => Shown::Withheld,
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

    /// A question's option counts and the number who answered it. When
    /// `additive` (a single choice: the counts add up to the base), a second
    /// figure is withheld wherever one hidden count could be worked out.
    pub fn list(self, counts: &[u64], base: u64, additive: bool) -> ShownList {
        let hidden = if additive {
            // One row whose cells add up to its total: a table with one row
            // and no column totals is exactly that line.
            let mut entries: Vec<u64> = counts.to_vec();
            entries.push(base);
            let grid = Grid::line(entries);
            grid.suppress(self)
        } else {
            counts
                .iter()
                .chain(std::iter::once(&base))
                .map(|&n| {
                    if self.is_small(n) {
                        Hidden::Primary
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
        let rows = cells.len();
        let cols = col_totals.len();
        let grid = Grid::table(cells, row_totals, col_totals, total);
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

/// Why a figure is hidden, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    No,
    /// A small count.
    Primary,
    /// A larger figure withheld to protect a small one.
    Secondary,
    /// In a line whose total is itself small: everything in it is withheld,
    /// zeros too, since "fewer than N" in every place would add up to the
    /// total and give each one away.
    Blank,
}

/// Figures that add up along lines, as a matrix whose every row and column
/// sums to zero once totals are negated: a table with totals is
/// `[[cells, -row totals], [-column totals, grand total]]`, and a single
/// line is one row `[counts, -total]`. Any change to hidden figures that
/// keeps every line's sum must then run round a cycle of hidden figures,
/// alternately up and down, and that is what [`protected`] looks for.
#[derive(Debug, Clone)]
pub struct Grid {
    rows: usize,
    cols: usize,
    /// Row-major values (all non-negative; signs live in `negated`).
    values: Vec<u64>,
    negated: Vec<bool>,
    /// Whether column sums are constrained (false for a single line).
    column_equations: bool,
}

impl Grid {
    /// One line: every entry but the last adds up to the last.
    pub fn line(entries: Vec<u64>) -> Grid {
        let n = entries.len();
        Grid {
            rows: 1,
            cols: n,
            negated: (0..n).map(|j| j + 1 == n).collect(),
            values: entries,
            column_equations: false,
        }
    }

    /// Cells with their row, column and grand totals.
    pub fn table(cells: &[Vec<u64>], row_totals: &[u64], col_totals: &[u64], total: u64) -> Grid {
        let (rows, cols) = (cells.len() + 1, col_totals.len() + 1);
        let mut values = Vec::with_capacity(rows * cols);
        let mut negated = Vec::with_capacity(rows * cols);
        for (i, row) in cells.iter().enumerate() {
            for j in 0..cols - 1 {
                values.push(row.get(j).copied().unwrap_or(0));
                negated.push(false);
            }
            values.push(row_totals.get(i).copied().unwrap_or(0));
            negated.push(true);
        }
        values.extend(col_totals);
        negated.extend(std::iter::repeat_n(true, cols - 1));
        values.push(total);
        negated.push(false);
        Grid {
            rows,
            cols,
            values,
            negated,
            column_equations: true,
        }
    }

    /// Primary suppression, then secondary until every small count is
    /// [`protected`]. Returns why each entry (row-major) is hidden.
    pub fn suppress(&self, rules: Rules) -> Vec<Hidden> {
        let mut hidden: Vec<Hidden> = self
            .values
            .iter()
            .map(|&n| {
                if rules.is_small(n) {
                    Hidden::Primary
                } else {
                    Hidden::No
                }
            })
            .collect();
        if !rules.suppresses() {
            return hidden;
        }
        for at in 0..self.values.len() {
            if self
                .totals_of(at)
                .any(|total| hidden[total] == Hidden::Primary)
            {
                hidden[at] = Hidden::Blank;
            }
        }
        // Each pass either finds every small count protected or hides at
        // least one more figure, so this ends within `values.len()` passes.
        for _ in 0..=self.values.len() {
            let exposed = (0..self.values.len()).find(|&at| {
                self.values[at] > 0
                    && self.values[at] < rules.threshold
                    && !self.protected(&hidden, rules, at)
            });
            let Some(at) = exposed else {
                return hidden;
            };
            match self.cheapest_cover(&hidden, rules, at) {
                Some(extra) => {
                    for e in extra {
                        hidden[e] = Hidden::Secondary;
                    }
                }
                None => {
                    // Nothing smaller works: withhold every non-zero figure.
                    for (h, &n) in hidden.iter_mut().zip(&self.values) {
                        if *h == Hidden::No && n > 0 {
                            *h = Hidden::Secondary;
                        }
                    }
                    return hidden;
                }
            }
        }
        hidden
    }

    /// The totals of the lines entry `at` is part of (not those it is the
    /// total of): a line's total is its last entry.
    fn totals_of(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        let (r, c) = (at / self.cols, at % self.cols);
        let row_total = (c + 1 != self.cols).then_some(r * self.cols + self.cols - 1);
        let col_total = (self.column_equations && r + 1 != self.rows)
            .then_some((self.rows - 1) * self.cols + c);
        row_total.into_iter().chain(col_total)
    }

    /// What a reader knows of entry `at`: its value, or (hidden) the range
    /// it must lie in. A small count is 1 to threshold − 1; a withheld one
    /// was large enough to show, so at least the threshold; a blank one is
    /// under its small total, so 0 to threshold − 1.
    fn room(&self, hidden: &[Hidden], rules: Rules, at: usize, step: i8) -> bool {
        let value = self.values[at];
        // A step in the signed matrix moves a negated entry the other way.
        let up = (step > 0) != self.negated[at];
        match hidden[at] {
            Hidden::No => false,
            Hidden::Primary => {
                if up {
                    value + 1 < rules.threshold
                } else {
                    value > 1
                }
            }
            Hidden::Secondary => up || value > rules.threshold,
            Hidden::Blank => {
                if up {
                    value + 1 < rules.threshold
                } else {
                    value > 0
                }
            }
        }
    }

    /// Whether hidden entry `at` could differ while every shown figure and
    /// every hidden one's range stays as it is: some cycle of hidden entries
    /// through it can move alternately up and down by one.
    pub fn protected(&self, hidden: &[Hidden], rules: Rules, at: usize) -> bool {
        [1i8, -1]
            .into_iter()
            .any(|step| self.cycle_through(hidden, rules, at, step))
    }

    fn cycle_through(&self, hidden: &[Hidden], rules: Rules, at: usize, step: i8) -> bool {
        if !self.room(hidden, rules, at, step) {
            return false;
        }
        let (r, c) = (at / self.cols, at % self.cols);
        if !self.column_equations {
            // A single line: one other hidden entry moving the other way.
            return (0..self.cols)
                .any(|j| j != c && self.room(hidden, rules, r * self.cols + j, -step));
        }
        // Search from column c back to row r: a column leads to a row
        // through an entry that can move by -step, a row to a column
        // through one that can move by +step.
        let mut seen_rows = vec![false; self.rows];
        let mut seen_cols = vec![false; self.cols];
        let mut frontier = vec![c];
        seen_cols[c] = true;
        while let Some(col) = frontier.pop() {
            for (row, row_seen) in seen_rows.iter_mut().enumerate() {
                let e = row * self.cols + col;
                if e == at || *row_seen || !self.room(hidden, rules, e, -step) {
                    continue;
                }
                if row == r {
                    return true;
                }
                *row_seen = true;
                for (next, col_seen) in seen_cols.iter_mut().enumerate() {
                    if !*col_seen && self.room(hidden, rules, row * self.cols + next, step) {
                        *col_seen = true;
                        frontier.push(next);
                    }
                }
            }
        }
        false
    }

    /// The fewest (then smallest) further figures to withhold so that `at`
    /// is protected: another entry of its line, or the other three corners
    /// of a rectangle through it.
    fn cheapest_cover(&self, hidden: &[Hidden], rules: Rules, at: usize) -> Option<Vec<usize>> {
        let (r, c) = (at / self.cols, at % self.cols);
        let hideable = |e: usize| hidden[e] != Hidden::No || self.values[e] >= rules.threshold;
        let mut candidates: Vec<Vec<usize>> = Vec::new();
        if self.column_equations {
            for r2 in (0..self.rows).filter(|&x| x != r) {
                for c2 in (0..self.cols).filter(|&x| x != c) {
                    let corners = [r * self.cols + c2, r2 * self.cols + c2, r2 * self.cols + c];
                    if corners.iter().all(|&e| hideable(e)) {
                        candidates.push(
                            corners
                                .into_iter()
                                .filter(|&e| hidden[e] == Hidden::No)
                                .collect(),
                        );
                    }
                }
            }
        } else {
            for c2 in (0..self.cols).filter(|&x| x != c) {
                let e = r * self.cols + c2;
                if hideable(e) {
                    candidates.push(if hidden[e] == Hidden::No {
                        vec![e]
                    } else {
                        vec![]
                    });
                }
            }
        }
        candidates.sort_by_key(|extra| {
            (
                extra.len(),
                extra.iter().map(|&e| self.values[e]).sum::<u64>(),
            )
        });
        candidates.into_iter().find(|extra| {
            if extra.is_empty() {
                return false;
            }
            let mut trial = hidden.to_vec();
            for &e in extra {
                trial[e] = Hidden::Secondary;
            }
            self.protected(&trial, rules, at)
        })
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

/// Property tests: whatever the table, no hidden small count can be worked
/// out from what is shown. The check here is independent of [`protected`]:
/// a search for another table that agrees with every shown figure and every
/// hidden figure's known range, but not with the hidden count.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// What a reader sees of one figure.
    #[derive(Clone, Copy, Debug)]
    enum Known {
        Exact(u64),
        Range(u64, u64),
    }

    /// What a reader knows of each entry of an extended table (cells with
    /// their row totals in the last column and column totals in the last
    /// row). A withheld entry under a small total is below the threshold,
    /// zero included; any other withheld entry was large enough to show.
    fn knowns(shown: &[Shown], rows: usize, cols: usize, threshold: u64, cap: u64) -> Vec<Known> {
        let (w, h) = (cols + 1, rows + 1);
        // Known to be small: "fewer than", or withheld in a line whose
        // total is known to be small, until nothing more follows.
        let mut small: Vec<bool> = shown
            .iter()
            .map(|s| matches!(s, Shown::FewerThan(_)))
            .collect();
        loop {
            let mut changed = false;
            for at in 0..shown.len() {
                let (i, j) = (at / w, at % w);
                let under_small =
                    (j + 1 != w && small[i * w + cols]) || (i + 1 != h && small[rows * w + j]);
                if !small[at] && shown[at] == Shown::Withheld && under_small {
                    small[at] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        (0..shown.len())
            .map(|at| match shown[at] {
                Shown::Count(n) => Known::Exact(n),
                Shown::FewerThan(t) => Known::Range(1, t - 1),
                Shown::Withheld if small[at] => Known::Range(0, threshold - 1),
                Shown::Withheld => Known::Range(threshold, cap),
            })
            .collect()
    }

    /// A search for cells (rows × cols) that fit every known figure.
    struct Search<'a> {
        knowns: &'a [Known],
        rows: usize,
        cols: usize,
        /// The hidden cell, and the value it must not take.
        target: usize,
        value: u64,
        assigned: Vec<u64>,
    }

    fn fits(k: Known, v: u64) -> bool {
        match k {
            Known::Exact(n) => n == v,
            Known::Range(lo, hi) => lo <= v && v <= hi,
        }
    }

    impl Search<'_> {
        fn w(&self) -> usize {
            self.cols + 1
        }

        /// Cells are set row by row; the last of a row (or column) with a
        /// shown total has only one value it can take.
        fn go(&mut self, k: usize) -> bool {
            let (rows, cols, w) = (self.rows, self.cols, self.w());
            if k == rows * cols {
                let row_sums: Vec<u64> = (0..rows)
                    .map(|i| (0..cols).map(|j| self.assigned[i * w + j]).sum())
                    .collect();
                let col_ok = (0..cols).all(|j| {
                    let s = (0..rows).map(|i| self.assigned[i * w + j]).sum();
                    fits(self.knowns[rows * w + j], s)
                });
                return col_ok
                    && (0..rows).all(|i| fits(self.knowns[i * w + cols], row_sums[i]))
                    && fits(self.knowns[rows * w + cols], row_sums.iter().sum());
            }
            let (i, j) = (k / cols, k % cols);
            let e = i * w + j;
            let (lo, hi) = match self.knowns[e] {
                Known::Exact(n) => (n, n),
                Known::Range(lo, hi) => (lo, hi),
            };
            let row_sofar: u64 = (0..j).map(|jj| self.assigned[i * w + jj]).sum();
            let col_sofar: u64 = (0..i).map(|ii| self.assigned[ii * w + j]).sum();
            let mut forced = None;
            if j + 1 == cols
                && let Known::Exact(total) = self.knowns[i * w + cols]
            {
                forced = Some(total.checked_sub(row_sofar));
            }
            if i + 1 == rows
                && let Known::Exact(total) = self.knowns[rows * w + j]
            {
                let v = total.checked_sub(col_sofar);
                if forced.is_some_and(|f| f != v) {
                    return false;
                }
                forced = Some(v);
            }
            let candidates: Vec<u64> = match forced {
                Some(Some(v)) if lo <= v && v <= hi => vec![v],
                Some(_) => vec![],
                None => (lo..=hi).collect(),
            };
            for v in candidates {
                if e == self.target && v == self.value {
                    continue;
                }
                self.assigned[e] = v;
                if self.go(k + 1) {
                    return true;
                }
            }
            false
        }
    }

    /// Whether cells (rows × cols) with the given totals can take values
    /// within `knowns` such that cell `target` is not `value`.
    fn another_table(
        knowns: &[Known],
        rows: usize,
        cols: usize,
        target: usize,
        value: u64,
    ) -> bool {
        Search {
            knowns,
            rows,
            cols,
            target,
            value,
            assigned: vec![0; (rows + 1) * (cols + 1)],
        }
        .go(0)
    }

    fn tables() -> impl Strategy<Value = (Vec<Vec<u64>>, u64)> {
        (1usize..=3, 1usize..=4, 3u64..=6).prop_flat_map(|(rows, cols, threshold)| {
            (
                proptest::collection::vec(
                    proptest::collection::vec(prop_oneof![Just(0u64), 1u64..6, 6u64..14], cols),
                    rows,
                ),
                Just(threshold),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn no_hidden_small_count_can_be_worked_out((cells, threshold) in tables()) {
            let rows = cells.len();
            let cols = cells[0].len();
            let row_totals: Vec<u64> = cells.iter().map(|r| r.iter().sum()).collect();
            let col_totals: Vec<u64> = (0..cols).map(|j| cells.iter().map(|r| r[j]).sum()).collect();
            let total: u64 = row_totals.iter().sum();
            let rules = Rules::new(threshold, Audience::Officer);
            let t = rules.table(&cells, &row_totals, &col_totals, total);
            let mut shown = Vec::new();
            for i in 0..rows {
                shown.extend(t.cells[i].iter().copied());
                shown.push(t.row_totals[i]);
            }
            shown.extend(t.col_totals.iter().copied());
            shown.push(t.total);
            let knowns = knowns(&shown, rows, cols, threshold, total + threshold);
            for (i, row) in cells.iter().enumerate() {
                for (j, &value) in row.iter().enumerate() {
                    if value > 0 && value < threshold {
                        // Nothing small is ever shown, nor can it be worked out.
                        prop_assert!(t.cells[i][j].is_hidden());
                        let at = i * (cols + 1) + j;
                        prop_assert!(
                            another_table(&knowns, rows, cols, at, value),
                            "cell ({}, {}) = {} can be worked out from {:?}", i, j, value, t
                        );
                    }
                }
            }
            for (i, &n) in row_totals.iter().enumerate() {
                if n > 0 && n < threshold {
                    prop_assert!(t.row_totals[i].is_hidden());
                }
            }
        }

        #[test]
        fn no_hidden_option_count_can_be_worked_out(
            counts in proptest::collection::vec(prop_oneof![Just(0u64), 1u64..6, 6u64..30], 1..6),
            threshold in 3u64..=6,
        ) {
            let base: u64 = counts.iter().sum();
            let list = Rules::new(threshold, Audience::Officer).list(&counts, base, true);
            // The same search, on a table of one row whose column totals
            // are the cells themselves.
            let mut shown = list.counts.clone();
            shown.push(list.base);
            shown.extend(list.counts.iter().copied());
            shown.push(list.base);
            let knowns = knowns(&shown, 1, counts.len(), threshold, base + threshold);
            for (j, &n) in counts.iter().enumerate() {
                if n > 0 && n < threshold {
                    prop_assert!(list.counts[j].is_hidden());
                    prop_assert!(
                        another_table(&knowns, 1, counts.len(), j, n),
                        "option {} = {} can be worked out from {:?}", j, n, list
                    );
                }
            }
        }

        #[test]
        fn public_tables_show_only_multiples_of_five(
            (cells, threshold) in tables()
        ) {
            let cols = cells[0].len();
            let row_totals: Vec<u64> = cells.iter().map(|r| r.iter().sum()).collect();
            let col_totals: Vec<u64> = (0..cols).map(|j| cells.iter().map(|r| r[j]).sum()).collect();
            let total: u64 = row_totals.iter().sum();
            let t = Rules::new(threshold, Audience::Public).table(&cells, &row_totals, &col_totals, total);
            for s in t.cells.iter().flatten().chain(&t.row_totals).chain(&t.col_totals) {
                if let Shown::Count(n) = s {
                    prop_assert_eq!(n % 5, 0);
                }
            }
        }
    }
}
