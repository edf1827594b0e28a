//! The demo's "You said, we did": actions drawn from the Big SEND Survey and
//! the monthly drop-ins, in every status, with dated timelines, and (with
//! the synthetic responses) some respondents who asked for updates. The
//! timelines are in the past, so loading the demo emails nobody; the first
//! action a new user publishes from the demo survey does.

use super::{
    db::begin_write,
    entities::{
        action, action_event, dropin_series, public_thanks, public_thanks::ThanksStatus, question,
        response, update_request,
    },
    store::{
        actions::{self, NewEvidence},
        meta,
        responses::new_token,
    },
};
use crate::domain::actions::{ActionInput, ActionStatus};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, QueryFilter, QueryOrder, sea_query::Expr,
};

const LOADED_KEY: &str = "demo_actions_loaded";
/// Every this many synthetic responses asked for updates.
const ASKED_EVERY: usize = 12;

/// Evidence, named by the English start of a demo question's prompt.
enum Evidence {
    Question(&'static str),
    /// A question narrowed to one answer of another.
    Segment(&'static str, &'static str, &'static str),
    /// The monthly drop-in's feedback.
    DropIns,
}

struct Demo {
    you_said: &'static str,
    we_did: &'static str,
    service: &'static str,
    timing: &'static str,
    outcomes: &'static [&'static str],
    priorities: &'static [i32],
    evidence: &'static [Evidence],
    /// Days ago it was written, and published (None: still a draft).
    written: i64,
    published: Option<i64>,
    /// (days ago, new status or an update, note).
    timeline: &'static [(i64, Option<ActionStatus>, &'static str)],
}

const DEMOS: [Demo; 5] = [
    Demo {
        you_said: "It is hard to find information about local SEND services. The Local Offer website is confusing, especially on a phone.",
        we_did: "Parents and carers from the forum are rewriting the Local Offer's most-visited pages with us, with easy read versions, and we are making its search work on phones.",
        service: "Local Offer",
        timing: "By April 2027",
        outcomes: &["family-supported"],
        priorities: &[3, 4],
        evidence: &[
            Evidence::Question("How easy is it to find local information"),
            Evidence::Segment(
                "\"I know where to go for help",
                "Who is answering",
                "parent-carer",
            ),
        ],
        written: 130,
        published: Some(126),
        timeline: &[
            (
                70,
                Some(ActionStatus::InProgress),
                "Ten parents and carers from the forum started rewriting the first pages with the Local Offer team.",
            ),
            (
                21,
                None,
                "Easy read versions of the five most-used pages are now live.",
            ),
        ],
    },
    Demo {
        you_said: "Families wait too long for a first appointment with a specialist, and hear nothing while they wait.",
        we_did: "The council and the NHS are jointly funding two more speech and language therapists, and a weekly advice line for families who are waiting.",
        service: "Children's speech and language therapy",
        timing: "From January 2027",
        outcomes: &["healthy", "family-supported"],
        priorities: &[2, 3],
        evidence: &[
            Evidence::Question("How many weeks did you wait"),
            Evidence::Question("Overall, how was your experience of SEND services"),
        ],
        written: 50,
        published: Some(45),
        timeline: &[],
    },
    Demo {
        you_said: "The monthly drop-in started at 1pm, so parents had to leave before school pick-up.",
        we_did: "The drop-in now runs from 9:30 to 12:00 on the second Tuesday of each month, straight after school drop-off.",
        service: "SEND drop-ins",
        timing: "Since March 2026",
        outcomes: &["family-supported"],
        priorities: &[4],
        evidence: &[Evidence::DropIns],
        written: 260,
        published: Some(255),
        timeline: &[(
            230,
            Some(ActionStatus::Done),
            "From March the drop-in starts at 9:30, after school drop-off.",
        )],
    },
    Demo {
        you_said: "Working parents asked for drop-ins on Saturdays.",
        we_did: "We looked at opening the drop-in on a Saturday.",
        service: "SEND drop-ins",
        timing: "",
        outcomes: &["family-supported"],
        priorities: &[4],
        evidence: &[Evidence::DropIns],
        written: 100,
        published: Some(98),
        timeline: &[(
            60,
            Some(ActionStatus::NotPossible),
            "Most of the services at the drop-in do not work at weekends. Instead, there is now an online session on a weekday evening each term.",
        )],
    },
    Demo {
        you_said: "Young people want a say in which holiday activities are offered.",
        we_did: "We will set up a young people's panel to choose activities with the short breaks team.",
        service: "Short breaks",
        timing: "Summer 2027",
        outcomes: &["included"],
        priorities: &[5, 1],
        evidence: &[Evidence::Question("Do you (or your child) feel included")],
        written: 5,
        published: None,
        timeline: &[],
    },
];

/// The id of the question whose English prompt starts with `start`, among
/// (id, English prompt) pairs.
fn question_id(prompts: &[(i32, String)], start: &str) -> Option<i32> {
    prompts
        .iter()
        .find(|(_, prompt)| prompt.starts_with(start))
        .map(|(id, _)| *id)
}

async fn evidence_of(
    db: &impl ConnectionTrait,
    prompts: &[(i32, String)],
    e: &Evidence,
) -> Result<Option<NewEvidence>, DbErr> {
    Ok(match e {
        Evidence::Question(start) => {
            question_id(prompts, start).map(|question_id| NewEvidence::Question {
                question_id,
                segment: None,
            })
        }
        Evidence::Segment(start, by, value) => {
            match (question_id(prompts, start), question_id(prompts, by)) {
                (Some(question_id), Some(by)) => Some(NewEvidence::Question {
                    question_id,
                    segment: Some((by, (*value).to_owned())),
                }),
                _ => None,
            }
        }
        Evidence::DropIns => dropin_series::Entity::find()
            .order_by_asc(dropin_series::Column::Id)
            .one(db)
            .await?
            .map(|s| NewEvidence::Series(s.id)),
    })
}

