//! Counting answers for results, with every aggregate done in SQL: grouped
//! counts per option, per day and per cross-tab cell, narrowed to a segment
//! by subqueries on the answer table's (question, option, response) index
//! (worked out once into a temporary table for a filtered dashboard).
//! Rust only shapes the few grouped rows that come back and hands every
//! count to [`crate::domain::suppression`].

use super::surveys::{Loaded, StoredQuestion};
use crate::{
    domain::{
        localized::{LocalizedText, Resolved},
        results::{
            ChoiceQuestion, CrossTab, FFT_GROUPS, Funnel, OverTime, QuestionSummary, ResultsQuery,
            SessionFeedback, SessionLabel, SurveyDashboard,
        },
        roles::OfficerView,
        suppression::{Audience, Rules, ShownTable, TableCounts},
        survey::{OptionResult, QuestionKind, QuestionResults, SurveyResults},
    },
    error::AppError,
    server::entities::{answer, draft, dropin_response, dropin_session, response, theme},
};
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
    sea_query::{Alias, Expr, ExprTrait, Query},
};
use std::collections::HashMap;

/// The longest run of weeks drawn; older weeks are summed into the first.
const MAX_WEEKS: usize = 104;

pub use super::segment::{Segment, segment_of};

fn count_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Counts for a set of questions in a segment.
#[derive(Debug, Default)]
pub struct Counts {
    /// Answers per option id: people, since nobody picks an option twice.
    pub per_option: HashMap<i32, u64>,
    /// People who answered, per question id.
    pub answered: HashMap<i32, u64>,
}

/// Every question of `survey` with its kind, as [`counts`] takes them.
pub fn kinds(survey: &Loaded) -> Vec<(i32, QuestionKind)> {
    survey
        .questions()
        .filter_map(|(q, _)| Some((q.id, QuestionKind::parse(&q.kind)?)))
        .collect()
}

/// Answers per option and people per question for `questions`, in the
/// segment. The choice questions' grouped counts are one pass over the
/// answer index, and a single-answer choice's answers add up to the people
/// who answered it, so a second pass is needed only for multiple choices
/// (each person once) and written or numeric answers (a row each).
pub async fn counts(
    db: &impl ConnectionTrait,
    questions: &[(i32, QuestionKind)],
    segment: &Segment,
) -> Result<Counts, AppError> {
    let of = |keep: fn(&QuestionKind) -> bool| -> Vec<i32> {
        questions
            .iter()
            .filter(|(_, k)| keep(k))
            .map(|(q, _)| *q)
            .collect()
    };
    let mut counts = Counts::default();
    if segment.is_everyone() {
        // Everyone: the tallies kept as answers are written.
        let ids: Vec<i32> = questions.iter().map(|(q, _)| *q).collect();
        let (per_option, answered) = super::tallies::read(db, &ids).await?;
        let u = |m: HashMap<i32, i64>| m.into_iter().map(|(k, n)| (k, count_u64(n))).collect();
        counts.per_option = u(per_option);
        counts.answered = u(answered);
        return Ok(counts);
    }
    let choice = of(|k| k.has_options());
    if !choice.is_empty() {
        let rows: Vec<(i32, Option<i32>, i64)> = answer::Entity::find()
            .select_only()
            .column(answer::Column::QuestionId)
            .column(answer::Column::OptionId)
            // Counting a column of the index lets PostgreSQL answer from it alone.
            .column_as(answer::Column::ResponseId.count(), "n")
            .filter(answer::Column::QuestionId.is_in(choice))
            .filter(answer::Column::OptionId.is_not_null())
            .filter(segment.on(answer::Column::ResponseId))
            .group_by(answer::Column::QuestionId)
            .group_by(answer::Column::OptionId)
            .into_tuple()
            .all(db)
            .await?;
        for (question, option, n) in rows {
            let Some(option) = option else { continue };
            counts.per_option.insert(option, count_u64(n));
            *counts.answered.entry(question).or_default() += count_u64(n);
        }
    }
    // A multiple choice's answers add up to more than its people.
    let several = of(|k| k.is_multiple());
    counts.answered.retain(|q, _| !several.contains(q));
    let other = of(|k| !k.has_options());
    for (ids, distinct) in [(other, false), (several, true)] {
        counts
            .answered
            .extend(answered_counts(db, ids, distinct, segment).await?);
    }
    Ok(counts)
}

