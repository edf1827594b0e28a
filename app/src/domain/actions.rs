//! "You said, we did": actions as officers write them and the public reads
//! them, the one check every action form goes through, the public board's
//! filters, and rating the process ("I am heard").

pub use super::results::HeardIndicator;
use super::{
    localized::Resolved, results::QuestionSummary, roles::OfficerView, suppression::Shown,
    survey::Label,
};
use serde::{Deserialize, Serialize};

/// Longest "You said" and "We did" (a few paragraphs).
pub const TEXT_LIMIT: usize = 2000;
/// Longest service name and "when".
pub const SHORT_LIMIT: usize = 120;
/// Longest reason, timeline update or rating comment.
pub const NOTE_LIMIT: usize = 1000;
/// Actions per page of the public board.
pub const BOARD_PAGE: u64 = 20;

/// Where an action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    /// Not possible, with the reason said.
    NotPossible,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::NotPossible,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::NotPossible => "not-possible",
        }
    }

    pub fn parse(s: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// What a timeline entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Created,
    Published,
    Unpublished,
    /// The status changed (the entry carries the new one).
    Status,
    /// An update in words, with no change of status.
    Update,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Published => "published",
            EventKind::Unpublished => "unpublished",
            EventKind::Status => "status",
            EventKind::Update => "update",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        [
            EventKind::Created,
            EventKind::Published,
            EventKind::Unpublished,
            EventKind::Status,
            EventKind::Update,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Whether the public timeline shows it: drafting is the officers' own.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            EventKind::Published | EventKind::Status | EventKind::Update
        )
    }

    /// The entries that are news for people who asked for updates.
    pub const NEWS: [EventKind; 2] = [EventKind::Published, EventKind::Status];

    /// Whether it is news for people who asked for updates.
    pub fn is_news(self) -> bool {
        EventKind::NEWS.contains(&self)
    }
}

/// An answer to "Does this show that families' views were listened to?"
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    Yes,
    Partly,
    No,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Yes, Rating::Partly, Rating::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Yes => "yes",
            Rating::Partly => "partly",
            Rating::No => "no",
        }
    }

    pub fn parse(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A tag as pages show it: its key (an outcome key or priority number) and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    pub title: Resolved,
}

/// An action as lists and cards show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionCard {
    pub id: i32,
    pub you_said: String,
    pub we_did: String,
    pub service: String,
    pub timing: String,
    pub status: ActionStatus,
    pub reason: Option<String>,
    pub outcomes: Vec<Tag>,
    pub priorities: Vec<Tag>,
    /// Last changed, `YYYY-MM-DD`.
    pub updated_on: String,
    pub published: bool,
    pub owner: Option<String>,
}

/// One piece of evidence with its live figures, suppressed for the public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub id: i32,
    pub survey_title: Resolved,
    /// ("Who is answering?", "A parent or carer"), when narrowed.
    pub segment: Option<(Resolved, Label)>,
    pub figures: EvidenceFigures,
}

/// The figures behind a piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceFigures {
    /// A question's answers.
    Question(QuestionSummary),
    /// Comments carrying a theme.
    Theme { name: String, comments: Shown },
    /// A drop-in series' feedback across its sessions.
    Series {
        name: String,
        responses: Shown,
        positive: Option<u8>,
        negative: Option<u8>,
    },
    /// What it pointed at is gone (an archived question keeps its answers,
    /// so this is rare): said, not hidden.
    Missing,
    /// Its group (answers to one question from one segment) holds too few
    /// people, or all but too few: no figure for it is safe to show.
    TooFew,
}

/// One dated timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub kind: EventKind,
    pub status: Option<ActionStatus>,
    pub note: Option<String>,
    /// Who did it, for officers only.
    pub by: Option<String>,
}

/// An action's public page (and the officer's preview of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPage {
    pub card: ActionCard,
    pub evidence: Vec<EvidenceView>,
    pub timeline: Vec<TimelineEntry>,
    /// When shown to an officer as a preview: nothing can be rated.
    pub preview: bool,
}

/// The public board's filters, from its query string. Unknown values are
/// dropped rather than refused: a stale link still shows the board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardQuery {
    pub outcome: Option<String>,
    pub priority: Option<i32>,
    pub status: Option<ActionStatus>,
    pub survey: Option<i32>,
    pub series: Option<i32>,
    /// From 1.
    pub page: u64,
}

