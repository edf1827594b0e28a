//! Realistic, synthetic responses for the demo survey, so a new user sees
//! results worth reading (and a count that visibly drops on withdrawal).
//!
//! They follow the survey's own branching: each made-up respondent walks the
//! pages a real one would see. A seeded generator makes the demo the same on
//! every machine. No receipt codes: nobody holds them.

use crate::domain::{
    survey::{QuestionKind, QuestionView, SurveyForm},
    validation::{AnswerValue, Answers, Date},
};
use crate::server::{entities::response, store::surveys::Loaded};
use chrono::{Duration, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, NotSet};

/// How many responses the demo starts with.
pub const SAMPLE_RESPONSES: usize = 320;

const PARENT_IDEAS: [&str; 12] = [
    "Shorter waits for speech and language therapy.",
    "A named person to contact who actually calls back.",
    "Clearer letters about what happens next with the EHCP.",
    "More short breaks in the school holidays.",
    "Staff in mainstream schools who understand autism.",
    "Help with transport to college.",
    "Being listened to at annual reviews, not just told.",
    "Information in plain English and in other languages.",
    "Not having to repeat our story to every new professional.",
    "Quicker assessments for autism and ADHD.",
    "Support for brothers and sisters too.",
    "After-school clubs that welcome disabled children.",
];

const CHILD_IDEAS: [&str; 6] = [
    "A quiet place at school when it gets too loud.",
    "Teachers who explain things more slowly.",
    "Clubs I can go to with my friends.",
    "Less waiting to see someone.",
    "Someone to talk to when I am worried.",
    "Being asked what I think at my review.",
];

const WORKING_WELL: [&str; 7] = [
    "The monthly drop-ins",
    "Our SENCo",
    "The Parent Carer Forum",
    "Short breaks",
    "The Family Hub staff",
    "Speech therapy, once it started",
    "The new Local Offer pages",
];

/// Inserts `count` synthetic responses to `survey`.
pub async fn insert(db: &impl ConnectionTrait, survey: &Loaded, count: usize) -> Result<(), DbErr> {
    let form = survey.form("en");
    let mut rng = StdRng::seed_from_u64(2026);
    let now = Utc::now();
    for _ in 0..count {
        let answers = respondent(&form, &mut rng);
        let who = form
            .questions()
            .find(|q| q.kind == QuestionKind::RespondentType)
            .and_then(|q| match answers.get(&q.id) {
                Some(AnswerValue::Options(v)) => v.first().cloned(),
                _ => None,
            });
        let sent = now - Duration::minutes(rng.random_range(60..60 * 24 * 75));
        let id = response::Entity::insert(response::ActiveModel {
            id: NotSet,
            survey_id: Set(survey.survey.id),
            submission_token: Set(crate::server::store::responses::new_token()),
            locale: Set(["en", "en", "en", "pl", "ur"][rng.random_range(0..5)].to_owned()),
            submitted_at: Set(sent),
            receipt_code: Set(None),
            respondent_type: Set(who),
            updated_at: Set(None),
            packed_answers: NotSet,
        })
        .exec(db)
        .await?
        .last_insert_id;
        let rows = crate::server::sending::answer_rows(survey, &answers)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        crate::server::store::answers::write(db, id, rows).await?;
    }
    Ok(())
}

/// One made-up respondent's answers, page by page as the survey shows them.
fn respondent(form: &SurveyForm, rng: &mut StdRng) -> Answers {
    // One mood per person, so their answers hang together.
    let mood: f64 = rng.random();
    let mut answers = Answers::new();
    for page in &form.pages {
        if !crate::domain::branching::all_hold(&page.show_if, &answers) {
            continue;
        }
        let shown: Vec<QuestionView> = page.visible_questions(&answers).cloned().collect();
        for q in shown {
            if !q.required && rng.random_bool(0.12) {
                continue;
            }
            if let Some(value) = answer_for(&q, &answers, mood, rng) {
                answers.insert(q.id, value);
            }
        }
    }
    answers
}

