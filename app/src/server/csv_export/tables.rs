//! The results page's tables as one CSV file, suppressed exactly as the
//! page showed them.

use super::*;

/// A shown count in the file's words.
fn shown_text(l: Locale, shown: Shown) -> String {
    match shown {
        Shown::Count(n) => n.to_string(),
        Shown::FewerThan(t) => crate::i18n_support::fill(
            td_string!(l, results.fewer_than_plain),
            &[("threshold", &t.to_string())],
        ),
        Shown::Withheld => td_string!(l, results.withheld).to_owned(),
    }
}

/// The results tables, exactly as suppressed as the page that offered them:
/// one row per figure, with the table it belongs to.
pub fn tables_file(d: &SurveyDashboard, l: Locale) -> Result<Vec<u8>, AppError> {
    let label = label_text;
    let pct = |p: Option<u8>| p.map(|p| p.to_string()).unwrap_or_default();
    let mut rows: Vec<Vec<String>> = vec![
        ["table", "row", "column", "count", "percent"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    ];
    let mut push = |table: &str, row: &str, column: &str, count: Shown, percent: Option<u8>| {
        rows.push(vec![
            neutralise(table).into_owned(),
            neutralise(row).into_owned(),
            neutralise(column).into_owned(),
            shown_text(l, count),
            pct(percent),
        ]);
    };
    let responses = td_string!(l, analysis.responses);
    push(responses, "", "", d.responses, None);
    for (week, count) in d.over_time.weeks.iter().zip(&d.over_time.counts.counts) {
        push(
            td_string!(l, analysis.weeks_caption),
            week,
            "",
            *count,
            None,
        );
    }
    for q in &d.questions {
        match q {
            QuestionSummary::Choice {
                prompt,
                labels,
                list,
                ..
            } => {
                for (lbl, (count, percent)) in
                    labels.iter().zip(list.counts.iter().zip(&list.percent))
                {
                    push(&prompt.text, &label(lbl), "", *count, *percent);
                }
                push(
                    &prompt.text,
                    td_string!(l, analysis.answered),
                    "",
                    list.base,
                    None,
                );
            }
            QuestionSummary::Text {
                prompt,
                answers,
                themes,
                themed,
                ..
            } => {
                push(
                    &prompt.text,
                    td_string!(l, analysis.answered),
                    "",
                    *answers,
                    None,
                );
                for (name, (count, percent)) in
                    themes.iter().zip(themed.counts.iter().zip(&themed.percent))
                {
                    push(
                        &prompt.text,
                        td_string!(l, comments.theme),
                        name,
                        *count,
                        *percent,
                    );
                }
            }
            QuestionSummary::Other {
                prompt, answers, ..
            } => {
                push(
                    &prompt.text,
                    td_string!(l, analysis.answered),
                    "",
                    *answers,
                    None,
                );
            }
        }
    }
    if let Some(c) = &d.crosstab {
        let name = format!("{} × {}", c.rows.prompt.text, c.cols.prompt.text);
        let total = td_string!(l, analysis.total);
        for (i, (_, rl)) in c.rows.options.iter().enumerate() {
            for (j, (_, cl)) in c.cols.options.iter().enumerate() {
                push(
                    &name,
                    &label(rl),
                    &label(cl),
                    c.table.cells[i][j],
                    c.table.row_percent[i][j],
                );
            }
            push(&name, &label(rl), total, c.table.row_totals[i], None);
        }
        for (j, (_, cl)) in c.cols.options.iter().enumerate() {
            push(&name, total, &label(cl), c.table.col_totals[j], None);
        }
        push(&name, total, total, c.table.total, None);
    }
    with_bom(write_rows(rows)?)
}