impl BoardQuery {
    /// Reads `outcome`, `priority`, `status`, `survey`, `series` and `page`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> BoardQuery {
        let mut q = BoardQuery {
            page: 1,
            ..BoardQuery::default()
        };
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "outcome" if !v.is_empty() && v.len() <= 80 => q.outcome = Some(v.to_owned()),
                "priority" => q.priority = v.parse().ok(),
                "status" => q.status = ActionStatus::parse(v),
                "survey" => q.survey = v.parse().ok(),
                "series" => q.series = v.parse().ok(),
                "page" => q.page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        q
    }

    /// The query string for this board page, for links (page 1 is implied).
    pub fn to_query(&self, page: u64) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        if let Some(o) = &self.outcome {
            s.append_pair("outcome", o);
        }
        if let Some(p) = self.priority {
            s.append_pair("priority", &p.to_string());
        }
        if let Some(st) = self.status {
            s.append_pair("status", st.as_str());
        }
        if let Some(id) = self.survey {
            s.append_pair("survey", &id.to_string());
        }
        if let Some(id) = self.series {
            s.append_pair("series", &id.to_string());
        }
        if page > 1 {
            s.append_pair("page", &page.to_string());
        }
        s.finish()
    }

    pub fn is_filtered(&self) -> bool {
        self.outcome.is_some()
            || self.priority.is_some()
            || self.status.is_some()
            || self.survey.is_some()
            || self.series.is_some()
    }
}

/// A choice in one of the board's filters: (value, label).
pub type FilterChoice = (String, String);

/// The public board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub query: BoardQuery,
    pub actions: Vec<ActionCard>,
    /// Matching actions in all, for "Showing 1 to 20 of 43".
    pub total: u64,
    pub outcomes: Vec<FilterChoice>,
    pub priorities: Vec<FilterChoice>,
    pub surveys: Vec<FilterChoice>,
    pub series: Vec<FilterChoice>,
}

/// What a respondent sees under "What happened because of your views".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAction {
    pub id: i32,
    pub you_said: String,
    pub status: ActionStatus,
}

/// An action form as posted, before its check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFields {
    pub you_said: String,
    pub we_did: String,
    pub service: String,
    pub timing: String,
    pub outcomes: Vec<String>,
    pub priorities: Vec<String>,
    /// An officer's id, or empty for nobody.
    pub owner: String,
}

/// A field of an action form that was refused, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionProblem {
    YouSaidMissing,
    YouSaidTooLong,
    WeDidMissing,
    WeDidTooLong,
    ServiceTooLong,
    TimingTooLong,
    /// "Not possible" needs the reason.
    ReasonMissing,
    NoteTooLong,
    /// An update needs words.
    NoteMissing,
    /// A segment from another survey than the question's.
    SegmentElsewhere,
    /// A tag or owner that does not exist: a tampered form.
    Unknown,
}

impl ActionProblem {
    /// The form field it belongs to, for the error summary's link.
    pub fn field(self) -> &'static str {
        match self {
            ActionProblem::YouSaidMissing | ActionProblem::YouSaidTooLong => "you_said",
            ActionProblem::WeDidMissing | ActionProblem::WeDidTooLong => "we_did",
            ActionProblem::ServiceTooLong => "service",
            ActionProblem::TimingTooLong => "timing",
            ActionProblem::ReasonMissing
            | ActionProblem::NoteTooLong
            | ActionProblem::NoteMissing => "note",
            ActionProblem::SegmentElsewhere => "segment",
            ActionProblem::Unknown => "you_said",
        }
    }
}

/// A refused action form: which form (`op`), its problems and what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRefusal {
    pub op: String,
    pub problems: Vec<ActionProblem>,
    pub typed: Vec<(String, String)>,
}

/// An action's words and tags, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    pub you_said: String,
    pub we_did: String,
    pub service: String,
    pub timing: String,
    pub outcomes: Vec<String>,
    pub priorities: Vec<i32>,
    pub owner: Option<i32>,
}

impl ActionFields {
    /// The action form's fields from posted (or refused and typed) pairs.
    pub fn from_pairs(pairs: &super::builder::Fields) -> ActionFields {
        use super::builder::{all, field};
        let one = |name: &str| field(pairs, name).to_owned();
        let many = |name: &str| all(pairs, name).into_iter().map(str::to_owned).collect();
        ActionFields {
            you_said: one("you_said"),
            we_did: one("we_did"),
            service: one("service"),
            timing: one("timing"),
            outcomes: many("outcomes"),
            priorities: many("priorities"),
            owner: one("owner"),
        }
    }
}

fn too_long(text: &str, limit: usize) -> bool {
    text.chars().count() > limit
}

