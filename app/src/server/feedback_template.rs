//! The drop-in feedback form every new series or one-off session starts
//! from: the Friends and Family Test question, "would you recommend", what
//! was good, what could be better, and which services helped. It is an
//! ordinary survey file (`app/templates/dropin-feedback.heard.json`, in
//! every interface language), so officers edit the copy in the builder like
//! any survey, and partnerships can share their own.

use crate::{
    AppError,
    domain::{
        builder::slugify,
        definition::{OptionDefinition, SurveyDefinition},
        dropins::SessionForm,
        localized::LocalizedText,
    },
    server::{
        entities::survey,
        store::definitions::{self, SaveError},
    },
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, IntoActiveModel};

const TEMPLATE: &str = include_str!("../../templates/dropin-feedback.heard.json");

/// The feedback form for a series or session called `name`, written in
/// `locale`, at address `slug`, asking which of `services` helped (that
/// question is left out when there are none).
pub fn feedback_form(
    name: &str,
    slug: &str,
    locale: &str,
    services: &[String],
) -> Result<SurveyDefinition, AppError> {
    let mut def: SurveyDefinition = serde_json::from_str(TEMPLATE)
        .map_err(|e| AppError::internal("reading the drop-in feedback template", e))?;
    def.slug = slug.to_owned();
    // Officers write in the partnership's language; the template speaks
    // every interface language, and falls back to its own otherwise.
    if def.views_statement.0.contains_key(locale) {
        def.default_locale = locale.to_owned();
    }
    let locale = def.default_locale.clone();
    let locale = locale.as_str();
    def.title = LocalizedText::from_pairs([(locale, name)]);
    for page in &mut def.pages {
        if services.is_empty() {
            page.questions.retain(|q| q.key != "services");
            continue;
        }
        if let Some(question) = page.questions.iter_mut().find(|q| q.key == "services") {
            let specials = std::mem::take(&mut question.options);
            question.options = service_options(services, locale);
            question.options.extend(specials);
        }
    }
    Ok(def)
}

/// One option per service, each with a stable value made from its name.
fn service_options(services: &[String], locale: &str) -> Vec<OptionDefinition> {
    let mut options: Vec<OptionDefinition> = Vec::new();
    for service in services {
        let base = Some(slugify(service))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "service".to_owned());
        let mut value = base.clone();
        let mut n = 1;
        while value == "none" || options.iter().any(|o| o.value == value) {
            n += 1;
            value = format!("{base}-{n}");
        }
        options.push(OptionDefinition {
            value,
            id: None,
            label: LocalizedText::from_pairs([(locale, service.as_str())]),
            special: None,
            image: None,
            image_alt: LocalizedText::default(),
        });
    }
    options
}

/// A published feedback survey from the drop-in template, for a series or
/// one-off session called `form.name`, written in `locale`.
pub async fn new_feedback_survey(
    txn: &impl ConnectionTrait,
    form: &SessionForm,
    locale: &str,
) -> Result<survey::Model, AppError> {
    let base = Some(slugify(&format!("{} feedback", form.name)))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "drop-in-feedback".to_owned());
    let slug = definitions::free_slug(txn, &base).await?;
    let def = feedback_form(&form.name, &slug, locale, &form.services)?;
    let row = match definitions::insert(txn, &def).await {
        Ok(row) => row,
        // The template is checked by its tests; a refusal here is a bug.
        Err(SaveError::Invalid(_)) => return Err(AppError::Internal),
        Err(SaveError::App(err)) => return Err(err),
    };
    let mut open = row.into_active_model();
    open.status = Set(survey::Status::Open);
    Ok(open.update(txn).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::definition::{Known, check};

    fn known() -> Known {
        Known {
            locales: crate::i18n_support::locale_codes()
                .map(str::to_owned)
                .collect(),
            outcomes: Vec::new(),
            priorities: Vec::new(),
        }
    }

    #[test]
    fn the_template_is_a_valid_survey_in_every_language() {
        let services = vec![
            "SENDIASS".to_owned(),
            "Health visitors".to_owned(),
            "sendiass!".to_owned(),
        ];
        let def = feedback_form("Wigan SEND drop-in", "wigan-drop-in", "en", &services).unwrap();
        assert_eq!(check(&def, &known()), Vec::new());
        let questions: Vec<_> = def.pages[0].questions.iter().collect();
        assert_eq!(questions[0].kind, "friends_family");
        assert_eq!(
            questions[0].prompt.0.get("en").map(String::as_str),
            Some("Overall, how was your experience of our service?")
        );
        for q in &questions {
            for locale in crate::i18n_support::locale_codes() {
                assert!(q.prompt.0.contains_key(locale), "{} lacks {locale}", q.key);
            }
        }
        let values: Vec<_> = questions[4]
            .options
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(
            values,
            ["sendiass", "health-visitors", "sendiass-2", "none"]
        );
    }

    #[test]
    fn without_services_the_services_question_is_left_out() {
        let def = feedback_form("Drop-in", "drop-in", "pl", &[]).unwrap();
        assert_eq!(check(&def, &known()), Vec::new());
        assert!(def.pages[0].questions.iter().all(|q| q.key != "services"));
        assert_eq!(def.title.0.get("pl").map(String::as_str), Some("Drop-in"));
    }
}
