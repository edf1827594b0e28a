//! Issue 16's findings on the respondent side, each held shut by a test
//! that failed before its fix: kiosk tickets the server signed, cookies
//! that never open kiosk feedback, per-client limits on starts and kiosk
//! sends, the per-survey budget of wrong codes, and receipt codes that end
//! with the retention period. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::audit::AuditAction,
    paths,
    server::{
        entities::{audit_log, dropin_session, outbox, response, survey},
        journey::{Kept, guessing, ticket},
        store::responses,
        testing::on_each_backend,
    },
};
use chrono::{Duration, Utc};
use common::{Browser, SURVEY, app, demo_form, hidden};
use http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};
use server::config::Config;

/// A demo drop-in session, its kiosk address, and a complete set of
/// answers for its form (without the ticket).
async fn kiosk(
    state: &app::server::state::AppState,
) -> (dropin_session::Model, String, Vec<(String, String)>) {
    let (session, answers) = common::first_kiosk(&state.db).await;
    let path = paths::kiosk(&session.code);
    (session, path, answers)
}

/// `answers` with `ticket` as the form's token.
fn with_ticket<'a>(ticket: &'a str, answers: &'a [(String, String)]) -> Vec<(&'a str, &'a str)> {
    let mut pairs = vec![("token", ticket)];
    pairs.extend(answers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    pairs
}

#[tokio::test]
async fn kiosk_feedback_needs_a_ticket_the_server_signed_for_the_session() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let (session, path, answers) = kiosk(&state).await;
        let count = || response::Entity::find().count(&state.db);
        let before = count().await.unwrap();
        let mut tablet = Browser::new(&router);

        // Before: any 32 hex digits were a token, so a script could post
        // feedback without ever loading the form.
        let invented = responses::new_token();
        let forged = tablet.post(&path, &with_ticket(&invented, &answers)).await;
        assert_eq!(forged.status, StatusCode::BAD_REQUEST, "{backend:?}");

        // A ticket for another session is forged too.
        let key = state.keys.signing(&state.db).await.unwrap().to_vec();
        let elsewhere = ticket::issue(&key, session.id + 1000, Utc::now()).unwrap();
        let reply = tablet.post(&path, &with_ticket(&elsewhere, &answers)).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(count().await.unwrap(), before, "nothing stored");

        // The form's own ticket stores the feedback once, however often sent.
        let issued = hidden(&tablet.get(&path).await.body, "token");
        let sent = tablet.post(&path, &with_ticket(&issued, &answers)).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let again = tablet.post(&path, &with_ticket(&issued, &answers)).await;
        assert_eq!(again.location(), paths::kiosk_thanks(&session.code));
        assert_eq!(count().await.unwrap(), before + 1);

        // A form left open for more than a day is not sent: a fresh one
        // says why.
        let old = ticket::issue(&key, session.id, Utc::now() - Duration::hours(25)).unwrap();
        let stale = tablet.post(&path, &with_ticket(&old, &answers)).await;
        assert_eq!(stale.status, StatusCode::SEE_OTHER);
        assert_eq!(stale.location(), paths::kiosk_expired(&session.code));
        let fresh = tablet.get(stale.location()).await;
        assert!(
            fresh.body.contains("open for more than a day"),
            "{}",
            fresh.body
        );
        assert_eq!(count().await.unwrap(), before + 1);
    })
    .await;
}

#[tokio::test]
async fn no_cookie_opens_kiosk_feedback() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let (session, path, answers) = kiosk(&state).await;
        let mut tablet = Browser::new(&router);
        let issued = hidden(&tablet.get(&path).await.body, "token");
        let sent = tablet.post(&path, &with_ticket(&issued, &answers)).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        let survey = survey::Entity::find_by_id(session.survey_id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        // Someone who read the ticket off the tablet's form before the
        // next person used it puts its token in their own cookies.
        let token = issued.split('.').next().unwrap().to_owned();
        let mut snoop = Browser::new(&router);
        snoop
            .cookies
            .insert(Kept::Receipt.name(&survey.slug, false), token.clone());
        let opened = snoop.get(&paths::your_answers(&survey.slug)).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER, "{backend:?}");
        assert_eq!(opened.location(), paths::use_code(&survey.slug));
        let withdraw = snoop
            .post(&format!("/s/{}/withdraw", survey.slug), &[])
            .await;
        assert_eq!(withdraw.location(), paths::use_code(&survey.slug));
        assert!(
            response::Entity::find()
                .filter(response::Column::SubmissionToken.eq(&token))
                .one(&state.db)
                .await
                .unwrap()
                .is_some(),
            "the feedback is still there"
        );
    })
    .await;
}

#[tokio::test]
async fn one_client_starts_and_sends_only_so_many() {
    on_each_backend(|db, _backend| async move {
        let (router, state) = behind_a_proxy(db).await;
        let proxy = "10.0.0.5:40000";
        let yes = [("consent", "yes")];
        let mut school = Browser::new(&router);
        for n in 0..600 {
            school.cookies.clear();
            let reply = school
                .post_from(SURVEY, &yes, proxy, Some("198.51.100.1"))
                .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "start {n}");
        }
        school.cookies.clear();
        let refused = school
            .post_from(SURVEY, &yes, proxy, Some("198.51.100.1"))
            .await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        // Carrying on with a draft already started is not a new start.
        let mut family = Browser::new(&router);
        let begun = family
            .post_from(SURVEY, &yes, proxy, Some("198.51.100.2"))
            .await;
        assert_eq!(begun.status, StatusCode::SEE_OTHER);

        let (_session, path, answers) = kiosk(&state).await;
        let mut tablet = Browser::new(&router);
        for n in 0..241 {
            let issued = hidden(&tablet.get(&path).await.body, "token");
            let pairs = with_ticket(&issued, &answers);
            let reply = tablet
                .post_from(&path, &pairs, proxy, Some("198.51.100.3"))
                .await;
            let want = if n < 240 {
                StatusCode::SEE_OTHER
            } else {
                StatusCode::TOO_MANY_REQUESTS
            };
            assert_eq!(reply.status, want, "kiosk send {n}");
        }
    })
    .await;
}

