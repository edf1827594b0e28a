//! Queueing mail. Delivery (SMTP or `.eml` files, with retries) reads the
//! same table; a message queued here survives restarts.

use crate::server::entities::outbox;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, NotSet};

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: &'static str,
    pub to: String,
    pub locale: String,
    pub subject: String,
    pub body_text: String,
}

/// Adds a message to the outbox, due at once.
pub async fn queue(db: &impl ConnectionTrait, message: Message) -> Result<i64, DbErr> {
    let now = Utc::now();
    let row = outbox::ActiveModel {
        id: NotSet,
        kind: Set(message.kind.to_owned()),
        to_address: Set(message.to),
        locale: Set(message.locale),
        subject: Set(message.subject),
        body_text: Set(message.body_text),
        body_html: Set(None),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        sent_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
