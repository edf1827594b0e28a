//! Surveys as whole documents (`domain::definition`): reading one from the
//! database, adding one (import, duplicate), and saving an edited one back
//! (the builder) without breaking answers already collected.
//!
//! Saving compares the edited document with the stored rows by id: rows
//! that kept their id are updated, new ones inserted, missing ones deleted.
//! A change that would orphan answers (deleting a question or option that
//! has answers, or changing an answered question's kind) is refused with
//! the question's path, and nothing is written.

use crate::{
    AppError,
    domain::{
        definition::{
            ConditionDefinition, FORMAT, Known, Located, OptionDefinition, PageDefinition, Problem,
            QuestionDefinition, SurveyDefinition, VERSION, check, parse_date, question_key,
        },
        localized::LocalizedText,
    },
    server::{
        entities::{
            answer, outcome, priority, question_outcome, question_priority, survey, survey_page,
        },
        store::base::{
            loaded::{self, Loaded},
            taxonomy::{self, Taxonomy},
        },
    },
};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use std::collections::{HashMap, HashSet};
use structure::write_structure;

mod structure;

/// What this installation's definitions may refer to.
pub async fn known(db: &impl ConnectionTrait) -> Result<Known, DbErr> {
    let Taxonomy {
        outcomes,
        priorities,
    } = taxonomy::all(db).await?;
    Ok(Known {
        locales: crate::i18n_support::locale_codes()
            .map(str::to_owned)
            .collect(),
        outcomes: outcomes.into_iter().map(|o| o.key).collect(),
        // Priorities are named by their number ("1" to "5").
        priorities: priorities
            .into_iter()
            .map(|p| p.number.to_string())
            .collect(),
    })
}

/// A stored survey as a document, with ids kept for saving back. Keys are
/// `p1…` and `q1…` in survey order, so the same survey always exports the
/// same file.
pub async fn of_survey(
    db: &impl ConnectionTrait,
    loaded: &Loaded,
) -> Result<SurveyDefinition, DbErr> {
    let ids: Vec<i32> = loaded.questions().map(|(q, _)| q.id).collect();
    let tags = |rows: Vec<(i32, String)>| {
        let mut by_question: HashMap<i32, Vec<String>> = HashMap::new();
        for (question, key) in rows {
            by_question.entry(question).or_default().push(key);
        }
        by_question
    };
    let outcomes = tags(
        question_outcome::Entity::find()
            .select_only()
            .column(question_outcome::Column::QuestionId)
            .column(outcome::Column::Key)
            .join(
                sea_orm::JoinType::InnerJoin,
                question_outcome::Entity::belongs_to(outcome::Entity)
                    .from(question_outcome::Column::OutcomeId)
                    .to(outcome::Column::Id)
                    .into(),
            )
            .filter(question_outcome::Column::QuestionId.is_in(ids.clone()))
            .order_by_asc(outcome::Column::Position)
            .into_tuple()
            .all(db)
            .await?,
    );
    let numbered: Vec<(i32, i32)> = question_priority::Entity::find()
        .select_only()
        .column(question_priority::Column::QuestionId)
        .column(priority::Column::Number)
        .join(
            sea_orm::JoinType::InnerJoin,
            question_priority::Entity::belongs_to(priority::Entity)
                .from(question_priority::Column::PriorityId)
                .to(priority::Column::Id)
                .into(),
        )
        .filter(question_priority::Column::QuestionId.is_in(ids))
        .order_by_asc(priority::Column::Number)
        .into_tuple()
        .all(db)
        .await?;
    let priorities = tags(
        numbered
            .into_iter()
            .map(|(q, n)| (q, n.to_string()))
            .collect(),
    );
    let key_of: HashMap<i32, String> = loaded
        .questions()
        .enumerate()
        .map(|(n, (q, _))| (q.id, question_key(n + 1)))
        .collect();
    let conditions = |list: Option<&survey_page::Conditions>| -> Vec<ConditionDefinition> {
        list.map(|c| c.0.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|c| ConditionDefinition {
                question: key_of.get(&c.question).cloned().unwrap_or_default(),
                op: c.op,
                value: c.value.clone(),
            })
            .collect()
    };
    let s = &loaded.survey;
    let mut number = 0;
    let pages = loaded
        .pages
        .iter()
        .enumerate()
        .map(|(p, (page, questions))| PageDefinition {
            key: format!("p{}", p + 1),
            id: Some(page.id),
            title: page.title.clone().unwrap_or_default(),
            introduction: page.introduction.clone().unwrap_or_default(),
            show_if: conditions(page.show_if.as_ref()),
            questions: questions
                .iter()
                .map(|(q, options)| {
                    number += 1;
                    QuestionDefinition {
                        key: question_key(number),
                        id: Some(q.id),
                        kind: q.kind.clone(),
                        prompt: q.prompt.clone(),
                        help: q.help_text.clone().unwrap_or_default(),
                        required: q.required,
                        max_length: q.max_length.and_then(|m| u32::try_from(m).ok()),
                        min_value: q.min_value,
                        max_value: q.max_value,
                        show_if: conditions(q.show_if.as_ref()),
                        options: options
                            .iter()
                            .map(|o| OptionDefinition {
                                value: o.value.clone(),
                                id: Some(o.id),
                                label: o.label.clone(),
                                special: o.special.clone(),
                                image: o.image.clone(),
                                image_alt: o.image_alt.clone().unwrap_or_default(),
                            })
                            .collect(),
                        outcomes: outcomes.get(&q.id).cloned().unwrap_or_default(),
                        priorities: priorities.get(&q.id).cloned().unwrap_or_default(),
                        archived: q.archived,
                    }
                })
                .collect(),
        })
        .collect();
    Ok(SurveyDefinition {
        format: FORMAT.to_owned(),
        version: VERSION,
        slug: s.slug.clone(),
        default_locale: s.default_locale.clone(),
        title: s.title.clone(),
        introduction: s.introduction.clone(),
        views_statement: s.views_statement.clone(),
        estimated_minutes: u32::try_from(s.estimated_minutes).unwrap_or(1),
        opens_on: s.opens_at.map(|at| at.date_naive().to_string()),
        closes_on: s.closes_at.map(|at| at.date_naive().to_string()),
        pages,
    })
}

