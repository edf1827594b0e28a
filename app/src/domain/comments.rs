//! Written answers for officers to read and theme: what the comments page
//! was asked for, what it shows, and the rules for a theme's name.

use super::{localized::Resolved, results::ChoiceQuestion, roles::OfficerView};
use serde::{Deserialize, Serialize};

/// Comments on one page of the list.
pub const PAGE_SIZE: u64 = 50;
/// The longest theme name.
pub const MAX_THEME_NAME: usize = 80;
/// The longest search.
pub const MAX_SEARCH: usize = 100;

/// What the comments page was asked for, from the address:
/// `?question=…&search=…&theme=…&f{question}={value}&page=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentsQuery {
    /// One written question, or every one.
    pub question: Option<i32>,
    pub search: String,
    pub theme: Option<i32>,
    /// The same segment filters as the results page.
    pub filters: Vec<(i32, String)>,
    pub page: u64,
}

impl CommentsQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> CommentsQuery {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let id = |v: &str| v.parse::<i32>().ok().filter(|n| *n > 0);
        let mut query = CommentsQuery {
            page: 1,
            filters: super::results::ResultsQuery::from_pairs(pairs.iter().copied()).filters,
            ..CommentsQuery::default()
        };
        for (name, value) in pairs {
            match name {
                "question" => query.question = id(value),
                "theme" => query.theme = id(value),
                "search" => query.search = value.trim().chars().take(MAX_SEARCH).collect(),
                "page" => query.page = value.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        query
    }

    /// The query string for these choices, on page `page`.
    pub fn to_query_string(&self, page: u64) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        if let Some(q) = self.question {
            s.append_pair("question", &q.to_string());
        }
        if !self.search.is_empty() {
            s.append_pair("search", &self.search);
        }
        if let Some(t) = self.theme {
            s.append_pair("theme", &t.to_string());
        }
        for (q, v) in &self.filters {
            s.append_pair(&format!("f{q}"), v);
        }
        if page > 1 {
            s.append_pair("page", &page.to_string());
        }
        s.finish()
    }
}

/// A theme with how many comments (in view) carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeRow {
    pub id: i32,
    pub name: String,
    pub comments: u64,
}

/// One written answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub answer_id: i64,
    pub question: Resolved,
    pub text: String,
    /// When its response was sent, `YYYY-MM-DD`.
    pub sent_on: String,
    pub themes: Vec<i32>,
}

/// Why a theme's name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeProblem {
    Empty,
    TooLong,
    Duplicate,
}

impl ThemeProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeProblem::Empty => "empty",
            ThemeProblem::TooLong => "long",
            ThemeProblem::Duplicate => "duplicate",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeProblem> {
        [
            ThemeProblem::Empty,
            ThemeProblem::TooLong,
            ThemeProblem::Duplicate,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A theme's name as it will be stored, or why not: trimmed, inner runs
/// of spaces made one, not empty, not too long, not already a theme of the
/// survey (whatever the case).
pub fn theme_name<'a>(
    typed: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, ThemeProblem> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(ThemeProblem::Empty);
    }
    if name.chars().count() > MAX_THEME_NAME {
        return Err(ThemeProblem::TooLong);
    }
    let lower = name.to_lowercase();
    if existing.into_iter().any(|e| e.to_lowercase() == lower) {
        return Err(ThemeProblem::Duplicate);
    }
    Ok(name)
}

/// Everything the comments page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentsView {
    pub officer: OfficerView,
    pub survey_id: i32,
    pub title: Resolved,
    /// The survey's written questions.
    pub questions: Vec<(i32, Resolved)>,
    pub query: CommentsQuery,
    pub themes: Vec<ThemeRow>,
    pub comments: Vec<Comment>,
    /// Comments matching, over every page.
    pub total: u64,
    pub pages: u64,
    /// Choice questions for segment filters.
    pub choices: Vec<ChoiceQuestion>,
    pub may_theme: bool,
    pub may_export: bool,
    /// The threshold, when the filters pick out fewer people than it and
    /// so no comment is shown.
    pub too_small: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_tidied_and_checked() {
        assert_eq!(
            theme_name("  Waiting   times ", []),
            Ok("Waiting times".into())
        );
        assert_eq!(theme_name(" \t ", []), Err(ThemeProblem::Empty));
        assert_eq!(theme_name(&"x".repeat(81), []), Err(ThemeProblem::TooLong));
        assert_eq!(theme_name(&"é".repeat(80), []), Ok("é".repeat(80)));
        assert_eq!(
            theme_name("waiting TIMES", ["Waiting times"]),
            Err(ThemeProblem::Duplicate)
        );
    }

    #[test]
    fn the_query_round_trips_and_drops_nonsense() {
        let q = CommentsQuery::from_pairs([
            ("question", "12"),
            ("search", "  speech therapy  "),
            ("theme", "x"),
            ("f3", "parent-carer"),
            ("page", "0"),
        ]);
        assert_eq!(q.question, Some(12));
        assert_eq!(q.search, "speech therapy");
        assert_eq!(q.theme, None);
        assert_eq!(q.page, 1);
        assert_eq!(q.filters, vec![(3, "parent-carer".to_owned())]);
        assert_eq!(
            q.to_query_string(2),
            "question=12&search=speech+therapy&f3=parent-carer&page=2"
        );
        let long = "a".repeat(500);
        assert_eq!(
            CommentsQuery::from_pairs([("search", long.as_str())])
                .search
                .len(),
            MAX_SEARCH
        );
    }
}
