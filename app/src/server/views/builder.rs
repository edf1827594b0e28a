//! The survey builder's page: the survey as a document, which questions
//! already have answers, and the tags an officer may give.

use crate::{
    AppError,
    domain::{builder::BuilderView, roles::OfficerView},
    server::store::{base::taxonomy, definitions},
};
use sea_orm::ConnectionTrait;

/// Survey `id` as the builder shows it to `officer`.
pub async fn builder_view(
    db: &impl ConnectionTrait,
    officer: OfficerView,
    id: i32,
    locale: &str,
) -> Result<BuilderView, AppError> {
    let loaded = definitions::load_by_id(db, id).await?;
    let def = definitions::of_survey(db, &loaded).await?;
    let mut answered: Vec<i32> = definitions::answered_questions(db, &loaded)
        .await?
        .into_iter()
        .collect();
    answered.sort_unstable();
    let s = &loaded.survey;
    let current = taxonomy::current(db).await?;
    let outcomes = current
        .outcomes
        .into_iter()
        .map(|o| (o.key.clone(), o.title.resolve(locale, &s.default_locale)))
        .collect();
    let priorities = current
        .priorities
        .into_iter()
        .map(|p| {
            (
                p.number.to_string(),
                p.title.resolve(locale, &s.default_locale),
            )
        })
        .collect();
    Ok(BuilderView {
        officer,
        id: s.id,
        status: s.status.into(),
        def,
        answered,
        outcomes,
        priorities,
    })
}
