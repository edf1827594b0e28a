//! CSV files for officers, written with the `csv` crate: every response
//! (streamed in batches, so memory stays flat however many there are) and
//! the results tables as suppressed as the screen shows them.
//!
//! Every text cell is neutralised against formula injection: a cell that a
//! spreadsheet would read as a formula (starting `=`, `+`, `-`, `@`, tab,
//! carriage return or line feed) gets a leading apostrophe. Numbers this
//! code formats itself are written as they are.

use super::{
    entities::{answer, response},
    store::{
        answers::{AnswerRow, unpack},
        surveys::Loaded,
    },
};
use crate::{
    domain::{
        localized::LocalizedText,
        results::{QuestionSummary, SurveyDashboard},
        suppression::Shown,
        survey::{Label, QuestionKind},
    },
    error::AppError,
    i18n::{Locale, td_string},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::{borrow::Cow, collections::HashMap, sync::Arc};

mod tables;
pub use tables::tables_file;

/// Responses read and written per batch.
pub const BATCH: u64 = 2000;

/// A text cell a spreadsheet will show as text, never run as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// One column of the responses file after the response's own columns.
#[derive(Debug, Clone)]
enum Column {
    /// A single choice: the chosen option's label, neutralised already.
    Single {
        question: i32,
        labels: HashMap<i32, String>,
    },
    /// One option of a multiple choice: 1 chosen, 0 not, empty when the
    /// question was not answered.
    Option {
        question: i32,
        option: i32,
    },
    /// Written text or a date.
    Text {
        question: i32,
    },
    Number {
        question: i32,
    },
}

impl Column {
    fn question(&self) -> i32 {
        match self {
            Column::Single { question, .. }
            | Column::Option { question, .. }
            | Column::Text { question }
            | Column::Number { question } => *question,
        }
    }
}

/// The responses file's layout: headers, and what each column reads. The
/// order is the survey's (page, question, option), so it is stable across
/// downloads; archived questions keep their columns.
#[derive(Debug, Clone)]
pub struct Layout {
    headers: Vec<String>,
    columns: Vec<Column>,
}

/// The response's own columns, before the questions'.
const OWN_COLUMNS: [&str; 4] = ["response", "submitted_at", "changed_at", "language"];

impl Layout {
    pub fn of(survey: &Loaded, locale: &str) -> Layout {
        let text = |t: &LocalizedText| survey.survey.text(t, locale).text;
        let mut headers: Vec<String> = OWN_COLUMNS.iter().map(|s| (*s).to_owned()).collect();
        let mut columns = Vec::new();
        for (number, (q, options)) in survey.questions().enumerate() {
            let Some(kind) = QuestionKind::parse(&q.kind) else {
                continue;
            };
            let prompt = format!("Q{} {}", number + 1, text(&q.prompt));
            // Officers' labels where written; a standard scale's stable value otherwise.
            let label = |o: &super::entities::question_option::Model| {
                Some(text(&o.label))
                    .filter(|l| !l.is_empty())
                    .unwrap_or_else(|| o.value.clone())
            };
            if kind.is_multiple() {
                for o in options {
                    headers.push(format!("{prompt} [{}]", label(o)));
                    columns.push(Column::Option {
                        question: q.id,
                        option: o.id,
                    });
                }
            } else if kind.has_options() {
                headers.push(prompt);
                columns.push(Column::Single {
                    question: q.id,
                    labels: options
                        .iter()
                        .map(|o| (o.id, neutralise(&label(o)).into_owned()))
                        .collect(),
                });
            } else if kind == QuestionKind::Number {
                headers.push(prompt);
                columns.push(Column::Number { question: q.id });
            } else {
                headers.push(prompt);
                columns.push(Column::Text { question: q.id });
            }
        }
        Layout { headers, columns }
    }

    /// The header row.
    pub fn header(&self) -> Result<Vec<u8>, AppError> {
        write_rows(std::iter::once(
            self.headers
                .iter()
                .map(|h| neutralise(h).into_owned())
                .collect(),
        ))
    }

    /// Writes one response's row from its answers, field by field into
    /// `w`: no cell is copied unless it needs neutralising.
    fn write_row(
        &self,
        w: &mut csv::Writer<Vec<u8>>,
        r: &ResponseRow,
        answers: &[AnswerRow],
    ) -> csv::Result<()> {
        w.write_field(r.id.to_string())?;
        w.write_field(iso(r.submitted_at))?;
        w.write_field(r.updated_at.map(iso).unwrap_or_default())?;
        w.write_field(neutralise(&r.locale).as_ref())?;
        // Answers come grouped by question; a column looks at its own.
        let of = |q: i32| answers.iter().filter(move |a| a.question == q);
        let mut number = String::new();
        for column in &self.columns {
            let mut mine = of(column.question());
            let cell: &str = match column {
                Column::Single { labels, .. } => mine
                    .find_map(|a| a.option.and_then(|o| labels.get(&o)))
                    .map_or("", String::as_str),
                Column::Option { option, .. } => {
                    let mut answered = mine.peekable();
                    if answered.peek().is_none() {
                        ""
                    } else if answered.any(|a| a.option == Some(*option)) {
                        "1"
                    } else {
                        "0"
                    }
                }
                Column::Text { .. } => {
                    let text = mine.find_map(|a| a.text.as_deref()).unwrap_or_default();
                    w.write_field(neutralise(text).as_ref())?;
                    continue;
                }
                Column::Number { .. } => {
                    number.clear();
                    if let Some(n) = mine.find_map(|a| a.number) {
                        number = n.to_string();
                    }
                    &number
                }
            };
            w.write_field(cell)?;
        }
        w.write_record(None::<&[u8]>)
    }
}

/// ISO 8601 in UTC, to the second.
fn iso(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `csv` behind a byte-order mark, so spreadsheets read the file as UTF-8.
fn with_bom(csv: Vec<u8>) -> Result<Vec<u8>, AppError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(csv);
    Ok(out)
}

fn write_rows(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for row in rows {
        w.write_record(&row)
            .map_err(|e| AppError::internal("writing CSV", e))?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal("writing CSV", e))
}

#[derive(Debug)]
struct ResponseRow {
    id: i64,
    submitted_at: chrono::DateTime<chrono::Utc>,
    updated_at: Option<chrono::DateTime<chrono::Utc>>,
    locale: String,
}

/// A file written a chunk at a time: the next chunk, or None at the end.
pub trait Chunks: Send + 'static {
    fn next_chunk(&mut self) -> impl Future<Output = Result<Option<Vec<u8>>, AppError>> + Send;
}

