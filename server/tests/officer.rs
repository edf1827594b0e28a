//! The officer workspace over HTTP, on SQLite and PostgreSQL: sign-in and
//! its throttling, sessions, invitations, password resets, role changes,
//! escaping, and the audit log. Who may use which route is in
//! `authorisation.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::roles::Role,
    paths,
    server::{
        entities::{audit_log, officer_session, outbox},
        testing::on_each_backend,
    },
};
use common::{Browser, app, demo_account, hidden};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr};

#[tokio::test]
async fn sign_in_sets_a_strict_cookie_rotates_and_ends() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let (email, password) = demo_account(Role::Officer);
        let mut browser = Browser::new(&router);

        // Asking for a page first: sent to sign in, and back afterwards.
        let wanted = browser.get("/officer/audit").await;
        assert_eq!(
            wanted.location(),
            "/officer/sign-in?return=%2Fofficer%2Faudit"
        );
        let page = browser.get(wanted.location()).await;
        assert_eq!(hidden(&page.body, "return"), "/officer/audit");
        let signed = browser
            .post(
                paths::SIGN_IN,
                &[
                    ("email", email),
                    ("password", password),
                    ("return", "/officer"),
                ],
            )
            .await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{backend:?}");
        let set = signed
            .headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(set.starts_with("heard_session="), "{set}");
        for part in ["HttpOnly", "SameSite=Lax", "Path=/officer"] {
            assert!(set.contains(part), "{set}");
        }
        let first = browser.cookies["heard_session"].clone();
        assert_eq!(first.len(), 64);
        let home = browser.get("/officer").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("Sam Taylor"));
        assert_eq!(home.headers["cache-control"], "no-store");

        // Signing in again replaces the session: the old id dies.
        browser
            .post(paths::SIGN_IN, &[("email", email), ("password", password)])
            .await;
        let second = browser.cookies["heard_session"].clone();
        assert_ne!(first, second);
        let mut old = Browser::new(&router);
        old.cookies.insert("heard_session".into(), first);
        assert_eq!(old.get("/officer").await.status, StatusCode::SEE_OTHER);
        assert_eq!(
            officer_session::Entity::find()
                .count(&state.db)
                .await
                .unwrap(),
            1
        );

        // Idle for longer than the timeout: signed out.
        officer_session::Entity::update_many()
            .col_expr(
                officer_session::Column::LastSeenAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::hours(2)),
            )
            .exec(&state.db)
            .await
            .unwrap();
        let idle = browser.get("/officer").await;
        assert_eq!(idle.status, StatusCode::SEE_OTHER);
        assert!(!browser.cookies.contains_key("heard_session"));

        // Sign out ends the session in the database too.
        browser.sign_in_as(Role::Officer).await;
        let secret = browser.cookies["heard_session"].clone();
        let out = browser.post(paths::SIGN_OUT, &[]).await;
        assert_eq!(out.location(), "/officer/sign-in?signed_out=1");
        let mut replay = Browser::new(&router);
        replay.cookies.insert("heard_session".into(), secret);
        assert_eq!(replay.get("/officer").await.status, StatusCode::SEE_OTHER);

        // A return address elsewhere is ignored.
        let evil = browser
            .post(
                paths::SIGN_IN,
                &[
                    ("email", email),
                    ("password", password),
                    ("return", "https://evil.example/"),
                ],
            )
            .await;
        assert_eq!(evil.location(), "/officer");
    })
    .await;
}

#[tokio::test]
async fn failed_sign_ins_say_nothing_about_accounts_and_lock() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let (email, password) = demo_account(Role::Admin);
        let mut browser = Browser::new(&router);
        let wrong = browser
            .post(paths::SIGN_IN, &[("email", email), ("password", "nope")])
            .await;
        let unknown = browser
            .post(
                paths::SIGN_IN,
                &[("email", "nobody@example.org"), ("password", "nope")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::OK);
        assert_eq!(unknown.status, StatusCode::OK);
        let message = "The email address or password is not right";
        assert!(wrong.body.contains(message) && unknown.body.contains(message));
        assert!(wrong.body.contains("<title>Error: Sign in"), "{backend:?}");
        assert!(!browser.cookies.contains_key("heard_session"));

        // Count the rest of the allowed failures straight into the limiter
        // (the answers slow down after three, which a test need not wait for):
        // this client (a test has no address: "unknown") and this account.
        for _ in 0..9 {
            app::server::store::rate_limit::attempt(
                &state.db,
                &format!("sign-in-pair:unknown:{email}"),
                chrono::Duration::minutes(15),
            )
            .await
            .unwrap();
        }
        // Locked now: even the right password is refused, with a 429.
        let locked = browser
            .post(paths::SIGN_IN, &[("email", email), ("password", password)])
            .await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{backend:?}");
        assert!(locked.body.contains("too many tries"));
        assert!(!browser.cookies.contains_key("heard_session"));
        // Other accounts are unaffected.
        browser.sign_in_as(Role::Officer).await;

        let failures = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("sign_in_failed"))
            .count(&state.db)
            .await
            .unwrap();
        assert_eq!(failures, 2);
        let locks = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("sign_in_locked"))
            .count(&state.db)
            .await
            .unwrap();
        assert_eq!(locks, 1);
    })
    .await;
}