/// The document without any database ids: what a file holds, and what a
/// copy starts from.
pub fn without_ids(mut def: SurveyDefinition) -> SurveyDefinition {
    for page in &mut def.pages {
        page.id = None;
        for q in &mut page.questions {
            q.id = None;
            for o in &mut q.options {
                o.id = None;
            }
        }
    }
    def
}

/// Why a definition could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The document has problems; nothing was written.
    #[error("the survey has {} problems", .0.len())]
    Invalid(Vec<Located>),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<DbErr> for SaveError {
    fn from(err: DbErr) -> Self {
        SaveError::App(err.into())
    }
}

/// Midnight UTC of a checked `YYYY-MM-DD`.
fn day(date: Option<&str>) -> Option<chrono::DateTime<Utc>> {
    let (y, m, d) = parse_date(date?)?;
    NaiveDate::from_ymd_opt(y, m, d)?
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
}

/// A slug not yet taken: `base`, else `base-2`, `base-3`, …
pub async fn free_slug(db: &impl ConnectionTrait, base: &str) -> Result<String, DbErr> {
    let base: String = base.chars().take(50).collect();
    let taken: HashSet<String> = survey::Entity::find()
        .filter(survey::Column::Slug.starts_with(&base))
        .select_only()
        .column(survey::Column::Slug)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut slug = base.clone();
    let mut n = 1;
    while taken.contains(&slug) {
        n += 1;
        slug = format!("{base}-{n}");
    }
    Ok(slug)
}

/// Adds `def` as a new draft survey (import, duplicate, a new survey). Its
/// slug must be free. Ids in `def` are ignored.
pub async fn insert(
    db: &impl ConnectionTrait,
    def: &SurveyDefinition,
) -> Result<survey::Model, SaveError> {
    let def = without_ids(def.clone());
    let problems = check(&def, &known(db).await?);
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    if survey::Entity::find()
        .filter(survey::Column::Slug.eq(&def.slug))
        .one(db)
        .await?
        .is_some()
    {
        return Err(SaveError::Invalid(vec![Located {
            path: "slug".into(),
            problem: Problem::Duplicate(def.slug.clone()),
        }]));
    }
    let now = Utc::now();
    let row = survey::ActiveModel {
        id: NotSet,
        slug: Set(def.slug.clone()),
        default_locale: Set(def.default_locale.clone()),
        title: Set(def.title.clone()),
        introduction: Set(def.introduction.clone()),
        views_statement: Set(def.views_statement.clone()),
        estimated_minutes: Set(i32::try_from(def.estimated_minutes).unwrap_or(1)),
        status: Set(survey::Status::Draft),
        opens_at: Set(day(def.opens_on.as_deref())),
        closes_at: Set(day(def.closes_on.as_deref())),
        created_at: Set(now),
        updated_at: Set(now),
        withdrawn_count: Set(0),
    }
    .insert(db)
    .await?;
    write_structure(db, row.id, &def, &Stored::default()).await?;
    Ok(row)
}

/// What a survey holds now, for saving over it.
#[derive(Debug, Default)]
pub(super) struct Stored {
    pub(super) pages: HashSet<i32>,
    /// Question id → (kind, option ids).
    pub(super) questions: HashMap<i32, (String, HashSet<i32>)>,
    /// Questions and options that have answers.
    pub(super) answered_questions: HashSet<i32>,
    pub(super) answered_options: HashSet<i32>,
}

