//! A survey's results for officers: what was asked for (segments, a
//! cross-tab, exact figures) and what the page shows, every count already
//! through [`super::suppression`].

use super::{
    localized::Resolved,
    roles::OfficerView,
    suppression::{Rules, Shown, ShownList, ShownTable},
    survey::{Label, QuestionKind},
};
use serde::{Deserialize, Serialize};

/// At most this many segment filters are read from an address.
pub const MAX_FILTERS: usize = 8;

/// What the officer asked to see, from the address:
/// `?f{question}={value}&…&rows={question}&cols={question}&exact={grant}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsQuery {
    /// Only responses that chose `value` for question `id`, all of them.
    pub filters: Vec<(i32, String)>,
    /// The cross-tab's two questions.
    pub rows: Option<i32>,
    pub cols: Option<i32>,
    /// A grant to see every count as it is, signed by the server when the
    /// officer asked for it by a (CSRF-checked, audited) post. The server
    /// checks it; anything else here means the protected figures.
    pub exact: Option<String>,
}

impl ResultsQuery {
    /// Reads the query from address pairs; anything malformed is dropped,
    /// and values the survey does not have are dropped by the store.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ResultsQuery {
        let mut query = ResultsQuery::default();
        let id = |v: &str| v.parse::<i32>().ok().filter(|n| *n > 0);
        for (name, value) in pairs {
            match name {
                "rows" => query.rows = id(value),
                "cols" => query.cols = id(value),
                "exact" if !value.is_empty() && value.len() <= 200 => {
                    query.exact = Some(value.to_owned());
                }
                _ => {
                    if let Some(q) = name.strip_prefix('f').and_then(id)
                        && !value.is_empty()
                        && value.len() <= 100
                        && query.filters.len() < MAX_FILTERS
                        && !query.filters.iter().any(|(f, _)| *f == q)
                    {
                        query.filters.push((q, value.to_owned()));
                    }
                }
            }
        }
        query
    }

    /// Reads the query from an address's query string (with or without
    /// its `?`).
    pub fn from_query_string(query: &str) -> ResultsQuery {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        ResultsQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The address's query string for these choices, with the grant for
    /// exact figures if `exact` (and there is one).
    pub fn to_query_string(&self, exact: bool) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (q, v) in &self.filters {
            s.append_pair(&format!("f{q}"), v);
        }
        if let Some(r) = self.rows {
            s.append_pair("rows", &r.to_string());
        }
        if let Some(c) = self.cols {
            s.append_pair("cols", &c.to_string());
        }
        if let Some(grant) = self.exact.as_deref().filter(|_| exact) {
            s.append_pair("exact", grant);
        }
        s.finish()
    }
}

/// A choice question offered as a segment or a cross-tab dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceQuestion {
    pub id: i32,
    pub prompt: Resolved,
    /// (value, label)
    pub options: Vec<(String, Label)>,
    /// The value a filter chose, if any.
    pub chosen: Option<String>,
}

/// One question's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionSummary {
    /// Counts per option, out of everyone who answered (`list.base`).
    Choice {
        id: i32,
        prompt: Resolved,
        labels: Vec<Label>,
        list: ShownList,
        multiple: bool,
    },
    /// Written answers: how many there are, and how many carry each theme
    /// (a comment may carry several, so these need not add up).
    Text {
        id: i32,
        prompt: Resolved,
        answers: Shown,
        themes: Vec<String>,
        themed: ShownList,
    },
    /// A number or a date: how many answered.
    Other {
        id: i32,
        prompt: Resolved,
        answers: Shown,
    },
}

/// Responses sent per week (Monday's date, `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverTime {
    pub weeks: Vec<String>,
    pub counts: ShownList,
}

/// How far people got: answers in progress by pages finished, and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    /// (page title or number, people whose unsent answers stop after it);
    /// the first entry is "not past the first page".
    pub stopped: Vec<(Option<Resolved>, Shown)>,
    pub sent: Shown,
    pub started: Shown,
    /// Percentage of starters who sent.
    pub completion: Option<u8>,
}

/// A cross-tab of two choice questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossTab {
    pub rows: ChoiceQuestion,
    pub cols: ChoiceQuestion,
    pub table: ShownTable,
}

/// The Friends and Family Test's answers in the three groups NHS England
/// reports (don't know counts in the base, in none of them), in this order.
pub const FFT_GROUPS: [&[&str]; 4] = [
    &["very-good", "good"],
    &["neither"],
    &["poor", "very-poor"],
    &["dont-know"],
];

/// A drop-in session as a row of the feedback table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLabel {
    pub id: i32,
    pub date: super::validation::Date,
    pub name: String,
}

/// A drop-in feedback form's answers per session: the Friends and Family
/// Test (positive, neither, negative, don't know) and "would you recommend"
/// (yes, no, not sure), each a table of sessions suppressed as a whole, and
/// the percentages across every session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFeedback {
    pub sessions: Vec<SessionLabel>,
    pub fft: Option<ShownTable>,
    pub recommend: Option<ShownTable>,
    pub positive: Option<u8>,
    pub negative: Option<u8>,
    pub would_recommend: Option<u8>,
}

