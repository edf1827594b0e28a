//! Reading surveys for respondents.

use crate::{
    domain::{
        localized::LocalizedText,
        survey::{OptionView, QuestionKind, QuestionView, SurveyForm, SurveySummary},
    },
    error::AppError,
    server::entities::{question, question_option, survey},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, LoaderTrait, QueryFilter, QueryOrder,
};

/// A survey with its questions and options, as stored, in survey order.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub survey: survey::Model,
    pub questions: Vec<(question::Model, Vec<question_option::Model>)>,
}

impl Loaded {
    /// The survey as a respondent reading `locale` sees it.
    pub fn form(&self, locale: &str) -> SurveyForm {
        let s = &self.survey;
        let text = |t: &LocalizedText| s.text(t, locale);
        SurveyForm {
            slug: s.slug.clone(),
            title: text(&s.title),
            introduction: text(&s.introduction),
            views_statement: text(&s.views_statement),
            estimated_minutes: u32::try_from(s.estimated_minutes).unwrap_or(0),
            questions: self
                .questions
                .iter()
                .filter_map(|(q, options)| {
                    // A kind this build does not know is skipped rather than
                    // shown broken; it cannot be answered or stored either.
                    let kind = QuestionKind::parse(&q.kind)?;
                    Some(QuestionView {
                        id: q.id,
                        kind,
                        prompt: text(&q.prompt),
                        help: q
                            .help_text
                            .as_ref()
                            .map(text)
                            .filter(|h| !h.text.is_empty()),
                        required: q.required,
                        max_length: q.max_length.and_then(|m| usize::try_from(m).ok()),
                        options: options
                            .iter()
                            .map(|o| OptionView {
                                value: o.value.clone(),
                                label: text(&o.label),
                            })
                            .collect(),
                    })
                })
                .collect(),
        }
    }

    /// The stored option id for `value` of question `question_id`.
    pub fn option_id(&self, question_id: i32, value: &str) -> Option<i32> {
        self.questions
            .iter()
            .find(|(q, _)| q.id == question_id)
            .and_then(|(_, options)| options.iter().find(|o| o.value == value))
            .map(|o| o.id)
    }
}

/// Surveys taking answers now, newest first.
pub async fn open_surveys(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<Vec<SurveySummary>, DbErr> {
    let now = Utc::now();
    let surveys = survey::Entity::find()
        .filter(survey::Column::Status.eq(survey::Status::Open))
        .order_by_desc(survey::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(surveys
        .into_iter()
        .filter(|s| s.is_accepting(now))
        .map(|s| SurveySummary {
            title: s.text(&s.title, locale),
            estimated_minutes: u32::try_from(s.estimated_minutes).unwrap_or(0),
            slug: s.slug,
        })
        .collect())
}

/// Loads a published (open or closed) survey by slug; drafts are not public.
pub async fn load_public(db: &impl ConnectionTrait, slug: &str) -> Result<Loaded, AppError> {
    let survey = survey::Entity::find()
        .filter(survey::Column::Slug.eq(slug))
        .filter(survey::Column::Status.ne(survey::Status::Draft))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let questions = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let mut options = questions.load_many(question_option::Entity, db).await?;
    for list in &mut options {
        list.sort_by_key(|o| o.position);
    }
    Ok(Loaded {
        survey,
        questions: questions.into_iter().zip(options).collect(),
    })
}

/// Loads a survey that takes answers now.
pub async fn load_accepting(db: &impl ConnectionTrait, slug: &str) -> Result<Loaded, AppError> {
    let loaded = load_public(db, slug).await?;
    if loaded.survey.is_accepting(Utc::now()) {
        Ok(loaded)
    } else {
        Err(AppError::SurveyClosed)
    }
}
