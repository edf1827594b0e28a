//! Drop-in sessions as officers and attendees see them, and the one check
//! every session form goes through.

use super::{
    localized::Resolved,
    officer::SurveyStatus,
    roles::OfficerView,
    survey::{QuestionView, SurveyForm},
    validation::{Date, Rejected},
};
use serde::{Deserialize, Serialize};

/// Longest name of a series or session.
pub const NAME_LIMIT: usize = 120;
pub const VENUE_LIMIT: usize = 200;
pub const DESCRIPTION_LIMIT: usize = 1000;
/// Services per session, and the length of each.
pub const SERVICES_LIMIT: usize = 20;
pub const SERVICE_LIMIT: usize = 80;
/// Sessions one form may add, and how far ahead a repeat may run (days).
pub const REPEAT_LIMIT: usize = 53;
pub const REPEAT_DAYS: i64 = 400;

/// One session, as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: i32,
    pub series_id: Option<i32>,
    pub name: String,
    pub date: Date,
    /// Local times, `HH:MM`.
    pub starts: String,
    pub ends: String,
    pub venue: String,
    pub services: Vec<String>,
    /// The public code in its link.
    pub code: String,
    pub responses: u64,
}

/// One series with a summary of its sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesRow {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub venue: String,
    pub services: Vec<String>,
    pub survey_id: i32,
    pub sessions: u64,
    pub responses: u64,
    /// The next session from today, if any.
    pub next: Option<Date>,
}

/// The drop-ins page: every series and every one-off session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropInsView {
    pub officer: OfficerView,
    pub series: Vec<SeriesRow>,
    pub one_offs: Vec<SessionRow>,
}

/// A series' page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesView {
    pub officer: OfficerView,
    pub series: SeriesRow,
    pub survey_status: SurveyStatus,
    pub sessions: Vec<SessionRow>,
}

/// A session's page: its links, poster and kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub officer: OfficerView,
    pub session: SessionRow,
    /// The series it belongs to: (id, name).
    pub series: Option<(i32, String)>,
    pub survey_id: i32,
    pub survey_status: SurveyStatus,
    /// The public link, in full, as the QR code holds it.
    pub link: String,
    /// Questions the kiosk leaves out because they depend on earlier
    /// answers (the kiosk asks everything on one page).
    pub left_out: usize,
}

/// The kiosk's one form, for attendees at a shared tablet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskForm {
    pub code: String,
    pub session_name: String,
    pub date: Date,
    pub starts: String,
    pub ends: String,
    pub venue: String,
    pub title: Resolved,
    pub views_statement: Resolved,
    pub questions: Vec<QuestionView>,
    /// Names this filling-in of the form, so a resent form stores nothing twice.
    pub token: String,
    pub accepting: bool,
}

/// A kiosk form that was refused: its problems, and the token it was
/// sent with, which the form keeps so that once it is sent no replay of
/// the refused post can show its answers again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskRefusal {
    pub rejected: Rejected,
    pub token: String,
}

/// The questions a one-page form can ask: those on pages and with rules
/// that depend on no earlier answer, in survey order.
pub fn unconditional_questions(form: &SurveyForm) -> Vec<QuestionView> {
    form.pages
        .iter()
        .filter(|p| p.show_if.is_empty())
        .flat_map(|p| p.questions.iter())
        .filter(|q| q.show_if.is_empty())
        .cloned()
        .collect()
}

/// How often sessions repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    Once,
    Weekly,
    Fortnightly,
    /// The same weekday of the month: the second Tuesday, say.
    Monthly,
}

impl Repeat {
    pub const ALL: [Repeat; 4] = [
        Repeat::Once,
        Repeat::Weekly,
        Repeat::Fortnightly,
        Repeat::Monthly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Repeat::Once => "once",
            Repeat::Weekly => "weekly",
            Repeat::Fortnightly => "fortnightly",
            Repeat::Monthly => "monthly",
        }
    }

    pub fn parse(text: &str) -> Option<Repeat> {
        Repeat::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// What is wrong with a field of a session form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionProblem {
    Missing,
    TooLong(usize),
    TooManyServices(usize),
    Date,
    Time,
    EndsBeforeStart,
    UntilBeforeStart,
    TooFarAhead,
    TooManySessions(usize),
    Repeat,
    /// A session with feedback cannot be deleted: its feedback stays counted.
    HasFeedback,
}