fn answer_for(
    q: &QuestionView,
    so_far: &Answers,
    mood: f64,
    rng: &mut StdRng,
) -> Option<AnswerValue> {
    let pick =
        |values: &[&str]| AnswerValue::Options(values.iter().map(|v| (*v).to_owned()).collect());
    match q.kind {
        QuestionKind::RespondentType => {
            let roll: f64 = rng.random();
            let who = if roll < 0.6 {
                "parent-carer"
            } else if roll < 0.85 {
                "child-young-person"
            } else {
                "professional"
            };
            Some(pick(&[who]))
        }
        QuestionKind::MultipleChoice => {
            let ordinary: Vec<&str> = q
                .options
                .iter()
                .filter(|o| o.special.is_none())
                .map(|o| o.value.as_str())
                .collect();
            let chosen: Vec<&str> = ordinary
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.3))
                .collect();
            if chosen.is_empty() {
                let special = q.options.iter().find(|o| o.special.is_some())?;
                Some(pick(&[special.value.as_str()]))
            } else {
                Some(pick(&chosen))
            }
        }
        // The stage of education follows the age given: a realistic cross-tab.
        QuestionKind::SingleChoice if q.option("early-years").is_some() => {
            let age = so_far.values().find_map(|a| match a {
                AnswerValue::Options(v) => v
                    .iter()
                    .find(|x| x.contains('-') && x.as_bytes()[0].is_ascii_digit())
                    .cloned(),
                _ => None,
            });
            let phase = match age.as_deref() {
                Some("0-4") => "early-years",
                Some("5-10") => "primary",
                Some("11-15") => "secondary",
                Some("16-18") => {
                    if rng.random_bool(0.85) {
                        "post-16"
                    } else {
                        "not-in-education"
                    }
                }
                Some("19-25") => {
                    if rng.random_bool(0.6) {
                        "post-16"
                    } else {
                        "not-in-education"
                    }
                }
                _ => "prefer-not-to-say",
            };
            Some(pick(&[phase]))
        }
        k if k.has_options() => {
            if let Some(special) = q.options.iter().find(|o| o.special.is_some())
                && rng.random_bool(0.05)
            {
                return Some(pick(&[special.value.as_str()]));
            }
            let ordinary: Vec<&str> = q
                .options
                .iter()
                .filter(|o| o.special.is_none())
                .map(|o| o.value.as_str())
                .collect();
            // Scales run from best to worst, except ratings and faces.
            let good_first = !matches!(k, QuestionKind::Rating | QuestionKind::FaceScale);
            let lean = if good_first { 1.0 - mood } else { mood };
            let spread: f64 = rng.random_range(-0.25..0.25);
            let at = ((lean + spread).clamp(0.0, 0.999) * ordinary.len() as f64) as usize;
            Some(pick(&[ordinary[at.min(ordinary.len() - 1)]]))
        }
        QuestionKind::Number => {
            let (min, max) = (q.min_value.unwrap_or(0), q.max_value.unwrap_or(100).min(60));
            Some(AnswerValue::Number(
                rng.random_range(min.max(2)..=max.max(3)),
            ))
        }
        QuestionKind::Date => {
            let days_ago = rng.random_range(10..540);
            let day = (Utc::now() - Duration::days(days_ago)).date_naive();
            use chrono::Datelike;
            Date::new(day.year(), day.month(), day.day()).map(AnswerValue::Date)
        }
        QuestionKind::ShortText => Some(AnswerValue::Text(
            WORKING_WELL[rng.random_range(0..WORKING_WELL.len())].to_owned(),
        )),
        _ => {
            let child = so_far.values().any(|a| *a == pick(&["child-young-person"]));
            let ideas: &[&str] = if child { &CHILD_IDEAS } else { &PARENT_IDEAS };
            Some(AnswerValue::Text(
                ideas[rng.random_range(0..ideas.len())].to_owned(),
            ))
        }
    }
}
