//! The walking skeleton's slice through every layer, over HTTP, on SQLite and
//! PostgreSQL: pages render, a plain form post is validated, stored once, and
//! counted; bad and cross-site requests get accessible error pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::server::{
    demo,
    state::AppState,
    store::{responses, surveys},
    testing::{Backend, on_each_backend},
};
use axum::{Router, body::Body};
use http::{Request, StatusCode, header};
use sea_orm::DatabaseConnection;
use server::config::Config;
use tower::ServiceExt;

const SURVEY: &str = "/s/big-send-survey";
const ORIGIN: &str = "http://127.0.0.1:3000";

async fn app(db: DatabaseConnection, threshold: u64) -> (Router, AppState) {
    demo::load_once(&db).await.unwrap();
    let config = Config {
        suppression_threshold: threshold,
        ..Config::default()
    };
    let state = server::app_state(&config, db);
    (server::http::router(state.clone()), state)
}

async fn send(router: &Router, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    // Leptos marks text boundaries with `<!>`; drop them to match visible text.
    (
        status,
        headers,
        String::from_utf8(body.to_vec()).unwrap().replace("<!>", ""),
    )
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post_form(uri: &str, pairs: &[(String, String)], origin: Option<&str>) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let mut req =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        req = req.header(header::ORIGIN, origin);
    }
    req.body(Body::from(body)).unwrap()
}

