//! Response rows: finding one by its token or receipt code, reading its
//! answers back, expiring codes, counting. Sending, changing and
//! withdrawing, which write across tables, are `server::sending`.

use super::base::loaded::Loaded;
use crate::{
    domain::{
        survey::QuestionKind,
        validation::{AnswerValue, Answers, Date},
    },
    error::AppError,
    server::entities::{answer, response},
};
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The respondent's tokens are secrets: made and checked in `auth`.
pub use crate::server::auth::secrets::{is_token, new_token};

/// The response last written by the form with this token.
pub async fn by_submission_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<response::Model>, DbErr> {
    response::Entity::find()
        .filter(response::Column::SubmissionToken.eq(token))
        .one(db)
        .await
}

/// The response of `survey_id` sent through the journey with submission
/// token `token`, while it still has its receipt code: what the receipt
/// and confirmation cookies may open. Kiosk feedback has no code, and its
/// token was in a form on a shared tablet, so no cookie ever opens it; nor
/// does one open answers whose code expired with the retention period.
pub async fn openable(
    db: &impl ConnectionTrait,
    survey_id: i32,
    token: &str,
) -> Result<Option<response::Model>, DbErr> {
    response::Entity::find()
        .filter(response::Column::SubmissionToken.eq(token))
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(response::Column::ReceiptCode.is_not_null())
        .one(db)
        .await
}

/// Ends the receipt codes of surveys that closed more than `days` days
/// before `now` (the retention period): their answers stay counted, but no
/// code or cookie opens, changes or withdraws them any more. Returns how
/// many codes ended.
pub async fn expire_receipt_codes(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<Utc>,
    days: u32,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::{Expr, Query};
    let cutoff = now - chrono::Duration::days(i64::from(days));
    let ended = response::Entity::update_many()
        .col_expr(
            response::Column::ReceiptCode,
            Expr::value(Option::<String>::None),
        )
        .filter(response::Column::ReceiptCode.is_not_null())
        .filter(
            response::Column::SurveyId.in_subquery(
                Query::select()
                    .column(crate::server::entities::survey::Column::Id)
                    .from(crate::server::entities::survey::Entity)
                    .and_where(crate::server::entities::survey::Column::ClosesAt.lt(cutoff))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    Ok(ended.rows_affected)
}

/// The response of `survey_id` with this receipt code.
pub async fn by_receipt_code(
    db: &impl ConnectionTrait,
    survey_id: i32,
    code: &str,
) -> Result<Option<response::Model>, DbErr> {
    response::Entity::find()
        .filter(response::Column::ReceiptCode.eq(code))
        .filter(response::Column::SurveyId.eq(survey_id))
        .one(db)
        .await
}

/// A stored response's answers, read back into the form they were given in.
pub async fn answers_of(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    response_id: i64,
) -> Result<Answers, AppError> {
    let rows = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response_id))
        .order_by_asc(answer::Column::Id)
        .all(db)
        .await?;
    let mut answers = Answers::new();
    for (q, options) in survey.questions() {
        let Some(kind) = QuestionKind::parse(&q.kind) else {
            continue;
        };
        let mine = rows.iter().filter(|a| a.question_id == q.id);
        let value = if kind.has_options() {
            let chosen: Vec<String> = options
                .iter()
                .filter(|o| mine.clone().any(|a| a.option_id == Some(o.id)))
                .map(|o| o.value.clone())
                .collect();
            (!chosen.is_empty()).then_some(AnswerValue::Options(chosen))
        } else {
            mine.clone().next().and_then(|a| match kind {
                QuestionKind::Number => a.number_value.map(AnswerValue::Number),
                QuestionKind::Date => a
                    .text_value
                    .as_deref()
                    .and_then(Date::parse_iso)
                    .map(AnswerValue::Date),
                _ => a.text_value.clone().map(AnswerValue::Text),
            })
        };
        if let Some(value) = value {
            answers.insert(q.id, value);
        }
    }
    Ok(answers)
}

/// Counts stored responses to a survey.
pub async fn count(db: &impl ConnectionTrait, survey_id: i32) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey_id))
        .count(db)
        .await
}