/// The newest outbox message to `to`: its kind and the token of the link
/// it gets as it is sent. Reset emails are queued after the answer, so it
/// waits a little for one.
async fn emailed_token(state: &app::server::state::AppState, to: &str) -> (String, String) {
    let mut mail = None;
    for _ in 0..100 {
        mail = outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq(to))
            .order_by_desc(outbox::Column::Id)
            .one(&state.db)
            .await
            .unwrap();
        if mail.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The link is issued as the mail worker sends: this is its step
    // (`mail_links.rs` sends through a real SMTP server).
    let mail = app::server::mail::with_link(&state.db, mail.expect("a message"), "")
        .await
        .unwrap()
        .expect("an active account");
    let prefix = paths::SET_PASSWORD_LINK_PREFIX;
    let at = mail.body_text.find(prefix).expect("a link") + prefix.len();
    (mail.kind, mail.body_text[at..at + 64].to_owned())
}

#[tokio::test]
async fn an_admin_invites_and_the_invitee_sets_a_password_once() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let mut admin = Browser::new(&router);
        admin.sign_in_as(Role::Admin).await;

        // Refusals list every problem and keep what was typed.
        let refused = admin
            .post(
                paths::USERS,
                &[
                    ("action", "invite"),
                    ("email", "not-an-email"),
                    ("name", ""),
                    ("role", "root"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::OK);
        for message in ["right format", "Enter their name", "Choose a role"] {
            assert!(refused.body.contains(message), "{backend:?} {message}");
        }
        assert!(refused.body.contains(r#"value="not-an-email""#));

        let invited = admin
            .post(
                paths::USERS,
                &[
                    ("action", "invite"),
                    ("email", "Kim@Example.org"),
                    ("name", "Kim Okafor"),
                    ("role", "officer"),
                ],
            )
            .await;
        assert_eq!(
            invited.location(),
            "/officer/users?done=invited",
            "{}",
            invited.body
        );
        let again = admin
            .post(
                paths::USERS,
                &[
                    ("action", "invite"),
                    ("email", "kim@example.org"),
                    ("name", "Kim"),
                    ("role", "viewer"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.body.contains("already an account"));

        let (kind, token) = emailed_token(&state, "kim@example.org").await;
        assert_eq!(kind, "invitation");
        let mut kim = Browser::new(&router);
        // The link moves its token into a cookie and leaves for a clean address.
        let opened = kim.get(&paths::set_password_link(&token)).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER);
        assert_eq!(opened.location(), paths::SET_PASSWORD);
        let page = kim.get(paths::SET_PASSWORD).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains(&token),
            "the page never shows the token"
        );
        assert!(page.body.contains("Kim Okafor"));
        let short = kim
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &token),
                    ("password", "short"),
                    ("confirm", "short"),
                ],
            )
            .await;
        assert!(short.body.contains("at least 8 characters"));
        assert!(!short.body.contains(&token));
        let differ = kim
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &token),
                    ("password", "plum radiator quietly swims"),
                    ("confirm", "a long passphrasE"),
                ],
            )
            .await;
        assert!(differ.body.contains("not the same"));
        let set = kim
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &token),
                    ("password", "plum radiator quietly swims"),
                    ("confirm", "plum radiator quietly swims"),
                ],
            )
            .await;
        assert_eq!(set.location(), "/officer", "{backend:?} {}", set.body);
        assert_eq!(kim.get("/officer").await.status, StatusCode::OK);
        // Officers cannot manage users.
        assert_eq!(kim.get(paths::USERS).await.status, StatusCode::FORBIDDEN);

        // The link works once.
        let mut again = Browser::new(&router);
        again.get(&paths::set_password_link(&token)).await;
        let reused = again
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &token),
                    ("password", "kettle lantern orbit maple"),
                    ("confirm", "kettle lantern orbit maple"),
                ],
            )
            .await;
        assert_eq!(reused.status, StatusCode::NOT_FOUND);
        assert!(reused.body.contains("no longer works"));
        let dead = again.get(paths::SET_PASSWORD).await;
        assert_eq!(dead.status, StatusCode::NOT_FOUND);

        // And the new password signs in.
        let mut later = Browser::new(&router);
        let ok = later
            .post(
                paths::SIGN_IN,
                &[
                    ("email", "kim@example.org"),
                    ("password", "plum radiator quietly swims"),
                ],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_email_without_revealing_accounts() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let (email, _) = demo_account(Role::Viewer);
        let mut signed_in = Browser::new(&router);
        signed_in.sign_in_as(Role::Viewer).await;

        let mut browser = Browser::new(&router);
        let known = browser
            .post(paths::FORGOT_PASSWORD, &[("email", email)])
            .await;
        let unknown = browser
            .post(paths::FORGOT_PASSWORD, &[("email", "nobody@example.org")])
            .await;
        assert_eq!(known.location(), unknown.location());
        assert_eq!(known.location(), "/officer/forgot-password?sent=1");
        let (kind, token) = emailed_token(&state, email).await;
        let outbox_to_unknown = outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq("nobody@example.org"))
            .count(&state.db)
            .await
            .unwrap();
        assert_eq!(outbox_to_unknown, 0);
        assert_eq!(kind, "password_reset", "{backend:?}");
        browser.get(&paths::set_password_link(&token)).await;
        let set = browser
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &token),
                    ("password", "violet tram hums backwards"),
                    ("confirm", "violet tram hums backwards"),
                ],
            )
            .await;
        assert_eq!(set.location(), "/officer");
        // Every other session of the account ended with the old password.
        assert_eq!(
            signed_in.get("/officer").await.status,
            StatusCode::SEE_OTHER
        );
        // A common password is refused.
        outbox::Entity::delete_many()
            .filter(outbox::Column::ToAddress.eq(email))
            .exec(&state.db)
            .await
            .unwrap();
        browser
            .post(paths::FORGOT_PASSWORD, &[("email", email)])
            .await;
        let (_, token) = emailed_token(&state, email).await;
        browser.get(&paths::set_password_link(&token)).await;
        let common = browser
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &token),
                    ("password", "password123"),
                    ("confirm", "password123"),
                ],
            )
            .await;
        assert!(common.body.contains("too easy to guess"), "{backend:?}");
        let bad = Browser::new(&router)
            .post(paths::FORGOT_PASSWORD, &[("email", "nope")])
            .await;
        assert!(bad.body.contains("right format"), "{}", bad.body);
    })
    .await;
}

