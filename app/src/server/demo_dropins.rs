//! The demo partnership's drop-ins: a monthly SEND drop-in for parents and
//! carers during term time (from ten months ago to two months ahead, none
//! in August), with the services that attend, and a one-off "preparing for
//! adulthood" evening. Built through the same store functions as the
//! officer's forms, so the demo shows exactly what officers would make.
//! With sample responses, each past session has the feedback a kiosk
//! would have collected (seeded, so the same on every machine).

use super::{
    db::begin_write,
    schedule::session_dates,
    store::{
        dropins, meta,
        responses::{self, Feedback},
        surveys::{self, Loaded},
    },
};
use crate::domain::{
    dropins::{Repeat, SessionForm},
    survey::QuestionKind,
    validation::{AnswerValue, Answers, Date},
};
use chrono::{Datelike, Days, Months, NaiveDate, Utc, Weekday};
use rand::{Rng, SeedableRng, rngs::StdRng};
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

/// Adds the demo's drop-ins unless they are there already, with synthetic
/// feedback on past sessions when `feedback` is set.
pub async fn load_once(db: &DatabaseConnection, feedback: bool) -> Result<bool, DbErr> {
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
    tag_feedback_question(&txn, survey.id).await?;
    let ids = dropins::insert_sessions(
        &txn,
        Some(series.id),
        &series.name,
        &monthly,
        &dates,
        survey.id,
    )
    .await
    .map_err(custom)?;
    if feedback {
        let loaded = surveys::load(&txn, survey).await.map_err(custom)?;
        let mut rng = StdRng::seed_from_u64(2026);
        let today = ours(today).ok_or_else(|| DbErr::Custom("demo dates".into()))?;
        for (id, date) in ids.into_iter().zip(dates).filter(|(_, d)| *d < today) {
            for _ in 0..rng.random_range(5..=16) {
                let answers = attendee(&loaded, &mut rng);
                let at = NaiveDate::from_ymd_opt(date.year, date.month, date.day)
                    .and_then(|d| {
                        d.and_hms_opt(rng.random_range(9..12), rng.random_range(0..60), 0)
                    })
                    .ok_or_else(|| DbErr::Custom("demo dates".into()))?
                    .and_utc();
                let token = responses::new_token();
                let locale = ["en", "en", "en", "en", "pl", "ur"][rng.random_range(0..6)];
                let feedback = Feedback {
                    token: &token,
                    locale,
                    dropin_session: id,
                    at,
                };
                responses::insert_feedback(&txn, &loaded, &answers, feedback)
                    .await
                    .map_err(custom)?;
            }
        }
    }

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

/// The demo partnership reports its drop-ins' Friends and Family Test
/// under "My family is supported" and the priorities "Right support at the
/// right time" and "Engagement and co-production", so the outcomes view
/// joins them with the survey's questions.
async fn tag_feedback_question(
    txn: &impl sea_orm::ConnectionTrait,
    survey_id: i32,
) -> Result<(), DbErr> {
    use super::entities::{outcome, priority, question, question_outcome, question_priority};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let Some(fft) = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey_id))
        .filter(question::Column::Kind.eq("friends_family"))
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    if let Some(o) = outcome::Entity::find()
        .filter(outcome::Column::Key.eq("family-supported"))
        .one(txn)
        .await?
    {
        question_outcome::Entity::insert(question_outcome::ActiveModel {
            question_id: sea_orm::ActiveValue::Set(fft.id),
            outcome_id: sea_orm::ActiveValue::Set(o.id),
        })
        .exec(txn)
        .await?;
    }
    for p in priority::Entity::find()
        .filter(priority::Column::Number.is_in([3, 4]))
        .all(txn)
        .await?
    {
        question_priority::Entity::insert(question_priority::ActiveModel {
            question_id: sea_orm::ActiveValue::Set(fft.id),
            priority_id: sea_orm::ActiveValue::Set(p.id),
        })
        .exec(txn)
        .await?;
    }
    Ok(())
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