/// People who answered each of `question_ids`, in the segment: `distinct`
/// counts each person once, which only a multiple choice (several answer
/// rows per person) needs and which costs more.
async fn answered_counts(
    db: &impl ConnectionTrait,
    question_ids: Vec<i32>,
    distinct: bool,
    segment: &Segment,
) -> Result<HashMap<i32, u64>, AppError> {
    if question_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let n = if distinct {
        Expr::col(answer::Column::ResponseId).count_distinct()
    } else {
        Expr::col(answer::Column::ResponseId).count()
    };
    let rows: Vec<(i32, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::QuestionId)
        .column_as(n, "n")
        .filter(answer::Column::QuestionId.is_in(question_ids))
        .filter(segment.on(answer::Column::ResponseId))
        .group_by(answer::Column::QuestionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(q, n)| (q, count_u64(n))).collect())
}

/// Distinct people per option of one question, in the segment.
async fn people_per_option(
    db: &impl ConnectionTrait,
    question_id: i32,
    segment: &Segment,
) -> Result<HashMap<i32, u64>, AppError> {
    let rows: Vec<(Option<i32>, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::OptionId)
        .column_as(Expr::col(answer::Column::ResponseId).count_distinct(), "n")
        .filter(answer::Column::QuestionId.eq(question_id))
        .filter(answer::Column::OptionId.is_not_null())
        .filter(segment.on(answer::Column::ResponseId))
        .group_by(answer::Column::OptionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(o, n)| Some((o?, count_u64(n))))
        .collect())
}

/// Responses to the survey in the segment.
async fn response_count(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
) -> Result<u64, AppError> {
    Ok(response::Entity::find()
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(segment.on(response::Column::Id))
        .count(db)
        .await?)
}

