//! The grid of figures that add up, and the search for a cycle of hidden
//! figures that keeps a small count from being worked out.

use super::Rules;

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
    /// A segment's figure whose complement (the same figure for everyone,
    /// which the reader can see, minus this one) is small: showing it
    /// would show everyone else's small count by subtraction.
    Complement,
}

/// Figures that add up along lines, as a matrix whose every row and column
/// sums to zero once totals are negated: a table with totals is
/// `[[cells, -row totals], [-column totals, grand total]]`, and a single
/// line is one row `[counts, -total]`. Any change to hidden figures that
/// keeps every line's sum must then run round a cycle of hidden figures,
/// alternately up and down, and that is what [`Grid::protected`] looks for.
///
/// A segment's grid also knows the same figures for everyone, where the
/// reader sees them ([`Grid::within`]): each of its hidden figures must
/// then keep its complement out of reach too, so a reader who subtracts
/// the segment from everyone learns no small count either.
#[derive(Debug, Clone)]
pub struct Grid {
    rows: usize,
    cols: usize,
    /// Row-major values (all non-negative; signs live in `negated`).
    values: Vec<u64>,
    negated: Vec<bool>,
    /// Whether column sums are constrained (false for a single line).
    column_equations: bool,
    /// Row-major, the same figures for everyone where the reader sees
    /// them; empty when this is not a segment.
    outer: Vec<Option<u64>>,
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
            outer: Vec::new(),
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
            outer: Vec::new(),
        }
    }

    /// The same grid as a segment of `everyone` (row-major like the grid,
    /// `None` where the reader does not see that figure for everyone).
    pub fn within(mut self, everyone: Vec<Option<u64>>) -> Grid {
        self.outer = everyone;
        self
    }

    /// Everyone's figure at `at` minus this one, where the reader knows it.
    fn complement(&self, at: usize, value: u64) -> Option<u64> {
        self.outer
            .get(at)
            .copied()
            .flatten()
            .map(|all| all.saturating_sub(value))
    }

    /// Whether the figure at `at` leaves a small complement.
    fn complement_small(&self, rules: Rules, at: usize) -> bool {
        rules.suppresses()
            && self
                .complement(at, self.values[at])
                .is_some_and(|c| c > 0 && c < rules.threshold)
    }

    /// Whether the figure at `at` must be kept from being worked out.
    fn sensitive(&self, rules: Rules, at: usize) -> bool {
        let n = self.values[at];
        (n > 0 && n < rules.threshold) || self.complement_small(rules, at)
    }

    /// Primary suppression, then secondary until every small count is
    /// [`Grid::protected`], complements included. Returns why each entry
    /// (row-major) is hidden.
    pub fn suppress(&self, rules: Rules) -> Vec<Hidden> {
        let mut hidden: Vec<Hidden> = self
            .values
            .iter()
            .enumerate()
            .map(|(at, &n)| {
                if rules.is_small(n) {
                    Hidden::Primary
                } else if self.complement_small(rules, at) {
                    Hidden::Complement
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
            let exposed = (0..self.values.len())
                .find(|&at| self.sensitive(rules, at) && !self.protected(&hidden, rules, at));
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
    /// under its small total, so 0 to threshold − 1; one withheld for its
    /// complement leaves everyone else 1 to threshold − 1. Where everyone's
    /// figure is known, no figure exceeds it, and one withheld to protect
    /// another leaves a complement of zero or at least the threshold.
    fn room(&self, hidden: &[Hidden], rules: Rules, at: usize, step: i8) -> bool {
        let value = self.values[at];
        // A step in the signed matrix moves a negated entry the other way.
        let up = (step > 0) != self.negated[at];
        let Some(moved) = (if up {
            value.checked_add(1)
        } else {
            value.checked_sub(1)
        }) else {
            return false;
        };
        let t = rules.threshold;
        let in_range = match hidden[at] {
            Hidden::No => false,
            Hidden::Primary => (1..t).contains(&moved),
            Hidden::Secondary => moved >= t,
            Hidden::Blank => moved < t,
            // Withheld, not "fewer than": the reader knows it is not small.
            Hidden::Complement => moved >= t,
        };
        let complement_fits = match self.outer.get(at).copied().flatten() {
            None => true,
            Some(all) if moved > all => false,
            Some(all) => {
                let small = (1..t).contains(&(all - moved));
                match hidden[at] {
                    // Shown as small, or under a small total: whatever the
                    // complement.
                    Hidden::Primary | Hidden::Blank | Hidden::No => true,
                    Hidden::Complement => small,
                    Hidden::Secondary => !small,
                }
            }
        };
        in_range && complement_fits
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
