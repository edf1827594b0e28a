//! Invitations and resets carry a one-time link that is issued only as the
//! email is sent, through a real SMTP server (aiosmtpd on loopback), on
//! SQLite and PostgreSQL: the queued row holds a slot, not a live link;
//! the delivered email's link works once; an account switched off before
//! its email went gets no link at all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::roles::Role,
    paths,
    server::{
        entities::account_token,
        mail::{AccountMail, account_message},
        store::{outbox, users},
        testing::on_each_backend,
    },
};
use chrono::Utc;
use common::{
    Browser, app, demo_account,
    smtp_sink::{Sink, free_port, smtp_config, stored},
};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::delivery::{Mailer, Round};

async fn links_of(db: &sea_orm::DatabaseConnection, user: i32) -> u64 {
    account_token::Entity::find()
        .filter(account_token::Column::UserId.eq(user))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_is_made_as_its_email_is_sent_and_works_once() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let (email, _) = demo_account(Role::Viewer);
        let user = users::by_email(&state.db, email).await.unwrap().unwrap();
        outbox::queue(
            &state.db,
            account_message("en", user.id, email, &user.name, AccountMail::Reset),
        )
        .await
        .unwrap();
        // Queued: a slot where the link will go, and no link issued yet.
        let queued = stored(&state.db).await.pop().unwrap();
        assert!(queued.body_text.contains(outbox::LINK_SLOT));
        assert!(!queued.body_text.contains(paths::SET_PASSWORD_LINK_PREFIX));
        assert_eq!(links_of(&state.db, user.id).await, 0, "{backend:?}");

        let port = free_port();
        let sink = Sink::start(port, None);
        let config = smtp_config(port, None);
        let mailer = Mailer::from_config(&config).unwrap();
        let round = mailer.deliver_due(&state.db, Utc::now()).await.unwrap();
        assert_eq!(round.sent, 1, "{backend:?}");
        assert_eq!(links_of(&state.db, user.id).await, 1);
        let got = sink.received();
        let text = got[0]["text"].as_str().unwrap();
        let prefix = format!("{}{}", config.base_url(), paths::SET_PASSWORD_LINK_PREFIX);
        let at = text.find(&prefix).expect("a link in the email") + prefix.len();
        let token = &text[at..at + 64];
        assert!(!text.contains(outbox::LINK_SLOT));
        // Sent: the row keeps neither the slot's body nor the link.
        let sent = stored(&state.db).await.pop().unwrap();
        assert!(sent.sent_at.is_some() && sent.body_text.is_empty());

        // The emailed link opens the form and sets a password once.
        let mut browser = Browser::new(&router);
        browser.get(&paths::set_password_link(token)).await;
        let form = browser.get(paths::SET_PASSWORD).await;
        assert_eq!(form.status, StatusCode::OK, "{backend:?}");
        let pass = "heron lantern quietly drifts";
        let set = browser
            .post(
                paths::SET_PASSWORD,
                &[("password", pass), ("confirm", pass)],
            )
            .await;
        assert_eq!(set.location(), paths::OFFICER);
        assert_eq!(links_of(&state.db, user.id).await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_switched_off_before_its_email_went_gets_no_link() {
    on_each_backend(|db, backend| async move {
        let (_router, state) = app(db, 10).await;
        let (email, _) = demo_account(Role::Officer);
        let user = users::by_email(&state.db, email).await.unwrap().unwrap();
        outbox::queue(
            &state.db,
            account_message("en", user.id, email, &user.name, AccountMail::Invitation),
        )
        .await
        .unwrap();
        users::set_active(&state.db, user.id, false).await.unwrap();

        let port = free_port();
        let sink = Sink::start(port, None);
        let mailer = Mailer::from_config(&smtp_config(port, None)).unwrap();
        let round = mailer.deliver_due(&state.db, Utc::now()).await.unwrap();
        assert_eq!(
            round,
            Round {
                given_up: 1,
                ..Round::default()
            },
            "{backend:?}"
        );
        assert!(sink.received().is_empty());
        assert_eq!(links_of(&state.db, user.id).await, 0);
        let row = stored(&state.db).await.pop().unwrap();
        assert!(row.failed_at.is_some() && row.to_address.is_empty());
    })
    .await;
}
