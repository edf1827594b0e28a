//! Results as pages show them: the public results, one question's summary
//! (the evidence behind an action) and the choices a filter offers, made
//! under the suppression rules from counts the store returns.

use crate::{
    domain::{
        localized::LocalizedText,
        results::{ChoiceQuestion, QuestionSummary, ResultsQuery},
        suppression::{Audience, Rules},
        survey::{OptionResult, QuestionKind, QuestionResults, SurveyResults},
    },
    error::AppError,
    server::{
        entities::theme,
        store::{
            answers::tallies,
            base::segment::Segment,
            comments,
            counts::{self, Counts},
            surveys::{Loaded, StoredQuestion},
        },
        views::surveys::option_view,
    },
};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Answers per option and people per question for `questions` in the
/// segment: for everyone, the tallies kept as answers are written; for a
/// segment, counted from the answers.
pub async fn counts(
    db: &impl ConnectionTrait,
    questions: &[(i32, QuestionKind)],
    segment: &Segment,
) -> Result<Counts, AppError> {
    if !segment.is_everyone() {
        return counts::in_segment(db, questions, segment).await;
    }
    let ids: Vec<i32> = questions.iter().map(|(q, _)| *q).collect();
    let (per_option, answered) = tallies::read(db, &ids).await?;
    let u = |m: HashMap<i32, i64>| {
        m.into_iter()
            .map(|(k, n)| (k, counts::count_u64(n)))
            .collect()
    };
    Ok(Counts {
        per_option: u(per_option),
        answered: u(answered),
    })
}

