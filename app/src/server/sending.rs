//! Sending, changing and withdrawing responses: each is one transaction
//! across the response, its answers and tallies, its themes, its drop-in
//! session and its mail, so it is written here, above the
//! store's files, which each keep to their own tables.

use super::{
    auth::secrets::new_code,
    db::begin_write,
    entities::{
        draft, public_thanks, public_thanks::ThanksStatus, response, survey, update_request,
    },
    store::{
        answers::{self, AnswerRow},
        base::loaded::Loaded,
        comments, dropins, outbox,
        responses::{by_submission_token, new_token},
    },
};
use crate::{
    domain::{
        journey::Extras,
        survey::QuestionKind,
        validation::{AnswerValue, Answers},
    },
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, SqlErr,
    sea_query::{Expr, ExprTrait},
};

/// What happened to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// The answers were stored; carries the receipt code.
    Stored(String),
    /// Answers sent before were replaced; carries the receipt code.
    Changed(String),
    /// This draft was already sent (double click, resend, Back): nothing new
    /// stored. Carries the receipt code.
    AlreadyStored(String),
}

/// Sends a draft's answers: a new response, or the change it was making to
/// one sent before. `answers` are the draft's answers to the questions shown;
/// `extras` (an address for updates, a name to thank) are stored apart from
/// them, for a new response only.
///
/// The draft is claimed by deleting it inside the write transaction, so of
/// two simultaneous sends exactly one stores anything; the other finds the
/// response by the draft's token. Either every answer is stored or none is.
pub async fn submit(
    db: &DatabaseConnection,
    survey: &Loaded,
    draft: &draft::Model,
    answers: &Answers,
    extras: &Extras,
    locale: &str,
    dropin_session: Option<i32>,
) -> Result<Submitted, AppError> {
    let rows = answer_rows(survey, answers)?;
    let respondent_type = respondent_type(survey, answers);
    let txn = begin_write(db).await?;
    let claimed = draft::Entity::delete_by_id(draft.id).exec(&txn).await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return already_sent(db, &draft.token).await;
    }
    let now = Utc::now();
    let mut kept_themes = Vec::new();
    let (response_id, outcome) = if let Some(id) = draft.replaces_response_id {
        let Some(original) = response::Entity::find_by_id(id).one(&txn).await? else {
            // Withdrawn while being changed: nothing to change any more.
            txn.rollback().await?;
            return Err(AppError::NotFound);
        };
        // Write the response row first: on PostgreSQL that locks it, so two
        // changes sent at once take turns instead of both adding answers.
        let code = original.receipt_code.clone().unwrap_or_default();
        let mut row: response::ActiveModel = original.into();
        // The latest form that wrote it, so a resent change is recognised.
        row.submission_token = Set(draft.token.clone());
        row.locale = Set(locale.to_owned());
        row.respondent_type = Set(respondent_type);
        row.updated_at = Set(Some(now));
        row.update(&txn).await?;
        kept_themes = comments::tags_of_response(&txn, id).await?;
        (id, Submitted::Changed(code))
    } else {
        let code = free_receipt_code(&txn).await?;
        let new = NewResponse {
            survey_id: survey.survey.id,
            token: &draft.token,
            locale,
            receipt_code: Some(code.clone()),
            respondent_type,
            dropin_session,
            submitted_at: now,
        };
        match insert_response(&txn, new).await? {
            Some(id) => {
                store_extras(&txn, survey.survey.id, id, extras, locale).await?;
                (id, Submitted::Stored(code))
            }
            None => {
                txn.rollback().await?;
                return already_sent(db, &draft.token).await;
            }
        }
    };
    answers::write(&txn, response_id, rows).await?;
    comments::retag(&txn, response_id, kept_themes).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// Stores answers given in one sitting, with no receipt code: feedback from
/// a drop-in kiosk, where nobody could keep a code and nothing may identify
/// the person. `token` names the filled-in form, so a resent form stores
/// nothing twice. Returns false when it had already been stored.
pub async fn submit_once(
    db: &DatabaseConnection,
    survey: &Loaded,
    token: &str,
    answers: &Answers,
    locale: &str,
    dropin_session: i32,
) -> Result<bool, AppError> {
    let txn = begin_write(db).await?;
    let feedback = Feedback {
        token,
        locale,
        dropin_session,
        at: Utc::now(),
    };
    if insert_feedback(&txn, survey, answers, feedback).await? {
        txn.commit().await?;
        Ok(true)
    } else {
        txn.rollback().await?;
        Ok(false)
    }
}

/// Feedback on a drop-in session, as [`insert_feedback`] stores it.
pub struct Feedback<'a> {
    pub token: &'a str,
    pub locale: &'a str,
    pub dropin_session: i32,
    pub at: chrono::DateTime<Utc>,
}

/// Inserts feedback with no receipt code inside `txn` (the kiosk, and the
/// demo's past sessions); false when its token was stored before, in which
/// case `txn` must be rolled back.
pub async fn insert_feedback(
    txn: &DatabaseTransaction,
    survey: &Loaded,
    answers: &Answers,
    feedback: Feedback<'_>,
) -> Result<bool, AppError> {
    let rows = answer_rows(survey, answers)?;
    let new = NewResponse {
        survey_id: survey.survey.id,
        token: feedback.token,
        locale: feedback.locale,
        receipt_code: None,
        respondent_type: respondent_type(survey, answers),
        dropin_session: Some(feedback.dropin_session),
        submitted_at: feedback.at,
    };
    let Some(id) = insert_response(txn, new).await? else {
        return Ok(false);
    };
    answers::write(txn, id, rows).await?;
    Ok(true)
}

