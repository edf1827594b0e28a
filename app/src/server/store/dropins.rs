//! Drop-in series and sessions, and which session a response was about.

use crate::{
    AppError,
    domain::{
        dropins::{SeriesRow, SessionForm, SessionRow, services_of},
        validation::Date,
    },
    server::entities::{dropin_response, dropin_series, dropin_session, survey},
};
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use std::collections::HashMap;

fn naive(date: Date) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day).ok_or(AppError::BadRequest)
}

/// A stored date as the domain's.
pub fn date_of(date: NaiveDate) -> Date {
    Date {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    }
}

/// Responses per session.
async fn response_counts(db: &impl ConnectionTrait) -> Result<HashMap<i32, u64>, DbErr> {
    Ok(dropin_response::Entity::find()
        .select_only()
        .column(dropin_response::Column::SessionId)
        .column_as(Expr::col(dropin_response::Column::ResponseId).count(), "n")
        .group_by(dropin_response::Column::SessionId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, n)| (id, n.unsigned_abs()))
        .collect())
}

fn session_row(s: dropin_session::Model, counts: &HashMap<i32, u64>) -> SessionRow {
    SessionRow {
        id: s.id,
        series_id: s.series_id,
        responses: counts.get(&s.id).copied().unwrap_or(0),
        services: services_of(&s.services),
        date: date_of(s.held_on),
        name: s.name,
        starts: s.starts_at,
        ends: s.ends_at,
        venue: s.venue,
        code: s.code,
    }
}

fn series_row(s: dropin_series::Model, sessions: &[SessionRow], today: Date) -> SeriesRow {
    let own: Vec<&SessionRow> = sessions
        .iter()
        .filter(|r| r.series_id == Some(s.id))
        .collect();
    SeriesRow {
        id: s.id,
        sessions: own.len() as u64,
        responses: own.iter().map(|r| r.responses).sum(),
        next: own.iter().map(|r| r.date).filter(|d| *d >= today).min(),
        services: services_of(&s.services),
        name: s.name,
        description: s.description,
        venue: s.venue,
        survey_id: s.survey_id,
    }
}

fn today() -> Date {
    date_of(Utc::now().date_naive())
}

/// Every series, and every one-off session (latest first).
pub async fn list(db: &impl ConnectionTrait) -> Result<(Vec<SeriesRow>, Vec<SessionRow>), DbErr> {
    let counts = response_counts(db).await?;
    let sessions: Vec<SessionRow> = dropin_session::Entity::find()
        .order_by_desc(dropin_session::Column::HeldOn)
        .order_by_desc(dropin_session::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| session_row(s, &counts))
        .collect();
    let today = today();
    let series = dropin_series::Entity::find()
        .order_by_asc(dropin_series::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| series_row(s, &sessions, today))
        .collect();
    let one_offs = sessions
        .into_iter()
        .filter(|s| s.series_id.is_none())
        .collect();
    Ok((series, one_offs))
}

