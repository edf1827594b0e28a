//! Written answers and their themes: listing and searching comments in a
//! segment, a survey's themes and how many comments carry each, tagging a
//! comment, and keeping a comment's themes when its respondent changes
//! other answers.

use super::base::{
    loaded::Loaded,
    segment::{Segment, segment_of},
};
use crate::{
    domain::{
        comments::{Comment, CommentsQuery, PAGE_SIZE, ThemeRow},
        localized::Resolved,
        results::ResultsQuery,
        survey::QuestionKind,
    },
    error::AppError,
    server::entities::{answer, answer_theme, response, theme},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Func, LikeExpr, Query},
};
use std::collections::HashMap;

/// The survey's written questions (short and long text), in survey order.
pub fn text_questions(survey: &Loaded) -> Vec<i32> {
    survey
        .questions()
        .filter(|(q, _)| {
            matches!(
                QuestionKind::parse(&q.kind),
                Some(QuestionKind::ShortText | QuestionKind::LongText)
            )
        })
        .map(|(q, _)| q.id)
        .collect()
}

/// `text` as a LIKE pattern matching it anywhere, with `%`, `_` and the
/// escape character itself taken literally.
fn contains_pattern(text: &str) -> LikeExpr {
    let escaped: String = text
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// The survey's themes, by name.
pub async fn themes(db: &impl ConnectionTrait, survey_id: i32) -> Result<Vec<theme::Model>, DbErr> {
    theme::Entity::find()
        .filter(theme::Column::SurveyId.eq(survey_id))
        .order_by_asc(theme::Column::Name)
        .all(db)
        .await
}

#[derive(Debug, FromQueryResult)]
struct ThemeCount {
    question_id: i32,
    theme_id: i32,
    n: i64,
}

/// How many comments to each of `question_ids`, in the segment, carry each
/// theme: (question, theme) → comments.
pub async fn theme_counts(
    db: &impl ConnectionTrait,
    question_ids: &[i32],
    segment: &Segment,
) -> Result<HashMap<(i32, i32), u64>, AppError> {
    if question_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let (t, a) = (Alias::new("t"), Alias::new("a"));
    let mut select = Query::select();
    select
        .expr_as(
            Expr::col((a.clone(), answer::Column::QuestionId)),
            Alias::new("question_id"),
        )
        .expr_as(
            Expr::col((t.clone(), answer_theme::Column::ThemeId)),
            Alias::new("theme_id"),
        )
        .expr_as(
            Expr::col((t.clone(), answer_theme::Column::AnswerId)).count(),
            Alias::new("n"),
        )
        .from_as(answer_theme::Entity, t.clone())
        .join_as(
            sea_orm::JoinType::InnerJoin,
            answer::Entity,
            a.clone(),
            Expr::col((a.clone(), answer::Column::Id))
                .equals((t.clone(), answer_theme::Column::AnswerId)),
        )
        .and_where(
            Expr::col((a.clone(), answer::Column::QuestionId)).is_in(question_ids.iter().copied()),
        )
        .group_by_col((a.clone(), answer::Column::QuestionId))
        .group_by_col((t.clone(), answer_theme::Column::ThemeId));
    segment.restrict(&mut select, (a, answer::Column::ResponseId));
    let rows = ThemeCount::find_by_statement(db.get_database_backend().build(&select))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ((r.question_id, r.theme_id), u64::try_from(r.n).unwrap_or(0)))
        .collect())
}

/// One page of comments matching `query`, newest first, with the number
/// matching in all, the survey's themes counted over the same comments, and
/// the filters that were kept.
pub async fn page(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    query: &CommentsQuery,
) -> Result<(Vec<Comment>, u64, Vec<ThemeRow>, Vec<(i32, String)>), AppError> {
    let all_text = text_questions(survey);
    let questions: Vec<i32> = match query.question {
        Some(q) if all_text.contains(&q) => vec![q],
        _ => all_text,
    };
    let results_query = ResultsQuery {
        filters: query.filters.clone(),
        ..ResultsQuery::default()
    };
    let (segment, kept) = segment_of(survey, &results_query);
    let mut find = answer::Entity::find()
        .filter(answer::Column::QuestionId.is_in(questions.clone()))
        .filter(answer::Column::TextValue.is_not_null())
        .filter(segment.on(answer::Column::ResponseId));
    if !query.search.is_empty() {
        find = find.filter(
            Expr::expr(Func::lower(Expr::col(answer::Column::TextValue)))
                .like(contains_pattern(&query.search)),
        );
    }
    let all_themes = themes(db, survey.survey.id).await?;
    if let Some(t) = query
        .theme
        .filter(|t| all_themes.iter().any(|x| x.id == *t))
    {
        find = find.filter(
            answer::Column::Id.in_subquery(
                Query::select()
                    .column(answer_theme::Column::AnswerId)
                    .from(answer_theme::Entity)
                    .and_where(answer_theme::Column::ThemeId.eq(t))
                    .to_owned(),
            ),
        );
    }
    let pages = find
        .order_by_desc(answer::Column::Id)
        .paginate(db, PAGE_SIZE);
    let total = pages.num_items().await?;
    let rows = pages.fetch_page(query.page.saturating_sub(1)).await?;

    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let response_ids: Vec<i64> = rows.iter().map(|a| a.response_id).collect();
    let sent: HashMap<i64, String> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .column(response::Column::SubmittedAt)
        .filter(response::Column::Id.is_in(response_ids))
        .into_tuple::<(i64, chrono::DateTime<Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, at)| (id, at.format("%Y-%m-%d").to_string()))
        .collect();
    let mut tags: HashMap<i64, Vec<i32>> = HashMap::new();
    for t in answer_theme::Entity::find()
        .filter(answer_theme::Column::AnswerId.is_in(ids))
        .all(db)
        .await?
    {
        tags.entry(t.answer_id).or_default().push(t.theme_id);
    }
    let comments = rows
        .into_iter()
        .map(|a| Comment {
            answer_id: a.id,
            question: prompt(survey, a.question_id, locale),
            text: a.text_value.unwrap_or_default(),
            sent_on: sent.get(&a.response_id).cloned().unwrap_or_default(),
            themes: tags.remove(&a.id).unwrap_or_default(),
        })
        .collect();
    let counts = theme_counts(db, &questions, &segment).await?;
    let themes = all_themes
        .into_iter()
        .map(|t| ThemeRow {
            comments: counts
                .iter()
                .filter(|((_, theme), _)| *theme == t.id)
                .map(|(_, n)| n)
                .sum(),
            id: t.id,
            name: t.name,
        })
        .collect();
    Ok((comments, total, themes, kept))
}

