//! The survey builder's edits, as pure functions over a
//! [`SurveyDefinition`]: each form the builder posts is applied here, then
//! the whole document is checked and saved by the store. Keeping the edits
//! pure means they are tested without a browser or a database.

use super::{
    branching::Operator,
    definition::{
        ConditionDefinition, FORMAT, OptionDefinition, PageDefinition, QuestionDefinition,
        SurveyDefinition, VERSION,
    },
    localized::LocalizedText,
    survey::{QuestionKind, Special},
};

/// Blank option rows offered for new options on a question's form.
pub const NEW_OPTION_ROWS: usize = 3;

/// A posted form's fields.
pub type Fields = [(String, String)];

/// The first value posted as `name`, trimmed.
pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

/// Every value posted as `name` (checkboxes).
pub fn all<'a>(fields: &'a Fields, name: &str) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Sets `text` in `locale`, or removes that language when empty.
pub fn set_text(text: &mut LocalizedText, locale: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        text.0.remove(locale);
    } else {
        text.0.insert(locale.to_owned(), value.to_owned());
    }
}

/// A key, value or slug made from `text`: lower-case ASCII letters and
/// digits joined by `-`, at most 40 characters; empty if none are left.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_matches('-').to_owned()
}

/// `prefix` followed by the first number not used by `taken`.
fn next_key<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let highest = taken
        .filter_map(|k| k.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}

pub fn next_question_key(def: &SurveyDefinition) -> String {
    next_key(
        "q",
        def.pages
            .iter()
            .flat_map(|p| &p.questions)
            .map(|q| q.key.as_str()),
    )
}

pub fn next_page_key(def: &SurveyDefinition) -> String {
    next_key("p", def.pages.iter().map(|p| p.key.as_str()))
}

/// A new survey: its title and how views will be used, in `locale`, with
/// one empty page.
pub fn new_survey(title: &str, views: &str, slug: &str, locale: &str) -> SurveyDefinition {
    let mut def = SurveyDefinition {
        format: FORMAT.to_owned(),
        version: VERSION,
        slug: slug.to_owned(),
        default_locale: locale.to_owned(),
        title: LocalizedText::default(),
        introduction: LocalizedText::default(),
        views_statement: LocalizedText::default(),
        estimated_minutes: 5,
        opens_on: None,
        closes_on: None,
        pages: Vec::new(),
    };
    set_text(&mut def.title, locale, title);
    set_text(&mut def.views_statement, locale, views);
    add_page(&mut def);
    def
}