/// What counts as a favourable answer to a standard scale, for the
/// outcomes view's headline figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Favourable {
    /// Likert: agree or strongly agree.
    Agree,
    /// Faces: happy or very happy.
    Happy,
    /// Friends and Family Test: very good or good.
    Good,
    /// Yes, no, not sure: yes.
    Yes,
    /// A 0 to 10 rating: 7 or more.
    SevenOrMore,
}

impl Favourable {
    /// The measure for a kind of question, and the values it counts.
    pub fn of(kind: QuestionKind) -> Option<(Favourable, &'static [&'static str])> {
        match kind {
            QuestionKind::Likert => Some((Favourable::Agree, &["strongly-agree", "agree"])),
            QuestionKind::FaceScale => Some((Favourable::Happy, &["happy", "very-happy"])),
            QuestionKind::FriendsFamily => Some((Favourable::Good, &["very-good", "good"])),
            QuestionKind::YesNoNotSure => Some((Favourable::Yes, &["yes"])),
            QuestionKind::Rating => Some((Favourable::SevenOrMore, &["7", "8", "9", "10"])),
            _ => None,
        }
    }
}

/// One tagged question in the outcomes view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRow {
    pub survey_id: i32,
    pub survey: Resolved,
    pub question_id: i32,
    pub prompt: Resolved,
    pub answered: Shown,
    /// The share answering favourably, for standard scales.
    pub favourable: Option<(Favourable, Option<u8>)>,
}

/// An outcome ("I am heard") or a priority, with its tagged questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeGroup {
    pub key: String,
    pub title: Resolved,
    pub rows: Vec<OutcomeRow>,
}

/// The partnership's joint data set at a glance: every tagged question of
/// every survey and drop-in form, by outcome and by priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomesView {
    pub officer: OfficerView,
    pub threshold: u64,
    /// Whether people feel heard: ratings of every "You said, we did" action.
    pub heard: HeardIndicator,
    pub outcomes: Vec<OutcomeGroup>,
    pub priorities: Vec<OutcomeGroup>,
}

/// Everything the survey's results page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDashboard {
    pub officer: OfficerView,
    pub survey_id: i32,
    pub slug: String,
    pub title: Resolved,
    pub rules: Rules,
    /// Whether this officer may switch to exact figures.
    pub may_see_exact: bool,
    /// Whether this officer may download every response.
    pub may_export: bool,
    pub query: ResultsQuery,
    /// Responses in the chosen segment (all of them without filters).
    pub responses: Shown,
    pub withdrawn: Shown,
    pub over_time: OverTime,
    pub funnel: Funnel,
    pub questions: Vec<QuestionSummary>,
    /// Every choice question, for filters and the cross-tab.
    pub choices: Vec<ChoiceQuestion>,
    pub crosstab: Option<CrossTab>,
    /// For a drop-in feedback form: its answers per session.
    pub sessions: Option<SessionFeedback>,
    /// The threshold, when the filters picked out too few people, or all
    /// but too few: the figures are then everyone's.
    pub too_small: Option<u64>,
}

/// The "I am heard" indicator: answers to the rating question, suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeardIndicator {
    /// Yes, partly, no.
    pub counts: [Shown; 3],
    pub total: Shown,
    /// The share answering yes, when it may be shown.
    pub yes_percent: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_reads_filters_and_drops_what_is_malformed() {
        let q = ResultsQuery::from_pairs([
            ("f3", "parent-carer"),
            ("f3", "professional"),
            ("f-1", "x"),
            ("fx", "y"),
            ("f4", ""),
            ("f5", "ehcp"),
            ("rows", "7"),
            ("cols", "nope"),
            ("exact", "1700000000.ab"),
        ]);
        assert_eq!(
            q.filters,
            vec![(3, "parent-carer".to_owned()), (5, "ehcp".to_owned())]
        );
        assert_eq!((q.rows, q.cols), (Some(7), None));
        assert_eq!(q.exact.as_deref(), Some("1700000000.ab"));
        assert_eq!(q.to_query_string(false), "f3=parent-carer&f5=ehcp&rows=7");
        let again = ResultsQuery::from_query_string(&format!("?{}", q.to_query_string(true)));
        assert_eq!(again, q);
        assert_eq!(
            q.to_query_string(true),
            "f3=parent-carer&f5=ehcp&rows=7&exact=1700000000.ab"
        );
        let long = "x".repeat(101);
        assert!(
            ResultsQuery::from_pairs([("f1", long.as_str())])
                .filters
                .is_empty()
        );
    }

    #[test]
    fn at_most_eight_filters_are_read() {
        let names: Vec<String> = (1..=20).map(|i| format!("f{i}")).collect();
        let q = ResultsQuery::from_pairs(names.iter().map(|n| (n.as_str(), "a")));
        assert_eq!(q.filters.len(), MAX_FILTERS);
    }
}