/// Counts for every choice question of `survey`, as the public sees them.
pub async fn survey_results(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    threshold: u64,
) -> Result<SurveyResults, AppError> {
    let rules = Rules::new(threshold, Audience::Public);
    let s = &survey.survey;
    let everyone = Segment::default();
    let total = counts::response_count(db, s.id, &everyone).await?;
    let choice: Vec<&StoredQuestion> = choice_questions(survey).collect();
    let kinds: Vec<(i32, QuestionKind)> = counts::kinds(survey)
        .into_iter()
        .filter(|(_, k)| k.has_options())
        .collect();
    let Counts {
        per_option: counts,
        answered: bases,
    } = self::counts(db, &kinds, &everyone).await?;
    let text = |t: &LocalizedText| s.text(t, locale);
    let questions = choice
        .into_iter()
        .filter_map(|(q, options)| {
            let kind = QuestionKind::parse(&q.kind)?;
            let values: Vec<u64> = options
                .iter()
                .map(|o| counts.get(&o.id).copied().unwrap_or(0))
                .collect();
            let base = bases.get(&q.id).copied().unwrap_or(0);
            let list = rules.list(&values, base, !kind.is_multiple());
            Some(QuestionResults {
                id: q.id,
                prompt: text(&q.prompt),
                options: options
                    .iter()
                    .zip(list.counts.into_iter().zip(list.percent))
                    .map(|(o, (count, percent))| OptionResult {
                        label: option_view(kind, o, &text).label,
                        count,
                        percent,
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(SurveyResults {
        slug: s.slug.clone(),
        title: text(&s.title),
        responses: rules.count(total),
        withdrawn: rules.count(u64::try_from(s.withdrawn_count).unwrap_or(0)),
        questions,
        threshold,
    })
}

/// Choice questions, in survey order, archived ones included (they keep
/// their answers).
pub(super) fn choice_questions(survey: &Loaded) -> impl Iterator<Item = &StoredQuestion> {
    survey
        .questions()
        .filter(|(q, _)| QuestionKind::parse(&q.kind).is_some_and(QuestionKind::has_options))
}

/// A choice question as a filter or cross-tab dimension offers it.
pub(super) fn choice_view(
    survey: &Loaded,
    (q, options): &StoredQuestion,
    locale: &str,
    chosen: Option<String>,
) -> Option<ChoiceQuestion> {
    let kind = QuestionKind::parse(&q.kind)?;
    let text = |t: &LocalizedText| survey.survey.text(t, locale);
    Some(ChoiceQuestion {
        id: q.id,
        prompt: text(&q.prompt),
        options: options
            .iter()
            .map(|o| (o.value.clone(), option_view(kind, o, &text).label))
            .collect(),
        chosen,
    })
}

/// Every choice question as a filter offers it, with what `query` chose.
pub fn choices(survey: &Loaded, locale: &str, query: &ResultsQuery) -> Vec<ChoiceQuestion> {
    let chosen = |id: i32| {
        query
            .filters
            .iter()
            .find(|(q, _)| *q == id)
            .map(|(_, v)| v.clone())
    };
    choice_questions(survey)
        .filter_map(|q| choice_view(survey, q, locale, chosen(q.0.id)))
        .collect()
}

/// Counts already fetched for a set of questions, to summarise each.
pub(super) struct Figures<'a> {
    pub(super) counts: &'a Counts,
    pub(super) themes: &'a [theme::Model],
    pub(super) themed: &'a HashMap<(i32, i32), u64>,
    /// For a segment, the same counts for everyone: the reader can see
    /// them, so no segment figure may differ from them by a small count.
    pub(super) everyone: Option<&'a Everyone>,
}

/// One question's list of figures, picked out of a set of counts (per
/// option) and theme counts (per theme).
type FiguresOf<'f> = dyn Fn(&Counts, &HashMap<(i32, i32), u64>) -> Vec<u64> + 'f;

/// Whether a segment's figures are made beside everyone's: a reader who
/// sees both could subtract one from the other (exact figures need not).
pub(super) fn beside_everyone(segment: &Segment, rules: Rules) -> bool {
    !segment.is_everyone() && rules.suppresses()
}

/// Everyone's counts, beside a segment's.
pub(super) struct Everyone {
    pub(super) total: u64,
    pub(super) counts: Counts,
    pub(super) themed: HashMap<(i32, i32), u64>,
}

impl Everyone {
    pub(super) async fn load(
        db: &impl ConnectionTrait,
        survey: &Loaded,
    ) -> Result<Everyone, AppError> {
        let everyone = Segment::default();
        Ok(Everyone {
            total: counts::response_count(db, survey.survey.id, &everyone).await?,
            counts: counts(db, &counts::kinds(survey), &everyone).await?,
            themed: comments::theme_counts(db, &comments::text_questions(survey), &everyone)
                .await?,
        })
    }
}

impl Figures<'_> {
    /// One question's summary as the results page and evidence show it.
    pub(super) fn summary(
        &self,
        survey: &Loaded,
        (q, options): &StoredQuestion,
        rules: Rules,
        locale: &str,
    ) -> Option<QuestionSummary> {
        let text = |t: &LocalizedText| survey.survey.text(t, locale);
        let kind = QuestionKind::parse(&q.kind)?;
        let base_in = |c: &Counts| c.answered.get(&q.id).copied().unwrap_or(0);
        let base = base_in(self.counts);
        let prompt = text(&q.prompt);
        let count = |n: u64| match self.everyone {
            Some(e) => rules.count_within(n, base_in(&e.counts)),
            None => rules.count(n),
        };
        // A list of this question's figures, beside everyone's for a segment.
        let list = |of: &FiguresOf, additive| {
            let values = of(self.counts, self.themed);
            match self.everyone {
                Some(e) => rules.list_within(
                    &values,
                    base,
                    additive,
                    &of(&e.counts, &e.themed),
                    base_in(&e.counts),
                ),
                None => rules.list(&values, base, additive),
            }
        };
        Some(if kind.has_options() {
            let per_option = |c: &Counts, _: &HashMap<(i32, i32), u64>| -> Vec<u64> {
                options
                    .iter()
                    .map(|o| c.per_option.get(&o.id).copied().unwrap_or(0))
                    .collect()
            };
            QuestionSummary::Choice {
                id: q.id,
                prompt,
                labels: options
                    .iter()
                    .map(|o| option_view(kind, o, &text).label)
                    .collect(),
                list: list(&per_option, !kind.is_multiple()),
                multiple: kind.is_multiple(),
            }
        } else if matches!(kind, QuestionKind::ShortText | QuestionKind::LongText) {
            let per_theme = |_: &Counts, themed: &HashMap<(i32, i32), u64>| -> Vec<u64> {
                self.themes
                    .iter()
                    .map(|t| themed.get(&(q.id, t.id)).copied().unwrap_or(0))
                    .collect()
            };
            QuestionSummary::Text {
                id: q.id,
                prompt,
                answers: count(base),
                themes: self.themes.iter().map(|t| t.name.clone()).collect(),
                themed: list(&per_theme, false),
            }
        } else {
            QuestionSummary::Other {
                id: q.id,
                prompt,
                answers: count(base),
            }
        })
    }
}

/// One question's figures in `segment`, as the results page shows them:
/// the evidence behind a "You said, we did" action.
pub async fn question_summary(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    question_id: i32,
    segment: &Segment,
    rules: Rules,
    locale: &str,
) -> Result<Option<QuestionSummary>, AppError> {
    let Some(question) = survey.questions().find(|(q, _)| q.id == question_id) else {
        return Ok(None);
    };
    let kind: Vec<(i32, QuestionKind)> = counts::kinds(survey)
        .into_iter()
        .filter(|(q, _)| *q == question_id)
        .collect();
    let counts = counts(db, &kind, segment).await?;
    let themes = comments::themes(db, survey.survey.id).await?;
    let themed = comments::theme_counts(db, &[question_id], segment).await?;
    // A segment's figures are made beside everyone's, which anyone can see.
    let everyone = if !beside_everyone(segment, rules) {
        None
    } else {
        let all = Segment::default();
        Some(Everyone {
            total: 0,
            counts: self::counts(db, &kind, &all).await?,
            themed: comments::theme_counts(db, &[question_id], &all).await?,
        })
    };
    let figures = Figures {
        counts: &counts,
        themes: &themes,
        themed: &themed,
        everyone: everyone.as_ref(),
    };
    Ok(figures.summary(survey, question, rules, locale))
}

/// Whether a segment holds too few responses, or all but too few, for any
/// figure of it to be shown under `rules`.
pub async fn too_few(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
    rules: Rules,
) -> Result<bool, AppError> {
    if !beside_everyone(segment, rules) {
        return Ok(false);
    }
    let n = counts::response_count(db, survey_id, segment).await?;
    let all = counts::response_count(db, survey_id, &Segment::default()).await?;
    Ok(rules.is_small(n) || rules.is_small(all.saturating_sub(n)))
}
