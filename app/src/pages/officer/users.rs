//! Admins' view of every account: roles, switching off, invitations.

use super::{OfficerFrame, RoleName, officer_page, role_hint};
use crate::{
    AppError,
    components::{
        error_summary::{ErrorSummary, InlineError, page_title},
        field::TextField,
    },
    domain::{
        accounts::{AccountChangeProblem, AccountRow, InviteProblem, InviteRefusal},
        roles::{OfficerView, Role},
    },
    i18n::{t, t_string, use_i18n},
    paths,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Users {
    pub officer: OfficerView,
    pub accounts: Vec<AccountRow>,
}

#[server]
pub async fn load_users(_locale: String) -> Result<Users, AppError> {
    let officer = crate::server::auth::require_here(crate::domain::roles::Permission::ManageUsers)?;
    let state = crate::server::state::app_state()?;
    let accounts = crate::server::store::users::all(&state.db)
        .await?
        .into_iter()
        .filter_map(|u| {
            Some(AccountRow {
                role: Role::parse(&u.role)?,
                pending: u.password_hash.is_none(),
                last_sign_in: u
                    .last_sign_in_at
                    .map(|at| at.format("%Y-%m-%d").to_string()),
                id: u.id,
                email: u.email,
                name: u.name,
                active: u.active,
            })
        })
        .collect();
    Ok(Users { officer, accounts })
}

#[component]
pub fn UsersPage() -> impl IntoView {
    officer_page(load_users, |u| view! { <UsersView users=u /> }.into_any())
}

fn invite_message(problem: InviteProblem) -> (&'static str, String) {
    let i18n = use_i18n();
    match problem {
        InviteProblem::EmailShape => (
            "invite-email",
            t_string!(i18n, users.email_shape).to_string(),
        ),
        InviteProblem::EmailTaken => (
            "invite-email",
            t_string!(i18n, users.email_taken).to_string(),
        ),
        InviteProblem::NameMissing => (
            "invite-name",
            t_string!(i18n, users.name_missing).to_string(),
        ),
        InviteProblem::NameTooLong => (
            "invite-name",
            t_string!(i18n, users.name_too_long).to_string(),
        ),
        InviteProblem::RoleUnknown => (
            "invite-role-admin",
            t_string!(i18n, users.role_unknown).to_string(),
        ),
    }
}

#[component]
fn UsersView(users: Users) -> impl IntoView {
    let i18n = use_i18n();
    let heading = t_string!(i18n, users.title).to_string();
    let invite_refused = use_context::<InviteRefusal>();
    let change_refused = use_context::<AccountChangeProblem>();
    let done = use_query_map().read_untracked().get("done");
    let done = done.and_then(|d| match d.as_str() {
        "invited" => Some(t_string!(i18n, users.done_invited).to_string()),
        "role" => Some(t_string!(i18n, users.done_role).to_string()),
        "disabled" => Some(t_string!(i18n, users.done_disabled).to_string()),
        "enabled" => Some(t_string!(i18n, users.done_enabled).to_string()),
        "resent" => Some(t_string!(i18n, users.done_resent).to_string()),
        _ => None,
    });
    let mut problems: Vec<(&'static str, String)> = invite_refused
        .as_ref()
        .map(|r| r.problems.iter().copied().map(invite_message).collect())
        .unwrap_or_default();
    if let Some(problem) = change_refused {
        let message = match problem {
            AccountChangeProblem::OwnAccount => t_string!(i18n, users.own_account).to_string(),
            AccountChangeProblem::LastAdmin => t_string!(i18n, users.last_admin).to_string(),
        };
        problems.push(("accounts", message));
    }
    let error_for = |field: &str| {
        problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };
    let (email_error, name_error, role_error) = (
        error_for("invite-email"),
        error_for("invite-name"),
        error_for("invite-role-admin"),
    );
    let me = users.officer.id;
    let rows = users
        .accounts
        .into_iter()
        .map(|account| view! { <AccountRowView account me /> })
        .collect_view();
    let typed = invite_refused.unwrap_or(InviteRefusal {
        email: String::new(),
        name: String::new(),
        role: Role::Officer.as_str().to_owned(),
        problems: Vec::new(),
    });
    let summary = (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .map(|(field, message)| {
                view! { <li><a href=format!("#{field}")>{message.clone()}</a></li> }
            })
            .collect_view();
        view! { <ErrorSummary>{items}</ErrorSummary> }
    });
    let role_choices = Role::ALL
        .into_iter()
        .map(|role| {
            let id = format!("invite-role-{}", role.as_str());
            let hint_id = format!("{id}-hint");
            let checked = typed.role == role.as_str();
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="role" value=role.as_str() checked=checked aria-describedby=hint_id.clone() />
                    <label for=id>
                        <span><RoleName role /></span>
                        <span id=hint_id class="hint">{role_hint(role)}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    let role_invalid = role_error.is_some();
    view! {
        <Title text=page_title(&heading, summary.is_some()) />
        <OfficerFrame officer=users.officer>
            {summary}
            {done.map(|message| view! { <p class="panel panel--notice" role="status">{message}</p> })}
            <h1>{heading}</h1>
            <p>{t!(i18n, users.intro)}</p>
            <div class="table-scroll" id="accounts" tabindex="0" role="region" aria-labelledby="accounts-caption">
                <table class="results-table">
                    <caption id="accounts-caption" class="visually-hidden">{t!(i18n, users.title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, users.name)}</th>
                            <th scope="col">{t!(i18n, users.role)}</th>
                            <th scope="col">{t!(i18n, users.state)}</th>
                            <th scope="col">{t!(i18n, users.last_sign_in)}</th>
                            <th scope="col">{t!(i18n, users.change)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h2>{t!(i18n, users.invite_heading)}</h2>
            <p>{t!(i18n, users.invite_intro)}</p>
            <form method="post" action=paths::USERS novalidate>
                <input type="hidden" name="action" value="invite" />
                <TextField
                    id="invite-name"
                    name="name"
                    autocomplete="off"
                    autocapitalize="words"
                    label=t_string!(i18n, users.name).to_string()
                    hint=t_string!(i18n, users.name_hint).to_string()
                    error=name_error
                    value=typed.name
                />
                <TextField
                    id="invite-email"
                    name="email"
                    input_type="email"
                    label=t_string!(i18n, users.email).to_string()
                    hint=t_string!(i18n, users.email_hint).to_string()
                    error=email_error
                    value=typed.email
                />
                <div class=if role_invalid { "question question--error" } else { "question" }>
                    <fieldset aria-describedby=role_invalid.then_some("invite-role-error")>
                        <legend class="question__prompt">{t!(i18n, users.role)}</legend>
                        {role_error.map(|m| view! { <InlineError id="invite-role-error">{m}</InlineError> })}
                        <div class="choices">{role_choices}</div>
                    </fieldset>
                </div>
                <button type="submit" class="button">{t!(i18n, users.invite)}</button>
            </form>
        </OfficerFrame>
    }
}

/// One account, with the forms that change it. Each form posts to the
/// users page, naming the account.
#[component]
fn AccountRowView(account: AccountRow, me: i32) -> impl IntoView {
    let i18n = use_i18n();
    let id = account.id.to_string();
    let select_id = format!("role-{}", account.id);
    let state = if !account.active {
        t_string!(i18n, users.disabled).to_string()
    } else if account.pending {
        t_string!(i18n, users.pending).to_string()
    } else {
        t_string!(i18n, users.active).to_string()
    };
    let last = account
        .last_sign_in
        .clone()
        .unwrap_or_else(|| t_string!(i18n, users.never).to_string());
    let options = Role::ALL
        .into_iter()
        .map(|role| {
            view! {
                <option value=role.as_str() selected=role == account.role><RoleName role /></option>
            }
        })
        .collect_view();
    let name = account.name.clone();
    let toggle = if account.active {
        ("disable", t_string!(i18n, users.disable).to_string())
    } else {
        ("enable", t_string!(i18n, users.enable).to_string())
    };
    let resend = (account.pending && account.active).then(|| {
        let id = id.clone();
        let name = name.clone();
        view! {
            <form method="post" action=paths::USERS class="inline-form">
                <input type="hidden" name="user" value=id />
                <button type="submit" name="action" value="resend" class="button button--secondary button--small">
                    {t!(i18n, users.resend)}
                    <span class="visually-hidden">" – " {name}</span>
                </button>
            </form>
        }
    });
    view! {
        <tr>
            <th scope="row">
                {account.name.clone()}
                {(account.id == me).then(|| view! { " " {t!(i18n, users.you)} })}
                <br />
                <span class="muted">{account.email.clone()}</span>
            </th>
            <td><RoleName role=account.role /></td>
            <td>{state}</td>
            <td>{last}</td>
            <td class="account-actions">
                <form method="post" action=paths::USERS class="inline-form">
                    <input type="hidden" name="user" value=id.clone() />
                    <label class="visually-hidden" for=select_id.clone()>
                        {t!(i18n, users.role_for, name = name.clone())}
                    </label>
                    <select id=select_id name="role" class="select">{options}</select>
                    <button type="submit" name="action" value="role" class="button button--secondary button--small">
                        {t!(i18n, users.change_role)}
                        <span class="visually-hidden">" – " {name.clone()}</span>
                    </button>
                </form>
                <form method="post" action=paths::USERS class="inline-form">
                    <input type="hidden" name="user" value=id />
                    <button type="submit" name="action" value=toggle.0 class="button button--secondary button--small">
                        {toggle.1}
                        <span class="visually-hidden">" – " {name.clone()}</span>
                    </button>
                </form>
                {resend}
            </td>
        </tr>
    }
}
