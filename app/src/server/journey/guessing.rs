//! A per-survey budget of wrong codes. Each client may get a code wrong
//! only a few times ([`super::use_code`]), but many clients together (a
//! botnet) could still guess. Wrong codes for one survey are counted across
//! all clients, and the hour they pass the budget the admins are told, by
//! the log, the audit log and email, once. Nobody is refused for it: a
//! refusal here would let one person lock every respondent out.

use crate::{
    AppError,
    domain::{audit::AuditAction, roles::Role},
    paths,
    server::{
        mail,
        state::AppState,
        store::{audit, outbox, rate_limit, surveys::Loaded, users},
    },
};

/// Wrong codes for one survey, from every client together, in an hour
/// before the admins are told. A survey's own respondents mistype a code
/// now and then; a hundred in an hour is somebody trying.
pub const BUDGET: i32 = 100;

/// Counts one wrong code for `survey` and raises the alert the moment the
/// hour's count passes [`BUDGET`]. A failure here is logged, never shown:
/// the respondent's own answer must not depend on it.
pub async fn wrong_code(state: &AppState, survey: &Loaded) {
    let key = format!("code-fail-survey:{}", survey.survey.id);
    let counted = rate_limit::attempt(&state.db, &key, chrono::Duration::hours(1)).await;
    let result = match counted {
        Ok(n) if n == BUDGET + 1 => alert(state, survey).await,
        Ok(_) => Ok(()),
        Err(err) => Err(err),
    };
    if let Err(err) = result {
        tracing::warn!(error = %err, survey = %survey.survey.slug, "could not count a wrong code");
    }
}

async fn alert(state: &AppState, survey: &Loaded) -> Result<(), AppError> {
    let slug = &survey.survey.slug;
    tracing::error!(survey = %slug, budget = BUDGET, "more wrong codes for one survey in an hour than its budget: someone may be guessing codes");
    let detail = format!("more than {BUDGET} wrong codes within an hour");
    audit::record(
        &state.db,
        audit::Actor::Typed("heard"),
        AuditAction::CodesGuessed,
        &format!("survey {slug}"),
        &detail,
    )
    .await?;
    let locale = &state.settings.default_locale;
    let title = survey.form(locale).title.text;
    let link = format!("{}{}", state.settings.base_url, paths::AUDIT);
    for admin in users::all(&state.db).await? {
        if admin.active && admin.role == Role::Admin.as_str() {
            let message = mail::guessing_alert(locale, &admin.email, &title, BUDGET, &link);
            outbox::queue(&state.db, message).await?;
        }
    }
    Ok(())
}
