//! Officer accounts and their one-time links.

use crate::{
    domain::roles::Role,
    server::{
        auth::secrets::{digest, is_secret, new_secret},
        entities::{account_token, user_account},
    },
};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

pub use crate::{domain::accounts::normalise_email, server::entities::account_token::LinkPurpose};

impl LinkPurpose {
    /// How long a link stays usable.
    pub fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::Invite => Duration::days(7),
            LinkPurpose::Reset => Duration::hours(1),
        }
    }
}

pub async fn by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find_by_id(id).one(db).await
}

/// Every account, by name.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .order_by_asc(user_account::Column::Name)
        .order_by_asc(user_account::Column::Id)
        .all(db)
        .await
}

/// How many accounts there are.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    user_account::Entity::find().count(db).await
}

/// The active admins, locked for update on PostgreSQL until the
/// transaction ends: the last one may not be removed.
pub async fn lock_active_admins(
    db: &impl ConnectionTrait,
) -> Result<Vec<user_account::Model>, DbErr> {
    let mut query = user_account::Entity::find()
        .filter(user_account::Column::Role.eq(Role::Admin.as_str()))
        .filter(user_account::Column::Active.eq(true));
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    query.all(db).await
}

/// Adds an account without a password (it is set through a link), or None
/// when the address already has one.
pub async fn create(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    role: Role,
    password_hash: Option<String>,
) -> Result<Option<user_account::Model>, DbErr> {
    if by_email(db, email).await?.is_some() {
        return Ok(None);
    }
    let inserted = user_account::ActiveModel {
        id: NotSet,
        email: Set(normalise_email(email)),
        name: Set(name.trim().to_owned()),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(password_hash),
        active: Set(true),
        created_at: Set(Utc::now()),
        last_sign_in_at: Set(None),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(user) => Ok(Some(user)),
        // Two invitations of one address at once: the second finds it taken.
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            Ok(None)
        }
        Err(err) => Err(err),
    }
}

pub async fn set_password(db: &impl ConnectionTrait, id: i32, hash: String) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::PasswordHash, Expr::value(hash))
        .filter(user_account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_role(db: &impl ConnectionTrait, id: i32, role: Role) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Role, Expr::value(role.as_str()))
        .filter(user_account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_active(db: &impl ConnectionTrait, id: i32, active: bool) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::Active, Expr::value(active))
        .filter(user_account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn signed_in_now(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(user_account::Column::LastSignInAt, Expr::value(Utc::now()))
        .filter(user_account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Issues a one-time link's secret for `user_id`. Earlier links of the same
/// purpose stop working: only the newest email counts.
pub async fn issue_link(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: LinkPurpose,
) -> Result<String, DbErr> {
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.eq(purpose))
        .exec(db)
        .await?;
    let secret = new_secret();
    let now = Utc::now();
    account_token::ActiveModel {
        id: Set(digest(&secret)),
        user_id: Set(user_id),
        purpose: Set(purpose),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Deletes every one-time link of `user_id`: a password was set, or the
/// account switched off, so no older email may set a password again.
pub async fn revoke_links(db: &impl ConnectionTrait, user_id: i32) -> Result<(), DbErr> {
    account_token::Entity::delete_many()
        .filter(account_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The active account a live link belongs to, without using the link up.
pub async fn peek_link(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    let Some(link) = live_link(db, secret).await? else {
        return Ok(None);
    };
    Ok(by_id(db, link.user_id).await?.filter(|u| u.active))
}

/// Uses a link up: deletes it, and returns its active account if it was
/// still live. Deleting first means two posts of one link cannot both win.
pub async fn redeem_link(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    let Some(link) = live_link(db, secret).await? else {
        return Ok(None);
    };
    let deleted = account_token::Entity::delete_by_id(link.id)
        .exec(db)
        .await?;
    if deleted.rows_affected != 1 {
        return Ok(None);
    }
    Ok(by_id(db, link.user_id).await?.filter(|u| u.active))
}

async fn live_link(
    db: &impl ConnectionTrait,
    secret: &str,
) -> Result<Option<account_token::Model>, DbErr> {
    if !is_secret(secret) {
        return Ok(None);
    }
    Ok(account_token::Entity::find_by_id(digest(secret))
        .one(db)
        .await?
        .filter(|l| l.expires_at > Utc::now()))
}

/// The names of the accounts `ids`, by id.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, DbErr> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}
