//! Drop-in feedback per session: the Friends and Family Test and "would
//! you recommend", as the results page and an action's evidence show them.

use super::results::beside_everyone;
use crate::{
    domain::{
        results::{FFT_GROUPS, SessionFeedback, SessionLabel},
        suppression::{Rules, ShownTable, TableCounts},
        survey::QuestionKind,
    },
    error::AppError,
    server::store::{
        base::segment::Segment,
        counts::per_session,
        dropins,
        surveys::{Loaded, StoredQuestion},
    },
};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// A sessions × groups table of one question's answers, where each group
/// is a set of option values; rows add up to the session's answers.
async fn session_table(
    db: &impl ConnectionTrait,
    (q, options): &StoredQuestion,
    groups: &[&[&str]],
    sessions: &[SessionLabel],
    rules: Rules,
    segment: &Segment,
) -> Result<(ShownTable, Vec<u64>, u64), AppError> {
    let group_of = |option: i32| {
        let value = options
            .iter()
            .find(|o| o.id == option)
            .map(|o| o.value.as_str())?;
        groups.iter().position(|g| g.contains(&value))
    };
    let table_of = |counts: HashMap<(i32, i32), u64>| {
        let mut cells = vec![vec![0u64; groups.len()]; sessions.len()];
        for ((session, option), n) in counts {
            if let (Some(i), Some(j)) = (
                sessions.iter().position(|s| s.id == session),
                group_of(option),
            ) {
                cells[i][j] += n;
            }
        }
        let row_totals: Vec<u64> = cells.iter().map(|r| r.iter().sum()).collect();
        TableCounts {
            col_totals: (0..groups.len())
                .map(|j| cells.iter().map(|r| r[j]).sum())
                .collect(),
            total: row_totals.iter().sum(),
            row_totals,
            cells,
        }
    };
    let counts = table_of(per_session(db, q.id, segment).await?);
    let shown = if beside_everyone(segment, rules) {
        let everyone = table_of(per_session(db, q.id, &Segment::default()).await?);
        rules.table_within(&counts, &everyone)
    } else {
        rules.counts_table(&counts)
    };
    Ok((shown, counts.col_totals, counts.total))
}

/// For a drop-in feedback form, its Friends and Family Test and "would you
/// recommend" answers per session; None for any other survey.
pub async fn session_feedback(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    rules: Rules,
    segment: &Segment,
) -> Result<Option<SessionFeedback>, AppError> {
    let held = dropins::sessions_of_survey(db, survey.survey.id).await?;
    if held.is_empty() {
        return Ok(None);
    }
    let sessions: Vec<SessionLabel> = held
        .into_iter()
        .map(|s| SessionLabel {
            id: s.id,
            date: dropins::date_of(s.held_on),
            name: s.name,
        })
        .collect();
    let of_kind = |kind: QuestionKind| {
        survey
            .questions()
            .find(|(q, _)| q.kind == kind.as_str() && !q.archived)
    };
    let mut feedback = SessionFeedback {
        sessions,
        fft: None,
        recommend: None,
        positive: None,
        negative: None,
        would_recommend: None,
    };
    if let Some(q) = of_kind(QuestionKind::FriendsFamily) {
        let (table, cols, total) =
            session_table(db, q, &FFT_GROUPS, &feedback.sessions, rules, segment).await?;
        let hidden = |j: usize| table.col_totals[j].is_hidden();
        let base_hidden = table.total.is_hidden();
        feedback.positive = rules.percentage(cols[0], total, hidden(0), base_hidden);
        feedback.negative = rules.percentage(cols[2], total, hidden(2), base_hidden);
        feedback.fft = Some(table);
    }
    if let Some(q) = of_kind(QuestionKind::YesNoNotSure) {
        let groups: [&[&str]; 3] = [&["yes"], &["no"], &["not-sure"]];
        let (table, cols, total) =
            session_table(db, q, &groups, &feedback.sessions, rules, segment).await?;
        feedback.would_recommend = rules.percentage(
            cols[0],
            total,
            table.col_totals[0].is_hidden(),
            table.total.is_hidden(),
        );
        feedback.recommend = Some(table);
    }
    Ok(Some(feedback))
}
