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
        branching::Condition,
        definition::{
            ConditionDefinition, FORMAT, Known, Located, OptionDefinition, PageDefinition, Problem,
            QuestionDefinition, SurveyDefinition, VERSION, check, parse_date, question_key,
        },
        localized::LocalizedText,
    },
    server::{
        entities::{
            answer, outcome, priority, question, question_option, question_outcome,
            question_priority, survey, survey_page,
        },
        store::surveys::{self, Loaded},
    },
};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What this installation's definitions may refer to.
pub async fn known(db: &impl ConnectionTrait) -> Result<Known, DbErr> {
    let outcomes = outcome::Entity::find()
        .order_by_asc(outcome::Column::Position)
        .all(db)
        .await?;
    let priorities = priority::Entity::find()
        .order_by_asc(priority::Column::Number)
        .all(db)
        .await?;
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
struct Stored {
    pages: HashSet<i32>,
    /// Question id → (kind, option ids).
    questions: HashMap<i32, (String, HashSet<i32>)>,
    /// Questions and options that have answers.
    answered_questions: HashSet<i32>,
    answered_options: HashSet<i32>,
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

/// Writes pages, questions, options and tags of `def` for survey
/// `survey_id`: updating rows that kept their ids, inserting new ones and
/// deleting what is gone.
async fn write_structure(
    db: &impl ConnectionTrait,
    survey_id: i32,
    def: &SurveyDefinition,
    before: &Stored,
) -> Result<(), DbErr> {
    let tags = known_tags(db).await?;
    // Questions first get their ids, so rules can name them.
    let mut page_ids = Vec::new();
    for (position, page) in def.pages.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        let row = survey_page::ActiveModel {
            id: page
                .id
                .filter(|id| before.pages.contains(id))
                .map_or(NotSet, Set),
            survey_id: Set(survey_id),
            position: Set(position),
            title: Set(Some(page.title.clone()).filter(|t| !t.0.is_empty())),
            introduction: Set(Some(page.introduction.clone()).filter(|t| !t.0.is_empty())),
            show_if: Set(None),
        };
        let saved = if row.id.is_set() {
            row.update(db).await?
        } else {
            row.insert(db).await?
        };
        page_ids.push(saved.id);
    }
    let mut question_ids: BTreeMap<String, i32> = BTreeMap::new();
    let mut kept_questions = HashSet::new();
    let mut position = 0;
    for (page, page_id) in def.pages.iter().zip(&page_ids) {
        for q in &page.questions {
            position += 1;
            let existing = q.id.filter(|id| before.questions.contains_key(id));
            let row = question::ActiveModel {
                id: existing.map_or(NotSet, Set),
                survey_id: Set(survey_id),
                position: Set(position),
                kind: Set(q.kind.clone()),
                prompt: Set(q.prompt.clone()),
                help_text: Set(Some(q.help.clone()).filter(|t| !t.0.is_empty())),
                required: Set(q.required),
                max_length: Set(q.max_length.and_then(|m| i32::try_from(m).ok())),
                page_id: Set(Some(*page_id)),
                show_if: Set(None),
                min_value: Set(q.min_value),
                max_value: Set(q.max_value),
                archived: Set(q.archived),
            };
            let saved = if existing.is_some() {
                row.update(db).await?
            } else {
                row.insert(db).await?
            };
            kept_questions.insert(saved.id);
            question_ids.insert(q.key.clone(), saved.id);
            write_options(db, saved.id, q, before).await?;
            write_tags(db, saved.id, q, &tags).await?;
        }
    }
    // Now the rules, by the ids the keys received.
    let conditions = |list: &[ConditionDefinition]| {
        Some(survey_page::Conditions(
            list.iter()
                .map(|c| Condition {
                    question: question_ids.get(&c.question).copied().unwrap_or(0),
                    op: c.op,
                    value: c.value.clone(),
                })
                .collect(),
        ))
        .filter(|c| !c.0.is_empty())
    };
    for (page, page_id) in def.pages.iter().zip(&page_ids) {
        survey_page::Entity::update_many()
            .col_expr(
                survey_page::Column::ShowIf,
                Expr::value(
                    conditions(&page.show_if).map(|c| serde_json::to_value(c).unwrap_or_default()),
                ),
            )
            .filter(survey_page::Column::Id.eq(*page_id))
            .exec(db)
            .await?;
        for q in &page.questions {
            if let Some(id) = question_ids.get(&q.key) {
                question::Entity::update_many()
                    .col_expr(
                        question::Column::ShowIf,
                        Expr::value(
                            conditions(&q.show_if)
                                .map(|c| serde_json::to_value(c).unwrap_or_default()),
                        ),
                    )
                    .filter(question::Column::Id.eq(*id))
                    .exec(db)
                    .await?;
            }
        }
    }
    // What the document no longer has (never anything with answers: refused above).
    let gone_questions: Vec<i32> = before
        .questions
        .keys()
        .filter(|id| !kept_questions.contains(id))
        .copied()
        .collect();
    if !gone_questions.is_empty() {
        question::Entity::delete_many()
            .filter(question::Column::Id.is_in(gone_questions))
            .exec(db)
            .await?;
    }
    let kept_pages: HashSet<i32> = page_ids.iter().copied().collect();
    let gone_pages: Vec<i32> = before
        .pages
        .iter()
        .filter(|id| !kept_pages.contains(id))
        .copied()
        .collect();
    if !gone_pages.is_empty() {
        survey_page::Entity::delete_many()
            .filter(survey_page::Column::Id.is_in(gone_pages))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn write_options(
    db: &impl ConnectionTrait,
    question_id: i32,
    q: &QuestionDefinition,
    before: &Stored,
) -> Result<(), DbErr> {
    let had: HashSet<i32> = before
        .questions
        .get(&question_id)
        .map(|(_, o)| o.clone())
        .unwrap_or_default();
    let kind = crate::domain::survey::QuestionKind::parse(&q.kind);
    // A standard scale stores its fixed values when the document lists none.
    let options: Vec<OptionDefinition> = match kind.and_then(|k| k.standard_values()) {
        Some(standard) if q.options.is_empty() => standard
            .iter()
            .map(|v| OptionDefinition {
                value: (*v).to_owned(),
                id: None,
                label: LocalizedText::default(),
                special: None,
                image: None,
                image_alt: LocalizedText::default(),
            })
            .collect(),
        _ if kind.is_some_and(|k| !k.has_options()) => Vec::new(),
        _ => q.options.clone(),
    };
    // Removed options go first, so a new option may reuse a removed value.
    let kept: HashSet<i32> = options
        .iter()
        .filter_map(|o| o.id)
        .filter(|id| had.contains(id))
        .collect();
    let gone: Vec<i32> = had
        .iter()
        .filter(|id| !kept.contains(id))
        .copied()
        .collect();
    if !gone.is_empty() {
        question_option::Entity::delete_many()
            .filter(question_option::Column::Id.is_in(gone))
            .exec(db)
            .await?;
    }
    for (position, o) in options.iter().enumerate() {
        let existing = o.id.filter(|id| had.contains(id));
        let row = question_option::ActiveModel {
            id: existing.map_or(NotSet, Set),
            question_id: Set(question_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            value: Set(o.value.clone()),
            label: Set(o.label.clone()),
            special: Set(o.special.clone()),
            image: Set(o.image.clone()),
            image_alt: Set(Some(o.image_alt.clone()).filter(|t| !t.0.is_empty())),
        };
        if existing.is_some() {
            row.update(db).await?;
        } else {
            row.insert(db).await?;
        }
    }
    Ok(())
}

/// Outcome and priority ids by key.
struct Tags {
    outcomes: HashMap<String, i32>,
    priorities: HashMap<String, i32>,
}

async fn known_tags(db: &impl ConnectionTrait) -> Result<Tags, DbErr> {
    Ok(Tags {
        outcomes: outcome::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.key, o.id))
            .collect(),
        priorities: priority::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.number.to_string(), p.id))
            .collect(),
    })
}

