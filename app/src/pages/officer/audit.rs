//! The audit log for admins: filter by action, person and dates, newest
//! first, fifty to a page. Read only: nothing here can change an entry.

use super::{OfficerFrame, officer_page};
use crate::{
    AppError,
    domain::{
        audit::{AuditAction, AuditFilter, AuditPage},
        roles::OfficerView,
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub officer: OfficerView,
    pub log: AuditPage,
}

#[server]
pub async fn load_audit(filter: AuditFilter) -> Result<AuditView, AppError> {
    let officer = crate::server::auth::require_here(crate::domain::roles::Permission::ViewAudit)?;
    let state = crate::server::state::app_state()?;
    let log = crate::server::store::audit::page(&state.db, filter).await?;
    Ok(AuditView { officer, log })
}

/// The filter in the address (`?action=…&actor=…&from=…&to=…&page=…`).
fn filter_from_query() -> AuditFilter {
    let query = use_query_map().read_untracked();
    let text = |name: &str| {
        query
            .get(name)
            .unwrap_or_default()
            .chars()
            .take(100)
            .collect()
    };
    AuditFilter {
        action: query.get("action").as_deref().and_then(AuditAction::parse),
        actor: text("actor"),
        from: text("from"),
        to: text("to"),
        page: query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let filter = filter_from_query();
    officer_page(
        move |_locale| load_audit(filter.clone()),
        |v| view! { <AuditLogView view=v /> }.into_any(),
    )
}

/// An action's translated label.
pub fn action_label(action: AuditAction) -> String {
    let i18n = use_i18n();
    use AuditAction::*;
    match action {
        SignedIn => t_string!(i18n, audit.signed_in),
        SignInFailed => t_string!(i18n, audit.sign_in_failed),
        SignInLocked => t_string!(i18n, audit.sign_in_locked),
        SignedOut => t_string!(i18n, audit.signed_out),
        PasswordSet => t_string!(i18n, audit.password_set),
        PasswordResetAsked => t_string!(i18n, audit.password_reset_asked),
        AdminCreated => t_string!(i18n, audit.admin_created),
        UserInvited => t_string!(i18n, audit.user_invited),
        InvitationResent => t_string!(i18n, audit.invitation_resent),
        RoleChanged => t_string!(i18n, audit.role_changed),
        UserDisabled => t_string!(i18n, audit.user_disabled),
        UserEnabled => t_string!(i18n, audit.user_enabled),
        SurveyCreated => t_string!(i18n, audit.survey_created),
        SurveyImported => t_string!(i18n, audit.survey_imported),
        SurveyDuplicated => t_string!(i18n, audit.survey_duplicated),
        SurveyExported => t_string!(i18n, audit.survey_exported),
        SurveyEdited => t_string!(i18n, audit.survey_edited),
        SurveyPublished => t_string!(i18n, audit.survey_published),
        SurveyClosed => t_string!(i18n, audit.survey_closed),
        SurveyReopened => t_string!(i18n, audit.survey_reopened),
        SurveyArchived => t_string!(i18n, audit.survey_archived),
        QuestionAdded => t_string!(i18n, audit.question_added),
        QuestionDeleted => t_string!(i18n, audit.question_deleted),
        QuestionArchived => t_string!(i18n, audit.question_archived),
        PageAdded => t_string!(i18n, audit.page_added),
        PageDeleted => t_string!(i18n, audit.page_deleted),
        DropInSeriesCreated => t_string!(i18n, audit.dropin_series_created),
        DropInSessionsAdded => t_string!(i18n, audit.dropin_sessions_added),
        DropInSessionEdited => t_string!(i18n, audit.dropin_session_edited),
        DropInSessionDeleted => t_string!(i18n, audit.dropin_session_deleted),
        DropInPosterPrinted => t_string!(i18n, audit.dropin_poster_printed),
        ResultsExactShown => t_string!(i18n, audit.results_exact_shown),
        CodesGuessed => t_string!(i18n, audit.codes_guessed),
        ResponsesExported => t_string!(i18n, audit.responses_exported),
        TablesExported => t_string!(i18n, audit.tables_exported),
        ThemeCreated => t_string!(i18n, audit.theme_created),
        ThemeDeleted => t_string!(i18n, audit.theme_deleted),
        CommentThemed => t_string!(i18n, audit.comment_themed),
        CommentsExported => t_string!(i18n, audit.comments_exported),
        ActionCreated => t_string!(i18n, audit.action_created),
        ActionEdited => t_string!(i18n, audit.action_edited),
        ActionStatusChanged => t_string!(i18n, audit.action_status_changed),
        ActionUpdateAdded => t_string!(i18n, audit.action_update_added),
        ActionPublished => t_string!(i18n, audit.action_published),
        ActionUnpublished => t_string!(i18n, audit.action_unpublished),
        ActionEvidenceAdded => t_string!(i18n, audit.action_evidence_added),
        ActionEvidenceRemoved => t_string!(i18n, audit.action_evidence_removed),
        ThanksApproved => t_string!(i18n, audit.thanks_approved),
        ThanksDeclined => t_string!(i18n, audit.thanks_declined),
    }
    .to_string()
}

/// The address of page `page` of the log under `filter`.
fn page_href(filter: &AuditFilter, page: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(action) = filter.action {
        query.append_pair("action", action.as_str());
    }
    for (name, value) in [
        ("actor", &filter.actor),
        ("from", &filter.from),
        ("to", &filter.to),
    ] {
        if !value.is_empty() {
            query.append_pair(name, value);
        }
    }
    query.append_pair("page", &page.to_string());
    format!("{}?{}", paths::AUDIT, query.finish())
}

#[component]
fn AuditLogView(view: AuditView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, audit.title).to_string();
    let log = view.log;
    let filter = log.filter.clone();
    let options = AuditAction::ALL
        .iter()
        .map(|a| {
            view! {
                <option value=a.as_str() selected=filter.action == Some(*a)>{action_label(*a)}</option>
            }
        })
        .collect_view();
    let rows = log
        .entries
        .into_iter()
        .map(|e| {
            let label = e.action.map_or_else(|| e.action_name.clone(), action_label);
            view! {
                <tr>
                    <td class="nowrap">{e.at}</td>
                    <td>{e.actor}</td>
                    <td>{label}</td>
                    <td>{e.subject}</td>
                    <td>{e.detail}</td>
                </tr>
            }
        })
        .collect_view();
    let (page, pages, total) = (filter.page, log.pages, log.total);
    let previous = (page > 1).then(|| {
        view! { <li><a href=page_href(&filter, page - 1) rel="prev">{t!(i18n, audit.previous)}</a></li> }
    });
    let next = (page < pages).then(|| {
        view! { <li><a href=page_href(&filter, page + 1) rel="next">{t!(i18n, audit.next)}</a></li> }
    });
    view! {
        <Title text=heading.clone() />
        <OfficerFrame officer=view.officer>
            <h1>{heading}</h1>
            <p>{t!(i18n, audit.intro)}</p>
            <form method="get" action=paths::AUDIT class="filter-form">
                <fieldset>
                    <legend class="question__prompt">{t!(i18n, audit.filter_heading)}</legend>
                    <div class="filter-form__fields">
                        <div class="question">
                            <label class="question__prompt" for="action">{t!(i18n, audit.action)}</label>
                            <select id="action" name="action" class="select">
                                <option value="">{t!(i18n, audit.any_action)}</option>
                                {options}
                            </select>
                        </div>
                        <div class="question">
                            <label class="question__prompt" for="actor">{t!(i18n, audit.actor)}</label>
                            <p class="hint" id="actor-hint">{t!(i18n, audit.actor_hint)}</p>
                            <input class="input" type="text" id="actor" name="actor" value=filter.actor.clone() aria-describedby="actor-hint" spellcheck="false" />
                        </div>
                        <div class="question">
                            <label class="question__prompt" for="from">{t!(i18n, audit.from)}</label>
                            <p class="hint" id="from-hint">{t!(i18n, audit.date_hint)}</p>
                            <input class="input input--date" type="date" id="from" name="from" value=filter.from.clone() aria-describedby="from-hint" />
                        </div>
                        <div class="question">
                            <label class="question__prompt" for="to">{t!(i18n, audit.to)}</label>
                            <p class="hint" id="to-hint">{t!(i18n, audit.date_hint)}</p>
                            <input class="input input--date" type="date" id="to" name="to" value=filter.to.clone() aria-describedby="to-hint" />
                        </div>
                    </div>
                    <div class="button-group">
                        <button type="submit" class="button">{t!(i18n, audit.apply)}</button>
                        <a href=paths::AUDIT>{t!(i18n, audit.clear)}</a>
                    </div>
                </fieldset>
            </form>
            <p role="status">{t!(i18n, audit.entries, count = total)}</p>
            {if total == 0 {
                view! { <p>{t!(i18n, audit.none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-caption">
                        <table class="results-table">
                            <caption id="audit-caption" class="visually-hidden">{t!(i18n, audit.title)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, audit.when)}</th>
                                    <th scope="col">{t!(i18n, audit.actor)}</th>
                                    <th scope="col">{t!(i18n, audit.action)}</th>
                                    <th scope="col">{t!(i18n, audit.subject)}</th>
                                    <th scope="col">{t!(i18n, audit.detail)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <nav class="pagination" aria-label=t_string!(i18n, audit.pagination).to_string()>
                <p>{t!(i18n, audit.page_of, page = page, pages = pages)}</p>
                <ul class="plain-list">{previous}{next}</ul>
            </nav>
        </OfficerFrame>
    }
}
