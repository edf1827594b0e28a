//! Reading surveys for respondents.

use crate::{
    domain::{
        definition::question_key,
        localized::LocalizedText,
        survey::{
            Label, OptionImage, OptionView, PageView, QuestionKind, QuestionView, Special,
            SurveyForm, SurveySummary,
        },
    },
    error::AppError,
    server::entities::{question, question_option, survey, survey_page},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, LoaderTrait, QueryFilter, QueryOrder,
};

/// A question with its options, as stored.
pub type StoredQuestion = (question::Model, Vec<question_option::Model>);

/// A survey with its pages, questions and options, as stored, in survey order.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub survey: survey::Model,
    pub pages: Vec<(survey_page::Model, Vec<StoredQuestion>)>,
}

impl Loaded {
    /// Every question with its options, in survey order.
    pub fn questions(&self) -> impl Iterator<Item = &StoredQuestion> {
        self.pages.iter().flat_map(|(_, qs)| qs.iter())
    }

    /// The survey as a respondent reading `locale` sees it.
    pub fn form(&self, locale: &str) -> SurveyForm {
        let s = &self.survey;
        let text = |t: &LocalizedText| s.text(t, locale);
        // Keys count every question, archived ones too, as an export does.
        let keys: std::collections::HashMap<i32, String> = self
            .questions()
            .enumerate()
            .map(|(n, (q, _))| (q.id, question_key(n + 1)))
            .collect();
        let optional =
            |t: &Option<LocalizedText>| t.as_ref().map(text).filter(|r| !r.text.is_empty());
        SurveyForm {
            slug: s.slug.clone(),
            title: text(&s.title),
            introduction: text(&s.introduction),
            views_statement: text(&s.views_statement),
            estimated_minutes: u32::try_from(s.estimated_minutes).unwrap_or(0),
            accepting: s.is_accepting(Utc::now()),
            pages: self
                .pages
                .iter()
                .map(|(page, questions)| PageView {
                    id: page.id,
                    title: optional(&page.title),
                    introduction: optional(&page.introduction),
                    show_if: page.show_if.clone().unwrap_or_default().0,
                    questions: questions
                        .iter()
                        // Archived questions keep their answers but are not asked.
                        .filter(|(q, _)| !q.archived)
                        .filter_map(|(q, options)| {
                            // A kind this build does not know is skipped rather
                            // than shown broken; it cannot be answered either.
                            let kind = QuestionKind::parse(&q.kind)?;
                            Some(QuestionView {
                                id: q.id,
                                key: keys.get(&q.id).cloned().unwrap_or_default(),
                                kind,
                                prompt: text(&q.prompt),
                                help: optional(&q.help_text),
                                required: q.required,
                                max_length: q.max_length.and_then(|m| usize::try_from(m).ok()),
                                min_value: q.min_value,
                                max_value: q.max_value,
                                options: options
                                    .iter()
                                    .map(|o| option_view(kind, o, &text))
                                    .collect(),
                                show_if: q.show_if.clone().unwrap_or_default().0,
                            })
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The stored option id for `value` of question `question_id`.
    pub fn option_id(&self, question_id: i32, value: &str) -> Option<i32> {
        self.questions()
            .find(|(q, _)| q.id == question_id)
            .and_then(|(_, options)| options.iter().find(|o| o.value == value))
            .map(|o| o.id)
    }
}

/// An option as shown: an officer's label, or the standard label of a scale
/// or special answer when the officer wrote none.
pub(crate) fn option_view(
    kind: QuestionKind,
    o: &question_option::Model,
    text: &impl Fn(&LocalizedText) -> crate::domain::localized::Resolved,
) -> OptionView {
    let special = o.special.as_deref().and_then(Special::parse);
    let written = text(&o.label);
    let label = if !written.text.is_empty() {
        Label::Text(written)
    } else if let Some(special) = special {
        Label::Special(special)
    } else {
        Label::Scale(kind, o.value.clone())
    };
    OptionView {
        value: o.value.clone(),
        label,
        special,
        image: o.image.as_ref().map(|src| OptionImage {
            src: src.clone(),
            alt: o.image_alt.as_ref().map(text).unwrap_or_default(),
        }),
    }
}

/// Surveys taking answers now, newest first.
pub async fn open_surveys(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<Vec<SurveySummary>, DbErr> {
    use crate::server::entities::dropin_session;
    use sea_orm::sea_query::Query;
    let now = Utc::now();
    // A drop-in's feedback form is reached from its session's link or
    // kiosk, not from the list of surveys.
    let feedback_forms = Query::select()
        .distinct()
        .column(dropin_session::Column::SurveyId)
        .from(dropin_session::Entity)
        .to_owned();
    let surveys = survey::Entity::find()
        .filter(survey::Column::Status.eq(survey::Status::Open))
        .filter(survey::Column::Id.not_in_subquery(feedback_forms))
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

/// Every survey with its number of responses, newest first, for officers.
/// Counting is one grouped query, whatever the number of surveys.
pub async fn with_response_counts(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<Vec<crate::domain::officer::SurveyRow>, DbErr> {
    use crate::server::entities::response;
    use sea_orm::{
        QuerySelect,
        sea_query::{Expr, ExprTrait},
    };
    let counts: std::collections::HashMap<i32, i64> = response::Entity::find()
        .select_only()
        .column(response::Column::SurveyId)
        .column_as(Expr::col(response::Column::Id).count(), "n")
        .group_by(response::Column::SurveyId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let surveys = survey::Entity::find()
        .order_by_desc(survey::Column::CreatedAt)
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?;
    Ok(surveys
        .into_iter()
        .map(|s| crate::domain::officer::SurveyRow {
            id: s.id,
            title: s.text(&s.title, locale),
            status: s.status.into(),
            responses: counts.get(&s.id).copied().unwrap_or(0).unsigned_abs(),
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
    load(db, survey).await
}

/// Loads a survey's pages, questions and options.
pub async fn load(db: &impl ConnectionTrait, survey: survey::Model) -> Result<Loaded, AppError> {
    let pages = survey_page::Entity::find()
        .filter(survey_page::Column::SurveyId.eq(survey.id))
        .order_by_asc(survey_page::Column::Position)
        .all(db)
        .await?;
    let questions = question::Entity::find()
        .filter(question::Column::SurveyId.eq(survey.id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let mut options = questions.load_many(question_option::Entity, db).await?;
    for list in &mut options {
        list.sort_by_key(|o| o.position);
    }
    let mut questions: Vec<StoredQuestion> = questions.into_iter().zip(options).collect();
    let pages = pages
        .into_iter()
        .map(|page| {
            let (here, rest) = questions
                .drain(..)
                .partition(|(q, _)| q.page_id == Some(page.id));
            questions = rest;
            (page, here)
        })
        .collect();
    Ok(Loaded { survey, pages })
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
