//! The survey builder's form posts. Every edit loads the survey as a
//! document, applies the form (`domain::builder`), checks the whole
//! document and saves it (`store::definitions`), and records itself in the
//! audit log, all in one transaction. A refusal renders the same page
//! again with every problem and what was typed.

use super::{parse_id, record_survey as record};
use crate::{
    AppError,
    domain::{
        audit::AuditAction,
        builder::{self, BuilderRefusal, Direction, QuestionAt},
        definition::{Located, Problem, SurveyDefinition, check},
        roles::OfficerView,
        survey::QuestionKind,
    },
    server::{
        auth::extract::{Officer, need},
        db::begin_write,
        entities::survey,
        forms::{Posted, file_response, refuse, see_other},
        page_error::{PageError, PageResult},
        state::AppState,
        store::{
            audit::{self, Actor},
            definitions::{self, SaveError},
            surveys::Loaded,
        },
    },
};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use http::{StatusCode, header, request::Parts};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};

use crate::paths::survey_overview as overview_path;

/// What an edit did, for the audit log; None when nothing changed.
type Done = Option<(AuditAction, String)>;

/// Outcome of an edit inside the transaction.
enum Edited {
    Saved,
    Refused(Vec<Located>, Box<SurveyDefinition>),
}

/// Why an edit stopped before saving.
enum EditError {
    App(AppError),
    /// The form itself was refused (a number that is not one), with the
    /// document as typed.
    Form(Vec<Located>),
}

impl From<AppError> for EditError {
    fn from(err: AppError) -> Self {
        EditError::App(err)
    }
}

/// Loads survey `id` as a document, lets `edit` change it, then checks,
/// saves and audits it in one transaction.
async fn edit_survey(
    state: &AppState,
    officer: &OfficerView,
    id: i32,
    edit: impl FnOnce(&mut SurveyDefinition, &Loaded) -> Result<Done, EditError>,
) -> Result<Edited, AppError> {
    let txn = begin_write(&state.db).await?;
    definitions::lock(&txn, id).await?;
    let loaded = definitions::load_by_id(&txn, id).await?;
    let mut def = definitions::of_survey(&txn, &loaded).await?;
    let done = match edit(&mut def, &loaded) {
        Ok(done) => done,
        Err(EditError::App(err)) => return Err(err),
        Err(EditError::Form(problems)) => {
            txn.rollback().await?;
            return Ok(Edited::Refused(problems, Box::new(def)));
        }
    };
    match definitions::save(&txn, &loaded, &def).await {
        Ok(()) => {}
        Err(SaveError::Invalid(problems)) => {
            txn.rollback().await?;
            return Ok(Edited::Refused(problems, Box::new(def)));
        }
        Err(SaveError::App(err)) => return Err(err),
    }
    if let Some((action, detail)) = &done {
        record(&txn, officer, *action, &loaded, detail).await?;
    }
    txn.commit().await?;
    Ok(Edited::Saved)
}