async fn write_tags(
    db: &impl ConnectionTrait,
    question_id: i32,
    q: &QuestionDefinition,
    tags: &Tags,
) -> Result<(), DbErr> {
    question_outcome::Entity::delete_many()
        .filter(question_outcome::Column::QuestionId.eq(question_id))
        .exec(db)
        .await?;
    question_priority::Entity::delete_many()
        .filter(question_priority::Column::QuestionId.eq(question_id))
        .exec(db)
        .await?;
    for id in q.outcomes.iter().filter_map(|k| tags.outcomes.get(k)) {
        question_outcome::ActiveModel {
            question_id: Set(question_id),
            outcome_id: Set(*id),
        }
        .insert(db)
        .await?;
    }
    for id in q.priorities.iter().filter_map(|k| tags.priorities.get(k)) {
        question_priority::ActiveModel {
            question_id: Set(question_id),
            priority_id: Set(*id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Survey `id` as the builder shows it to `officer`.
pub async fn builder_view(
    db: &impl ConnectionTrait,
    officer: crate::domain::roles::OfficerView,
    id: i32,
    locale: &str,
) -> Result<crate::domain::builder::BuilderView, AppError> {
    let loaded = load_by_id(db, id).await?;
    let def = of_survey(db, &loaded).await?;
    let mut answered: Vec<i32> = answered_questions(db, &loaded).await?.into_iter().collect();
    answered.sort_unstable();
    let s = &loaded.survey;
    let outcomes = outcome::Entity::find()
        .filter(outcome::Column::Retired.eq(false))
        .order_by_asc(outcome::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.key.clone(), o.title.resolve(locale, &s.default_locale)))
        .collect();
    let priorities = priority::Entity::find()
        .filter(priority::Column::Retired.eq(false))
        .order_by_asc(priority::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.number.to_string(),
                p.title.resolve(locale, &s.default_locale),
            )
        })
        .collect();
    Ok(crate::domain::builder::BuilderView {
        officer,
        id: s.id,
        status: s.status.into(),
        def,
        answered,
        outcomes,
        priorities,
    })
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
    surveys::load(db, survey).await
}