/// A series with its sessions in date order, and its survey.
pub async fn series(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(SeriesRow, Vec<SessionRow>, survey::Model), AppError> {
    let series = series_model(db, id).await?;
    let counts = response_counts(db).await?;
    let sessions: Vec<SessionRow> = dropin_session::Entity::find()
        .filter(dropin_session::Column::SeriesId.eq(id))
        .order_by_asc(dropin_session::Column::HeldOn)
        .order_by_asc(dropin_session::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| session_row(s, &counts))
        .collect();
    let survey = survey::Entity::find_by_id(series.survey_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((series_row(series, &sessions, today()), sessions, survey))
}

/// One session with its response count.
pub async fn session(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(dropin_session::Model, SessionRow), AppError> {
    let session = dropin_session::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let responses: u64 = dropin_response::Entity::find()
        .filter(dropin_response::Column::SessionId.eq(id))
        .count(db)
        .await?;
    let counts = HashMap::from([(id, responses)]);
    Ok((session.clone(), session_row(session, &counts)))
}

/// Series `id` as stored, without its sessions.
pub async fn series_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<dropin_series::Model, AppError> {
    dropin_series::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The session whose public code is `code` (already normalised).
pub async fn by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<dropin_session::Model>, DbErr> {
    dropin_session::Entity::find()
        .filter(dropin_session::Column::Code.eq(code))
        .one(db)
        .await
}

/// Adds a series whose sessions will share survey `survey_id`.
pub async fn insert_series(
    db: &impl ConnectionTrait,
    form: &SessionForm,
    survey_id: i32,
) -> Result<dropin_series::Model, DbErr> {
    dropin_series::ActiveModel {
        id: NotSet,
        name: Set(form.name.clone()),
        description: Set(form.description.clone()),
        venue: Set(form.venue.clone()),
        services: Set(form.services.join("\n")),
        survey_id: Set(survey_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

/// Adds a session on each of `dates`, named `name`, with the form's times,
/// venue and services; returns their ids.
pub async fn insert_sessions(
    db: &impl ConnectionTrait,
    series_id: Option<i32>,
    name: &str,
    form: &SessionForm,
    dates: &[Date],
    survey_id: i32,
) -> Result<Vec<i32>, AppError> {
    let mut ids = Vec::with_capacity(dates.len());
    for date in dates {
        let row = dropin_session::ActiveModel {
            id: NotSet,
            series_id: Set(series_id),
            name: Set(name.to_owned()),
            held_on: Set(naive(*date)?),
            starts_at: Set(form.starts.clone()),
            ends_at: Set(form.ends.clone()),
            venue: Set(form.venue.clone()),
            services: Set(form.services.join("\n")),
            code: Set(free_code(db).await?),
            survey_id: Set(survey_id),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await?;
        ids.push(row.id);
    }
    Ok(ids)
}

/// A public code no session has.
async fn free_code(db: &impl ConnectionTrait) -> Result<String, DbErr> {
    loop {
        let code = crate::server::auth::secrets::new_code();
        if by_code(db, &code).await?.is_none() {
            return Ok(code);
        }
    }
}

/// Changes a session's name, date, times, venue and services.
pub async fn update_session(
    db: &impl ConnectionTrait,
    session: dropin_session::Model,
    form: &SessionForm,
) -> Result<(), AppError> {
    let mut row = session.into_active_model();
    row.name = Set(form.name.clone());
    row.held_on = Set(naive(form.date)?);
    row.starts_at = Set(form.starts.clone());
    row.ends_at = Set(form.ends.clone());
    row.venue = Set(form.venue.clone());
    row.services = Set(form.services.join("\n"));
    row.update(db).await?;
    Ok(())
}

/// Deletes a session that has no feedback; false (and nothing deleted)
/// when it has some, which must stay counted.
pub async fn delete_session(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let answered = dropin_response::Entity::find()
        .filter(dropin_response::Column::SessionId.eq(id))
        .count(db)
        .await?;
    if answered > 0 {
        return Ok(false);
    }
    dropin_session::Entity::delete_by_id(id).exec(db).await?;
    Ok(true)
}

/// Records that response `response_id` was feedback on session `session_id`.
pub async fn link_response(
    db: &impl ConnectionTrait,
    response_id: i64,
    session_id: i32,
) -> Result<(), DbErr> {
    dropin_response::ActiveModel {
        response_id: Set(response_id),
        session_id: Set(session_id),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Series `id`, if there is one.
pub async fn find_series(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<dropin_series::Model>, DbErr> {
    dropin_series::Entity::find_by_id(id).one(db).await
}

/// Every series, by name.
pub async fn all_series(db: &impl ConnectionTrait) -> Result<Vec<dropin_series::Model>, DbErr> {
    dropin_series::Entity::find()
        .order_by_asc(dropin_series::Column::Name)
        .all(db)
        .await
}

/// The sessions whose feedback form is survey `survey_id`, earliest first.
pub async fn sessions_of_survey(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> Result<Vec<dropin_session::Model>, DbErr> {
    dropin_session::Entity::find()
        .filter(dropin_session::Column::SurveyId.eq(survey_id))
        .order_by_asc(dropin_session::Column::HeldOn)
        .all(db)
        .await
}