/// Answers an edit: onwards to `next` when saved, or the same page again
/// with its problems.
async fn answer(
    state: &AppState,
    posted: &Posted,
    edited: Result<Edited, AppError>,
    next: &str,
) -> PageResult {
    Ok(match edited? {
        Edited::Saved => see_other(next, []),
        Edited::Refused(problems, draft) => {
            // The overview's buttons type nothing: it shows the survey as stored.
            let is_form = !posted.fields.iter().any(|(k, _)| k == "op");
            let refusal = BuilderRefusal {
                problems,
                draft: is_form.then_some(*draft),
            };
            refuse(state, posted, refusal, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    })
}

/// The overview after a saved edit.
fn saved(id: i32) -> String {
    format!("{}?done=saved", overview_path(id))
}

/// The position of page `page_id` in `def`.
fn page_index(def: &SurveyDefinition, page_id: i32) -> Result<usize, AppError> {
    def.pages
        .iter()
        .position(|p| p.id == Some(page_id))
        .ok_or(AppError::NotFound)
}

/// `POST /officer/surveys/new`: a new draft with a title, how views will
/// be used, and one empty page.
pub async fn create(
    State(state): State<AppState>,
    officer: Officer<need::BuildSurveys>,
    posted: Posted,
) -> PageResult {
    let title = builder::field(&posted.fields, "title");
    let locale = Some(builder::field(&posted.fields, "language"))
        .filter(|l| crate::i18n_support::locale_codes().any(|c| c == *l))
        .unwrap_or("en");
    let base = Some(builder::slugify(title)).filter(|s| !s.is_empty());
    let slug = definitions::free_slug(&state.db, base.as_deref().unwrap_or("survey")).await?;
    let def = builder::new_survey(
        title,
        builder::field(&posted.fields, "views_statement"),
        &slug,
        locale,
    );
    add(
        &state,
        &posted,
        &officer,
        def,
        AuditAction::SurveyCreated,
        "created",
    )
    .await
}

/// Adds `def` as a new draft and goes to it, or shows the form's page again
/// with the problems.
async fn add(
    state: &AppState,
    posted: &Posted,
    officer: &OfficerView,
    def: SurveyDefinition,
    action: AuditAction,
    done: &str,
) -> PageResult {
    let added = async {
        let txn = begin_write(&state.db).await?;
        let row = match definitions::insert(&txn, &def).await {
            Ok(row) => row,
            Err(SaveError::Invalid(problems)) => return Ok(Err(problems)),
            Err(SaveError::App(err)) => return Err(err),
        };
        let subject = format!("survey {} {}", row.id, row.slug);
        audit::record(&txn, Actor::Officer(officer), action, &subject, "").await?;
        txn.commit().await?;
        Ok::<_, AppError>(Ok(row.id))
    };
    Ok(match added.await? {
        Ok(id) => see_other(&format!("{}?done={done}", overview_path(id)), []),
        Err(problems) => {
            let refusal = BuilderRefusal {
                problems,
                draft: None,
            };
            refuse(state, posted, refusal, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    })
}

/// `POST /officer/surveys/import`: a survey file, uploaded or pasted. It
/// is parsed and checked completely, then added as a draft (with a free
/// address, if its own is taken).
pub async fn import(
    State(state): State<AppState>,
    officer: Officer<need::BuildSurveys>,
    parts: Parts,
    SurveyFile(text): SurveyFile,
) -> PageResult {
    let posted = Posted::without_fields(parts);
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let def: SurveyDefinition = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(def) => def,
        Err(err) => {
            let path = err.path().to_string();
            let problems = vec![Located {
                path: if path == "." { String::new() } else { path },
                problem: Problem::Parse(err.inner().to_string()),
            }];
            let refusal = BuilderRefusal {
                problems,
                draft: None,
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(refuse(&state, &posted, refusal, status).await);
        }
    };
    let mut def = definitions::without_ids(def);
    if builder::slugify(&def.slug) == def.slug {
        def.slug = definitions::free_slug(&state.db, &def.slug).await?;
    }
    let action = AuditAction::SurveyImported;
    add(&state, &posted, &officer, def, action, "imported").await
}

/// The survey file's text from a multipart post: the uploaded `file`, else
/// the pasted `definition`.
pub struct SurveyFile(String);

impl<S: Send + Sync> FromRequest<S> for SurveyFile {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, PageError> {
        let is_multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !is_multipart {
            return Err(AppError::BadRequest.into());
        }
        // The extractor applies axum's default body limit (2 MB).
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest)?;
        let (mut file, mut pasted) = (String::new(), String::new());
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| AppError::PayloadTooLarge)?
        {
            let name = field.name().unwrap_or_default().to_owned();
            // Too large, cut off, or not UTF-8: not a survey file.
            let text = field.text().await.map_err(|_| AppError::BadRequest)?;
            match name.as_str() {
                "file" => file = text,
                "definition" => pasted = text,
                _ => {}
            }
        }
        let text = if file.trim().is_empty() { pasted } else { file };
        if text.trim().is_empty() {
            return Err(AppError::BadRequest.into());
        }
        Ok(SurveyFile(text))
    }
}

/// `GET /officer/surveys/{id}/export`: the survey as a versioned JSON file.
pub async fn export(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::BuildSurveys>,
) -> PageResult {
    let id = parse_id(&id)?;
    let txn = begin_write(&state.db).await?;
    let loaded = definitions::load_by_id(&txn, id).await?;
    let def = definitions::without_ids(definitions::of_survey(&txn, &loaded).await?);
    record(&txn, &officer, AuditAction::SurveyExported, &loaded, "").await?;
    txn.commit().await?;
    let json = serde_json::to_string_pretty(&def)
        .map_err(|err| PageError::internal("writing a survey file", err))?;
    let name = format!("{}.heard.json", def.slug);
    Ok(file_response(
        json,
        "application/json; charset=utf-8",
        Some(&name),
    ))
}

/// `POST /officer/surveys/{id}`: the overview's buttons, named by `op`.
pub async fn overview(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::BuildSurveys>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let f = |name| builder::field(&posted.fields, name).to_owned();
    let (op, target, direction) = (f("op"), f("target"), Direction::parse(&f("direction")));
    let next = saved(id);
    match op.as_str() {
        "publish" | "close" | "reopen" | "archive" => {
            let changed = set_status(&state, &officer, id, &op).await;
            let next = match op.as_str() {
                "publish" => "published",
                "close" => "closed",
                "reopen" => "reopened",
                _ => "archived",
            };
            answer(
                &state,
                &posted,
                changed,
                &format!("{}?done={next}", overview_path(id)),
            )
            .await
        }
        "duplicate" => duplicate(&state, &posted, &officer, id).await,
        "add_page" => {
            let edited = edit_survey(&state, &officer, id, |def, _| {
                let index = builder::add_page(def);
                Ok(Some((AuditAction::PageAdded, def.pages[index].key.clone())))
            })
            .await;
            answer(&state, &posted, edited, &next).await
        }
        "move_page" | "delete_page" => {
            let page_id = parse_id(&target)?;
            let edited = edit_survey(&state, &officer, id, |def, _| {
                let index = page_index(def, page_id)?;
                if op == "delete_page" {
                    let page = def.pages.remove(index);
                    return Ok(Some((AuditAction::PageDeleted, page.key)));
                }
                let direction = direction.ok_or(AppError::BadRequest)?;
                builder::move_page(def, index, direction);
                Ok(Some((
                    AuditAction::SurveyEdited,
                    format!("moved page {}", index + 1),
                )))
            })
            .await;
            answer(&state, &posted, edited, &next).await
        }
        "move_question" | "delete_question" | "archive_question" | "restore_question" => {
            let question_id = parse_id(&target)?;
            let edited = edit_survey(&state, &officer, id, |def, _| {
                let at = builder::find_question(def, question_id).ok_or(AppError::NotFound)?;
                let key = def.pages[at.0].questions[at.1].key.clone();
                match op.as_str() {
                    "delete_question" => {
                        def.pages[at.0].questions.remove(at.1);
                        Ok(Some((AuditAction::QuestionDeleted, key)))
                    }
                    "archive_question" | "restore_question" => {
                        let archive = op == "archive_question";
                        def.pages[at.0].questions[at.1].archived = archive;
                        let action = if archive {
                            AuditAction::QuestionArchived
                        } else {
                            AuditAction::SurveyEdited
                        };
                        Ok(Some((action, key)))
                    }
                    _ => {
                        let direction = direction.ok_or(AppError::BadRequest)?;
                        builder::move_question(def, at, direction);
                        Ok(Some((AuditAction::SurveyEdited, format!("moved {key}"))))
                    }
                }
            })
            .await;
            answer(&state, &posted, edited, &next).await
        }
        _ => Err(AppError::BadRequest.into()),
    }
}

/// Publishes, closes, reopens or archives survey `id`. Publishing checks
/// the whole survey first, and that every page asks something.
async fn set_status(
    state: &AppState,
    officer: &OfficerView,
    id: i32,
    op: &str,
) -> Result<Edited, AppError> {
    use survey::Status;
    let txn = begin_write(&state.db).await?;
    let loaded = definitions::load_by_id(&txn, id).await?;
    let from = loaded.survey.status;
    let (to, action) = match (op, from) {
        ("publish", Status::Draft) => (Status::Open, AuditAction::SurveyPublished),
        ("close", Status::Open) => (Status::Closed, AuditAction::SurveyClosed),
        ("reopen", Status::Closed | Status::Archived) => {
            (Status::Open, AuditAction::SurveyReopened)
        }
        ("archive", s) if s != Status::Archived => (Status::Archived, AuditAction::SurveyArchived),
        _ => return Err(AppError::BadRequest),
    };
    if to == Status::Open {
        let def = definitions::of_survey(&txn, &loaded).await?;
        let mut problems = check(&def, &definitions::known(&txn).await?);
        for (p, page) in def.pages.iter().enumerate() {
            if !page.questions.iter().any(|q| !q.archived) {
                problems.push(Located {
                    path: format!("pages[{p}]"),
                    problem: Problem::EmptyPage,
                });
            }
        }
        if def.pages.is_empty() {
            problems.push(Located {
                path: "pages".into(),
                problem: Problem::EmptyPage,
            });
        }
        if !problems.is_empty() {
            txn.rollback().await?;
            return Ok(Edited::Refused(problems, Box::new(def)));
        }
    }
    let mut row = loaded.survey.clone().into_active_model();
    row.status = Set(to);
    row.updated_at = Set(chrono::Utc::now());
    row.update(&txn).await?;
    record(&txn, officer, action, &loaded, "").await?;
    txn.commit().await?;
    Ok(Edited::Saved)
}

/// A copy of survey `id` as a new draft, at a free address.
async fn duplicate(
    state: &AppState,
    posted: &Posted,
    officer: &OfficerView,
    id: i32,
) -> PageResult {
    let loaded = definitions::load_by_id(&state.db, id).await?;
    let mut def = definitions::without_ids(definitions::of_survey(&state.db, &loaded).await?);
    def.slug = definitions::free_slug(&state.db, &format!("{}-copy", def.slug)).await?;
    add(
        state,
        posted,
        officer,
        def,
        AuditAction::SurveyDuplicated,
        "duplicated",
    )
    .await
}

/// `POST /officer/surveys/{id}/details`.
pub async fn details(
    State(state): State<AppState>,
    Path(id): Path<String>,
    officer: Officer<need::BuildSurveys>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let edited = edit_survey(&state, &officer, id, |def, loaded| {
        builder::apply_details(def, &posted.fields);
        let problems = builder::number_problems(&posted.fields, "", &["estimated_minutes"]);
        if !problems.is_empty() {
            return Err(EditError::Form(problems));
        }
        // Once published, links and respondents' saved answers use the address.
        if loaded.survey.status != survey::Status::Draft {
            def.slug = loaded.survey.slug.clone();
        }
        Ok(Some((AuditAction::SurveyEdited, "details".into())))
    })
    .await;
    answer(&state, &posted, edited, &saved(id)).await
}

/// `POST /officer/surveys/{id}/pages/{page}`.
pub async fn page(
    State(state): State<AppState>,
    Path((id, page_id)): Path<(String, String)>,
    officer: Officer<need::BuildSurveys>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let page_id = parse_id(&page_id)?;
    let edited = edit_survey(&state, &officer, id, |def, _| {
        let index = page_index(def, page_id)?;
        builder::apply_page(def, index, &posted.fields);
        Ok(Some((
            AuditAction::SurveyEdited,
            def.pages[index].key.clone(),
        )))
    })
    .await;
    answer(&state, &posted, edited, &saved(id)).await
}

/// `POST /officer/surveys/{id}/translate/{locale}`: every translation on
/// the form, saved at once.
pub async fn translate(
    State(state): State<AppState>,
    Path((id, locale)): Path<(String, String)>,
    officer: Officer<need::BuildSurveys>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let known = crate::i18n_support::locale_codes().any(|c| c == locale);
    let edited = edit_survey(&state, &officer, id, |def, _| {
        if !known || locale == def.default_locale {
            return Err(AppError::NotFound.into());
        }
        crate::domain::translation::apply(def, &locale, &posted.fields);
        Ok(Some((
            AuditAction::SurveyEdited,
            format!("translation {locale}"),
        )))
    })
    .await;
    let next = format!("{}?done=saved", crate::paths::survey_translate(id, &locale));
    answer(&state, &posted, edited, &next).await
}

/// `POST /officer/surveys/{id}/questions/{question}`, or `…/questions/new`
/// with `?page={page id}&kind={kind}`.
pub async fn question(
    State(state): State<AppState>,
    Path((id, question_id)): Path<(String, String)>,
    officer: Officer<need::BuildSurveys>,
    posted: Posted,
) -> PageResult {
    let id = parse_id(&id)?;
    let new = question_id == "new";
    let new_at = (
        posted.query("page").and_then(|p| p.parse::<i32>().ok()),
        posted
            .query("kind")
            .as_deref()
            .and_then(QuestionKind::parse),
    );
    let edited = edit_survey(&state, &officer, id, |def, _| {
        let at = if new {
            let (Some(page_id), Some(kind)) = new_at else {
                return Err(AppError::BadRequest.into());
            };
            let page = page_index(def, page_id)?;
            QuestionAt::New(page, kind)
        } else {
            let qid = parse_id(&question_id)?;
            let (p, q) = builder::find_question(def, qid).ok_or(AppError::NotFound)?;
            QuestionAt::Existing(p, q)
        };
        let (p, q) = builder::apply_question(def, at, &posted.fields).ok_or(AppError::NotFound)?;
        let problems = builder::number_problems(
            &posted.fields,
            &format!("pages[{p}].questions[{q}]"),
            &["max_length", "min_value", "max_value"],
        );
        if !problems.is_empty() {
            return Err(EditError::Form(problems));
        }
        let key = def.pages[p].questions[q].key.clone();
        let action = if new {
            AuditAction::QuestionAdded
        } else {
            AuditAction::SurveyEdited
        };
        Ok(Some((action, key)))
    })
    .await;
    answer(&state, &posted, edited, &saved(id)).await
}
