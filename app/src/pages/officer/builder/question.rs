//! Adding or editing one question: first its kind (for a new one), then
//! its wording, options, rule and tags on one form.

use super::{FieldProblems, Placed, builder_page, details::TextArea, kind_name, option_label, own};
use crate::{
    components::{field::TextField, label::OptionLabel},
    domain::{
        branching::Operator,
        builder::{self, BuilderRefusal, BuilderView, NEW_OPTION_ROWS},
        definition::{ConditionDefinition, QuestionDefinition, SurveyDefinition},
        survey::{QuestionKind, Special},
    },
    i18n::{t, t_string, use_i18n},
    pages::officer::OfficerFrame,
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn QuestionPage() -> impl IntoView {
    builder_page(|view, refusal| view! { <QuestionEdit view refusal /> }.into_any())
}

#[component]
fn QuestionEdit(view: BuilderView, refusal: Option<BuilderRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let which = use_params_map()
        .read_untracked()
        .get("question")
        .unwrap_or_default();
    let query = use_query_map().read_untracked();
    let page_id: Option<i32> = query.get("page").and_then(|p| p.parse().ok());
    let kind = query.get("kind").as_deref().and_then(QuestionKind::parse);
    let def = view.def.clone();
    let back = paths::survey_overview(view.id);
    let not_found =
        || view! { <crate::pages::error::ErrorPage error=crate::AppError::NotFound /> }.into_any();
    // Where the question is, and the question as it stands (or as typed).
    let (page_index, question, action) = if which == "new" {
        let Some(index) = def
            .pages
            .iter()
            .position(|p| Some(p.id.unwrap_or(-1)) == page_id)
        else {
            return not_found();
        };
        let Some(kind) = kind else {
            return view! { <KindChooser view page_id=page_id.unwrap_or(0) /> }.into_any();
        };
        let typed = refusal.as_ref().and_then(|_| {
            def.pages[index]
                .questions
                .iter()
                .rev()
                .find(|q| q.id.is_none())
                .cloned()
        });
        let blank = QuestionDefinition {
            required: true,
            ..QuestionDefinition::blank(String::new(), kind)
        };
        let action = paths::new_question(view.id, page_id.unwrap_or(0), Some(kind.as_str()));
        (index, typed.unwrap_or(blank), action)
    } else {
        let Some(qid) = which.parse::<i32>().ok() else {
            return not_found();
        };
        let Some((p, q)) = builder::find_question(&def, qid) else {
            return not_found();
        };
        (
            p,
            def.pages[p].questions[q].clone(),
            format!("{back}/questions/{qid}"),
        )
    };
    let locale = def.default_locale.clone();
    let kind = QuestionKind::parse(&question.kind).unwrap_or(QuestionKind::ShortText);
    let answered = question.id.is_some_and(|id| view.answered.contains(&id));
    let heading = if question.id.is_some() {
        t_string!(i18n, builder.question_title).to_string()
    } else {
        t_string!(i18n, builder.new_question_title).to_string()
    };
    let has_errors = refusal.is_some();
    // Where the question sits in the survey, for placing its problems.
    let question_index = def.pages[page_index]
        .questions
        .iter()
        .position(|q| q.id == question.id && (q.id.is_some() || q.key == question.key))
        .unwrap_or(0);
    let placed = Placed::new(
        refusal.as_ref(),
        &format!("pages[{page_index}].questions[{question_index}]"),
        &[
            ("kind", t_string!(i18n, builder.kind).to_string()),
            ("prompt", t_string!(i18n, builder.prompt).to_string()),
            ("help", t_string!(i18n, builder.help).to_string()),
            (
                "max_length",
                t_string!(i18n, builder.max_length).to_string(),
            ),
            ("min_value", t_string!(i18n, builder.min_value).to_string()),
            ("max_value", t_string!(i18n, builder.max_value).to_string()),
            (
                "options",
                t_string!(i18n, builder.options_legend).to_string(),
            ),
            ("show_if", t_string!(i18n, builder.rule_legend).to_string()),
        ],
    );
    let tags = view.clone();
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let kind_field = if question.id.is_none() || answered {
        view! {
            <input type="hidden" name="kind" value=kind.as_str() />
            <p><strong>{t!(i18n, builder.kind)} ": "</strong> {kind_name(kind)}</p>
            {answered.then(|| view! { <p class="hint">{t!(i18n, builder.kind_locked)}</p> })}
        }
        .into_any()
    } else {
        let options = QuestionKind::ALL
            .into_iter()
            .map(|k| view! { <option value=k.as_str() selected=k == kind>{kind_name(k)}</option> })
            .collect_view();
        view! {
            <div class="question">
                <label class="question__prompt" for="kind">{t!(i18n, builder.kind)}</label>
                <select id="kind" name="kind" class="select">{options}</select>
            </div>
        }
        .into_any()
    };
    let extra = match kind {
        QuestionKind::ShortText | QuestionKind::LongText => view! {
            <TextField id="max_length" name="max_length" class="input input--number"
                label=t_string!(i18n, builder.max_length).to_string() hint=t_string!(i18n, builder.number_hint).to_string()
                error=placed.error("max_length") value=question.max_length.map(|n| n.to_string()).unwrap_or_default() />
        }
        .into_any(),
        QuestionKind::Number => view! {
            <TextField id="min_value" name="min_value" class="input input--number"
                label=t_string!(i18n, builder.min_value).to_string() hint=t_string!(i18n, builder.number_hint).to_string()
                error=placed.error("min_value") value=number(question.min_value) />
            <TextField id="max_value" name="max_value" class="input input--number"
                label=t_string!(i18n, builder.max_value).to_string() hint=t_string!(i18n, builder.number_hint).to_string()
                error=placed.error("max_value") value=number(question.max_value) />
        }
        .into_any(),
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            view! { <OptionRows question=question.clone() locale=locale.clone() /> }.into_any()
        }
        QuestionKind::Date => ().into_any(),
        standard => {
            let labels = crate::domain::definition::option_values(standard, &question.options)
                .into_iter()
                .map(|v| view! { <li><OptionLabel label=crate::domain::survey::Label::Scale(standard, v) /></li> })
                .collect_view();
            view! {
                <p>{crate::i18n_support::fill(t_string!(i18n, builder.standard_options), &[("options", "")]).trim_end_matches([':', ' ']).to_owned()}</p>
                <ul class="links">{labels}</ul>
            }
            .into_any()
        }
    };
    view! {
        <Title text=crate::components::error_summary::page_title(&heading, has_errors) />
        <OfficerFrame officer=view.officer>
            <FieldProblems placed=placed.clone() />
            <a class="back-link" href=back.clone()>{t!(i18n, builder.cancel)}</a>
            <h1>{heading}</h1>
            <form method="post" action=action novalidate>
                {kind_field}
                <TextArea id="prompt" label=t_string!(i18n, builder.prompt).to_string() value=own(&question.prompt, &locale) rows=2
                    error=placed.error("prompt") />
                <TextArea id="help" label=t_string!(i18n, builder.help).to_string()
                    hint=t_string!(i18n, builder.help_hint).to_string() value=own(&question.help, &locale) rows=2
                    error=placed.error("help") />
                <div class="question">
                    <div class="choice">
                        <input type="checkbox" id="required" name="required" value="yes" checked=question.required />
                        <label for="required">{t!(i18n, builder.required_label)}</label>
                    </div>
                </div>
                {extra}
                <RuleFields def=def.clone() page_index conditions=question.show_if.clone() />
                <TagFields view=tags question=question.clone() />
                <button type="submit" class="button">{t!(i18n, builder.save)}</button>
            </form>
        </OfficerFrame>
    }
    .into_any()
}