/// The demo app behind a proxy at 10.0.0.0/8, so each test client can
/// have its own address.
async fn behind_a_proxy(
    db: sea_orm::DatabaseConnection,
) -> (axum::Router, app::server::state::AppState) {
    app::server::demo::load_once(&db).await.unwrap();
    let config = Config {
        trusted_proxies: vec!["10.0.0.0/8".into()],
        ..Config::default()
    };
    let state = server::app_state(&config, db);
    (server::http::router(state.clone()), state)
}

#[tokio::test]
async fn wrong_codes_past_the_budget_tell_the_admins_once() {
    on_each_backend(|db, backend| async move {
        let (router, state) = behind_a_proxy(db).await;
        let alerts = || async {
            let audited = audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq(AuditAction::CodesGuessed.as_str()))
                .count(&state.db)
                .await
                .unwrap();
            let mailed = outbox::Entity::find()
                .filter(outbox::Column::Kind.eq("codes_guessed"))
                .count(&state.db)
                .await
                .unwrap();
            (audited, mailed)
        };
        // A botnet: every client stays under its own limit of ten.
        let mut browser = Browser::new(&router);
        let path = format!("{SURVEY}/return");
        let budget = usize::try_from(guessing::BUDGET).unwrap();
        for n in 0..budget + 20 {
            let client = format!("198.51.{}.{}", n / 200, n % 200);
            let code = [("code", "AAAA-AAAA")];
            let reply = browser
                .post_from(&path, &code, "10.0.0.5:4000", Some(&client))
                .await;
            // Nobody is refused for the budget: that would lock out everyone.
            assert_eq!(reply.status, StatusCode::OK, "try {n}");
            let (audited, mailed) = alerts().await;
            if n < budget {
                assert_eq!((audited, mailed), (0, 0), "{backend:?} try {n}");
            } else {
                // One entry, and one email to each of the demo's admins.
                assert_eq!(audited, 1, "try {n}");
                assert!(mailed >= 1, "try {n}");
            }
        }
        let mail = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("codes_guessed"))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert!(mail.subject.contains("Big SEND Survey"), "{}", mail.subject);
        assert!(mail.body_text.contains(paths::AUDIT));
        // A real respondent's code still works meanwhile.
        let form = demo_form(&state).await;
        let mut family = Browser::new(&router);
        let code = family.complete_demo(&form).await;
        let mut later = Browser::new(&router);
        let opened = later
            .post_from(
                &path,
                &[("code", &code)],
                "10.0.0.5:4000",
                Some("203.0.113.7"),
            )
            .await;
        assert_eq!(opened.location(), paths::your_answers("big-send-survey"));
    })
    .await;
}

#[tokio::test]
async fn receipt_codes_end_with_the_retention_period() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut family = Browser::new(&router);
        let code = family.complete_demo(&form).await;
        let mut opened = Browser::new(&router);
        let reply = opened
            .post(&format!("{SURVEY}/return"), &[("code", &code)])
            .await;
        assert_eq!(reply.location(), format!("{SURVEY}/your-answers"));
        let survey = survey::Entity::find()
            .filter(survey::Column::Slug.eq("big-send-survey"))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        let survey_id = survey.id;
        let counted = response::Entity::find()
            .filter(response::Column::SurveyId.eq(survey_id))
            .count(&state.db)
            .await
            .unwrap();

        // Still in its retention period: nothing ends.
        let mut row = survey.clone().into_active_model();
        row.closes_at = Set(Some(Utc::now() - Duration::days(300)));
        row.update(&state.db).await.unwrap();
        let now = Utc::now();
        assert_eq!(
            responses::expire_receipt_codes(&state.db, now, 365)
                .await
                .unwrap(),
            0
        );
        // Past it: the code and the cookie it set open nothing, and the
        // answers stay counted.
        let mut row = survey.into_active_model();
        row.closes_at = Set(Some(Utc::now() - Duration::days(400)));
        row.update(&state.db).await.unwrap();
        let ended = responses::expire_receipt_codes(&state.db, now, 365)
            .await
            .unwrap();
        assert!(ended >= 1, "{backend:?}");
        let reopened = opened.get(&format!("{SURVEY}/your-answers")).await;
        assert_eq!(reopened.location(), format!("{SURVEY}/return"));
        let mut again = Browser::new(&router);
        let typed = again
            .post(&format!("{SURVEY}/return"), &[("code", &code)])
            .await;
        assert_eq!(typed.status, StatusCode::OK);
        assert!(typed.body.contains("error-summary"), "{}", typed.body);
        let still = response::Entity::find()
            .filter(response::Column::SurveyId.eq(survey_id))
            .count(&state.db)
            .await
            .unwrap();
        assert_eq!(still, counted);
    })
    .await;
}
