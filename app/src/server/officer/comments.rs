//! Theming comments: adding and deleting a survey's themes and giving a
//! comment its themes (`POST /officer/surveys/{id}/comments`, by `op`), and
//! every comment with its themes as CSV. Each change is audited in its own
//! transaction, and each answers `303` back to the list as it was.

use super::{parse_id, record_survey as record};
use crate::{
    AppError,
    domain::{
        audit::AuditAction,
        comments::{CommentsQuery, theme_name},
    },
    server::{
        auth::extract::{Officer, need},
        csv_export::{CommentsFile, stream_body},
        db::begin_write,
        forms::{Posted, see_other},
        page_error::PageResult,
        state::AppState,
        store::{comments, definitions},
    },
};
use axum::extract::{Path, State};
use http::request::Parts;

/// The comments list as it was, from the form's `return` field: only the
/// list's own query survives, so it can lead nowhere else.
fn back_to(id: i32, returned: &str, extra: &[(&str, &str)]) -> String {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(returned.as_bytes())
        .into_owned()
        .collect();
    let query = CommentsQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let mut q = query.to_query_string(query.page);
    for (k, v) in extra {
        let pair: String = form_urlencoded::Serializer::new(String::new())
            .append_pair(k, v)
            .finish();
        if !q.is_empty() {
            q.push('&');
        }
        q.push_str(&pair);
    }
    let path = crate::paths::comments(id);
    if q.is_empty() {
        path
    } else {
        format!("{path}?{q}")
    }
}

/// `POST /officer/surveys/{id}/comments`.
pub async fn post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::ThemeComments>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let loaded = definitions::load_by_id(&state.db, id).await?;
    let field = |name: &str| posted.value(name).unwrap_or_default().to_owned();
    let returned = field("return");
    let next = match field("op").as_str() {
        "add_theme" => {
            let txn = begin_write(&state.db).await?;
            let existing = comments::themes(&txn, id).await?;
            match theme_name(&field("name"), existing.iter().map(|t| t.name.as_str())) {
                Ok(name) => {
                    comments::add_theme(&txn, id, &name).await?;
                    record(&txn, &officer, AuditAction::ThemeCreated, &loaded, &name).await?;
                    txn.commit().await?;
                    Ok(back_to(id, &returned, &[("done", "added")]) + "#themes")
                }
                Err(problem) => {
                    txn.rollback().await?;
                    let typed: String = field("name").chars().take(200).collect();
                    let extra = [("problem", problem.as_str()), ("name", typed.as_str())];
                    Ok(back_to(id, &returned, &extra) + "#theme-name")
                }
            }
        }
        "delete_theme" => {
            let theme = field("theme").parse().map_err(|_| AppError::BadRequest)?;
            let txn = begin_write(&state.db).await?;
            let found = comments::theme_of(&txn, id, theme)
                .await?
                .ok_or(AppError::NotFound)?;
            use sea_orm::EntityTrait;
            crate::server::entities::theme::Entity::delete_by_id(found.id)
                .exec(&txn)
                .await?;
            record(
                &txn,
                &officer,
                AuditAction::ThemeDeleted,
                &loaded,
                &found.name,
            )
            .await?;
            txn.commit().await?;
            Ok(back_to(id, &returned, &[("done", "deleted")]) + "#themes")
        }
        "tag" => {
            let answer: i64 = field("answer").parse().map_err(|_| AppError::BadRequest)?;
            let chosen: Vec<i32> = posted
                .fields
                .iter()
                .filter(|(k, _)| k == "themes")
                .map(|(_, v)| v.parse().map_err(|_| AppError::BadRequest))
                .collect::<Result<_, _>>()?;
            let txn = begin_write(&state.db).await?;
            let questions = comments::text_questions(&loaded);
            comments::comment_of(&txn, &questions, answer)
                .await?
                .ok_or(AppError::NotFound)?;
            let themes = comments::themes(&txn, id).await?;
            let mut names = Vec::new();
            let mut ids = Vec::new();
            for t in &chosen {
                // A theme of another survey, or one deleted meanwhile, is a tampered form.
                let theme = themes
                    .iter()
                    .find(|x| x.id == *t)
                    .ok_or(AppError::BadRequest)?;
                if !ids.contains(&theme.id) {
                    ids.push(theme.id);
                    names.push(theme.name.clone());
                }
            }
            comments::set_themes(&txn, answer, &ids).await?;
            let detail = format!("comment {answer}: {}", names.join(", "));
            record(&txn, &officer, AuditAction::CommentThemed, &loaded, &detail).await?;
            txn.commit().await?;
            Ok(back_to(id, &returned, &[("done", "tagged")]) + &format!("#comment-{answer}"))
        }
        _ => Err(AppError::BadRequest),
    };
    Ok(see_other(&next?, []))
}

/// `GET /officer/surveys/{id}/comments.csv`: every comment with its themes.
pub async fn csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::ExportResponses>,
    parts: Parts,
) -> PageResult {
    let locale = super::results::locale_of(&parts);
    let loaded = definitions::load_by_id(&state.db, parse_id(&id)?).await?;
    let txn = begin_write(&state.db).await?;
    record(&txn, &officer, AuditAction::CommentsExported, &loaded, "").await?;
    txn.commit().await?;
    Ok(super::results::csv_response(
        stream_body(CommentsFile::new(state.db.clone(), &loaded, locale)),
        &format!("{}-comments.csv", loaded.survey.slug),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returning_keeps_only_the_list_s_own_query() {
        assert_eq!(
            back_to(
                3,
                "question=5&search=wait&evil=https://x&page=2",
                &[("done", "added")]
            ),
            "/officer/surveys/3/comments?question=5&search=wait&page=2&done=added"
        );
        assert_eq!(back_to(3, "", &[]), "/officer/surveys/3/comments");
    }
}