/// A refused session form: each problem by field name, and what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRefusal {
    pub problems: Vec<(String, SessionProblem)>,
    pub typed: Vec<(String, String)>,
}

impl SessionRefusal {
    /// The problem with `field`, if any.
    pub fn problem(&self, field: &str) -> Option<SessionProblem> {
        self.problems
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, p)| *p)
    }

    /// What was typed into `field`.
    pub fn typed(&self, field: &str) -> Option<String> {
        self.typed
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    }
}

/// A checked session form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionForm {
    pub name: String,
    pub description: String,
    pub venue: String,
    pub services: Vec<String>,
    pub date: Date,
    pub starts: String,
    pub ends: String,
    pub repeat: Repeat,
    /// The last day a repeat may fall on; the date itself when `Once`.
    pub until: Date,
}

/// Which fields a form has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    /// A name of its own (a series, a one-off, or an edited session).
    pub name: bool,
    /// A series' description.
    pub description: bool,
    /// Repeat and until.
    pub repeat: bool,
}

/// The services in a textarea: one per line, trimmed, blank lines and
/// repeats dropped.
pub fn services_of(text: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(line)) {
            seen.push(line.to_owned());
        }
    }
    seen
}

/// `HH:MM` on a 24-hour clock, if it is one.
pub fn parse_time(text: &str) -> Option<String> {
    let (h, rest) = text.trim().split_once(':')?;
    // Browsers may add seconds ("09:30:00").
    let m = rest.split_once(':').map_or(rest, |(m, _)| m);
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// Checks a posted session form, reporting every problem.
pub fn check_session(
    fields: &[(String, String)],
    has: Fields,
) -> Result<SessionForm, SessionRefusal> {
    // Control characters (other than line breaks) have no place in a name
    // or a venue, and would make the poster's SVG unreadable.
    let cleaned: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| {
            let v: String = v
                .chars()
                .filter(|c| !c.is_control() || *c == '\n')
                .collect();
            (k.clone(), v)
        })
        .collect();
    let get = |name: &str| {
        cleaned
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    };
    let mut problems: Vec<(String, SessionProblem)> = Vec::new();
    // A text field's value, and what is wrong with it.
    let text = |field: &str, limit: usize, required: bool| {
        let value = get(field);
        let problem = if required && value.is_empty() {
            Some(SessionProblem::Missing)
        } else if value.chars().count() > limit {
            Some(SessionProblem::TooLong(limit))
        } else {
            None
        };
        (value.to_owned(), problem)
    };
    let mut texts = Vec::new();
    for (field, limit, required, wanted) in [
        ("name", NAME_LIMIT, true, has.name),
        ("description", DESCRIPTION_LIMIT, false, has.description),
        ("venue", VENUE_LIMIT, true, true),
    ] {
        let (value, problem) = if wanted {
            text(field, limit, required)
        } else {
            (String::new(), None)
        };
        if let Some(problem) = problem {
            problems.push((field.to_owned(), problem));
        }
        texts.push(value);
    }
    let [name, description, venue]: [String; 3] = texts.try_into().unwrap_or_default();
    let services = services_of(get("services"));
    let mut problem = |field: &str, p: SessionProblem| problems.push((field.to_owned(), p));
    if services.len() > SERVICES_LIMIT {
        problem("services", SessionProblem::TooManyServices(SERVICES_LIMIT));
    } else if services.iter().any(|s| s.chars().count() > SERVICE_LIMIT) {
        problem("services", SessionProblem::TooLong(SERVICE_LIMIT));
    }
    let date = match get("date") {
        "" => {
            problem("date", SessionProblem::Missing);
            None
        }
        text => Date::parse_iso(text)
            .filter(|d| d.iso() == text)
            .or_else(|| {
                problem("date", SessionProblem::Date);
                None
            }),
    };
    let mut time = |field: &str| match get(field) {
        "" => {
            problem(field, SessionProblem::Missing);
            None
        }
        text => parse_time(text).or_else(|| {
            problem(field, SessionProblem::Time);
            None
        }),
    };
    let starts = time("starts");
    let ends = time("ends");
    if let (Some(s), Some(e)) = (&starts, &ends)
        && e <= s
    {
        problem("ends", SessionProblem::EndsBeforeStart);
    }
    let repeat = if has.repeat {
        Repeat::parse(get("repeat")).or_else(|| {
            problem("repeat", SessionProblem::Repeat);
            None
        })
    } else {
        Some(Repeat::Once)
    };
    let until = match (repeat, get("until")) {
        (Some(Repeat::Once) | None, _) => date,
        (Some(_), "") => {
            problem("until", SessionProblem::Missing);
            None
        }
        (Some(_), text) => match (Date::parse_iso(text).filter(|d| d.iso() == text), date) {
            (Some(until), Some(date)) if until < date => {
                problem("until", SessionProblem::UntilBeforeStart);
                None
            }
            (Some(until), _) => Some(until),
            (None, _) => {
                problem("until", SessionProblem::Date);
                None
            }
        },
    };
    match (date, starts, ends, repeat, until) {
        (Some(date), Some(starts), Some(ends), Some(repeat), Some(until))
            if problems.is_empty() =>
        {
            Ok(SessionForm {
                name,
                description,
                venue,
                services,
                date,
                starts,
                ends,
                repeat,
                until,
            })
        }
        _ => Err(SessionRefusal {
            problems,
            typed: fields.to_vec(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    const ALL: Fields = Fields {
        name: true,
        description: true,
        repeat: true,
    };

    #[test]
    fn a_good_form_is_read_and_tidied() {
        let checked = check_session(
            &form(&[
                ("name", " SEND drop-in "),
                ("venue", "Wigan Life Centre"),
                ("services", "SENDIASS\n\n  Health visitors \nsendiass\n"),
                ("date", "2026-12-08"),
                ("starts", "9:30"),
                ("ends", "12:00"),
                ("repeat", "monthly"),
                ("until", "2027-07-20"),
            ]),
            ALL,
        )
        .unwrap();
        assert_eq!(checked.name, "SEND drop-in");
        assert_eq!(checked.services, ["SENDIASS", "Health visitors"]);
        assert_eq!(checked.starts, "09:30");
        assert_eq!(checked.repeat, Repeat::Monthly);
        assert_eq!(checked.until, Date::new(2027, 7, 20).unwrap());
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let refused = check_session(
            &form(&[
                ("name", ""),
                ("venue", &"x".repeat(VENUE_LIMIT + 1)),
                ("date", "2026-02-30"),
                ("starts", "25:00"),
                ("ends", "nine"),
                ("repeat", "hourly"),
            ]),
            ALL,
        )
        .unwrap_err();
        assert_eq!(refused.problem("name"), Some(SessionProblem::Missing));
        assert_eq!(
            refused.problem("venue"),
            Some(SessionProblem::TooLong(VENUE_LIMIT))
        );
        assert_eq!(refused.problem("date"), Some(SessionProblem::Date));
        assert_eq!(refused.problem("starts"), Some(SessionProblem::Time));
        assert_eq!(refused.problem("ends"), Some(SessionProblem::Time));
        assert_eq!(refused.problem("repeat"), Some(SessionProblem::Repeat));
        assert_eq!(refused.typed("date").as_deref(), Some("2026-02-30"));
    }

    #[test]
    fn times_and_repeats_must_make_sense() {
        let refused = check_session(
            &form(&[
                ("venue", "Hub"),
                ("date", "2026-12-08"),
                ("starts", "12:00"),
                ("ends", "11:00"),
                ("repeat", "weekly"),
                ("until", "2026-12-01"),
            ]),
            Fields {
                name: false,
                description: false,
                repeat: true,
            },
        )
        .unwrap_err();
        assert_eq!(
            refused.problem("ends"),
            Some(SessionProblem::EndsBeforeStart)
        );
        assert_eq!(
            refused.problem("until"),
            Some(SessionProblem::UntilBeforeStart)
        );
        assert_eq!(refused.problem("name"), None, "this form has no name");
    }

    #[test]
    fn too_many_services_are_refused() {
        let many: String = (0..=SERVICES_LIMIT)
            .map(|i| format!("Service {i}\n"))
            .collect();
        let refused = check_session(
            &form(&[
                ("venue", "Hub"),
                ("services", &many),
                ("date", "2026-12-08"),
                ("starts", "10:00"),
                ("ends", "11:00"),
            ]),
            Fields {
                name: false,
                description: false,
                repeat: false,
            },
        )
        .unwrap_err();
        assert_eq!(
            refused.problem("services"),
            Some(SessionProblem::TooManyServices(SERVICES_LIMIT))
        );
    }
}
