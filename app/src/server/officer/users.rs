//! Admins managing accounts: inviting, changing roles, switching accounts
//! off and on, and sending an invitation again.

use crate::{
    AppError,
    domain::{
        accounts::{AccountChangeProblem, InviteProblem, check_invitation},
        audit::AuditAction,
        roles::{OfficerView, Role},
    },
    paths,
    server::{
        auth::{
            extract::{Officer, need},
            sessions,
        },
        db::begin_write,
        entities::user_account,
        forms::{Posted, refuse, see_other},
        mail::{AccountMail, account_message},
        page_error::PageResult,
        state::AppState,
        store::{
            audit::{self, Actor},
            outbox, users,
        },
    },
};
use axum::extract::State;
use http::StatusCode;
use sea_orm::{ConnectionTrait, DbErr};

/// `POST /officer/users`: every form on the users page posts here, so a
/// refusal renders that page again. `action` is `invite`, or for the
/// account `user`: `role` (with `role`), `disable`, `enable` or `resend`.
pub async fn post(
    State(state): State<AppState>,
    admin: Officer<need::ManageUsers>,
    posted: Posted,
) -> PageResult {
    if posted.value("action") == Some("invite") {
        invite(&state, &posted, &admin).await
    } else {
        change(&state, &posted, &admin).await
    }
}

/// Invites someone with a role. They get an email with a link to set their
/// password.
async fn invite(state: &AppState, posted: &Posted, admin: &OfficerView) -> PageResult {
    let state = state.clone();
    let field = |name| posted.value(name).unwrap_or_default();
    let invitation = match check_invitation(field("email"), field("name"), field("role")) {
        Ok(invitation) => invitation,
        Err(refusal) => return Ok(refuse(&state, posted, refusal, StatusCode::OK).await),
    };
    let created = async {
        let txn = begin_write(&state.db).await?;
        let Some(user) = users::create(
            &txn,
            &invitation.email,
            &invitation.name,
            invitation.role,
            None,
        )
        .await?
        else {
            return Ok(false);
        };
        send_invitation(&state, &txn, &user).await?;
        let subject = format!("user {} {}", user.id, user.email);
        audit::record(
            &txn,
            Actor::Officer(admin),
            AuditAction::UserInvited,
            &subject,
            invitation.role.as_str(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, DbErr>(true)
    };
    Ok(if created.await? {
        see_other(&format!("{}?done=invited", paths::USERS), [])
    } else {
        let refusal = crate::domain::accounts::InviteRefusal {
            email: invitation.email,
            name: invitation.name,
            role: invitation.role.as_str().to_owned(),
            problems: vec![InviteProblem::EmailTaken],
        };
        refuse(&state, posted, refusal, StatusCode::CONFLICT).await
    })
}

/// Queues an invitation email for `user`; its link is issued as it is
/// sent, and replaces any older one.
async fn send_invitation(
    state: &AppState,
    db: &impl ConnectionTrait,
    user: &user_account::Model,
) -> Result<(), DbErr> {
    let message = account_message(
        &state.settings.default_locale,
        user.id,
        &user.email,
        &user.name,
        AccountMail::Invitation,
    );
    outbox::queue(db, message).await?;
    Ok(())
}

/// What an admin asked to change about an account.
enum Change {
    Role(Role),
    Active(bool),
    Resend,
}

/// Changes one account.
async fn change(state: &AppState, posted: &Posted, admin: &OfficerView) -> PageResult {
    let state = state.clone();
    let change = match (
        posted.value("action"),
        posted.value("role").and_then(Role::parse),
    ) {
        (Some("role"), Some(role)) => Change::Role(role),
        (Some("disable"), _) => Change::Active(false),
        (Some("enable"), _) => Change::Active(true),
        (Some("resend"), _) => Change::Resend,
        _ => return Err(AppError::BadRequest.into()),
    };
    let Some(Ok(id)) = posted.value("user").map(str::parse::<i32>) else {
        return Err(AppError::NotFound.into());
    };
    let applied = async {
        let txn = begin_write(&state.db).await?;
        let Some(user) = users::by_id(&txn, id).await? else {
            return Ok(Err(AppError::NotFound));
        };
        // Lock the admins while counting them, so two admins removing
        // each other at once cannot leave none (SQLite's IMMEDIATE
        // transaction already serialises writers).
        let admins = users::lock_active_admins(&txn).await?;
        if !admins.iter().any(|a| a.id == admin.id) {
            return Ok(Err(AppError::NoPermission));
        }
        let was_admin = user.role == Role::Admin.as_str() && user.active;
        let removes_admin = match change {
            Change::Role(role) => was_admin && role != Role::Admin,
            Change::Active(active) => was_admin && !active,
            Change::Resend => false,
        };
        if removes_admin && user.id == admin.id {
            return Ok(Ok(Some(AccountChangeProblem::OwnAccount)));
        }
        if removes_admin && admins.len() <= 1 {
            return Ok(Ok(Some(AccountChangeProblem::LastAdmin)));
        }
        let subject = format!("user {} {}", user.id, user.email);
        match change {
            Change::Role(role) if role.as_str() == user.role => {}
            Change::Role(role) => {
                users::set_role(&txn, user.id, role).await?;
                // Permissions change at once: the old sessions go.
                sessions::end_all(&txn, user.id).await?;
                let detail = format!("{} → {}", user.role, role.as_str());
                audit::record(
                    &txn,
                    Actor::Officer(admin),
                    AuditAction::RoleChanged,
                    &subject,
                    &detail,
                )
                .await?;
            }
            Change::Active(active) => {
                users::set_active(&txn, user.id, active).await?;
                sessions::end_all(&txn, user.id).await?;
                if !active {
                    users::revoke_links(&txn, user.id).await?;
                }
                let action = if active {
                    AuditAction::UserEnabled
                } else {
                    AuditAction::UserDisabled
                };
                audit::record(&txn, Actor::Officer(admin), action, &subject, "").await?;
            }
            Change::Resend => {
                if user.password_hash.is_some() || !user.active {
                    return Ok(Err(AppError::BadRequest));
                }
                send_invitation(&state, &txn, &user).await?;
                audit::record(
                    &txn,
                    Actor::Officer(admin),
                    AuditAction::InvitationResent,
                    &subject,
                    "",
                )
                .await?;
            }
        }
        txn.commit().await?;
        Ok::<_, DbErr>(Ok(None))
    };
    Ok(match applied.await?? {
        None => {
            let done = match change {
                Change::Role(_) => "role",
                Change::Active(true) => "enabled",
                Change::Active(false) => "disabled",
                Change::Resend => "resent",
            };
            see_other(&format!("{}?done={done}", paths::USERS), [])
        }
        Some(problem) => refuse(&state, posted, problem, StatusCode::CONFLICT).await,
    })
}
