//! Accounts that exist before anyone can invite: the demo's, and the first
//! admin of a real deployment.

use super::{
    auth::password,
    db::begin_write,
    store::{
        audit::{self, Actor},
        meta,
        users::{self, LinkPurpose},
    },
};
use crate::{
    AppError,
    domain::{audit::AuditAction, roles::Role},
};
use chrono::Utc;
use sea_orm::DatabaseConnection;

/// The demo partnership's accounts: (email, name, role, password). The
/// passwords are public (README), so only the demo may have them.
pub const DEMO_ACCOUNTS: [(&str, &str, Role, &str); 3] = [
    (
        "admin@demo.heard.test",
        "Asha Patel",
        Role::Admin,
        "demo-admin-2026",
    ),
    (
        "officer@demo.heard.test",
        "Sam Taylor",
        Role::Officer,
        "demo-officer-2026",
    ),
    (
        "viewer@demo.heard.test",
        "Jordan Lee",
        Role::Viewer,
        "demo-viewer-2026",
    ),
];

const DEMO_ACCOUNTS_KEY: &str = "demo_accounts_loaded_at";

/// Adds the demo accounts, unless this database has had them. A database
/// with real accounts never gets them: their passwords are public.
pub async fn load_demo_accounts(db: &DatabaseConnection) -> Result<bool, AppError> {
    if meta::get(db, DEMO_ACCOUNTS_KEY).await?.is_some() {
        return Ok(false);
    }
    if users::count(db).await? > 0 {
        tracing::warn!("this database has accounts already: not adding the demo's");
        return Ok(false);
    }
    // Hash before the write transaction: hashing is slow on purpose.
    let mut hashed = Vec::new();
    for (email, name, role, secret) in DEMO_ACCOUNTS {
        hashed.push((email, name, role, password::hash(secret.to_owned()).await?));
    }
    let txn = begin_write(db).await?;
    if meta::get(&txn, DEMO_ACCOUNTS_KEY).await?.is_some() {
        txn.rollback().await?;
        return Ok(false);
    }
    for (email, name, role, hash) in hashed {
        users::create(&txn, email, name, role, Some(hash)).await?;
    }
    meta::set(&txn, DEMO_ACCOUNTS_KEY, &Utc::now().to_rfc3339()).await?;
    txn.commit().await?;
    Ok(true)
}

/// Creates an admin at `email` who sets a password through the returned
/// one-time link. An admin there who never set a password gets a fresh
/// link instead; any other account there gets None.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
) -> Result<Option<String>, AppError> {
    let txn = begin_write(db).await?;
    let user = match users::by_email(&txn, email).await? {
        Some(user) if user.role == Role::Admin.as_str() && user.password_hash.is_none() => user,
        Some(_) => {
            txn.rollback().await?;
            return Ok(None);
        }
        None => match users::create(&txn, email, name, Role::Admin, None).await? {
            Some(user) => user,
            None => {
                txn.rollback().await?;
                return Ok(None);
            }
        },
    };
    let secret = users::issue_link(&txn, user.id, LinkPurpose::Invite).await?;
    let subject = format!("user {} {}", user.id, user.email);
    audit::record(
        &txn,
        Actor::Typed("cli"),
        AuditAction::AdminCreated,
        &subject,
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(Some(secret))
}

/// At the first start (no account at all): creates the first admin at
/// `email` and returns the link to print, once. Later starts return None;
/// `server create-admin` issues a fresh link if it was never used.
pub async fn first_admin_link(
    db: &DatabaseConnection,
    email: &str,
) -> Result<Option<String>, AppError> {
    if users::count(db).await? > 0 {
        return Ok(None);
    }
    create_admin(db, email, "Admin").await
}
