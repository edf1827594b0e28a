//! The slice through every layer, over HTTP, on SQLite and PostgreSQL: pages
//! render in the chosen language with security headers, answers sent are
//! counted and small counts suppressed, and bad or cross-site requests get
//! accessible error pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::server::{
    demo,
    entities::{dropin_session, response},
    state::AppState,
    store::{dropins, responses, surveys},
    testing::{Backend, on_each_backend},
};
use axum::body::Body;
use common::{Browser, ORIGIN, SURVEY, app, demo_form};
use http::{Request, StatusCode, header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn stored(state: &AppState) -> u64 {
    let survey = surveys::load_public(&state.db, "big-send-survey")
        .await
        .unwrap();
    responses::count(&state.db, survey.survey.id).await.unwrap()
}

#[tokio::test]
async fn pages_render_in_the_chosen_language_with_security_headers() {
    on_each_backend(|db, backend| async move {
        let (router, _) = app(db, 10).await;
        let mut browser = Browser::new(&router);
        let reply = browser.get("/").await;
        assert_eq!(reply.status, StatusCode::OK, "{backend:?}");
        assert!(
            reply.body.contains(r#"<html lang="en" dir="ltr""#),
            "{}",
            reply.body
        );
        assert!(reply.body.contains("Big SEND Survey 2026"));
        assert!(reply.body.contains(r#"href="/s/big-send-survey""#));
        let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert!(reply.headers.contains_key("x-request-id"));
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");

        let reply = browser.get(&format!("{SURVEY}?lang=ur")).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            reply.body.contains(r#"<html lang="ur" dir="rtl""#),
            "{}",
            reply.body
        );
        assert!(reply.body.contains("بڑا SEND سروے 2026"));
        let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
        assert!(
            cookie.starts_with("heard_lang=ur;") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );

        // The cookie then chooses, and the browser's preference comes after it.
        let mut fresh = Browser::new(&router);
        let req = Request::get("/")
            .header(header::COOKIE, "heard_lang=pl")
            .header(header::ACCEPT_LANGUAGE, "ur")
            .body(Body::empty())
            .unwrap();
        assert!(
            fresh
                .send(req)
                .await
                .body
                .contains(r#"<html lang="pl" dir="ltr""#)
        );
        let req = Request::get("/")
            .header(header::ACCEPT_LANGUAGE, "ur-PK, en;q=0.5")
            .body(Body::empty())
            .unwrap();
        assert!(
            fresh
                .send(req)
                .await
                .body
                .contains(r#"<html lang="ur" dir="rtl""#)
        );
    })
    .await;
}

#[tokio::test]
async fn easy_read_is_offered_and_covers_the_interface_and_the_survey() {
    on_each_backend(|db, _| async move {
        let (router, _) = app(db, 10).await;
        let mut browser = Browser::new(&router);
        let start = browser.get(SURVEY).await.body;
        assert!(start.contains(r#"href="/s/big-send-survey?lang=en-easyread""#));
        assert!(start.contains("Read this survey in easy read"));

        let easy = browser.get(&format!("{SURVEY}?lang=en-easyread")).await;
        assert!(
            easy.body.contains(r#"<html lang="en-easyread" dir="ltr""#),
            "{}",
            easy.body
        );
        assert!(
            easy.body
                .contains("SEND means special educational needs and disabilities.")
        );
        assert!(easy.body.contains("Read this in standard English"));
        // The language is remembered: the questions are in easy read too.
        browser.start().await;
        let page = browser.get(&format!("{SURVEY}/p/4")).await.body;
        assert!(page.contains("Which of these helped you in the last 12 months?"));
        assert!(
            !page.contains(r#"<span lang="en""#),
            "easy read needs no English marks: {page}"
        );
        let check = browser.get(&format!("{SURVEY}/check")).await.body;
        assert!(check.contains(r#"<html lang="en-easyread""#));
    })
    .await;
}

#[tokio::test]
async fn the_start_page_says_how_views_are_used_before_any_question() {
    on_each_backend(|db, _| async move {
        let (router, _) = app(db, 10).await;
        let mut browser = Browser::new(&router);
        let body = browser.get(SURVEY).await.body;
        let statement = body.find("How your views will be used").unwrap();
        let consent = body.find("Do you want to take part?").unwrap();
        assert!(statement < consent);
        assert!(body.contains("Taking part is up to you"));
        assert!(body.contains("withdraw"));
        assert!(
            !body.contains("Who is answering"),
            "no question before consent"
        );

        // No choice: the GOV.UK error pattern, nothing started.
        let reply = browser.post(SURVEY, &[]).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            reply
                .body
                .contains("<title>Error: Big SEND Survey 2026</title>")
        );
        assert!(reply.body.contains(r##"href="#consent-yes""##));
        assert!(!browser.cookies.contains_key("heard_draft_big-send-survey"));

        // "No, not now" stores nothing.
        let reply = browser.post(SURVEY, &[("consent", "no")]).await;
        assert_eq!(reply.location(), format!("{SURVEY}/not-taking-part"));
        assert!(!browser.cookies.contains_key("heard_draft_big-send-survey"));
        let page = browser.get(reply.location()).await;
        assert!(page.body.contains("Nothing has been saved"));
    })
    .await;
}

#[tokio::test]
async fn answers_sent_are_counted_and_small_counts_suppressed() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db.clone(), 1).await;
        let form = demo_form(&state).await;
        Browser::new(&router).complete_demo(&form).await;
        assert_eq!(stored(&state).await, 1, "{backend:?}");
        // With a threshold of 1 the results show exact counts.
        let body = Browser::new(&router)
            .get(&format!("{SURVEY}/results"))
            .await
            .body;
        assert!(body.contains("<dd>1</dd>"), "{body}");
        assert!(body.contains("100%"));

        // At 10, the same single answer is "fewer than 10" and no percentage.
        let (router, _) = app(db, 10).await;
        let body = Browser::new(&router)
            .get(&format!("{SURVEY}/results"))
            .await
            .body;
        assert!(body.contains("fewer than 10"), "{body}");
        assert!(!body.contains("<dd>1</dd>"), "{body}");
        assert!(!body.contains("100%"));
    })
    .await;
}

#[tokio::test]
async fn bad_requests_get_accessible_error_pages() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let mut browser = Browser::new(&router);
        let form_post = |uri: &str, origin: Option<&str>, body: String| {
            let mut req = Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            if let Some(origin) = origin {
                req = req.header(header::ORIGIN, origin);
            }
            req.body(Body::from(body)).unwrap()
        };

        // Cross-site and origin-less posts are refused before any handler runs.
        let mut req = form_post(SURVEY, Some("https://evil.example"), "consent=yes".into());
        req.headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        let reply = browser.send(req).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{backend:?}");
        assert!(reply.body.contains("We could not accept that"));
        let reply = browser
            .send(form_post(SURVEY, None, "consent=yes".into()))
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        // The refusal is in the respondent's language.
        let mut req = form_post(&format!("{SURVEY}?lang=ur"), None, "consent=yes".into());
        req.headers_mut()
            .insert(header::COOKIE, "heard_lang=pl".parse().unwrap());
        let reply = browser.send(req).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert!(
            reply.body.contains(r#"<html lang="ur" dir="rtl""#),
            "{}",
            reply.body
        );
        // That `?lang=ur` was remembered; the rest is in English.
        browser.cookies.clear();

        // A huge body is refused with 413, a form of the wrong type with 400.
        let huge = format!("consent={}", "a".repeat(300 * 1024));
        let reply = browser.send(form_post(SURVEY, Some(ORIGIN), huge)).await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            reply.body.contains("That was too much to send"),
            "{}",
            reply.body
        );
        let req = Request::post(SURVEY)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ORIGIN, ORIGIN)
            .body(Body::from("{}"))
            .unwrap();
        assert_eq!(browser.send(req).await.status, StatusCode::BAD_REQUEST);

        // Unknown surveys and pages.
        let reply = browser.post("/s/nope", &[("consent", "yes")]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert!(reply.body.contains("Page not found"));
        let reply = Browser::new(&router).get("/s/nope?lang=pl").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert!(reply.body.contains("Nie znaleziono strony"));
        let reply = browser.get("/no/such/page").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert!(reply.body.contains("<h1>Page not found</h1>"));
        assert_eq!(
            browser.get(&format!("{SURVEY}/p/99")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            browser.get(&format!("{SURVEY}/p/x")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(stored(&state).await, 0);
    })
    .await;
}

#[tokio::test]
async fn the_demo_loads_once() {
    on_each_backend(|db, backend| async move {
        assert!(demo::load_once(&db).await.unwrap(), "{backend:?}");
        assert!(!demo::load_once(&db).await.unwrap());
        let surveys = app::server::views::surveys::open_surveys(&db, "en")
            .await
            .unwrap();
        assert_eq!(surveys.len(), 1);
        if backend == Backend::Postgres {
            // Both backends hold the same content.
            assert_eq!(surveys[0].title.text, "Big SEND Survey 2026");
        }
    })
    .await;
}

#[tokio::test]
async fn the_demo_s_synthetic_responses_follow_the_branching() {
    on_each_backend(|db, backend| async move {
        assert!(demo::load_once_with(&db, 60).await.unwrap());
        let loaded = surveys::load_public(&db, "big-send-survey").await.unwrap();
        assert_eq!(
            responses::count(&db, loaded.survey.id).await.unwrap(),
            60,
            "{backend:?}"
        );
        let form = loaded.form("en");
        let all = response::Entity::find()
            .filter(response::Column::SurveyId.eq(loaded.survey.id))
            .all(&db)
            .await
            .unwrap();
        let mut kinds = std::collections::HashSet::new();
        for r in &all {
            let answers = responses::answers_of(&db, &loaded, r.id).await.unwrap();
            // Nothing a real respondent could not have been shown.
            assert_eq!(form.visible_answers(&answers), answers);
            assert_eq!(form.first_incomplete(&answers), None);
            kinds.insert(r.respondent_type.clone().unwrap());
        }
        assert_eq!(kinds.len(), 3, "parents, children and professionals");

        // Past drop-in sessions have the feedback a kiosk would have
        // collected, dated on the day; future ones have none.
        let today = chrono::Utc::now().date_naive();
        let sessions = dropin_session::Entity::find().all(&db).await.unwrap();
        let mut with_feedback = 0;
        for session in &sessions {
            let (_, row) = dropins::session(&db, session.id).await.unwrap();
            if session.held_on < today && session.series_id.is_some() {
                assert!(
                    (5..=16).contains(&row.responses),
                    "{backend:?} {}",
                    row.responses
                );
                with_feedback += 1;
            } else {
                assert_eq!(row.responses, 0);
            }
        }
        assert!(with_feedback >= 8, "{with_feedback}");
        let survey = sessions[0].survey_id;
        let feedback_form = surveys::load(
            &db,
            app::server::entities::survey::Entity::find_by_id(survey)
                .one(&db)
                .await
                .unwrap()
                .unwrap(),
        )
        .await
        .unwrap();
        let form = feedback_form.form("en");
        for r in response::Entity::find()
            .filter(response::Column::SurveyId.eq(survey))
            .all(&db)
            .await
            .unwrap()
        {
            assert_eq!(r.receipt_code, None);
            let answers = responses::answers_of(&db, &feedback_form, r.id)
                .await
                .unwrap();
            assert_eq!(form.visible_answers(&answers), answers);
            assert_eq!(form.first_incomplete(&answers), None);
        }
    })
    .await;
}
