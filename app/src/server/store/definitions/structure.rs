//! Writing a definition's pages, questions, options and tags over the
//! stored rows, by id: the half of saving that touches every table.

use super::Stored;
use crate::{
    domain::{
        branching::Condition,
        definition::{ConditionDefinition, OptionDefinition, QuestionDefinition, SurveyDefinition},
        localized::LocalizedText,
    },
    server::{
        entities::{question, question_option, question_outcome, question_priority, survey_page},
        store::base::taxonomy::{self, Taxonomy},
    },
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    QueryFilter, sea_query::Expr,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Writes pages, questions, options and tags of `def` for survey
/// `survey_id`: updating rows that kept their ids, inserting new ones and
/// deleting what is gone.
pub(super) async fn write_structure(
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
    let Taxonomy {
        outcomes,
        priorities,
    } = taxonomy::all(db).await?;
    Ok(Tags {
        outcomes: outcomes.into_iter().map(|o| (o.key, o.id)).collect(),
        priorities: priorities
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