/// A response body streaming `file` chunk by chunk, so only one batch is
/// ever in memory. An error once headers are sent can only cut it short.
pub fn stream_body(file: impl Chunks) -> axum::body::Body {
    let stream = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        match file.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(axum::body::Bytes::from(chunk)), Some(file))),
            Ok(None) => None,
            Err(err) => {
                tracing::error!(error = %err, "a CSV download failed part-way");
                Some((Err(std::io::Error::other(err.to_string())), None))
            }
        }
    });
    axum::body::Body::from_stream(stream)
}

/// Reads the responses file batch by batch: each call returns the next
/// chunk of CSV, or None at the end. While one batch is written out the
/// next is already being read, so the database and the CSV writer work at
/// the same time; at most two batches are in memory.
pub struct ResponsesFile {
    db: DatabaseConnection,
    survey_id: i32,
    layout: Arc<Layout>,
    /// The batch being read, if any is left.
    next: Option<tokio::task::JoinHandle<Result<Batch, AppError>>>,
    started: bool,
}

/// A batch of responses, each with its answers.
type Batch = Vec<(ResponseRow, Vec<AnswerRow>)>;

impl ResponsesFile {
    pub fn new(db: DatabaseConnection, survey: &Loaded, locale: &str) -> ResponsesFile {
        ResponsesFile {
            db,
            survey_id: survey.survey.id,
            layout: Arc::new(Layout::of(survey, locale)),
            next: None,
            started: false,
        }
    }

    /// Starts reading the batch after response id `after`.
    fn fetch(&mut self, after: i64) {
        let (db, survey_id) = (self.db.clone(), self.survey_id);
        self.next = Some(tokio::spawn(async move {
            read_batch(&db, survey_id, after).await
        }));
    }
}

impl Drop for ResponsesFile {
    /// A download cut short stops its read too.
    fn drop(&mut self) {
        if let Some(next) = self.next.take() {
            next.abort();
        }
    }
}

impl Chunks for ResponsesFile {
    /// The header first, then a batch of rows.
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        if !self.started {
            self.started = true;
            self.fetch(0);
            return with_bom(self.layout.header()?).map(Some);
        }
        let Some(next) = self.next.take() else {
            return Ok(None);
        };
        let batch = next.await.map_err(|err| {
            tracing::error!(error = %err, "reading a batch of responses stopped");
            AppError::Internal
        })??;
        let Some(last) = batch.last().map(|(r, _)| r.id) else {
            return Ok(None);
        };
        if batch.len() as u64 == BATCH {
            self.fetch(last);
        }
        let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(batch.len() * 512));
        for (r, answers) in &batch {
            self.layout
                .write_row(&mut w, r, answers)
                .map_err(|e| AppError::internal("writing CSV", e))?;
        }
        w.into_inner()
            .map(Some)
            .map_err(|e| AppError::internal("writing CSV", e))
    }
}

/// (id, submitted, changed, language, packed answers) as read.
type ResponseColumns = (
    i64,
    chrono::DateTime<chrono::Utc>,
    Option<chrono::DateTime<chrono::Utc>>,
    String,
    String,
);