#[tokio::test]
async fn roles_change_at_once_and_the_last_admin_stays() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let users = app::server::store::users::all(&state.db).await.unwrap();
        let id_of = |email: &str| {
            users
                .iter()
                .find(|u| u.email == email)
                .unwrap()
                .id
                .to_string()
        };
        let admin_id = id_of(demo_account(Role::Admin).0);
        let officer_id = id_of(demo_account(Role::Officer).0);
        let mut admin = Browser::new(&router);
        admin.sign_in_as(Role::Admin).await;
        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;

        let changed = admin
            .post(
                paths::USERS,
                &[
                    ("user", &officer_id),
                    ("action", "role"),
                    ("role", "viewer"),
                ],
            )
            .await;
        assert_eq!(changed.location(), "/officer/users?done=role");
        // Their session ended: permissions never lag behind.
        assert_eq!(officer.get("/officer").await.status, StatusCode::SEE_OTHER);

        let own = admin
            .post(
                paths::USERS,
                &[("user", &admin_id), ("action", "role"), ("role", "officer")],
            )
            .await;
        assert_eq!(own.status, StatusCode::CONFLICT, "{backend:?}");
        assert!(own.body.contains("your own admin role"));
        let disable_self = admin
            .post(paths::USERS, &[("user", &admin_id), ("action", "disable")])
            .await;
        assert_eq!(disable_self.status, StatusCode::CONFLICT);

        let off = admin
            .post(
                paths::USERS,
                &[("user", &officer_id), ("action", "disable")],
            )
            .await;
        assert_eq!(off.location(), "/officer/users?done=disabled");
        let (email, password) = demo_account(Role::Officer);
        let refused = Browser::new(&router)
            .post(paths::SIGN_IN, &[("email", email), ("password", password)])
            .await;
        assert!(refused.body.contains("is not right"));
        let on = admin
            .post(paths::USERS, &[("user", &officer_id), ("action", "enable")])
            .await;
        assert_eq!(on.location(), "/officer/users?done=enabled");

        let tampered = admin
            .post(
                paths::USERS,
                &[("user", &officer_id), ("action", "explode")],
            )
            .await;
        assert_eq!(tampered.status, StatusCode::BAD_REQUEST);
        let unknown = admin
            .post(paths::USERS, &[("user", "424242"), ("action", "disable")])
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // A cross-site post never reaches the handler.
        let forged = http::Request::post(paths::USERS)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from(format!(
                "user={officer_id}&action=disable"
            )))
            .unwrap();
        assert_eq!(admin.send(forged).await.status, StatusCode::FORBIDDEN);

        // The audit log has it all, and filters.
        let log = admin.get("/officer/audit?action=role_changed").await;
        assert_eq!(log.status, StatusCode::OK);
        assert!(log.body.contains("officer → viewer"), "{backend:?}");
        assert!(log.body.contains("Entries found: 1"));
        let all = admin.get("/officer/audit").await;
        for label in [
            "Signed in",
            "Account switched off",
            "Account switched on",
            "Role changed",
        ] {
            assert!(all.body.contains(label), "{label}");
        }
        let none = admin
            .get("/officer/audit?actor=nobody-at-all&from=2020-01-01&to=2020-01-02")
            .await;
        assert!(none.body.contains("No entries match"));
    })
    .await;
}