/// Adds an empty page at the end; returns its index.
pub fn add_page(def: &mut SurveyDefinition) -> usize {
    let key = next_page_key(def);
    def.pages.push(PageDefinition {
        key,
        id: None,
        title: LocalizedText::default(),
        introduction: LocalizedText::default(),
        show_if: Vec::new(),
        questions: Vec::new(),
    });
    def.pages.len() - 1
}

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(text: &str) -> Option<Direction> {
        match text {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// Moves page `index` one place; false if it is already at that end.
pub fn move_page(def: &mut SurveyDefinition, index: usize, to: Direction) -> bool {
    let other = match to {
        Direction::Up => index.checked_sub(1),
        Direction::Down => Some(index + 1).filter(|i| *i < def.pages.len()),
    };
    match other {
        Some(other) if index < def.pages.len() => {
            def.pages.swap(index, other);
            true
        }
        _ => false,
    }
}

/// Where question `id` is: (page index, position on the page).
pub fn find_question(def: &SurveyDefinition, id: i32) -> Option<(usize, usize)> {
    def.pages.iter().enumerate().find_map(|(p, page)| {
        page.questions
            .iter()
            .position(|q| q.id == Some(id))
            .map(|q| (p, q))
    })
}

/// Moves a question one place: within its page, or past the page's edge
/// onto the end or start of the next page. False if it cannot go further.
pub fn move_question(def: &mut SurveyDefinition, at: (usize, usize), to: Direction) -> bool {
    let (p, q) = at;
    let len = def.pages.get(p).map_or(0, |page| page.questions.len());
    if q >= len {
        return false;
    }
    match to {
        Direction::Up if q > 0 => def.pages[p].questions.swap(q, q - 1),
        Direction::Down if q + 1 < len => def.pages[p].questions.swap(q, q + 1),
        Direction::Up if p > 0 => {
            let moved = def.pages[p].questions.remove(q);
            def.pages[p - 1].questions.push(moved);
        }
        Direction::Down if p + 1 < def.pages.len() => {
            let moved = def.pages[p].questions.remove(q);
            def.pages[p + 1].questions.insert(0, moved);
        }
        _ => return false,
    }
    true
}

/// The survey's details form: title, introduction, how views will be used,
/// minutes, address and dates, in the survey's own language.
pub fn apply_details(def: &mut SurveyDefinition, fields: &Fields) {
    let locale = def.default_locale.clone();
    set_text(&mut def.title, &locale, field(fields, "title"));
    set_text(
        &mut def.introduction,
        &locale,
        field(fields, "introduction"),
    );
    set_text(
        &mut def.views_statement,
        &locale,
        field(fields, "views_statement"),
    );
    // A number that does not parse becomes 0, which the check refuses.
    def.estimated_minutes = field(fields, "estimated_minutes").parse().unwrap_or(0);
    def.slug = field(fields, "slug").to_owned();
    let date = |name| Some(field(fields, name).to_owned()).filter(|d| !d.is_empty());
    def.opens_on = date("opens_on");
    def.closes_on = date("closes_on");
}

/// Number fields typed with something that is not a whole number. The
/// document holds numbers only, so the check never sees these: the form
/// reports them itself, at `scope` (where the edited part is in the survey).
pub fn number_problems(
    fields: &Fields,
    scope: &str,
    names: &[&str],
) -> Vec<super::definition::Located> {
    names
        .iter()
        .filter(|name| {
            let typed = field(fields, name).trim();
            !typed.is_empty() && typed.parse::<i64>().is_err()
        })
        .map(|name| super::definition::Located {
            path: if scope.is_empty() {
                (*name).to_owned()
            } else {
                format!("{scope}.{name}")
            },
            problem: super::definition::Problem::NotANumber,
        })
        .collect()
}

/// A show-if rule posted as `rule` ("q3|ehcp", "q3|" for any answer) and
/// `rule_op`; an empty `rule` means always shown.
fn apply_rule(fields: &Fields) -> Vec<ConditionDefinition> {
    let rule = field(fields, "rule");
    let Some((question, value)) = rule.split_once('|') else {
        return Vec::new();
    };
    let op = match (field(fields, "rule_op"), value.is_empty()) {
        (_, true) => Operator::Answered,
        ("not_equals", _) => Operator::NotEquals,
        ("includes", _) => Operator::Includes,
        _ => Operator::Equals,
    };
    vec![ConditionDefinition {
        question: question.to_owned(),
        op,
        value: Some(value.to_owned()).filter(|v| !v.is_empty()),
    }]
}

/// A page's form: title, introduction and when it is shown. A rule from an
/// imported file with several conditions is kept unless one is chosen here.
pub fn apply_page(def: &mut SurveyDefinition, index: usize, fields: &Fields) {
    let locale = def.default_locale.clone();
    let Some(page) = def.pages.get_mut(index) else {
        return;
    };
    set_text(&mut page.title, &locale, field(fields, "title"));
    set_text(
        &mut page.introduction,
        &locale,
        field(fields, "introduction"),
    );
    if field(fields, "rule_keep") != "yes" {
        page.show_if = apply_rule(fields);
    }
}

/// A question's form. `at` is where it is, or (for a new question) the
/// page to add it to, with its kind.
pub fn apply_question(
    def: &mut SurveyDefinition,
    at: QuestionAt,
    fields: &Fields,
) -> Option<(usize, usize)> {
    let locale = def.default_locale.clone();
    let (p, q) = match at {
        QuestionAt::Existing(p, q) => (p, q),
        QuestionAt::New(p, kind) => {
            let key = next_question_key(def);
            let page = def.pages.get_mut(p)?;
            page.questions.push(QuestionDefinition::blank(key, kind));
            (p, page.questions.len() - 1)
        }
    };
    let question = def.pages.get_mut(p)?.questions.get_mut(q)?;
    set_text(&mut question.prompt, &locale, field(fields, "prompt"));
    set_text(&mut question.help, &locale, field(fields, "help"));
    question.required = field(fields, "required") == "yes";
    let kind_field = field(fields, "kind");
    let kind_changed = !kind_field.is_empty() && kind_field != question.kind;
    if kind_changed {
        question.kind = kind_field.to_owned();
    }
    let number = |name| field(fields, name).parse::<i64>().ok();
    question.max_length = number("max_length").and_then(|n| u32::try_from(n).ok());
    question.min_value = number("min_value");
    question.max_value = number("max_value");
    if field(fields, "rule_keep") != "yes" {
        question.show_if = apply_rule(fields);
    }
    question.outcomes = all(fields, "outcome")
        .into_iter()
        .map(str::to_owned)
        .collect();
    question.priorities = all(fields, "priority")
        .into_iter()
        .map(str::to_owned)
        .collect();
    let kind = QuestionKind::parse(&question.kind);
    question.options = match kind {
        // A standard scale keeps its stored options (and their answers);
        // a question that becomes one gets the standard values on saving.
        Some(k) if k.standard_values().is_some() && !kind_changed => question.options.clone(),
        Some(k) if k.standard_values().is_some() => Vec::new(),
        Some(k) if k.has_options() => posted_options(&question.options, &locale, fields),
        _ => Vec::new(),
    };
    Some((p, q))
}

/// Where a question's form applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionAt {
    Existing(usize, usize),
    New(usize, QuestionKind),
}

/// The options posted as rows `option_label_N` (with `option_id_N` for an
/// existing one and `option_remove_N` to remove it), plus the special
/// answers ticked as `special`. Existing options keep their values; new
/// ones get a value made from their label.
fn posted_options(
    before: &[OptionDefinition],
    locale: &str,
    fields: &Fields,
) -> Vec<OptionDefinition> {
    let mut options = Vec::new();
    let rows = before.iter().filter(|o| o.special.is_none()).count() + NEW_OPTION_ROWS;
    for row in 0..rows {
        let label = field(fields, &format!("option_label_{row}"));
        let id = field(fields, &format!("option_id_{row}"))
            .parse::<i32>()
            .ok();
        let removed = field(fields, &format!("option_remove_{row}")) == "yes";
        let existing = id.and_then(|id| before.iter().find(|o| o.id == Some(id)));
        match existing {
            Some(_) if removed => {}
            Some(old) => {
                let mut kept = old.clone();
                set_text(&mut kept.label, locale, label);
                options.push(kept);
            }
            None if label.is_empty() => {}
            None => {
                let mut text = LocalizedText::default();
                set_text(&mut text, locale, label);
                options.push(OptionDefinition {
                    value: String::new(),
                    id: None,
                    label: text,
                    special: None,
                    image: None,
                    image_alt: LocalizedText::default(),
                });
            }
        }
    }
    for special in Special::ALL {
        if all(fields, "special").contains(&special.as_str()) {
            let old = before
                .iter()
                .find(|o| o.special.as_deref() == Some(special.as_str()));
            options.push(old.cloned().unwrap_or_else(|| OptionDefinition {
                value: special.as_str().replace('_', "-"),
                id: None,
                label: LocalizedText::default(),
                special: Some(special.as_str().to_owned()),
                image: None,
                image_alt: LocalizedText::default(),
            }));
        }
    }
    // New options get unique values from their labels.
    let mut taken: Vec<String> = options
        .iter()
        .map(|o| o.value.clone())
        .filter(|v| !v.is_empty())
        .collect();
    for (n, o) in options.iter_mut().enumerate() {
        if !o.value.is_empty() {
            continue;
        }
        let base = o
            .label
            .0
            .get(locale)
            .map(|l| slugify(l))
            .filter(|s| !s.is_empty());
        let base = base.unwrap_or_else(|| format!("option-{}", n + 1));
        let mut value = base.clone();
        let mut i = 1;
        while taken.contains(&value) {
            i += 1;
            value = format!("{base}-{i}");
        }
        taken.push(value.clone());
        o.value = value;
    }
    options
}

/// Rules a page at `page_index` (or a question on it) may use: every
/// answerable value of every question on an earlier page, as the `rule`
/// field posts it, with the question's key and the option's value.
pub fn rule_targets(def: &SurveyDefinition, page_index: usize) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for page in def.pages.iter().take(page_index) {
        for q in page.questions.iter().filter(|q| !q.archived) {
            let Some(kind) = QuestionKind::parse(&q.kind) else {
                continue;
            };
            out.push((format!("{}|", q.key), q.key.clone(), String::new()));
            for value in super::definition::option_values(kind, &q.options) {
                out.push((format!("{}|{value}", q.key), q.key.clone(), value));
            }
        }
    }
    out
}

