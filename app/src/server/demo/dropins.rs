//! The demo partnership's drop-ins (`app/demo/dropins.json`): a monthly SEND
//! drop-in for parents and carers during term time (from ten months ago to
//! two months ahead, none in August), with the services that attend, and a
//! one-off "preparing for adulthood" evening. Each is the officer's session
//! form, checked by the same `check_session` and written by the same store
//! functions, so the demo shows exactly what officers would make. The file
//! gives dates relative to today, so the demo never goes stale. With sample
//! responses, each past session has the feedback a kiosk would have
//! collected (seeded, so the same on every machine).

use crate::{
    domain::{
        dropins::{Fields, Repeat, SessionForm, check_session},
        survey::QuestionKind,
        validation::{AnswerValue, Answers, Date},
    },
    server::{
        db::begin_write,
        schedule::session_dates,
        store::{
            definitions::{self, SaveError},
            dropins, meta, responses,
            surveys::{self, Loaded},
        },
    },
};
use chrono::{Datelike, Days, Months, NaiveDate, Utc, Weekday};
use rand::{Rng, SeedableRng, rngs::StdRng};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use serde::Deserialize;

const FILE: &str = include_str!("../../../demo/dropins.json");
const LOADED_KEY: &str = "demo_dropins_loaded";

/// The file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoDropIns {
    /// The monthly series, with feedback on its past sessions.
    pub series: Posted,
    /// Its first session: the `week`th `weekday` of the month `months_ago`.
    pub months_ago: u32,
    /// `Mon` to `Sun`.
    pub weekday: String,
    pub week: u8,
    /// Its last session is at most this many days ahead.
    pub until_days_ahead: u64,
    /// Months (1 to 12) with no session: the summer holiday.
    pub skip_months: Vec<u32>,
    /// The outcome and priority keys its feedback is reported under.
    pub outcomes: Vec<String>,
    pub priorities: Vec<String>,
    /// A one-off session, `in_days` from today.
    pub one_off: Posted,
    pub in_days: u64,
}

/// A session form's fields as an officer types them (the dates come from
/// the schedule above).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Posted {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub venue: String,
    /// One per line of the form's text box.
    pub services: Vec<String>,
    pub starts: String,
    pub ends: String,
    pub repeat: String,
}

