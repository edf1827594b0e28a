//! Mail waiting to be delivered: resume links, invitations, password resets
//! and "You said, we did" updates. The server's mail worker delivers it,
//! with retries, under a lease so that several servers can share the table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What the message is for, such as `resume_link`.
    pub kind: String,
    pub to_address: String,
    pub locale: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub body_html: Option<String>,
    pub created_at: DateTimeUtc,
    pub next_attempt_at: DateTimeUtc,
    pub attempts: i32,
    pub sent_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    /// Set by whoever is sending the message now.
    pub claim_token: Option<String>,
    /// When that claim lapses and another worker may try.
    pub claimed_until: Option<DateTimeUtc>,
    /// When Heard stopped trying: retries ran out or the server refused for good.
    pub failed_at: Option<DateTimeUtc>,
    /// The one-click unsubscribe address (RFC 8058) an update carries.
    #[sea_orm(column_type = "Text", nullable)]
    pub list_unsubscribe: Option<String>,
    /// The response an update email is about: its mail goes with it.
    pub response_id: Option<i64>,
    /// An invitation or reset: whose one-time link the worker issues and
    /// puts in the body's slot when it sends ([`crate::server::store::outbox::LINK_SLOT`]).
    pub link_user_id: Option<i32>,
    pub link_purpose: Option<super::account_token::LinkPurpose>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