impl ActionFields {
    /// Checks the words and tags against what exists (`known_outcomes`,
    /// `known_priorities`, `officers`); every problem is reported.
    pub fn check(
        &self,
        known_outcomes: &[String],
        known_priorities: &[i32],
        officers: &[i32],
    ) -> Result<ActionInput, Vec<ActionProblem>> {
        let you_said = self.you_said.trim();
        let we_did = self.we_did.trim();
        let (service, timing) = (self.service.trim(), self.timing.trim());
        let mut problems = Vec::new();
        if you_said.is_empty() {
            problems.push(ActionProblem::YouSaidMissing);
        } else if too_long(you_said, TEXT_LIMIT) {
            problems.push(ActionProblem::YouSaidTooLong);
        }
        if we_did.is_empty() {
            problems.push(ActionProblem::WeDidMissing);
        } else if too_long(we_did, TEXT_LIMIT) {
            problems.push(ActionProblem::WeDidTooLong);
        }
        if too_long(service, SHORT_LIMIT) {
            problems.push(ActionProblem::ServiceTooLong);
        }
        if too_long(timing, SHORT_LIMIT) {
            problems.push(ActionProblem::TimingTooLong);
        }
        let priorities: Option<Vec<i32>> = self
            .priorities
            .iter()
            .map(|p| p.parse().ok().filter(|n| known_priorities.contains(n)))
            .collect();
        let owner = match self.owner.trim() {
            "" => Some(None),
            id => id.parse().ok().filter(|i| officers.contains(i)).map(Some),
        };
        let outcomes_known = self.outcomes.iter().all(|o| known_outcomes.contains(o));
        let (Some(mut priorities), Some(owner), true) = (priorities, owner, outcomes_known) else {
            problems.push(ActionProblem::Unknown);
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut outcomes = self.outcomes.clone();
        outcomes.sort();
        outcomes.dedup();
        priorities.sort_unstable();
        priorities.dedup();
        Ok(ActionInput {
            you_said: you_said.to_owned(),
            we_did: we_did.to_owned(),
            service: service.to_owned(),
            timing: timing.to_owned(),
            outcomes,
            priorities,
            owner,
        })
    }
}

/// Checks a change of status and its note: "not possible" needs the reason.
pub fn check_status(status: ActionStatus, note: &str) -> Result<Option<String>, ActionProblem> {
    let note = note.trim();
    if too_long(note, NOTE_LIMIT) {
        return Err(ActionProblem::NoteTooLong);
    }
    if note.is_empty() {
        return if status == ActionStatus::NotPossible {
            Err(ActionProblem::ReasonMissing)
        } else {
            Ok(None)
        };
    }
    Ok(Some(note.to_owned()))
}

/// Checks an update in words.
pub fn check_note(note: &str) -> Result<String, ActionProblem> {
    match check_status(ActionStatus::Planned, note)? {
        Some(note) => Ok(note),
        None => Err(ActionProblem::NoteMissing),
    }
}

/// Checks a rating's optional comment; the answer itself must be known.
pub fn check_rating(answer: &str, comment: &str) -> Option<(Rating, Option<String>)> {
    let rating = Rating::parse(answer)?;
    let comment = comment.trim();
    if too_long(comment, NOTE_LIMIT) {
        return None;
    }
    Some((rating, (!comment.is_empty()).then(|| comment.to_owned())))
}

/// A rating that was refused (no answer chosen, or a comment too long):
/// the comment typed is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRefusal {
    pub comment: String,
}

/// The officer's list of actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsView {
    pub officer: OfficerView,
    pub actions: Vec<ActionCard>,
    pub heard: HeardIndicator,
}

/// What can be chosen as evidence: (id, label) per kind, questions grouped
/// by survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceChoices {
    /// (survey title, [(question id, prompt)]).
    pub questions: Vec<(String, Vec<(i32, String)>)>,
    /// (survey title, its choice questions) for segments.
    pub segments: Vec<(String, Vec<super::results::ChoiceQuestion>)>,
    /// (theme id, "theme (survey)").
    pub themes: Vec<(i32, String)>,
    pub series: Vec<(i32, String)>,
}

/// The page for a new action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewActionView {
    pub officer: OfficerView,
    pub outcomes: Vec<Tag>,
    pub priorities: Vec<Tag>,
    pub owners: Vec<(i32, String)>,
}

/// The officer's page for one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEditView {
    pub page: ActionPage,
    pub fields: ActionFields,
    /// The officer, the tags and who may own it, as a new action's form has.
    pub form: NewActionView,
    pub choices: EvidenceChoices,
    pub heard: HeardIndicator,
    /// Rating comments, newest first.
    pub comments: Vec<String>,
}

/// Where a name offered to be thanked publicly stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThanksState {
    Waiting,
    Approved,
    Declined,
}

/// One name offered to be thanked publicly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThanksName {
    pub id: i64,
    pub name: String,
    pub state: ThanksState,
}