/// The next `BATCH` responses after id `after`, each with its answers,
/// in one query over the primary key: each response carries its answers
/// packed in one cell, so a batch is `BATCH` rows, not one per answer.
async fn read_batch(
    db: &impl ConnectionTrait,
    survey_id: i32,
    after: i64,
) -> Result<Batch, AppError> {
    let responses: Vec<ResponseColumns> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .column(response::Column::SubmittedAt)
        .column(response::Column::UpdatedAt)
        .column(response::Column::Locale)
        .column(response::Column::PackedAnswers)
        .filter(response::Column::SurveyId.eq(survey_id))
        .filter(response::Column::Id.gt(after))
        .order_by_asc(response::Column::Id)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    responses
        .into_iter()
        .map(|(id, submitted_at, updated_at, locale, packed)| {
            let answers = unpack(&packed).map_err(|err| {
                tracing::error!(response = id, error = %err, "a response's packed answers do not read");
                AppError::Internal
            })?;
            let row = ResponseRow {
                id,
                submitted_at,
                updated_at,
                locale,
            };
            Ok((row, answers))
        })
        .collect()
}

/// An option's label as a cell: an officer's text, or a standard answer's
/// stable value (as in the responses file).
fn label_text(label: &Label) -> String {
    match label {
        Label::Text(r) => r.text.clone(),
        Label::Scale(_, value) => value.clone(),
        Label::Special(s) => s.as_str().to_owned(),
    }
}

/// Every comment (written answer) with its question and themes, oldest
/// first, batch by batch like [`ResponsesFile`].
pub struct CommentsFile {
    db: DatabaseConnection,
    survey_id: i32,
    prompts: HashMap<i32, String>,
    themes: HashMap<i32, String>,
    after: Option<i64>,
    started: bool,
}

impl CommentsFile {
    pub fn new(db: DatabaseConnection, survey: &Loaded, locale: &str) -> CommentsFile {
        let prompts = super::store::comments::text_questions(survey)
            .into_iter()
            .map(|q| (q, super::store::comments::prompt(survey, q, locale).text))
            .collect();
        CommentsFile {
            db,
            survey_id: survey.survey.id,
            prompts,
            themes: HashMap::new(),
            after: Some(0),
            started: false,
        }
    }
}

impl Chunks for CommentsFile {
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        if !self.started {
            self.started = true;
            self.themes = super::store::comments::themes(&self.db, self.survey_id)
                .await?
                .into_iter()
                .map(|t| (t.id, t.name))
                .collect();
            return with_bom(write_rows(std::iter::once(
                ["response", "submitted_at", "question", "comment", "themes"]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            ))?)
            .map(Some);
        }
        let Some(after) = self.after else {
            return Ok(None);
        };
        let rows: Vec<(i64, i64, i32, Option<String>)> = answer::Entity::find()
            .select_only()
            .column(answer::Column::Id)
            .column(answer::Column::ResponseId)
            .column(answer::Column::QuestionId)
            .column(answer::Column::TextValue)
            .filter(answer::Column::QuestionId.is_in(self.prompts.keys().copied()))
            .filter(answer::Column::TextValue.is_not_null())
            .filter(answer::Column::Id.gt(after))
            .order_by_asc(answer::Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(&self.db)
            .await?;
        let Some(last) = rows.last().map(|r| r.0) else {
            self.after = None;
            return Ok(None);
        };
        self.after = (rows.len() as u64 == BATCH).then_some(last);
        let sent: HashMap<i64, chrono::DateTime<chrono::Utc>> = response::Entity::find()
            .select_only()
            .column(response::Column::Id)
            .column(response::Column::SubmittedAt)
            .filter(response::Column::Id.is_in(rows.iter().map(|r| r.1)))
            .into_tuple()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        let mut tags: HashMap<i64, Vec<&str>> = HashMap::new();
        let tagged = super::entities::answer_theme::Entity::find()
            .filter(super::entities::answer_theme::Column::AnswerId.is_in(rows.iter().map(|r| r.0)))
            .all(&self.db)
            .await?;
        for t in &tagged {
            if let Some(name) = self.themes.get(&t.theme_id) {
                tags.entry(t.answer_id).or_default().push(name);
            }
        }
        write_rows(rows.iter().map(|(id, response, question, text)| {
            let mut themes = tags.get(id).cloned().unwrap_or_default();
            themes.sort_unstable();
            vec![
                response.to_string(),
                sent.get(response).copied().map(iso).unwrap_or_default(),
                neutralise(self.prompts.get(question).map_or("", String::as_str)).into_owned(),
                neutralise(text.as_deref().unwrap_or_default()).into_owned(),
                neutralise(&themes.join("; ")).into_owned(),
            ]
        }))
        .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_text_is_kept() {
        for bad in ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx", "\nx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        assert_eq!(neutralise("Fine, thanks"), "Fine, thanks");
        assert_eq!(neutralise(""), "");
    }
}
