//! The officer's results page: every figure in the chosen segment, the
//! weeks, the funnel and a cross-tab, with what this officer may do with
//! them (see exact figures, export).

use super::{
    results::{Everyone, Figures, beside_everyone, choice_questions, choice_view, choices, counts},
    sessions::session_feedback,
};
use crate::{
    domain::{
        localized::{LocalizedText, Resolved},
        results::{CrossTab, Funnel, OverTime, ResultsQuery, SurveyDashboard},
        roles::{OfficerView, Permission},
        suppression::Rules,
    },
    error::AppError,
    server::store::{
        base::segment::{Segment, segment_of},
        comments,
        counts::{self as store_counts},
        surveys::Loaded,
    },
};
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use std::collections::HashMap;

/// The longest run of weeks drawn; older weeks are summed into the first.
const MAX_WEEKS: usize = 104;

/// The officer's results page: every count in the segment, suppressed by `rules`.
pub async fn dashboard(
    db: &DatabaseConnection,
    survey: &Loaded,
    locale: &str,
    officer: OfficerView,
    rules: Rules,
    query: ResultsQuery,
) -> Result<SurveyDashboard, AppError> {
    let s = &survey.survey;
    let text = |t: &LocalizedText| s.text(t, locale);
    let (segment, filters) = segment_of(survey, &query);
    let query = ResultsQuery { filters, ..query };
    // One read transaction: every figure on the page comes from the same
    // moment, and a filtered segment is worked out once for all of them.
    let txn = db.begin().await?;
    let db = &txn;
    let mut segment = segment.materialise(db, s.id).await?;
    let mut total = store_counts::response_count(db, s.id, &segment).await?;
    // Beside a segment the reader can always see everyone's figures, so
    // the segment's are made with them in view (the complement rule).
    let mut everyone = None;
    let mut too_small = None;
    if beside_everyone(&segment, rules) {
        let all = Everyone::load(db, survey).await?;
        if rules.is_small(total) || rules.is_small(all.total.saturating_sub(total)) {
            // Too few people, or all but too few: everyone's figures, and
            // a notice saying why.
            segment = Segment::default();
            total = all.total;
            too_small = Some(rules.threshold);
        } else {
            everyone = Some(all);
        }
    }
    let counts = counts(db, &store_counts::kinds(survey), &segment).await?;
    let themes = comments::themes(db, s.id).await?;
    let themed = comments::theme_counts(db, &comments::text_questions(survey), &segment).await?;

    let figures = Figures {
        counts: &counts,
        themes: &themes,
        themed: &themed,
        everyone: everyone.as_ref(),
    };
    let questions = survey
        .questions()
        .filter_map(|q| figures.summary(survey, q, rules, locale))
        .collect();

    let choices = choices(survey, locale, &query);
    let crosstab = match (query.rows, query.cols) {
        (Some(r), Some(c)) if r != c => crosstab(db, survey, locale, rules, &segment, r, c).await?,
        _ => None,
    };
    let over_time = over_time(db, s.id, &segment, rules).await?;
    let funnel = funnel(db, survey, locale, rules, total, query.filters.is_empty()).await?;
    let sessions = session_feedback(db, survey, rules, &segment).await?;
    // Nothing was written but the segment's table, which this removes.
    txn.rollback().await?;
    Ok(SurveyDashboard {
        may_see_exact: officer.can(Permission::SeeExactFigures),
        may_export: officer.can(Permission::ExportResponses),
        officer,
        survey_id: s.id,
        slug: s.slug.clone(),
        title: text(&s.title),
        rules,
        // The weeks add up to the responses: when their line had to
        // withhold its total, the total is withheld here too.
        responses: match &everyone {
            _ if over_time.counts.base.is_hidden() => over_time.counts.base,
            Some(all) => rules.count_within(total, all.total),
            None => rules.count(total),
        },
        withdrawn: rules.count(u64::try_from(s.withdrawn_count).unwrap_or(0)),
        over_time,
        funnel,
        questions,
        choices,
        crosstab,
        sessions,
        query,
        too_small,
    })
}

/// Responses sent per week, counted per day in SQL. A segment's weeks run
/// over everyone's, and are shown beside everyone's.
async fn over_time(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
    rules: Rules,
) -> Result<OverTime, AppError> {
    let days = store_counts::days_of(db, survey_id, segment).await?;
    let everyone = if beside_everyone(segment, rules) {
        Some(store_counts::days_of(db, survey_id, &Segment::default()).await?)
    } else {
        None
    };
    let span = everyone.as_deref().unwrap_or(&days);
    let (weeks, counts) = weekly(&days, span);
    let total = counts.iter().sum();
    // Weeks add up to the total, so one small week cannot be the
    // difference between the others and it.
    let counts = match &everyone {
        Some(all) => {
            let (_, all_counts) = weekly(all, span);
            let all_total = all_counts.iter().sum();
            rules.list_within(&counts, total, true, &all_counts, all_total)
        }
        None => rules.list(&counts, total, true),
    };
    Ok(OverTime {
        weeks: weeks
            .iter()
            .map(|w| w.format("%Y-%m-%d").to_string())
            .collect(),
        counts,
    })
}

/// The Monday of `day`'s week.
fn monday_of(day: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(date - Duration::days(i64::from(date.weekday().num_days_from_monday())))
}