async fn stored(db: &impl ConnectionTrait, loaded: &Loaded) -> Result<Stored, DbErr> {
    let ids: Vec<i32> = loaded.questions().map(|(q, _)| q.id).collect();
    let answered: Vec<(i32, Option<i32>)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column(answer::Column::OptionId)
        .filter(answer::Column::QuestionId.is_in(ids))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(Stored {
        pages: loaded.pages.iter().map(|(p, _)| p.id).collect(),
        questions: loaded
            .questions()
            .map(|(q, options)| {
                (
                    q.id,
                    (q.kind.clone(), options.iter().map(|o| o.id).collect()),
                )
            })
            .collect(),
        answered_questions: answered.iter().map(|(q, _)| *q).collect(),
        answered_options: answered.iter().filter_map(|(_, o)| *o).collect(),
    })
}

/// Which of this survey's questions have answers (for the builder's words).
pub async fn answered_questions(
    db: &impl ConnectionTrait,
    loaded: &Loaded,
) -> Result<HashSet<i32>, DbErr> {
    Ok(stored(db, loaded).await?.answered_questions)
}

/// Saves an edited `def` over survey `loaded`, in the caller's transaction.
/// Refuses, writing nothing, if it has problems or would orphan answers.
pub async fn save(
    db: &impl ConnectionTrait,
    loaded: &Loaded,
    def: &SurveyDefinition,
) -> Result<(), SaveError> {
    let mut problems = check(def, &known(db).await?);
    let before = stored(db, loaded).await?;
    if def.slug != loaded.survey.slug
        && survey::Entity::find()
            .filter(survey::Column::Slug.eq(&def.slug))
            .one(db)
            .await?
            .is_some()
    {
        problems.push(Located {
            path: "slug".into(),
            problem: Problem::Duplicate(def.slug.clone()),
        });
    }
    problems.extend(orphaned_answers(def, &before));
    if !problems.is_empty() {
        return Err(SaveError::Invalid(problems));
    }
    survey::Entity::update_many()
        .col_expr(survey::Column::Slug, Expr::value(def.slug.clone()))
        .col_expr(
            survey::Column::DefaultLocale,
            Expr::value(def.default_locale.clone()),
        )
        .col_expr(survey::Column::Title, Expr::value(json(&def.title)))
        .col_expr(
            survey::Column::Introduction,
            Expr::value(json(&def.introduction)),
        )
        .col_expr(
            survey::Column::ViewsStatement,
            Expr::value(json(&def.views_statement)),
        )
        .col_expr(
            survey::Column::EstimatedMinutes,
            Expr::value(i32::try_from(def.estimated_minutes).unwrap_or(1)),
        )
        .col_expr(
            survey::Column::OpensAt,
            Expr::value(day(def.opens_on.as_deref())),
        )
        .col_expr(
            survey::Column::ClosesAt,
            Expr::value(day(def.closes_on.as_deref())),
        )
        .col_expr(survey::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(survey::Column::Id.eq(loaded.survey.id))
        .exec(db)
        .await?;
    write_structure(db, loaded.survey.id, def, &before).await?;
    Ok(())
}

fn json(text: &LocalizedText) -> serde_json::Value {
    serde_json::to_value(text).unwrap_or_default()
}

/// Edits that would leave answers pointing at nothing.
fn orphaned_answers(def: &SurveyDefinition, before: &Stored) -> Vec<Located> {
    let mut problems = Vec::new();
    let mut kept_questions = HashSet::new();
    for (p, page) in def.pages.iter().enumerate() {
        for (q, question) in page.questions.iter().enumerate() {
            let Some(id) = question.id else { continue };
            kept_questions.insert(id);
            let path = format!("pages[{p}].questions[{q}]");
            let answered = before.answered_questions.contains(&id);
            if let Some((kind, options)) = before.questions.get(&id) {
                if answered && *kind != question.kind {
                    problems.push(Located {
                        path: format!("{path}.kind"),
                        problem: Problem::AnsweredKind,
                    });
                }
                let kept: HashSet<i32> = question.options.iter().filter_map(|o| o.id).collect();
                if options
                    .iter()
                    .any(|o| !kept.contains(o) && before.answered_options.contains(o))
                {
                    problems.push(Located {
                        path: format!("{path}.options"),
                        problem: Problem::AnsweredOption,
                    });
                }
            }
        }
    }
    for id in &before.answered_questions {
        if before.questions.contains_key(id) && !kept_questions.contains(id) {
            problems.push(Located {
                path: "pages".into(),
                problem: Problem::AnsweredQuestion,
            });
        }
    }
    problems
}

/// Locks survey `id` until the transaction ends, so two officers' edits
/// queue rather than overwrite each other (SQLite's IMMEDIATE transaction
/// already does).
pub async fn lock(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        survey::Entity::find_by_id(id)
            .lock_exclusive()
            .one(db)
            .await?;
    }
    Ok(())
}

/// Loads survey `id` for an officer (any status).
pub async fn load_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Loaded, AppError> {
    let survey = survey::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    loaded::load(db, survey).await
}