/// Adds the demo's actions once; with `people`, some synthetic respondents
/// ask for updates too.
pub async fn load_once(db: &DatabaseConnection, people: bool) -> Result<bool, DbErr> {
    let custom = |e: crate::AppError| DbErr::Custom(format!("loading the demo actions: {e}"));
    let txn = begin_write(db).await?;
    if meta::get(&txn, LOADED_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    // The demo's officer writes them; without one there is no demo to add to.
    let Some(author) = actions::possible_owners(&txn)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .next()
    else {
        txn.rollback().await?;
        return Ok(false);
    };
    let owner = Some(author);
    let prompts: Vec<(i32, String)> = question::Entity::find()
        .order_by_asc(question::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .map(|q| (q.id, q.prompt.resolve("en", "en").text))
        .collect();
    let now = Utc::now();
    let ago = |days: i64| now - Duration::days(days);
    for demo in &DEMOS {
        let input = ActionInput {
            you_said: demo.you_said.to_owned(),
            we_did: demo.we_did.to_owned(),
            service: demo.service.to_owned(),
            timing: demo.timing.to_owned(),
            outcomes: demo.outcomes.iter().map(|o| (*o).to_owned()).collect(),
            priorities: demo.priorities.to_vec(),
            owner,
        };
        let id = actions::create(&txn, &input, author).await?;
        for e in demo.evidence {
            if let Some(evidence) = evidence_of(&txn, &prompts, e).await? {
                actions::add_evidence(&txn, id, &evidence)
                    .await
                    .map_err(custom)?;
            }
        }
        // The creation entry, dated when it was written.
        action_event::Entity::update_many()
            .col_expr(action_event::Column::At, Expr::value(ago(demo.written)))
            .filter(action_event::Column::ActionId.eq(id))
            .exec(&txn)
            .await?;
        let mut last = ago(demo.written);
        if let Some(days) = demo.published {
            actions::set_published(&txn, id, true, author).await?;
            last = ago(days);
            dated_latest(&txn, id, last).await?;
        }
        for (days, status, note) in demo.timeline {
            match status {
                Some(status) => {
                    actions::set_status(&txn, id, *status, Some((*note).to_owned()), author)
                        .await?;
                }
                None => actions::add_update(&txn, id, (*note).to_owned(), author).await?,
            }
            last = ago(*days);
            dated_latest(&txn, id, last).await?;
        }
        action::Entity::update_many()
            .col_expr(action::Column::CreatedAt, Expr::value(ago(demo.written)))
            .col_expr(action::Column::UpdatedAt, Expr::value(last))
            .col_expr(
                action::Column::PublishedAt,
                Expr::value(demo.published.map(ago)),
            )
            .filter(action::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    if people {
        ask_for_updates(&txn).await?;
        offer_thanks(&txn).await?;
    }
    meta::set(&txn, LOADED_KEY, &now.to_rfc3339()).await?;
    txn.commit().await?;
    Ok(true)
}

/// Dates the newest timeline entry of action `id`.
async fn dated_latest(
    db: &impl ConnectionTrait,
    id: i32,
    at: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    if let Some(latest) = action_event::Entity::find()
        .filter(action_event::Column::ActionId.eq(id))
        .order_by_desc(action_event::Column::Id)
        .one(db)
        .await?
    {
        let mut row: action_event::ActiveModel = latest.into();
        row.at = Set(at);
        row.update(db).await?;
    }
    Ok(())
}

/// Every [`ASKED_EVERY`]th synthetic response asked for updates, in the
/// language it was given in, at an address no one receives mail at.
async fn ask_for_updates(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let responses = response::Entity::find()
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    for (n, r) in responses
        .iter()
        .enumerate()
        .filter(|(n, _)| n % ASKED_EVERY == 0)
    {
        update_request::ActiveModel {
            id: NotSet,
            survey_id: Set(r.survey_id),
            response_id: Set(r.id),
            email: Set(format!("family{n}@example.org")),
            locale: Set(["en", "pl", "ur", "en-easyread"][n / ASKED_EVERY % 4].to_owned()),
            token: Set(new_token()),
            created_at: Set(now),
            notified_event_id: Set(0),
            // The demo's families confirmed their addresses long ago.
            confirmed_at: Set(Some(now)),
            confirmation_sent_at: Set(Some(now)),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Names some synthetic respondents offered to be thanked by: two already
/// approved, one declined (it named a child), the rest waiting.
async fn offer_thanks(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    const NAMES: [(&str, ThanksStatus); 5] = [
        ("Ewa", ThanksStatus::Approved),
        ("Wigan Parent Carer Forum", ThanksStatus::Approved),
        ("Jake from Year 4 at St Mary's", ThanksStatus::Declined),
        ("Sam", ThanksStatus::Pending),
        ("Amira", ThanksStatus::Pending),
    ];
    let Some(survey) = crate::server::entities::survey::Entity::find()
        .filter(crate::server::entities::survey::Column::Slug.eq(super::demo::SURVEY_SLUG))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let responses = response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey.id))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    // Responses that did not ask for updates, so the two extras are spread out.
    for ((name, status), r) in NAMES.iter().zip(responses.iter().skip(5).step_by(7)) {
        public_thanks::ActiveModel {
            id: NotSet,
            survey_id: Set(r.survey_id),
            response_id: Set(r.id),
            name: Set((*name).to_owned()),
            status: Set(*status),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
