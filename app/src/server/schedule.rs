//! The dates of repeating drop-in sessions.

use crate::domain::{
    dropins::{REPEAT_DAYS, REPEAT_LIMIT, Repeat, SessionProblem},
    validation::Date,
};
use chrono::{Datelike, Days, Months, NaiveDate};

fn naive(date: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day)
}

fn ours(date: NaiveDate) -> Option<Date> {
    Date::new(date.year(), date.month(), date.day())
}

/// Every date from `first` to `until` (inclusive) that `repeat` falls on.
/// Monthly keeps the weekday and its place in the month (the second
/// Tuesday), skipping a month without one (a fifth Friday). Refused when
/// `until` is too far ahead or the repeat would add too many sessions.
pub fn session_dates(
    first: Date,
    repeat: Repeat,
    until: Date,
) -> Result<Vec<Date>, SessionProblem> {
    let (Some(start), Some(end)) = (naive(first), naive(until)) else {
        return Err(SessionProblem::Date);
    };
    if repeat == Repeat::Once {
        return Ok(vec![first]);
    }
    if (end - start).num_days() > REPEAT_DAYS {
        return Err(SessionProblem::TooFarAhead);
    }
    let mut dates = Vec::new();
    let mut push = |d: NaiveDate| -> Result<(), SessionProblem> {
        if dates.len() == REPEAT_LIMIT {
            return Err(SessionProblem::TooManySessions(REPEAT_LIMIT));
        }
        dates.extend(ours(d));
        Ok(())
    };
    match repeat {
        Repeat::Once => {}
        Repeat::Weekly | Repeat::Fortnightly => {
            let step = Days::new(if repeat == Repeat::Weekly { 7 } else { 14 });
            let mut day = start;
            while day <= end {
                push(day)?;
                day = day.checked_add_days(step).ok_or(SessionProblem::Date)?;
            }
        }
        Repeat::Monthly => {
            let weekday = start.weekday();
            let nth = u8::try_from((start.day() - 1) / 7 + 1).unwrap_or(1);
            let mut month = start.with_day(1).ok_or(SessionProblem::Date)?;
            while month <= end {
                if let Some(day) =
                    NaiveDate::from_weekday_of_month_opt(month.year(), month.month(), weekday, nth)
                    && day >= start
                    && day <= end
                {
                    push(day)?;
                }
                month = month
                    .checked_add_months(Months::new(1))
                    .ok_or(SessionProblem::Date)?;
            }
        }
    }
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn monthly_keeps_the_weekday_and_its_place_in_the_month() {
        // Tuesday 8 December 2026 is the second Tuesday.
        let dates = session_dates(d(2026, 12, 8), Repeat::Monthly, d(2027, 3, 31)).unwrap();
        assert_eq!(
            dates,
            [d(2026, 12, 8), d(2027, 1, 12), d(2027, 2, 9), d(2027, 3, 9)]
        );
    }

    #[test]
    fn a_fifth_weekday_is_skipped_where_a_month_has_none() {
        // Friday 29 January 2027 is the fifth Friday; February has none.
        let dates = session_dates(d(2027, 1, 29), Repeat::Monthly, d(2027, 4, 30)).unwrap();
        assert_eq!(dates, [d(2027, 1, 29), d(2027, 4, 30)]);
    }

    #[test]
    fn weekly_and_fortnightly_step_by_days() {
        let weekly = session_dates(d(2026, 12, 1), Repeat::Weekly, d(2026, 12, 22)).unwrap();
        assert_eq!(weekly.len(), 4);
        let fortnightly =
            session_dates(d(2026, 12, 1), Repeat::Fortnightly, d(2026, 12, 29)).unwrap();
        assert_eq!(
            fortnightly,
            [d(2026, 12, 1), d(2026, 12, 15), d(2026, 12, 29)]
        );
        assert_eq!(
            session_dates(d(2026, 12, 1), Repeat::Once, d(2027, 12, 1)).unwrap(),
            [d(2026, 12, 1)]
        );
    }

    #[test]
    fn runaway_repeats_are_refused() {
        assert_eq!(
            session_dates(d(2026, 1, 1), Repeat::Weekly, d(2028, 1, 1)),
            Err(SessionProblem::TooFarAhead)
        );
        // Weekly for a little over a year would be more than the limit.
        let long = session_dates(d(2026, 1, 1), Repeat::Weekly, d(2027, 2, 4));
        assert_eq!(long, Err(SessionProblem::TooManySessions(REPEAT_LIMIT)));
    }
}