/// Adds a theme to the survey.
pub async fn add_theme(
    db: &impl ConnectionTrait,
    survey_id: i32,
    name: &str,
) -> Result<i32, DbErr> {
    let row = theme::ActiveModel {
        id: NotSet,
        survey_id: Set(survey_id),
        name: Set(name.to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// A theme of this survey, if it is one.
pub async fn theme_of(
    db: &impl ConnectionTrait,
    survey_id: i32,
    id: i32,
) -> Result<Option<theme::Model>, DbErr> {
    theme::Entity::find_by_id(id)
        .filter(theme::Column::SurveyId.eq(survey_id))
        .one(db)
        .await
}

/// A written answer to one of `questions`, if `id` is one.
pub async fn comment_of(
    db: &impl ConnectionTrait,
    questions: &[i32],
    id: i64,
) -> Result<Option<answer::Model>, DbErr> {
    answer::Entity::find_by_id(id)
        .filter(answer::Column::QuestionId.is_in(questions.iter().copied()))
        .filter(answer::Column::TextValue.is_not_null())
        .one(db)
        .await
}

/// Gives comment `answer_id` exactly `themes` (already checked to be the
/// survey's), replacing what it had.
pub async fn set_themes(
    db: &impl ConnectionTrait,
    answer_id: i64,
    themes: &[i32],
) -> Result<(), DbErr> {
    answer_theme::Entity::delete_many()
        .filter(answer_theme::Column::AnswerId.eq(answer_id))
        .exec(db)
        .await?;
    if !themes.is_empty() {
        answer_theme::Entity::insert_many(themes.iter().map(|&theme_id| {
            answer_theme::ActiveModel {
                answer_id: Set(answer_id),
                theme_id: Set(theme_id),
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The themes of a response's comments, as (question, text, theme), read
/// before its answers are replaced by a change.
pub async fn tags_of_response(
    db: &impl ConnectionTrait,
    response_id: i64,
) -> Result<Vec<(i32, String, i32)>, DbErr> {
    let answers = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response_id))
        .filter(answer::Column::TextValue.is_not_null())
        .all(db)
        .await?;
    if answers.is_empty() {
        return Ok(vec![]);
    }
    let tags = answer_theme::Entity::find()
        .filter(answer_theme::Column::AnswerId.is_in(answers.iter().map(|a| a.id)))
        .all(db)
        .await?;
    Ok(tags
        .into_iter()
        .filter_map(|t| {
            let a = answers.iter().find(|a| a.id == t.answer_id)?;
            Some((a.question_id, a.text_value.clone()?, t.theme_id))
        })
        .collect())
}

/// Gives the response's new answers the themes their unchanged text had:
/// an officer's theming survives a change to some other answer.
pub async fn retag(
    db: &impl ConnectionTrait,
    response_id: i64,
    kept: Vec<(i32, String, i32)>,
) -> Result<(), DbErr> {
    if kept.is_empty() {
        return Ok(());
    }
    let answers = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response_id))
        .filter(answer::Column::TextValue.is_not_null())
        .all(db)
        .await?;
    let rows: Vec<answer_theme::ActiveModel> = kept
        .into_iter()
        .filter_map(|(question, text, theme_id)| {
            let a = answers.iter().find(|a| {
                a.question_id == question && a.text_value.as_deref() == Some(text.as_str())
            })?;
            Some(answer_theme::ActiveModel {
                answer_id: Set(a.id),
                theme_id: Set(theme_id),
            })
        })
        .collect();
    if !rows.is_empty() {
        answer_theme::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// A question's prompt in `locale`.
pub fn prompt(survey: &Loaded, question: i32, locale: &str) -> Resolved {
    survey
        .questions()
        .find(|(q, _)| q.id == question)
        .map(|(q, _)| survey.survey.text(&q.prompt, locale))
        .unwrap_or_default()
}

/// Theme `id`, of whichever survey.
pub async fn theme(db: &impl ConnectionTrait, id: i32) -> Result<Option<theme::Model>, DbErr> {
    theme::Entity::find_by_id(id).one(db).await
}

/// Every theme, survey by survey and by name.
pub async fn all_themes(db: &impl ConnectionTrait) -> Result<Vec<theme::Model>, DbErr> {
    theme::Entity::find()
        .order_by_asc(theme::Column::SurveyId)
        .order_by_asc(theme::Column::Name)
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_take_wildcards_literally() {
        let (sql, values) = Query::select()
            .expr(Expr::val("x").like(contains_pattern("100%_Sure\\")))
            .to_owned()
            .build(sea_orm::sea_query::SqliteQueryBuilder);
        assert!(sql.contains("ESCAPE"), "{sql}");
        let bound = format!("{values:?}");
        assert!(bound.contains(r"%100\\%\\_sure\\\\%"), "{bound}");
    }
}