/// How many sent responses the segment holds: the base a narrowed view
/// is refused under.
pub async fn people_in(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
) -> Result<u64, AppError> {
    response_count(db, survey_id, segment).await
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
    let total = response_count(db, s.id, &everyone).await?;
    let choice: Vec<&StoredQuestion> = choice_questions(survey).collect();
    let kinds: Vec<(i32, QuestionKind)> = kinds(survey)
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
                        label: super::surveys::option_view(kind, o, &text).label,
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
fn choice_questions(survey: &Loaded) -> impl Iterator<Item = &StoredQuestion> {
    survey
        .questions()
        .filter(|(q, _)| QuestionKind::parse(&q.kind).is_some_and(QuestionKind::has_options))
}

/// A choice question as a filter or cross-tab dimension offers it.
fn choice_view(
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
            .map(|o| {
                (
                    o.value.clone(),
                    super::surveys::option_view(kind, o, &text).label,
                )
            })
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
struct Figures<'a> {
    counts: &'a Counts,
    themes: &'a [theme::Model],
    themed: &'a HashMap<(i32, i32), u64>,
    /// For a segment, the same counts for everyone: the reader can see
    /// them, so no segment figure may differ from them by a small count.
    everyone: Option<&'a Everyone>,
}

/// One question's list of figures, picked out of a set of counts (per
/// option) and theme counts (per theme).
type FiguresOf<'f> = dyn Fn(&Counts, &HashMap<(i32, i32), u64>) -> Vec<u64> + 'f;

/// Whether a segment's figures are made beside everyone's: a reader who
/// sees both could subtract one from the other (exact figures need not).
fn beside_everyone(segment: &Segment, rules: Rules) -> bool {
    !segment.is_everyone() && rules.suppresses()
}

/// Everyone's counts, beside a segment's.
struct Everyone {
    total: u64,
    counts: Counts,
    themed: HashMap<(i32, i32), u64>,
}

impl Everyone {
    async fn load(db: &impl ConnectionTrait, survey: &Loaded) -> Result<Everyone, AppError> {
        let everyone = Segment::default();
        Ok(Everyone {
            total: response_count(db, survey.survey.id, &everyone).await?,
            counts: counts(db, &kinds(survey), &everyone).await?,
            themed: super::comments::theme_counts(
                db,
                &super::comments::text_questions(survey),
                &everyone,
            )
            .await?,
        })
    }
}

impl Figures<'_> {
    /// One question's summary as the results page and evidence show it.
    fn summary(
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
                    .map(|o| super::surveys::option_view(kind, o, &text).label)
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
    let kind: Vec<(i32, QuestionKind)> = kinds(survey)
        .into_iter()
        .filter(|(q, _)| *q == question_id)
        .collect();
    let counts = counts(db, &kind, segment).await?;
    let themes = super::comments::themes(db, survey.survey.id).await?;
    let themed = super::comments::theme_counts(db, &[question_id], segment).await?;
    // A segment's figures are made beside everyone's, which anyone can see.
    let everyone = if !beside_everyone(segment, rules) {
        None
    } else {
        let all = Segment::default();
        Some(Everyone {
            total: 0,
            counts: self::counts(db, &kind, &all).await?,
            themed: super::comments::theme_counts(db, &[question_id], &all).await?,
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
    let n = response_count(db, survey_id, segment).await?;
    let all = response_count(db, survey_id, &Segment::default()).await?;
    Ok(rules.is_small(n) || rules.is_small(all.saturating_sub(n)))
}

/// The officer's results page: every count in the segment, suppressed by `rules`.
pub async fn dashboard(
    db: &DatabaseConnection,
    survey: &Loaded,
    locale: &str,
    officer: OfficerView,
    rules: Rules,
    query: ResultsQuery,
) -> Result<SurveyDashboard, AppError> {
    use crate::domain::roles::Permission;
    let s = &survey.survey;
    let text = |t: &LocalizedText| s.text(t, locale);
    let (segment, filters) = segment_of(survey, &query);
    let query = ResultsQuery { filters, ..query };
    // One read transaction: every figure on the page comes from the same
    // moment, and a filtered segment is worked out once for all of them.
    let txn = db.begin().await?;
    let db = &txn;
    let mut segment = segment.materialise(db, s.id).await?;
    let mut total = response_count(db, s.id, &segment).await?;
    // Beside a segment the reader can always see everyone's figures, so
    // the segment's are made with them in view (the complement rule).
    let mut everyone = None;
    let mut too_small = None;
    if beside_everyone(&segment, rules) {
        let all = Everyone::load(db, survey).await?;
        if rules.is_small(total) || rules.is_small(all.total.saturating_sub(total)) {
            // Too few people, or all but too few: everyone's figures, and
            // a notice saying why.
            segment = Segment::default();
            total = all.total;
            too_small = Some(rules.threshold);
        } else {
            everyone = Some(all);
        }
    }
    let counts = counts(db, &kinds(survey), &segment).await?;
    let themes = super::comments::themes(db, s.id).await?;
    let themed =
        super::comments::theme_counts(db, &super::comments::text_questions(survey), &segment)
            .await?;

    let figures = Figures {
        counts: &counts,
        themes: &themes,
        themed: &themed,
        everyone: everyone.as_ref(),
    };
    let questions = survey
        .questions()
        .filter_map(|q| figures.summary(survey, q, rules, locale))
        .collect();

    let choices = choices(survey, locale, &query);
    let crosstab = match (query.rows, query.cols) {
        (Some(r), Some(c)) if r != c => crosstab(db, survey, locale, rules, &segment, r, c).await?,
        _ => None,
    };
    let over_time = over_time(db, s.id, &segment, rules).await?;
    let funnel = funnel(db, survey, locale, rules, total, query.filters.is_empty()).await?;
    let sessions = session_feedback(db, survey, rules, &segment).await?;
    // Nothing was written but the segment's table, which this removes.
    txn.rollback().await?;
    Ok(SurveyDashboard {
        may_see_exact: officer.can(Permission::SeeExactFigures),
        may_export: officer.can(Permission::ExportResponses),
        officer,
        survey_id: s.id,
        slug: s.slug.clone(),
        title: text(&s.title),
        rules,
        // The weeks add up to the responses: when their line had to
        // withhold its total, the total is withheld here too.
        responses: match &everyone {
            _ if over_time.counts.base.is_hidden() => over_time.counts.base,
            Some(all) => rules.count_within(total, all.total),
            None => rules.count(total),
        },
        withdrawn: rules.count(u64::try_from(s.withdrawn_count).unwrap_or(0)),
        over_time,
        funnel,
        questions,
        choices,
        crosstab,
        sessions,
        query,
        too_small,
    })
}

#[derive(Debug, FromQueryResult)]
struct SessionCount {
    session_id: i32,
    option_id: Option<i32>,
    n: i64,
}

/// Answers to `question_id` per drop-in session and option, in the segment.
async fn per_session(
    db: &impl ConnectionTrait,
    question_id: i32,
    segment: &Segment,
) -> Result<HashMap<(i32, i32), u64>, AppError> {
    let (a, d) = (Alias::new("a"), Alias::new("d"));
    let mut select = Query::select();
    select
        .expr_as(
            Expr::col((d.clone(), dropin_response::Column::SessionId)),
            Alias::new("session_id"),
        )
        .expr_as(
            Expr::col((a.clone(), answer::Column::OptionId)),
            Alias::new("option_id"),
        )
        .expr_as(
            Expr::col((a.clone(), answer::Column::Id)).count(),
            Alias::new("n"),
        )
        .from_as(answer::Entity, a.clone())
        .join_as(
            sea_orm::JoinType::InnerJoin,
            dropin_response::Entity,
            d.clone(),
            Expr::col((d.clone(), dropin_response::Column::ResponseId))
                .equals((a.clone(), answer::Column::ResponseId)),
        )
        .and_where(Expr::col((a.clone(), answer::Column::QuestionId)).eq(question_id))
        .group_by_col((d.clone(), dropin_response::Column::SessionId))
        .group_by_col((a.clone(), answer::Column::OptionId));
    segment.restrict(&mut select, (a, answer::Column::ResponseId));
    let rows = SessionCount::find_by_statement(db.get_database_backend().build(&select))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some(((r.session_id, r.option_id?), count_u64(r.n))))
        .collect())
}

/// A sessions × groups table of one question's answers, where each group
/// is a set of option values; rows add up to the session's answers.
async fn session_table(
    db: &impl ConnectionTrait,
    (q, options): &StoredQuestion,
    groups: &[&[&str]],
    sessions: &[SessionLabel],
    rules: Rules,
    segment: &Segment,
) -> Result<(ShownTable, Vec<u64>, u64), AppError> {
    let group_of = |option: i32| {
        let value = options
            .iter()
            .find(|o| o.id == option)
            .map(|o| o.value.as_str())?;
        groups.iter().position(|g| g.contains(&value))
    };
    let table_of = |counts: HashMap<(i32, i32), u64>| {
        let mut cells = vec![vec![0u64; groups.len()]; sessions.len()];
        for ((session, option), n) in counts {
            if let (Some(i), Some(j)) = (
                sessions.iter().position(|s| s.id == session),
                group_of(option),
            ) {
                cells[i][j] += n;
            }
        }
        let row_totals: Vec<u64> = cells.iter().map(|r| r.iter().sum()).collect();
        TableCounts {
            col_totals: (0..groups.len())
                .map(|j| cells.iter().map(|r| r[j]).sum())
                .collect(),
            total: row_totals.iter().sum(),
            row_totals,
            cells,
        }
    };
    let counts = table_of(per_session(db, q.id, segment).await?);
    let shown = if beside_everyone(segment, rules) {
        let everyone = table_of(per_session(db, q.id, &Segment::default()).await?);
        rules.table_within(&counts, &everyone)
    } else {
        rules.counts_table(&counts)
    };
    Ok((shown, counts.col_totals, counts.total))
}

/// For a drop-in feedback form, its Friends and Family Test and "would you
/// recommend" answers per session; None for any other survey.
pub async fn session_feedback(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    rules: Rules,
    segment: &Segment,
) -> Result<Option<SessionFeedback>, AppError> {
    let held = dropin_session::Entity::find()
        .filter(dropin_session::Column::SurveyId.eq(survey.survey.id))
        .order_by_asc(dropin_session::Column::HeldOn)
        .all(db)
        .await?;
    if held.is_empty() {
        return Ok(None);
    }
    let sessions: Vec<SessionLabel> = held
        .into_iter()
        .map(|s| SessionLabel {
            id: s.id,
            date: super::dropins::date_of(s.held_on),
            name: s.name,
        })
        .collect();
    let of_kind = |kind: QuestionKind| {
        survey
            .questions()
            .find(|(q, _)| q.kind == kind.as_str() && !q.archived)
    };
    let mut feedback = SessionFeedback {
        sessions,
        fft: None,
        recommend: None,
        positive: None,
        negative: None,
        would_recommend: None,
    };
    if let Some(q) = of_kind(QuestionKind::FriendsFamily) {
        let (table, cols, total) =
            session_table(db, q, &FFT_GROUPS, &feedback.sessions, rules, segment).await?;
        let hidden = |j: usize| table.col_totals[j].is_hidden();
        let base_hidden = table.total.is_hidden();
        feedback.positive = rules.percentage(cols[0], total, hidden(0), base_hidden);
        feedback.negative = rules.percentage(cols[2], total, hidden(2), base_hidden);
        feedback.fft = Some(table);
    }
    if let Some(q) = of_kind(QuestionKind::YesNoNotSure) {
        let groups: [&[&str]; 3] = [&["yes"], &["no"], &["not-sure"]];
        let (table, cols, total) =
            session_table(db, q, &groups, &feedback.sessions, rules, segment).await?;
        feedback.would_recommend = rules.percentage(
            cols[0],
            total,
            table.col_totals[0].is_hidden(),
            table.total.is_hidden(),
        );
        feedback.recommend = Some(table);
    }
    Ok(Some(feedback))
}

/// The day a response was sent, `YYYY-MM-DD` in UTC, on either backend.
fn day_of_submission(backend: DbBackend) -> Expr {
    match backend {
        DbBackend::Postgres => {
            Expr::cust("to_char(\"response\".\"submitted_at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
        }
        _ => Expr::cust("date(\"response\".\"submitted_at\")"),
    }
}

/// Responses sent per day in the segment, as `YYYY-MM-DD`.
async fn days_of(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
) -> Result<Vec<(String, i64)>, AppError> {
    let day = day_of_submission(db.get_database_backend());
    Ok(response::Entity::find()
        .select_only()
        .column_as(day.clone(), "day")
        .column_as(response::Column::Id.count(), "n")
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(segment.on(response::Column::Id))
        .group_by(day)
        .into_tuple()
        .all(db)
        .await?)
}

/// Responses sent per week, counted per day in SQL. A segment's weeks run
/// over everyone's, and are shown beside everyone's.
async fn over_time(
    db: &impl ConnectionTrait,
    survey_id: i32,
    segment: &Segment,
    rules: Rules,
) -> Result<OverTime, AppError> {
    let days = days_of(db, survey_id, segment).await?;
    let everyone = if beside_everyone(segment, rules) {
        Some(days_of(db, survey_id, &Segment::default()).await?)
    } else {
        None
    };
    let span = everyone.as_deref().unwrap_or(&days);
    let (weeks, counts) = weekly(&days, span);
    let total = counts.iter().sum();
    // Weeks add up to the total, so one small week cannot be the
    // difference between the others and it.
    let counts = match &everyone {
        Some(all) => {
            let (_, all_counts) = weekly(all, span);
            let all_total = all_counts.iter().sum();
            rules.list_within(&counts, total, true, &all_counts, all_total)
        }
        None => rules.list(&counts, total, true),
    };
    Ok(OverTime {
        weeks: weeks
            .iter()
            .map(|w| w.format("%Y-%m-%d").to_string())
            .collect(),
        counts,
    })
}

/// The Monday of `day`'s week.
fn monday_of(day: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(date - Duration::days(i64::from(date.weekday().num_days_from_monday())))
}

/// Per-day counts gathered into the consecutive weeks (Monday first) that
/// `span`'s days run over, with empty weeks as zero; beyond [`MAX_WEEKS`]
/// the oldest weeks are summed into the first shown.
fn weekly(days: &[(String, i64)], span: &[(String, i64)]) -> (Vec<NaiveDate>, Vec<u64>) {
    let mut by_week: HashMap<NaiveDate, u64> = HashMap::new();
    for (day, n) in days {
        if let Some(monday) = monday_of(day) {
            *by_week.entry(monday).or_default() += count_u64(*n);
        }
    }
    let mondays = || span.iter().filter_map(|(d, _)| monday_of(d));
    let (Some(first), Some(last)) = (mondays().min(), mondays().max()) else {
        return (vec![], vec![]);
    };
    let mut weeks = Vec::new();
    let mut week = first;
    while week <= last {
        weeks.push(week);
        week += Duration::weeks(1);
    }
    let mut counts: Vec<u64> = weeks
        .iter()
        .map(|w| by_week.get(w).copied().unwrap_or(0))
        .collect();
    if weeks.len() > MAX_WEEKS {
        let cut = weeks.len() - MAX_WEEKS;
        let older: u64 = counts.drain(..cut).sum();
        weeks.drain(..cut);
        counts[0] += older;
    }
    (weeks, counts)
}

#[derive(Debug, FromQueryResult)]
struct ReachedRow {
    reached: i32,
    n: i64,
}

/// Answers in progress (not changes to sent ones) by pages finished, and
/// the responses sent. Drafts carry no segment, so this is for everyone.
async fn funnel(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    rules: Rules,
    sent_in_segment: u64,
    everyone: bool,
) -> Result<Funnel, AppError> {
    let rows = draft::Entity::find()
        .select_only()
        .column(draft::Column::Reached)
        .column_as(draft::Column::Id.count(), "n")
        .filter(draft::Column::SurveyId.eq(survey.survey.id))
        .filter(draft::Column::ReplacesResponseId.is_null())
        .group_by(draft::Column::Reached)
        .into_model::<ReachedRow>()
        .all(db)
        .await?;
    let pages = survey.pages.len().max(1);
    let mut stopped = vec![0u64; pages];
    for row in rows {
        let at = usize::try_from(row.reached).unwrap_or(0).min(pages - 1);
        stopped[at] += count_u64(row.n);
    }
    let sent = if everyone {
        sent_in_segment
    } else {
        response_count(db, survey.survey.id, &Segment::default()).await?
    };
    let started = stopped.iter().sum::<u64>() + sent;
    let mut line = stopped.clone();
    line.push(sent);
    let shown = rules.list(&line, started, true);
    let title = |i: usize| -> Option<Resolved> {
        survey
            .pages
            .get(i)
            .and_then(|(p, _)| p.title.as_ref())
            .map(|t| survey.survey.text(t, locale))
            .filter(|r| !r.text.is_empty())
    };
    Ok(Funnel {
        stopped: shown.counts[..pages]
            .iter()
            .enumerate()
            .map(|(i, s)| (title(i), *s))
            .collect(),
        sent: shown.counts[pages],
        started: shown.base,
        completion: shown.percent[pages],
    })
}

#[derive(Debug, FromQueryResult)]
struct CellRow {
    row_option: Option<i32>,
    col_option: Option<i32>,
    n: i64,
}

/// A cross-tab of two choice questions in the segment: people per pair of
/// options, with row and column totals of people who answered both. A
/// segment's table is made beside everyone's.
async fn crosstab(
    db: &impl ConnectionTrait,
    survey: &Loaded,
    locale: &str,
    rules: Rules,
    segment: &Segment,
    rows_id: i32,
    cols_id: i32,
) -> Result<Option<CrossTab>, AppError> {
    let find = |id: i32| choice_questions(survey).find(|(q, _)| q.id == id);
    let (Some(rq), Some(cq)) = (find(rows_id), find(cols_id)) else {
        return Ok(None);
    };
    let (Some(rows), Some(cols)) = (
        choice_view(survey, rq, locale, None),
        choice_view(survey, cq, locale, None),
    ) else {
        return Ok(None);
    };
    let counts = crosstab_counts(db, rq, cq, segment).await?;
    let table = if beside_everyone(segment, rules) {
        let everyone = crosstab_counts(db, rq, cq, &Segment::default()).await?;
        rules.table_within(&counts, &everyone)
    } else {
        rules.counts_table(&counts)
    };
    Ok(Some(CrossTab { rows, cols, table }))
}

/// The cross-tab's counts in the segment, in the questions' option order.
async fn crosstab_counts(
    db: &impl ConnectionTrait,
    (rows_q, rq_options): &StoredQuestion,
    (cols_q, cq_options): &StoredQuestion,
    segment: &Segment,
) -> Result<TableCounts, AppError> {
    let (rows_id, cols_id) = (rows_q.id, cols_q.id);
    let (a, b) = (Alias::new("a"), Alias::new("b"));
    let mut select = Query::select();
    select
        .expr_as(
            Expr::col((a.clone(), answer::Column::OptionId)),
            Alias::new("row_option"),
        )
        .expr_as(
            Expr::col((b.clone(), answer::Column::OptionId)),
            Alias::new("col_option"),
        )
        .expr_as(
            Expr::col((a.clone(), answer::Column::ResponseId)).count(),
            Alias::new("n"),
        )
        .from_as(answer::Entity, a.clone())
        .join_as(
            sea_orm::JoinType::InnerJoin,
            answer::Entity,
            b.clone(),
            Expr::col((b.clone(), answer::Column::ResponseId))
                .equals((a.clone(), answer::Column::ResponseId))
                .and(Expr::col((b.clone(), answer::Column::QuestionId)).eq(cols_id)),
        )
        .and_where(Expr::col((a.clone(), answer::Column::QuestionId)).eq(rows_id))
        .and_where(Expr::col((a.clone(), answer::Column::OptionId)).is_not_null())
        .and_where(Expr::col((b.clone(), answer::Column::OptionId)).is_not_null())
        .group_by_col((a.clone(), answer::Column::OptionId))
        .group_by_col((b.clone(), answer::Column::OptionId));
    segment.restrict(&mut select, (a.clone(), answer::Column::ResponseId));
    let backend = db.get_database_backend();
    let cells: Vec<CellRow> = CellRow::find_by_statement(backend.build(&select))
        .all(db)
        .await?;
    let cell: HashMap<(i32, i32), u64> = cells
        .into_iter()
        .filter_map(|c| Some(((c.row_option?, c.col_option?), count_u64(c.n))))
        .collect();
    let row_totals = people_per_option(db, rows_id, &segment.clone().answered(cols_id)).await?;
    let col_totals = people_per_option(db, cols_id, &segment.clone().answered(rows_id)).await?;
    let both = segment.clone().answered(rows_id).answered(cols_id);
    // Distinct: either question may be a multiple choice.
    let total = answered_counts(db, vec![rows_id], true, &both)
        .await?
        .get(&rows_id)
        .copied()
        .unwrap_or(0);
    Ok(TableCounts {
        cells: rq_options
            .iter()
            .map(|r| {
                cq_options
                    .iter()
                    .map(|c| cell.get(&(r.id, c.id)).copied().unwrap_or(0))
                    .collect()
            })
            .collect(),
        row_totals: rq_options
            .iter()
            .map(|o| row_totals.get(&o.id).copied().unwrap_or(0))
            .collect(),
        col_totals: cq_options
            .iter()
            .map(|o| col_totals.get(&o.id).copied().unwrap_or(0))
            .collect(),
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_gather_into_consecutive_weeks() {
        let days = vec![
            ("2026-11-02".to_owned(), 3), // Monday
            ("2026-11-08".to_owned(), 2), // Sunday, same week
            ("2026-11-23".to_owned(), 4), // two weeks later
            ("not a day".to_owned(), 99),
        ];
        let (weeks, counts) = weekly(&days, &days);
        let weeks: Vec<String> = weeks.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            weeks,
            ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
        );
        assert_eq!(counts, [5, 0, 0, 4]);
    }

    #[test]
    fn a_segment_s_weeks_run_over_everyone_s() {
        let everyone = vec![("2026-11-02".to_owned(), 30), ("2026-11-23".to_owned(), 12)];
        let segment = vec![("2026-11-10".to_owned(), 4)];
        let (weeks, counts) = weekly(&segment, &everyone);
        assert_eq!(weeks.len(), 4);
        assert_eq!(counts, [0, 4, 0, 0]);
    }

    #[test]
    fn very_long_runs_fold_the_oldest_weeks_into_the_first() {
        let days = vec![("2020-01-06".to_owned(), 7), ("2026-11-23".to_owned(), 1)];
        let (weeks, counts) = weekly(&days, &days);
        assert_eq!(weeks.len(), MAX_WEEKS);
        assert_eq!(counts.iter().sum::<u64>(), 8);
        assert_eq!(counts[0], 7);
    }
}