#[tokio::test]
async fn text_officers_write_is_escaped_everywhere_it_is_shown() {
    on_each_backend(|db, _backend| async move {
        let (router, _state) = app(db, 10).await;
        let mut admin = Browser::new(&router);
        admin.sign_in_as(Role::Admin).await;
        let script = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
        let invited = admin
            .post(
                paths::USERS,
                &[
                    ("action", "invite"),
                    ("email", "x@example.org"),
                    ("name", script),
                    ("role", "viewer"),
                ],
            )
            .await;
        assert_eq!(invited.status, StatusCode::SEE_OTHER);
        let listed = admin.get(paths::USERS).await;
        assert!(!listed.body.contains("<script>alert"));
        assert!(!listed.body.contains("<img src=x"));
        assert!(listed.body.contains("&lt;script&gt;"));
        // A refused sign-in shows the typed address back, escaped.
        let typed = admin
            .post(paths::SIGN_IN, &[("email", script), ("password", "x")])
            .await;
        assert!(!typed.body.contains("<script>alert"));
        let log = admin.get("/officer/audit?action=user_invited").await;
        assert!(!log.body.contains("<script>alert"));
    })
    .await;
}

#[tokio::test]
async fn the_first_admin_is_created_once_with_a_link() {
    on_each_backend(|db, _backend| async move {
        let link = app::server::accounts::first_admin_link(&db, "first@example.org")
            .await
            .unwrap()
            .expect("a link when there is no account");
        // Printed once: later starts stay quiet.
        assert!(
            app::server::accounts::first_admin_link(&db, "first@example.org")
                .await
                .unwrap()
                .is_none()
        );
        // The command line makes a fresh link while it is unused; the old one dies.
        let again = app::server::accounts::create_admin(&db, "first@example.org", "Admin")
            .await
            .unwrap()
            .expect("a new link for the admin without a password");
        assert_ne!(link, again);
        assert!(
            app::server::store::users::peek_link(&db, &link)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(app::server::store::users::count(&db).await.unwrap(), 1);
        let (router, _state) = app(db.clone(), 10).await;
        let mut browser = Browser::new(&router);
        browser.get(&paths::set_password_link(&again)).await;
        let set = browser
            .post(
                paths::SET_PASSWORD,
                &[
                    ("token", &again),
                    ("password", "copper heron drifts at noon"),
                    ("confirm", "copper heron drifts at noon"),
                ],
            )
            .await;
        assert_eq!(set.location(), "/officer");
        assert_eq!(browser.get(paths::USERS).await.status, StatusCode::OK);
        assert!(
            app::server::accounts::first_admin_link(&db, "first@example.org")
                .await
                .unwrap()
                .is_none()
        );
        // The command line refuses an address that has an account.
        assert!(
            app::server::accounts::create_admin(&db, "first@example.org", "Again")
                .await
                .unwrap()
                .is_none()
        );
    })
    .await;
}