/// A complete, valid answer set for the demo survey.
async fn valid_answers(state: &AppState, token: &str) -> Vec<(String, String)> {
    let survey = surveys::load_public(&state.db, "big-send-survey")
        .await
        .unwrap();
    let form = survey.form("en");
    let mut pairs = vec![("token".to_owned(), token.to_owned())];
    for q in &form.questions {
        let value = match q.options.first() {
            Some(option) => option.value.clone(),
            None => "We need shorter waits.\r\nThank you.".to_owned(),
        };
        pairs.push((q.field(), value));
    }
    pairs
}

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
        let (status, headers, body) = send(&router, get("/")).await;
        assert_eq!(status, StatusCode::OK, "{backend:?}");
        assert!(body.contains(r#"<html lang="en" dir="ltr""#), "{body}");
        assert!(body.contains("Big SEND Survey 2026"));
        assert!(body.contains(r#"href="/s/big-send-survey""#));
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert!(headers.contains_key("x-request-id"));
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");

        let (status, headers, body) = send(&router, get(&format!("{SURVEY}?lang=ur"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#"<html lang="ur" dir="rtl""#), "{body}");
        assert!(body.contains("بڑا SEND سروے 2026"));
        let cookie = headers[header::SET_COOKIE].to_str().unwrap();
        assert!(
            cookie.starts_with("heard_lang=ur;") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );

        // The cookie then chooses, and the browser's preference comes after it.
        let req = Request::get("/")
            .header(header::COOKIE, "heard_lang=pl")
            .header(header::ACCEPT_LANGUAGE, "ur")
            .body(Body::empty())
            .unwrap();
        let (_, _, body) = send(&router, req).await;
        assert!(body.contains(r#"<html lang="pl" dir="ltr""#));
        let req = Request::get("/")
            .header(header::ACCEPT_LANGUAGE, "ur-PK, en;q=0.5")
            .body(Body::empty())
            .unwrap();
        let (_, _, body) = send(&router, req).await;
        assert!(body.contains(r#"<html lang="ur" dir="rtl""#));
    })
    .await;
}

#[tokio::test]
async fn a_submission_is_stored_once_and_counted() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 1).await;
        let answers = valid_answers(&state, "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6").await;
        let (status, headers, _) = send(&router, post_form(SURVEY, &answers, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{backend:?}");
        assert_eq!(headers[header::LOCATION], "/s/big-send-survey/thanks");
        assert_eq!(stored(&state).await, 1);

        // A double click or resend of the same form stores nothing new.
        let (status, _, _) = send(&router, post_form(SURVEY, &answers, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(stored(&state).await, 1, "{backend:?}: duplicate stored");

        // With a threshold of 1, the results page shows the exact counts.
        let (status, _, body) = send(&router, get(&format!("{SURVEY}/results"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("<dd>1</dd>"), "{body}");
        assert!(body.contains("100%"));
    })
    .await;
}

#[tokio::test]
async fn small_counts_are_suppressed_on_the_results_page() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let answers = valid_answers(&state, "00000000000000000000000000000001").await;
        send(&router, post_form(SURVEY, &answers, Some(ORIGIN))).await;
        let (_, _, body) = send(&router, get(&format!("{SURVEY}/results"))).await;
        assert!(body.contains("fewer than 10"), "{body}");
        assert!(!body.contains("<dd>1</dd>"), "{body}");
        assert!(!body.contains("100%"));
    })
    .await;
}

#[tokio::test]
async fn invalid_answers_are_shown_again_and_nothing_is_stored() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let survey = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap()
            .form("en");
        let text = survey
            .questions
            .iter()
            .find(|q| q.options.is_empty())
            .unwrap();
        let choice = &survey.questions[0];
        // Missing the required first answer; text with markup must come back escaped.
        let pairs = vec![
            (
                "token".to_owned(),
                "abcdef0123456789abcdef0123456789".to_owned(),
            ),
            (text.field(), "<script>alert(1)</script> keep me".to_owned()),
        ];
        let (status, _, body) = send(&router, post_form(SURVEY, &pairs, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::OK, "{backend:?}");
        assert!(
            body.contains("<title>Error: Big SEND Survey 2026</title>"),
            "{body}"
        );
        assert!(body.contains("There is a problem"));
        assert!(body.contains(&format!(r##"href="#{}-0""##, choice.field())));
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt; keep me"),
            "{body}"
        );
        assert!(!body.contains("<script>alert(1)"));
        assert!(
            body.contains(r#"value="abcdef0123456789abcdef0123456789""#),
            "the token is kept"
        );
        assert_eq!(stored(&state).await, 0);

        // A tampered option is refused the same way.
        let mut pairs = valid_answers(&state, "abcdef0123456789abcdef0123456789").await;
        pairs.push((choice.field(), "not-an-option".to_owned()));
        let (status, _, body) = send(&router, post_form(SURVEY, &pairs, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("Choose only one answer")
                || body.contains("Choose one of the answers shown")
        );
        assert_eq!(stored(&state).await, 0);

        // A text answer over its limit is refused, not truncated.
        let mut pairs = valid_answers(&state, "abcdef0123456789abcdef0123456789").await;
        pairs.retain(|(k, _)| *k != text.field());
        pairs.push((text.field(), "x".repeat(text.text_limit() + 1)));
        let (_, _, body) = send(&router, post_form(SURVEY, &pairs, Some(ORIGIN))).await;
        assert!(body.contains(&format!(
            "Your answer must be {} characters or fewer",
            text.text_limit()
        )));
        assert_eq!(stored(&state).await, 0);
    })
    .await;
}

#[tokio::test]
async fn bad_requests_get_accessible_error_pages() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let answers = valid_answers(&state, "feedfeedfeedfeedfeedfeedfeedfeed").await;

        // Cross-site and origin-less posts are refused before any handler runs.
        let mut req = post_form(SURVEY, &answers, Some("https://evil.example"));
        req.headers_mut()
            .insert("sec-fetch-site", "cross-site".parse().unwrap());
        let (status, _, body) = send(&router, req).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{backend:?}");
        assert!(body.contains("We could not accept that"));
        let (status, _, _) = send(&router, post_form(SURVEY, &answers, None)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The refusal is in the respondent's language.
        let mut req = post_form(&format!("{SURVEY}?lang=ur"), &answers, None);
        req.headers_mut()
            .insert(header::COOKIE, "heard_lang=pl".parse().unwrap());
        let (status, _, body) = send(&router, req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains(r#"<html lang="ur" dir="rtl""#), "{body}");
        assert_eq!(stored(&state).await, 0);

        // A huge body is refused with 413.
        let huge = vec![("token".to_owned(), "a".repeat(300 * 1024))];
        let (status, _, body) = send(&router, post_form(SURVEY, &huge, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(body.contains("That was too much to send"));

        // A bad token, unknown surveys and unknown pages.
        let mut bad = answers.clone();
        bad[0].1 = "not a token!".to_owned();
        let (status, _, _) = send(&router, post_form(SURVEY, &bad, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _, body) = send(&router, post_form("/s/nope", &answers, Some(ORIGIN))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("Page not found"));
        let (status, _, body) = send(&router, get("/s/nope?lang=pl")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("Nie znaleziono strony"));
        let (status, _, body) = send(&router, get("/no/such/page")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("<h1>Page not found</h1>"));
        assert_eq!(stored(&state).await, 0);
    })
    .await;
}

#[tokio::test]
async fn the_demo_loads_once() {
    on_each_backend(|db, backend| async move {
        assert!(demo::load_once(&db).await.unwrap(), "{backend:?}");
        assert!(!demo::load_once(&db).await.unwrap());
        let surveys = surveys::open_surveys(&db, "en").await.unwrap();
        assert_eq!(surveys.len(), 1);
        if backend == Backend::Postgres {
            // Both backends hold the same content.
            assert_eq!(surveys[0].title.text, "Big SEND Survey 2026");
        }
    })
    .await;
}
