//! Property tests: whatever the table, no hidden small count can be worked
//! out from what is shown. The check here is independent of [`Grid::protected`]:
//! a search for another table that agrees with every shown figure and every
//! hidden figure's known range, but not with the hidden count.

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
fn another_table(knowns: &[Known], rows: usize, cols: usize, target: usize, value: u64) -> bool {
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

/// What a reader may believe of one figure of a segment's list, knowing the
/// rules, the figure as shown, and (where shown) everyone's figure, which it
/// cannot exceed: the values it could have. A value the reader cannot pin
/// down leaves everyone else's count (everyone's minus it) open too.
fn segment_values(shown: Shown, everyone: Option<u64>, threshold: u64, blank: bool) -> Vec<u64> {
    let cap = everyone.unwrap_or(threshold * 8);
    (0..=cap)
        .filter(|&v| match shown {
            Shown::Count(n) => v == n,
            Shown::FewerThan(_) => (1..threshold).contains(&v),
            // Under a small total: anything small, whatever its complement.
            Shown::Withheld if blank => v < threshold,
            // Withheld to protect another, or for its own small complement:
            // either way not small, which would read "fewer than".
            Shown::Withheld => v >= threshold,
        })
        .collect()
}

/// Whether values from `sets` (the last being the total of the others) can
/// be chosen with entry `target` not equal to `value`.
fn another_line(sets: &[Vec<u64>], target: usize, value: u64) -> bool {
    fn go(sets: &[Vec<u64>], k: usize, sum: u64, target: usize, value: u64) -> bool {
        let last = sets.len() - 1;
        if k == last {
            return sets[last].contains(&sum) && !(target == last && sum == value);
        }
        sets[k]
            .iter()
            .any(|&v| !(k == target && v == value) && go(sets, k + 1, sum + v, target, value))
    }
    go(sets, 0, 0, target, value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A segment's list beside everyone's: no small count of the segment,
    /// and no small count of everyone else (everyone minus the segment),
    /// can be worked out from the two lists as shown.
    #[test]
    fn no_small_complement_of_a_segment_can_be_worked_out(
        pairs in proptest::collection::vec((0u64..16, 0u64..16), 1..5),
        threshold in 3u64..=5,
    ) {
        // Everyone's count of each option, and the segment's part of it.
        let everyone: Vec<u64> = pairs.iter().map(|(a, b)| a + b).collect();
        let segment: Vec<u64> = pairs.iter().map(|(a, _)| *a).collect();
        let (all_base, base) = (everyone.iter().sum::<u64>(), segment.iter().sum::<u64>());
        let rules = Rules::new(threshold, Audience::Officer);
        let seen = rules.list(&everyone, all_base, true);
        let list = rules.list_within(&segment, base, true, &everyone, all_base);
        let known = |i: usize| -> Option<u64> {
            let shown = if i < everyone.len() { seen.counts[i] } else { seen.base };
            let n = if i < everyone.len() { everyone[i] } else { all_base };
            (!shown.is_hidden()).then_some(n)
        };
        let base_small = matches!(list.base, Shown::FewerThan(_));
        let mut sets: Vec<Vec<u64>> = list
            .counts
            .iter()
            .enumerate()
            .map(|(i, &s)| segment_values(s, known(i), threshold, base_small))
            .collect();
        sets.push(segment_values(list.base, known(everyone.len()), threshold, false));
        for (i, &value) in segment.iter().chain(std::iter::once(&base)).enumerate() {
            let small = value > 0 && value < threshold;
            let complement_small =
                known(i).is_some_and(|a| a > value && a - value < threshold);
            if small || complement_small {
                prop_assert!(
                    sets[i].contains(&value),
                    "entry {} = {} is not among the values a reader allows: {:?}", i, value, list
                );
                prop_assert!(
                    another_line(&sets, i, value),
                    "entry {} = {} (everyone {:?}) can be worked out from {:?} beside {:?}",
                    i, value, known(i), list, seen
                );
            }
        }
    }
}