impl Posted {
    /// The form checked as the officer's is, from `date` to `until`.
    fn checked(&self, date: Date, until: Date) -> Result<SessionForm, DbErr> {
        let fields: Vec<(String, String)> = [
            ("name", self.name.clone()),
            ("description", self.description.clone()),
            ("venue", self.venue.clone()),
            ("services", self.services.join("\n")),
            ("date", date.iso()),
            ("starts", self.starts.clone()),
            ("ends", self.ends.clone()),
            ("repeat", self.repeat.clone()),
            ("until", until.iso()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let has = Fields {
            name: true,
            description: true,
            repeat: true,
        };
        check_session(&fields, has)
            .map_err(|r| DbErr::Custom(format!("a demo drop-in is refused: {:?}", r.problems)))
    }
}

/// The demo's drop-ins, as the file has them.
pub fn demo_dropins() -> Result<DemoDropIns, DbErr> {
    serde_json::from_str(FILE).map_err(|e| DbErr::Custom(format!("demo dropins.json: {e}")))
}

fn ours(d: NaiveDate) -> Option<Date> {
    Date::new(d.year(), d.month(), d.day())
}

fn dates() -> DbErr {
    DbErr::Custom("demo dates".into())
}

/// Adds the demo's drop-ins unless they are there already, with synthetic
/// feedback on past sessions when `feedback` is set.
pub async fn load_once(db: &DatabaseConnection, feedback: bool) -> Result<bool, DbErr> {
    let custom = |e: crate::AppError| DbErr::Custom(format!("loading the demo drop-ins: {e}"));
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    let demo = demo_dropins()?;
    let today = Utc::now().date_naive();
    let start_month = today
        .checked_sub_months(Months::new(demo.months_ago))
        .and_then(|d| d.with_day(1))
        .ok_or_else(dates)?;
    let first = NaiveDate::from_weekday_of_month_opt(
        start_month.year(),
        start_month.month(),
        demo.weekday.parse::<Weekday>().map_err(|_| dates())?,
        demo.week,
    )
    .and_then(ours)
    .ok_or_else(dates)?;
    let until = today
        .checked_add_days(Days::new(demo.until_days_ahead))
        .and_then(ours)
        .ok_or_else(dates)?;
    let monthly = demo.series.checked(first, until)?;
    let dates_of_series: Vec<Date> = session_dates(first, monthly.repeat, until)
        .map_err(|p| DbErr::Custom(format!("demo dates: {p:?}")))?
        .into_iter()
        .filter(|d| !demo.skip_months.contains(&d.month))
        .collect();
    let survey = crate::server::feedback_template::new_feedback_survey(&txn, &monthly, "en")
        .await
        .map_err(custom)?;
    let series = dropins::insert_series(&txn, &monthly, survey.id).await?;
    let loaded = report_feedback_under(&txn, survey, &demo).await?;
    let ids = dropins::insert_sessions(
        &txn,
        Some(series.id),
        &series.name,
        &monthly,
        &dates_of_series,
        loaded.survey.id,
    )
    .await
    .map_err(custom)?;
    if feedback {
        let mut rng = StdRng::seed_from_u64(2026);
        let today = ours(today).ok_or_else(dates)?;
        for (id, date) in ids
            .into_iter()
            .zip(dates_of_series)
            .filter(|(_, d)| *d < today)
        {
            for _ in 0..rng.random_range(5..=16) {
                let answers = attendee(&loaded, &mut rng);
                let at = NaiveDate::from_ymd_opt(date.year, date.month, date.day)
                    .and_then(|d| {
                        d.and_hms_opt(rng.random_range(9..12), rng.random_range(0..60), 0)
                    })
                    .ok_or_else(dates)?
                    .and_utc();
                let token = responses::new_token();
                let locale = ["en", "en", "en", "en", "pl", "ur"][rng.random_range(0..6)];
                let feedback = crate::server::sending::Feedback {
                    token: &token,
                    locale,
                    dropin_session: id,
                    at,
                };
                crate::server::sending::insert_feedback(&txn, &loaded, &answers, feedback)
                    .await
                    .map_err(custom)?;
            }
        }
    }

    let evening = today
        .checked_add_days(Days::new(demo.in_days))
        .and_then(ours)
        .ok_or_else(dates)?;
    let adulthood = demo.one_off.checked(evening, evening)?;
    debug_assert_eq!(adulthood.repeat, Repeat::Once);
    let survey = crate::server::feedback_template::new_feedback_survey(&txn, &adulthood, "en")
        .await
        .map_err(custom)?;
    dropins::insert_sessions(
        &txn,
        None,
        &adulthood.name,
        &adulthood,
        &[evening],
        survey.id,
    )
    .await
    .map_err(custom)?;
    meta::set(&txn, LOADED_KEY, &Utc::now().to_rfc3339()).await?;
    txn.commit().await?;
    Ok(true)
}

/// Tags the series' Friends and Family Test with the outcomes and
/// priorities the file names, as an officer does in the builder (the
/// definition saved back through the builder's check), so the outcomes
/// view joins it with the survey's questions.
async fn report_feedback_under(
    txn: &impl ConnectionTrait,
    survey: crate::server::entities::survey::Model,
    demo: &DemoDropIns,
) -> Result<Loaded, DbErr> {
    let custom = |e: crate::AppError| DbErr::Custom(format!("tagging the demo drop-ins: {e}"));
    let loaded = surveys::load(txn, survey).await.map_err(custom)?;
    let mut def = definitions::of_survey(txn, &loaded).await?;
    for q in def
        .pages
        .iter_mut()
        .flat_map(|p| p.questions.iter_mut())
        .filter(|q| q.kind == QuestionKind::FriendsFamily.as_str())
    {
        q.outcomes = demo.outcomes.clone();
        q.priorities = demo.priorities.clone();
    }
    definitions::save(txn, &loaded, &def)
        .await
        .map_err(|e| match e {
            SaveError::Invalid(p) => DbErr::Custom(format!("tagging the demo drop-ins: {p:?}")),
            SaveError::App(e) => custom(e),
        })?;
    surveys::load(txn, loaded.survey).await.map_err(custom)
}

const GOOD: [&str; 8] = [
    "Speaking to SENDIASS about the EHCP process.",
    "Friendly, and no appointment needed.",
    "The speech and language therapist gave us ideas to try at home.",
    "Meeting other parents who understand.",
    "Finally understood what the Local Offer is.",
    "Someone explained the annual review to me.",
    "A quiet room for my son while I talked.",
    "Health visiting answered questions I had been worrying about.",
];

const BETTER: [&str; 6] = [
    "An evening session for working parents.",
    "Parking was difficult.",
    "It was very busy: a longer session would help.",
    "Educational psychology was not there this month.",
    "Somewhere for children to play while we talk.",
    "More information before the day about who will be there.",
];

/// A value from `weighted` (value, weight) pairs.
fn pick(rng: &mut StdRng, weighted: &[(&str, u32)]) -> String {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (value, weight) in weighted {
        if roll < *weight {
            return (*value).to_owned();
        }
        roll -= weight;
    }
    weighted[0].0.to_owned()
}

/// One attendee's feedback: mostly positive, as drop-ins usually are, with
/// a comment now and then and the services that helped.
fn attendee(survey: &Loaded, rng: &mut StdRng) -> Answers {
    let form = survey.form("en");
    let mut answers = Answers::new();
    for q in form.questions() {
        let chance = rng.random_range(0..100);
        let answer = match q.kind {
            QuestionKind::FriendsFamily => Some(AnswerValue::Options(vec![pick(
                rng,
                &[
                    ("very-good", 55),
                    ("good", 28),
                    ("neither", 7),
                    ("poor", 5),
                    ("very-poor", 2),
                    ("dont-know", 3),
                ],
            )])),
            QuestionKind::YesNoNotSure if chance < 95 => Some(AnswerValue::Options(vec![pick(
                rng,
                &[("yes", 82), ("not-sure", 12), ("no", 6)],
            )])),
            QuestionKind::LongText if q.prompt.text.contains("good") && chance < 40 => Some(
                AnswerValue::Text(GOOD[rng.random_range(0..GOOD.len())].to_owned()),
            ),
            QuestionKind::LongText if q.prompt.text.contains("better") && chance < 25 => Some(
                AnswerValue::Text(BETTER[rng.random_range(0..BETTER.len())].to_owned()),
            ),
            QuestionKind::MultipleChoice if q.options.iter().any(|o| o.special.is_none()) => {
                let services: Vec<&str> = q
                    .options
                    .iter()
                    .filter(|o| o.special.is_none())
                    .map(|o| o.value.as_str())
                    .collect();
                let mut chosen: Vec<String> = Vec::new();
                for _ in 0..rng.random_range(1..=3) {
                    let s = services[rng.random_range(0..services.len())].to_owned();
                    if !chosen.contains(&s) {
                        chosen.push(s);
                    }
                }
                (!chosen.is_empty()).then_some(AnswerValue::Options(chosen))
            }
            _ => None,
        };
        if let Some(answer) = answer {
            answers.insert(q.id, answer);
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_demo_drop_ins_pass_the_officer_s_session_check() {
        let demo = demo_dropins().unwrap();
        let day = |d: u32| Date::new(2026, 3, d).unwrap();
        let monthly = demo.series.checked(day(10), day(30)).unwrap();
        assert_eq!(monthly.repeat, Repeat::Monthly);
        assert_eq!(monthly.services.len(), 6);
        let once = demo.one_off.checked(day(12), day(12)).unwrap();
        assert_eq!(once.repeat, Repeat::Once);
        assert!(demo.weekday.parse::<Weekday>().is_ok());
        assert_eq!(demo.skip_months, [8]);
    }
}