/// A response about to be stored.
struct NewResponse<'a> {
    survey_id: i32,
    token: &'a str,
    locale: &'a str,
    receipt_code: Option<String>,
    respondent_type: Option<String>,
    /// The drop-in session the feedback is about.
    dropin_session: Option<i32>,
    submitted_at: chrono::DateTime<Utc>,
}

/// Inserts the response row (and its drop-in session); None when a
/// response with this submission token exists already.
async fn insert_response(
    txn: &DatabaseTransaction,
    new: NewResponse<'_>,
) -> Result<Option<i64>, AppError> {
    let inserted = response::Entity::insert(response::ActiveModel {
        id: NotSet,
        survey_id: Set(new.survey_id),
        submission_token: Set(new.token.to_owned()),
        locale: Set(new.locale.to_owned()),
        submitted_at: Set(new.submitted_at),
        receipt_code: Set(new.receipt_code),
        respondent_type: Set(new.respondent_type),
        updated_at: Set(None),
        packed_answers: NotSet,
    })
    .exec(txn)
    .await;
    let id = match inserted {
        Ok(done) => done.last_insert_id,
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(None);
        }
        Err(err) => return Err(err.into()),
    };
    if let Some(session) = new.dropin_session {
        dropins::link_response(txn, id, session).await?;
    }
    Ok(Some(id))
}

/// Keeps the optional extras apart from the answers.
async fn store_extras(
    db: &impl ConnectionTrait,
    survey_id: i32,
    response_id: i64,
    extras: &Extras,
    locale: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    if !extras.email.is_empty() {
        update_request::ActiveModel {
            id: NotSet,
            survey_id: Set(survey_id),
            response_id: Set(response_id),
            email: Set(extras.email.clone()),
            locale: Set(locale.to_owned()),
            token: Set(new_token()),
            created_at: Set(now),
            // Nothing told yet; the digest counts only news after `created_at`.
            notified_event_id: Set(0),
            // Confirmed from the email the digest task sends it.
            confirmed_at: Set(None),
            confirmation_sent_at: Set(None),
        }
        .insert(db)
        .await?;
    }
    if !extras.thanks_name.is_empty() {
        public_thanks::ActiveModel {
            id: NotSet,
            survey_id: Set(survey_id),
            response_id: Set(response_id),
            name: Set(extras.thanks_name.clone()),
            status: Set(ThanksStatus::Pending),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The response a draft token already made, for a resent form.
async fn already_sent(db: &DatabaseConnection, token: &str) -> Result<Submitted, AppError> {
    let found = by_submission_token(db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Submitted::AlreadyStored(
        found.receipt_code.unwrap_or_default(),
    ))
}

/// Withdraws a response: its answers go from every result, count and
/// export, and only the survey's withdrawal counter remains. Returns
/// whether anything was withdrawn (false if it already had been).
pub async fn withdraw(
    db: &DatabaseConnection,
    response: &response::Model,
) -> Result<bool, AppError> {
    let txn = begin_write(db).await?;
    // Out of every tally first; the answer rows and any change in progress
    // then go with the response (ON DELETE CASCADE).
    answers::write(&txn, response.id, vec![]).await?;
    let deleted = response::Entity::delete_by_id(response.id)
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    // Mail to the address given with it goes too (the address itself goes
    // with the response).
    outbox::forget_response(&txn, response.id).await?;
    survey::Entity::update_many()
        .col_expr(
            survey::Column::WithdrawnCount,
            Expr::col(survey::Column::WithdrawnCount).add(1),
        )
        .filter(survey::Column::Id.eq(response.survey_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// One row per chosen option, one per text, number or date. Values were
/// validated against this survey, so an unknown option here is a tampered form.
pub fn answer_rows(survey: &Loaded, answers: &Answers) -> Result<Vec<AnswerRow>, AppError> {
    let mut rows = Vec::new();
    let row = |question, option, text, number| AnswerRow {
        question,
        option,
        text,
        number,
    };
    for (&question_id, value) in answers {
        match value {
            AnswerValue::Options(values) => {
                for value in values {
                    let option = survey
                        .option_id(question_id, value)
                        .ok_or(AppError::BadRequest)?;
                    rows.push(row(question_id, Some(option), None, None));
                }
            }
            AnswerValue::Text(text) => rows.push(row(question_id, None, Some(text.clone()), None)),
            AnswerValue::Number(n) => rows.push(row(question_id, None, None, Some(*n))),
            AnswerValue::Date(d) => rows.push(row(question_id, None, Some(d.iso()), None)),
        }
    }
    Ok(rows)
}

/// Who answered, from the survey's respondent-type question.
fn respondent_type(survey: &Loaded, answers: &Answers) -> Option<String> {
    survey
        .questions()
        .find(|(q, _)| q.kind == QuestionKind::RespondentType.as_str())
        .and_then(|(q, _)| match answers.get(&q.id) {
            Some(AnswerValue::Options(chosen)) => chosen.first().cloned(),
            _ => None,
        })
}

/// A receipt code no response has.
async fn free_receipt_code(db: &impl ConnectionTrait) -> Result<String, AppError> {
    for _ in 0..5 {
        let code = new_code();
        let taken = response::Entity::find()
            .filter(response::Column::ReceiptCode.eq(&code))
            .one(db)
            .await?
            .is_some();
        if !taken {
            return Ok(code);
        }
    }
    tracing::error!("could not find a free receipt code in five tries");
    Err(AppError::Internal)
}