/// Per-day counts gathered into the consecutive weeks (Monday first) that
/// `span`'s days run over, with empty weeks as zero; beyond [`MAX_WEEKS`]
/// the oldest weeks are summed into the first shown.
fn weekly(days: &[(String, i64)], span: &[(String, i64)]) -> (Vec<NaiveDate>, Vec<u64>) {
    let mut by_week: HashMap<NaiveDate, u64> = HashMap::new();
    for (day, n) in days {
        if let Some(monday) = monday_of(day) {
            *by_week.entry(monday).or_default() += store_counts::count_u64(*n);
        }
    }
    let mondays = || span.iter().filter_map(|(d, _)| monday_of(d));
    let (Some(first), Some(last)) = (mondays().min(), mondays().max()) else {
        return (vec![], vec![]);
    };
    let mut weeks = Vec::new();
    let mut week = first;
    while week <= last {
        weeks.push(week);
        week += Duration::weeks(1);
    }
    let mut counts: Vec<u64> = weeks
        .iter()
        .map(|w| by_week.get(w).copied().unwrap_or(0))
        .collect();
    if weeks.len() > MAX_WEEKS {
        let cut = weeks.len() - MAX_WEEKS;
        let older: u64 = counts.drain(..cut).sum();
        weeks.drain(..cut);
        counts[0] += older;
    }
    (weeks, counts)
}

/// Answers in progress (not changes to sent ones) by pages finished, and
/// the responses sent. Drafts carry no segment, so this is for everyone.
async fn funnel(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    rules: Rules,
    sent_in_segment: u64,
    everyone: bool,
) -> Result<Funnel, AppError> {
    let rows = store_counts::drafts_by_reach(db, survey.survey.id).await?;
    let pages = survey.pages.len().max(1);
    let mut stopped = vec![0u64; pages];
    for (reached, n) in rows {
        let at = usize::try_from(reached).unwrap_or(0).min(pages - 1);
        stopped[at] += n;
    }
    let sent = if everyone {
        sent_in_segment
    } else {
        store_counts::response_count(db, survey.survey.id, &Segment::default()).await?
    };
    let started = stopped.iter().sum::<u64>() + sent;
    let mut line = stopped.clone();
    line.push(sent);
    let shown = rules.list(&line, started, true);
    let title = |i: usize| -> Option<Resolved> {
        survey
            .pages
            .get(i)
            .and_then(|(p, _)| p.title.as_ref())
            .map(|t| survey.survey.text(t, locale))
            .filter(|r| !r.text.is_empty())
    };
    Ok(Funnel {
        stopped: shown.counts[..pages]
            .iter()
            .enumerate()
            .map(|(i, s)| (title(i), *s))
            .collect(),
        sent: shown.counts[pages],
        started: shown.base,
        completion: shown.percent[pages],
    })
}

/// A cross-tab of two choice questions in the segment: people per pair of
/// options, with row and column totals of people who answered both. A
/// segment's table is made beside everyone's.
async fn crosstab(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    rules: Rules,
    segment: &Segment,
    rows_id: i32,
    cols_id: i32,
) -> Result<Option<CrossTab>, AppError> {
    let find = |id: i32| choice_questions(survey).find(|(q, _)| q.id == id);
    let (Some(rq), Some(cq)) = (find(rows_id), find(cols_id)) else {
        return Ok(None);
    };
    let (Some(rows), Some(cols)) = (
        choice_view(survey, rq, locale, None),
        choice_view(survey, cq, locale, None),
    ) else {
        return Ok(None);
    };
    let counts = store_counts::crosstab_counts(db, rq, cq, segment).await?;
    let table = if beside_everyone(segment, rules) {
        let everyone = store_counts::crosstab_counts(db, rq, cq, &Segment::default()).await?;
        rules.table_within(&counts, &everyone)
    } else {
        rules.counts_table(&counts)
    };
    Ok(Some(CrossTab { rows, cols, table }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_gather_into_consecutive_weeks() {
        let days = vec![
            ("2026-11-02".to_owned(), 3), // Monday
            ("2026-11-08".to_owned(), 2), // Sunday, same week
            ("2026-11-23".to_owned(), 4), // two weeks later
            ("not a day".to_owned(), 99),
        ];
        let (weeks, counts) = weekly(&days, &days);
        let weeks: Vec<String> = weeks.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            weeks,
            ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
        );
        assert_eq!(counts, [5, 0, 0, 4]);
    }

    #[test]
    fn a_segment_s_weeks_run_over_everyone_s() {
        let everyone = vec![("2026-11-02".to_owned(), 30), ("2026-11-23".to_owned(), 12)];
        let segment = vec![("2026-11-10".to_owned(), 4)];
        let (weeks, counts) = weekly(&segment, &everyone);
        assert_eq!(weeks.len(), 4);
        assert_eq!(counts, [0, 4, 0, 0]);
    }

    #[test]
    fn very_long_runs_fold_the_oldest_weeks_into_the_first() {
        let days = vec![("2020-01-06".to_owned(), 7), ("2026-11-23".to_owned(), 1)];
        let (weeks, counts) = weekly(&days, &days);
        assert_eq!(weeks.len(), MAX_WEEKS);
        assert_eq!(counts.iter().sum::<u64>(), 8);
        assert_eq!(counts[0], 7);
    }
}
