//! The whole-document check every way a survey changes goes through
//! (import, duplicate, each builder form, publishing): every problem at
//! once, each with where it is.

use super::*;

/// Every problem with `def`; empty means it can be saved.
pub fn check(def: &SurveyDefinition, known: &Known) -> Vec<Located> {
    let mut out = Checker {
        def,
        known,
        problems: Vec::new(),
    };
    out.survey();
    out.problems
}

struct Checker<'a> {
    def: &'a SurveyDefinition,
    known: &'a Known,
    problems: Vec<Located>,
}

impl Checker<'_> {
    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.problems.push(Located {
            path: path.into(),
            problem,
        });
    }

    /// Checks a piece of text in every language: known languages, length,
    /// and (when `required`) present in the survey's own language.
    fn text(&mut self, path: &str, text: &LocalizedText, max: usize, required: bool) {
        for (locale, value) in &text.0 {
            if !self.known.locales.iter().any(|l| l == locale) {
                self.push(format!("{path}.{locale}"), Problem::Unknown(locale.clone()));
            }
            if value.chars().count() > max {
                self.push(format!("{path}.{locale}"), Problem::TooLong(max));
            }
        }
        let own = text.0.get(&self.def.default_locale);
        if required && own.is_none_or(|t| t.trim().is_empty()) {
            self.push(
                format!("{path}.{}", self.def.default_locale),
                Problem::Missing,
            );
        }
    }

    fn survey(&mut self) {
        let def = self.def;
        if def.format != FORMAT || def.version != VERSION {
            self.push("format", Problem::Format);
        }
        if !is_key(&def.slug) {
            self.push("slug", Problem::Shape(def.slug.clone()));
        }
        if !self.known.locales.contains(&def.default_locale) {
            self.push(
                "default_locale",
                Problem::Unknown(def.default_locale.clone()),
            );
        }
        self.text("title", &def.title, SHORT_TEXT_MAX, true);
        self.text("introduction", &def.introduction, LONG_TEXT_MAX, false);
        self.text("views_statement", &def.views_statement, LONG_TEXT_MAX, true);
        if !(1..=120).contains(&def.estimated_minutes) {
            self.push("estimated_minutes", Problem::Range);
        }
        let opens = self.date("opens_on", def.opens_on.as_deref());
        let closes = self.date("closes_on", def.closes_on.as_deref());
        if let (Some(o), Some(c)) = (opens, closes)
            && c <= o
        {
            self.push("closes_on", Problem::Date);
        }
        if def.pages.len() > MAX_PAGES {
            self.push("pages", Problem::TooMany(MAX_PAGES));
        }
        let questions: usize = def.pages.iter().map(|p| p.questions.len()).sum();
        if questions > MAX_QUESTIONS {
            self.push("pages", Problem::TooMany(MAX_QUESTIONS));
        }
        let mut page_keys = HashSet::new();
        let mut question_keys = HashSet::new();
        for (p, page) in def.pages.iter().enumerate() {
            let at = format!("pages[{p}]");
            self.key(&format!("{at}.key"), &page.key, &mut page_keys);
            self.text(&format!("{at}.title"), &page.title, SHORT_TEXT_MAX, false);
            self.text(
                &format!("{at}.introduction"),
                &page.introduction,
                LONG_TEXT_MAX,
                false,
            );
            for (q, question) in page.questions.iter().enumerate() {
                self.question(
                    &format!("{at}.questions[{q}]"),
                    question,
                    &mut question_keys,
                );
            }
        }
        self.rules();
    }

    fn date(&mut self, path: &str, date: Option<&str>) -> Option<(i32, u32, u32)> {
        let date = date?;
        let parsed = parse_date(date);
        if parsed.is_none() {
            self.push(path, Problem::Date);
        }
        parsed
    }

    fn key(&mut self, path: &str, key: &str, seen: &mut HashSet<String>) {
        if !is_key(key) {
            self.push(path, Problem::Shape(key.to_owned()));
        } else if !seen.insert(key.to_owned()) {
            self.push(path, Problem::Duplicate(key.to_owned()));
        }
    }

    fn question(&mut self, at: &str, q: &QuestionDefinition, keys: &mut HashSet<String>) {
        self.key(&format!("{at}.key"), &q.key, keys);
        self.text(&format!("{at}.prompt"), &q.prompt, LONG_TEXT_MAX, true);
        self.text(&format!("{at}.help"), &q.help, LONG_TEXT_MAX, false);
        let Some(kind) = QuestionKind::parse(&q.kind) else {
            self.push(format!("{at}.kind"), Problem::Unknown(q.kind.clone()));
            return;
        };
        if let Some(max) = q.max_length
            && !(1..=10_000).contains(&max)
        {
            self.push(format!("{at}.max_length"), Problem::Range);
        }
        if let (Some(min), Some(max)) = (q.min_value, q.max_value)
            && min > max
        {
            self.push(format!("{at}.max_value"), Problem::Range);
        }
        for (list, path, known) in [
            (&q.outcomes, "outcomes", &self.known.outcomes),
            (&q.priorities, "priorities", &self.known.priorities),
        ] {
            let mut seen = HashSet::new();
            for (i, key) in list.iter().enumerate() {
                if !seen.insert(key) {
                    self.problems.push(Located {
                        path: format!("{at}.{path}[{i}]"),
                        problem: Problem::Duplicate(key.clone()),
                    });
                } else if !known.contains(key) {
                    let problem = Problem::Unknown(key.clone());
                    self.problems.push(Located {
                        path: format!("{at}.{path}[{i}]"),
                        problem,
                    });
                }
            }
        }
        self.options(at, kind, &q.options);
    }

    fn options(&mut self, at: &str, kind: QuestionKind, options: &[OptionDefinition]) {
        if !kind.has_options() {
            if !options.is_empty() {
                self.push(format!("{at}.options"), Problem::Range);
            }
            return;
        }
        if let Some(standard) = kind.standard_values() {
            let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
            if !values.is_empty() && values != standard {
                self.push(format!("{at}.options"), Problem::StandardOptions);
            }
            // Their labels are translated for them, but pictures must still be ours.
            for (i, o) in options.iter().enumerate() {
                if o.image
                    .as_deref()
                    .is_some_and(|image| !is_site_image(image))
                {
                    let image = o.image.clone().unwrap_or_default();
                    self.push(format!("{at}.options[{i}].image"), Problem::Shape(image));
                }
            }
            return;
        }
        if options.len() > MAX_OPTIONS {
            self.push(format!("{at}.options"), Problem::TooMany(MAX_OPTIONS));
        }
        if options.iter().filter(|o| o.special.is_none()).count() < 2 {
            self.push(format!("{at}.options"), Problem::TooFewOptions);
        }
        let mut values = HashSet::new();
        for (i, o) in options.iter().enumerate() {
            let path = format!("{at}.options[{i}]");
            self.key(&format!("{path}.value"), &o.value, &mut values);
            match o.special.as_deref().map(Special::parse) {
                Some(None) => self.push(
                    format!("{path}.special"),
                    Problem::Unknown(o.special.clone().unwrap_or_default()),
                ),
                // A special answer's label may come from `locales/`.
                Some(Some(_)) => {
                    self.text(&format!("{path}.label"), &o.label, SHORT_TEXT_MAX, false)
                }
                None => self.text(&format!("{path}.label"), &o.label, SHORT_TEXT_MAX, true),
            }
            if let Some(image) = &o.image
                && !is_site_image(image)
            {
                self.push(format!("{path}.image"), Problem::Shape(image.clone()));
            }
            self.text(
                &format!("{path}.image_alt"),
                &o.image_alt,
                SHORT_TEXT_MAX,
                o.image.is_some(),
            );
        }
    }

    /// Branching rules, checked by the same rule check the journey relies on.
    fn rules(&mut self) {
        let pages = rule_pages(self.def);
        let keys: Vec<&str> = self
            .def
            .pages
            .iter()
            .flat_map(|p| p.questions.iter().map(|q| q.key.as_str()))
            .collect();
        let key_of = |id: i32| {
            usize::try_from(id)
                .ok()
                .and_then(|i| keys.get(i.wrapping_sub(1)))
                .map_or_else(String::new, |k| (*k).to_owned())
        };
        let path_of = |owner: RuleOwner| match owner {
            RuleOwner::Page(p) => format!("pages[{p}].show_if"),
            RuleOwner::Question(id) => {
                let mut n = 0;
                for (p, page) in self.def.pages.iter().enumerate() {
                    for q in 0..page.questions.len() {
                        n += 1;
                        if n == id {
                            return format!("pages[{p}].questions[{q}].show_if");
                        }
                    }
                }
                String::from("pages")
            }
        };
        // Rules naming unknown keys never reach the rule check (they have no id).
        for (p, page) in self.def.pages.iter().enumerate() {
            let owned = std::iter::once((format!("pages[{p}].show_if"), &page.show_if)).chain(
                page.questions.iter().enumerate().map(move |(q, question)| {
                    (
                        format!("pages[{p}].questions[{q}].show_if"),
                        &question.show_if,
                    )
                }),
            );
            for (path, conditions) in owned {
                for c in conditions {
                    if !keys.contains(&c.question.as_str()) {
                        self.problems.push(Located {
                            path: path.clone(),
                            problem: Problem::RuleUnknownQuestion(c.question.clone()),
                        });
                    }
                }
            }
        }
        for problem in check_rules(&pages) {
            let located = match problem {
                RuleProblem::UnknownQuestion { .. } => continue,
                RuleProblem::NotEarlier { owner, question } => {
                    (path_of(owner), Problem::RuleNotEarlier(key_of(question)))
                }
                RuleProblem::UnknownValue { owner, value, .. } => {
                    (path_of(owner), Problem::RuleUnknownValue(value))
                }
                RuleProblem::MissingValue { owner, .. } => {
                    (path_of(owner), Problem::RuleMissingValue)
                }
            };
            self.push(located.0, located.1);
        }
    }
}

/// A picture path this site serves: `/symbols/` and a plain file name.
pub(super) fn is_site_image(path: &str) -> bool {
    path.strip_prefix("/symbols/").is_some_and(|name| {
        !name.is_empty()
            && name.len() <= 80
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
            && !name.contains("..")
    })
}
