//! "Tell me what happens because of these views": an email address kept
//! apart from the answers and used only for "You said, we did" updates. It
//! goes when the response is withdrawn.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "update_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i32,
    #[sea_orm(unique)]
    pub response_id: i64,
    pub email: String,
    pub locale: String,
    /// For one-click unsubscribe links: 128 random bits.
    #[sea_orm(unique)]
    pub token: String,
    pub created_at: DateTimeUtc,
    /// Timeline entries up to this id have been told to this address.
    pub notified_event_id: i64,
    /// When its owner confirmed it from the email asking them to (double
    /// opt-in); until then it gets no news.
    pub confirmed_at: Option<DateTimeUtc>,
    /// When the email asking for confirmation was queued.
    pub confirmation_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
