//! The demo partnership's drop-ins: a monthly SEND drop-in for parents and
//! carers during term time (from ten months ago to two months ahead, none
//! in August), with the services that attend, and a one-off "preparing for
//! adulthood" evening. Built through the same store functions as the
//! officer's forms, so the demo shows exactly what officers would make.

use super::{
    db::begin_write,
    schedule::session_dates,
    store::{dropins, meta},
};
use crate::domain::{
    dropins::{Repeat, SessionForm},
    validation::Date,
};
use chrono::{Datelike, Days, Months, NaiveDate, Utc, Weekday};
use sea_orm::{DatabaseConnection, DbErr};

const LOADED_KEY: &str = "demo_dropins_loaded";

fn ours(d: NaiveDate) -> Option<Date> {
    Date::new(d.year(), d.month(), d.day())
}

fn form(name: &str, description: &str, venue: &str, services: &[&str], date: Date) -> SessionForm {
    SessionForm {
        name: name.to_owned(),
        description: description.to_owned(),
        venue: venue.to_owned(),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        date,
        starts: "09:30".to_owned(),
        ends: "12:00".to_owned(),
        repeat: Repeat::Monthly,
        until: date,
    }
}

/// Adds the demo's drop-ins unless they are there already.
pub async fn load_once(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let custom = |e: crate::AppError| DbErr::Custom(format!("loading the demo drop-ins: {e}"));
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    let today = Utc::now().date_naive();
    let ten_months_ago = today
        .checked_sub_months(Months::new(10))
        .and_then(|d| d.with_day(1))
        .ok_or_else(|| DbErr::Custom("demo dates".into()))?;
    let first = NaiveDate::from_weekday_of_month_opt(
        ten_months_ago.year(),
        ten_months_ago.month(),
        Weekday::Tue,
        2,
    )
    .and_then(ours)
    .ok_or_else(|| DbErr::Custom("demo dates".into()))?;
    let until = today
        .checked_add_days(Days::new(62))
        .and_then(ours)
        .ok_or_else(|| DbErr::Custom("demo dates".into()))?;
    let mut monthly = form(
        "SEND drop-in at the Life Centre",
        "Monthly during term time, for parents and carers of children and young people with SEND. \
         Drop in any time: no appointment needed.",
        "Life Centre, The Wiend, Wigan",
        &[
            "SENDIASS (information, advice and support)",
            "Health visiting",
            "Speech and language therapy",
            "Educational psychology",
            "Parent Carer Forum",
            "Local Offer and short breaks",
        ],
        first,
    );
    monthly.until = until;
    let dates: Vec<Date> = session_dates(first, Repeat::Monthly, until)
        .map_err(|p| DbErr::Custom(format!("demo dates: {p:?}")))?
        .into_iter()
        // Term time only.
        .filter(|d| d.month != 8)
        .collect();
    let survey = dropins::new_feedback_survey(&txn, &monthly, "en")
        .await
        .map_err(custom)?;
    let series = dropins::insert_series(&txn, &monthly, survey.id).await?;
    dropins::insert_sessions(
        &txn,
        Some(series.id),
        &series.name,
        &monthly,
        &dates,
        survey.id,
    )
    .await
    .map_err(custom)?;

    let evening = today
        .checked_add_days(Days::new(21))
        .and_then(ours)
        .ok_or_else(|| DbErr::Custom("demo dates".into()))?;
    let mut adulthood = form(
        "Preparing for adulthood drop-in",
        "",
        "Wigan and Leigh College, Parsons Walk",
        &[
            "Careers advice",
            "Adult social care",
            "Supported internships",
        ],
        evening,
    );
    adulthood.starts = "16:00".to_owned();
    adulthood.ends = "18:30".to_owned();
    adulthood.repeat = Repeat::Once;
    let survey = dropins::new_feedback_survey(&txn, &adulthood, "en")
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