/// The option rows of a choice question: existing options (with a box to
/// remove each), blank rows for new ones, and the special answers.
#[component]
fn OptionRows(question: QuestionDefinition, locale: String) -> impl IntoView {
    let i18n = use_i18n();
    let written: Vec<_> = question
        .options
        .iter()
        .filter(|o| o.special.is_none())
        .cloned()
        .collect();
    let rows = (0..written.len() + NEW_OPTION_ROWS)
        .map(|row| {
            let existing = written.get(row);
            let n = (row + 1).to_string();
            let id = format!("option_label_{row}");
            let label = crate::i18n_support::fill(t_string!(i18n, builder.option_n), &[("n", &n)]);
            let remove = crate::i18n_support::fill(t_string!(i18n, builder.option_remove), &[("n", &n)]);
            view! {
                <div class="option-row">
                    {existing.and_then(|o| o.id).map(|oid| view! { <input type="hidden" name=format!("option_id_{row}") value=oid.to_string() /> })}
                    <label class="question__prompt" for=id.clone()>{label}</label>
                    <input class="input" type="text" id=id.clone() name=id value=existing.map(|o| own(&o.label, &locale)).unwrap_or_default() />
                    {existing.map(|_| {
                        let box_id = format!("option_remove_{row}");
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=box_id.clone() name=box_id.clone() value="yes" />
                                <label for=box_id>{remove}</label>
                            </div>
                        }
                    })}
                </div>
            }
        })
        .collect_view();
    let specials = Special::ALL
        .into_iter()
        .map(|s| {
            let id = format!("special_{}", s.as_str());
            let on = question.options.iter().any(|o| o.special.as_deref() == Some(s.as_str()));
            view! {
                <div class="choice">
                    <input type="checkbox" id=id.clone() name="special" value=s.as_str() checked=on />
                    <label for=id><OptionLabel label=crate::domain::survey::Label::Special(s) /></label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question" aria-describedby="options-hint">
            <legend class="question__prompt">{t!(i18n, builder.options_legend)}</legend>
            <p class="hint" id="options-hint">{t!(i18n, builder.options_hint)}</p>
            {rows}
        </fieldset>
        <fieldset class="question">
            <legend class="question__prompt">{t!(i18n, builder.specials_legend)}</legend>
            <div class="choices">{specials}</div>
        </fieldset>
    }
}

/// "When to show it": a rule on one earlier answer, as one select of every
/// answer an earlier question can have, plus the comparison.
#[component]
pub fn RuleFields(
    def: SurveyDefinition,
    page_index: usize,
    conditions: Vec<ConditionDefinition>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = builder::rule_value(&conditions).unwrap_or_default();
    let locale = def.default_locale.clone();
    let questions: Vec<_> = def
        .pages
        .iter()
        .flat_map(|p| p.questions.iter())
        .cloned()
        .collect();
    let targets = builder::rule_targets(&def, page_index)
        .into_iter()
        .map(|(value, key, option)| {
            let q = questions.iter().find(|q| q.key == key);
            let prompt = q.map(|q| own(&q.prompt, &locale)).unwrap_or_default();
            let selected = value == current;
            let label = if option.is_empty() {
                view! { {crate::i18n_support::fill(t_string!(i18n, builder.rule_answered), &[("question", &prompt)])} }.into_any()
            } else {
                let kind = q.and_then(|q| QuestionKind::parse(&q.kind)).unwrap_or(QuestionKind::SingleChoice);
                let label = q
                    .and_then(|q| q.options.iter().find(|o| o.value == option))
                    .map(|o| option_label(kind, o, &locale))
                    .unwrap_or(crate::domain::survey::Label::Scale(kind, option.clone()));
                view! { {prompt} ": " <OptionLabel label /> }.into_any()
            };
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    // A rule on something the list does not offer (an archived question, a
    // typed value) stays selected rather than silently becoming "always".
    let offered = builder::rule_targets(&def, page_index)
        .iter()
        .any(|t| t.0 == current);
    let kept = (!current.is_empty() && !offered).then(|| {
        view! { <option value=current.clone() selected>{current.clone()}</option> }
    });
    let op = conditions.first().map(|c| c.op);
    let several = conditions.len() > 1;
    view! {
        <fieldset class="question" aria-describedby="rule-hint">
            <legend class="question__prompt">{t!(i18n, builder.rule_legend)}</legend>
            <p class="hint" id="rule-hint">{t!(i18n, builder.rule_hint)}</p>
            {several.then(|| {
                let keep = crate::i18n_support::fill(t_string!(i18n, builder.rule_keep), &[("n", &conditions.len().to_string())]);
                view! {
                    <div class="choice">
                        <input type="checkbox" id="rule_keep" name="rule_keep" value="yes" checked />
                        <label for="rule_keep">{keep}</label>
                    </div>
                }
            })}
            <div class="question">
                <label class="question__prompt" for="rule">{t!(i18n, builder.rule_question)}</label>
                <select id="rule" name="rule" class="select">
                    <option value="">{t!(i18n, builder.rule_always)}</option>
                    {kept}
                    {targets}
                </select>
            </div>
            <div class="question">
                <label class="question__prompt" for="rule_op">{t!(i18n, builder.rule_op)}</label>
                <select id="rule_op" name="rule_op" class="select">
                    <option value="equals" selected=op == Some(Operator::Equals)>{t!(i18n, builder.op_equals)}</option>
                    <option value="not_equals" selected=op == Some(Operator::NotEquals)>{t!(i18n, builder.op_not_equals)}</option>
                    <option value="includes" selected=op == Some(Operator::Includes)>{t!(i18n, builder.op_includes)}</option>
                </select>
            </div>
        </fieldset>
    }
}

/// Outcome and priority tags, as checkboxes.
#[component]
fn TagFields(view: BuilderView, question: QuestionDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let boxes = |name: &'static str,
                 list: Vec<(String, crate::domain::localized::Resolved)>,
                 chosen: Vec<String>,
                 numbered: bool| {
        list.into_iter()
            .map(|(key, title)| {
                let id = format!("{name}-{key}");
                let on = chosen.contains(&key);
                let prefix = numbered.then(|| format!("{}: ", crate::i18n_support::fill(t_string!(i18n, builder.priority_n), &[("n", &key)])));
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=name value=key checked=on />
                        <label for=id>{prefix}<crate::components::localized::Text text=title /></label>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="question">
            <legend class="question__prompt">{t!(i18n, builder.tags_legend)}</legend>
            <div class="choices">{boxes("outcome", view.outcomes, question.outcomes, false)}</div>
        </fieldset>
        <fieldset class="question">
            <legend class="question__prompt">{t!(i18n, builder.priorities_legend)}</legend>
            <div class="choices">{boxes("priority", view.priorities, question.priorities, true)}</div>
        </fieldset>
    }
}

/// Step one of a new question: what kind it is (a GET form, so the next
/// step's address says the kind).
#[component]
fn KindChooser(view: BuilderView, page_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let back = paths::survey_overview(view.id);
    let heading = t_string!(i18n, builder.new_question_title).to_string();
    let kinds = QuestionKind::ALL
        .into_iter()
        .enumerate()
        .map(|(n, k)| {
            let id = format!("kind-{}", k.as_str());
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=n == 0 />
                    <label for=id>{kind_name(k)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=view.officer>
            <a class="back-link" href=back.clone()>{t!(i18n, builder.cancel)}</a>
            <h1>{heading}</h1>
            <form method="get" action=format!("{back}/questions/new")>
                <input type="hidden" name="page" value=page_id.to_string() />
                <fieldset class="question">
                    <legend class="question__prompt">{t!(i18n, builder.kind_legend)}</legend>
                    <div class="choices">{kinds}</div>
                </fieldset>
                <button type="submit" class="button">{t!(i18n, builder.continue_button)}</button>
            </form>
        </OfficerFrame>
    }
}