/// The `rule` field's value for existing conditions, when there is one.
pub fn rule_value(conditions: &[ConditionDefinition]) -> Option<String> {
    match conditions {
        [one] => Some(format!(
            "{}|{}",
            one.question,
            one.value.clone().unwrap_or_default()
        )),
        _ => None,
    }
}

/// A refused builder form: every problem, and the document as edited, so
/// the page shows what was typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuilderRefusal {
    pub problems: Vec<super::definition::Located>,
    pub draft: Option<SurveyDefinition>,
}

/// A survey in the builder, as its pages see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuilderView {
    pub officer: super::roles::OfficerView,
    pub id: i32,
    pub status: super::officer::SurveyStatus,
    pub def: SurveyDefinition,
    /// Questions (by id) that have answers.
    pub answered: Vec<i32>,
    /// Outcome keys with their titles, and priority numbers with theirs.
    pub outcomes: Vec<(String, super::localized::Resolved)>,
    pub priorities: Vec<(String, super::localized::Resolved)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slugify("Big SEND Survey 2026!"), "big-send-survey-2026");
        assert_eq!(slugify("  --  "), "");
        assert_eq!(slugify("Ósma ankieta"), "sma-ankieta");
    }

    #[test]
    fn a_new_choice_question_gets_options_specials_rules_and_tags() {
        let mut def = new_survey("Drop-in feedback", "Officers read these.", "drop-in", "en");
        add_page(&mut def);
        let fields = posted(&[
            ("prompt", "Who came?"),
            ("required", "yes"),
            ("option_label_0", "A parent"),
            ("option_label_1", "A young person"),
            ("option_label_2", "A parent"),
            ("special", "prefer_not_to_say"),
            ("outcome", "heard"),
        ]);
        let at = apply_question(
            &mut def,
            QuestionAt::New(0, QuestionKind::SingleChoice),
            &fields,
        )
        .unwrap();
        assert_eq!(at, (0, 0));
        let q = &def.pages[0].questions[0];
        assert_eq!(q.key, "q1");
        assert!(q.required);
        let values: Vec<_> = q.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "a-parent",
                "a-young-person",
                "a-parent-2",
                "prefer-not-to-say"
            ]
        );
        assert_eq!(q.outcomes, ["heard"]);

        // A question on page 2 shown only for young people.
        let targets = rule_targets(&def, 1);
        assert!(targets.iter().any(|t| t.0 == "q1|a-young-person"));
        let fields = posted(&[
            ("prompt", "How old are you?"),
            ("rule", "q1|a-young-person"),
            ("rule_op", "equals"),
        ]);
        apply_question(&mut def, QuestionAt::New(1, QuestionKind::Number), &fields).unwrap();
        let rule = &def.pages[1].questions[0].show_if;
        assert_eq!(rule_value(rule).as_deref(), Some("q1|a-young-person"));
        assert_eq!(rule[0].op, Operator::Equals);
    }

    #[test]
    fn editing_keeps_values_and_removes_ticked_options() {
        let mut def = new_survey("S", "V", "s", "en");
        let fields = posted(&[
            ("prompt", "Q"),
            ("option_label_0", "One"),
            ("option_label_1", "Two"),
        ]);
        apply_question(
            &mut def,
            QuestionAt::New(0, QuestionKind::MultipleChoice),
            &fields,
        )
        .unwrap();
        for (n, o) in def.pages[0].questions[0].options.iter_mut().enumerate() {
            o.id = Some(i32::try_from(n).unwrap() + 10);
        }
        let fields = posted(&[
            ("prompt", "Q"),
            ("option_id_0", "10"),
            ("option_label_0", "First"),
            ("option_id_1", "11"),
            ("option_label_1", "Two"),
            ("option_remove_1", "yes"),
            ("option_label_2", "Three"),
        ]);
        apply_question(&mut def, QuestionAt::Existing(0, 0), &fields).unwrap();
        let options = &def.pages[0].questions[0].options;
        assert_eq!(options.len(), 2);
        assert_eq!(options[0].value, "one");
        assert_eq!(options[0].label.0["en"], "First");
        assert_eq!(options[1].value, "three");
    }

    #[test]
    fn questions_move_within_and_across_pages() {
        let mut def = new_survey("S", "V", "s", "en");
        add_page(&mut def);
        for prompt in ["A", "B"] {
            apply_question(
                &mut def,
                QuestionAt::New(0, QuestionKind::ShortText),
                &posted(&[("prompt", prompt)]),
            );
        }
        assert!(move_question(&mut def, (0, 1), Direction::Up));
        assert_eq!(def.pages[0].questions[0].prompt.0["en"], "B");
        assert!(move_question(&mut def, (0, 1), Direction::Down));
        assert_eq!(def.pages[1].questions[0].prompt.0["en"], "A");
        assert!(!move_question(&mut def, (1, 0), Direction::Down));
        assert!(move_page(&mut def, 1, Direction::Up));
        assert_eq!(def.pages[0].key, "p2");
        assert!(!move_page(&mut def, 0, Direction::Up));
    }
}