/// The officers' page for approving names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThanksView {
    pub officer: OfficerView,
    pub survey_id: i32,
    pub slug: String,
    pub title: Resolved,
    pub names: Vec<ThanksName>,
}

/// A survey's public thank-you list: approved names only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicThanks {
    pub slug: String,
    pub title: Resolved,
    pub names: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> ActionFields {
        ActionFields {
            you_said: " Waiting lists for speech and language therapy are too long. ".into(),
            we_did: "We funded two more therapists.".into(),
            service: "Children's therapies".into(),
            timing: "By March 2027".into(),
            outcomes: vec!["family-supported".into(), "family-supported".into()],
            priorities: vec!["3".into(), "1".into()],
            owner: "2".into(),
        }
    }

    #[test]
    fn a_good_action_is_tidied() {
        let input = fields()
            .check(&["family-supported".into()], &[1, 3], &[2])
            .unwrap();
        assert!(input.you_said.starts_with("Waiting") && input.you_said.ends_with("long."));
        assert_eq!(input.outcomes, ["family-supported"]);
        assert_eq!(input.priorities, [1, 3]);
        assert_eq!(input.owner, Some(2));
    }

    #[test]
    fn every_problem_is_reported() {
        let bad = ActionFields {
            you_said: "  ".into(),
            we_did: "x".repeat(TEXT_LIMIT + 1),
            service: "s".repeat(SHORT_LIMIT + 1),
            ..fields()
        };
        assert_eq!(
            bad.check(&["family-supported".into()], &[1, 3], &[2]),
            Err(vec![
                ActionProblem::YouSaidMissing,
                ActionProblem::WeDidTooLong,
                ActionProblem::ServiceTooLong
            ])
        );
    }

    #[test]
    fn unknown_tags_and_owners_are_tampering() {
        let known = |f: ActionFields| f.check(&["family-supported".into()], &[1, 3], &[2]);
        for bad in [
            ActionFields {
                outcomes: vec!["made-up".into()],
                ..fields()
            },
            ActionFields {
                priorities: vec!["9".into()],
                ..fields()
            },
            ActionFields {
                priorities: vec!["one".into()],
                ..fields()
            },
            ActionFields {
                owner: "7".into(),
                ..fields()
            },
        ] {
            assert_eq!(known(bad), Err(vec![ActionProblem::Unknown]));
        }
        assert_eq!(
            known(ActionFields {
                owner: "".into(),
                ..fields()
            })
            .unwrap()
            .owner,
            None
        );
    }

    #[test]
    fn not_possible_needs_its_reason() {
        assert_eq!(
            check_status(ActionStatus::NotPossible, "  "),
            Err(ActionProblem::ReasonMissing)
        );
        assert_eq!(check_status(ActionStatus::Done, ""), Ok(None));
        assert_eq!(
            check_status(ActionStatus::NotPossible, " No budget this year "),
            Ok(Some("No budget this year".into()))
        );
        assert_eq!(check_note(""), Err(ActionProblem::NoteMissing));
        assert_eq!(
            check_note(&"n".repeat(NOTE_LIMIT + 1)),
            Err(ActionProblem::NoteTooLong)
        );
    }

    #[test]
    fn ratings_need_a_known_answer() {
        assert_eq!(check_rating("partly", "  "), Some((Rating::Partly, None)));
        assert_eq!(
            check_rating("yes", " Good to see "),
            Some((Rating::Yes, Some("Good to see".into())))
        );
        assert_eq!(check_rating("maybe", ""), None);
        assert_eq!(check_rating("no", &"c".repeat(NOTE_LIMIT + 1)), None);
    }

    #[test]
    fn board_queries_read_and_write_the_same_filters() {
        let q = BoardQuery::from_pairs([
            ("outcome", "family-supported"),
            ("priority", "3"),
            ("status", "in-progress"),
            ("survey", "nope"),
            ("series", "2"),
            ("page", "0"),
        ]);
        assert_eq!(q.status, Some(ActionStatus::InProgress));
        assert_eq!((q.survey, q.series, q.page), (None, Some(2), 1));
        let again = q.to_query(2);
        assert_eq!(
            again,
            "outcome=family-supported&priority=3&status=in-progress&series=2&page=2"
        );
        let parsed = BoardQuery::from_pairs(
            form_urlencoded::parse(again.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect::<Vec<_>>()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        assert_eq!(parsed, BoardQuery { page: 2, ..q });
        assert!(!BoardQuery::from_pairs([]).is_filtered());
    }

    #[test]
    fn statuses_and_kinds_round_trip() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(s.as_str()), Some(s));
        }
        assert!(EventKind::Status.is_news() && !EventKind::Update.is_news());
        assert!(!EventKind::Created.is_public());
    }
}
