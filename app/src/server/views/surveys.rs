//! Surveys as people see them: the respondent's form in their language,
//! the list of open surveys, and the officers' list with response counts.

use crate::{
    domain::{
        definition::question_key,
        localized::{LocalizedText, Resolved},
        officer::SurveyRow,
        survey::{
            Label, OptionImage, OptionView, PageView, QuestionKind, QuestionView, Special,
            SurveyForm, SurveySummary,
        },
    },
    server::{
        entities::question_option,
        store::surveys::{self, Loaded},
    },
};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};

/// Surveys taking answers now, newest first, titled in `locale`.
pub async fn open_surveys(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<Vec<SurveySummary>, DbErr> {
    Ok(surveys::open_surveys(db)
        .await?
        .into_iter()
        .map(|s| SurveySummary {
            title: s.text(&s.title, locale),
            estimated_minutes: u32::try_from(s.estimated_minutes).unwrap_or(0),
            slug: s.slug,
        })
        .collect())
}

/// Every survey with its number of responses, newest first, for officers.
pub async fn with_response_counts(
    db: &impl ConnectionTrait,
    locale: &str,
) -> Result<Vec<SurveyRow>, DbErr> {
    Ok(surveys::with_response_counts(db)
        .await?
        .into_iter()
        .map(|(s, responses)| SurveyRow {
            id: s.id,
            title: s.text(&s.title, locale),
            status: s.status.into(),
            responses,
            slug: s.slug,
        })
        .collect())
}

impl Loaded {
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
}

/// An option as shown: an officer's label, or the standard label of a scale
/// or special answer when the officer wrote none.
pub fn option_view(
    kind: QuestionKind,
    o: &question_option::Model,
    text: &impl Fn(&LocalizedText) -> Resolved,
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
