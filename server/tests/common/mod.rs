//! A small browser for HTTP tests: it keeps cookies between requests, sends
//! same-origin form posts, and answers the demo survey's pages.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

pub mod blns;
pub mod smtp_sink;

use app::{
    domain::survey::{QuestionView, SurveyForm},
    server::{demo, state::AppState, store::surveys},
};
use axum::{Router, body::Body};
use http::{HeaderMap, Request, StatusCode, header};
use sea_orm::DatabaseConnection;
use server::config::Config;
use std::collections::HashMap;
use tower::ServiceExt;

pub const SURVEY: &str = "/s/big-send-survey";
pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// The router and state over `db`, with the demo loaded.
pub async fn app(db: DatabaseConnection, threshold: u64) -> (Router, AppState) {
    demo::load_once(&db).await.unwrap();
    let config = Config {
        suppression_threshold: threshold,
        ..Config::default()
    };
    let state = server::app_state(&config, db);
    (server::http::router(state.clone()), state)
}

/// The demo with its 320 synthetic responses, as `make run` has it.
pub async fn seeded(state: &AppState) -> surveys::Loaded {
    let loaded = surveys::load_public(&state.db, "big-send-survey")
        .await
        .unwrap();
    let txn = app::server::db::begin_write(&state.db).await.unwrap();
    app::server::demo::seed::insert(&txn, &loaded, app::server::demo::SAMPLE_RESPONSES)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    loaded
}

/// The demo survey in English.
pub async fn demo_form(state: &AppState) -> SurveyForm {
    surveys::load_public(&state.db, "big-send-survey")
        .await
        .unwrap()
        .form("en")
}

/// The demo question with definition key `key` (see [`key`]).
pub fn question<'a>(form: &'a SurveyForm, key: &str) -> &'a QuestionView {
    form.questions()
        .find(|q| q.key == key)
        .unwrap_or_else(|| panic!("no question with key {key:?}"))
}

/// The demo survey's questions by their keys in
/// `app/demo/big-send-survey.heard.json`, named for what they ask.
pub mod key {
    pub const WHO: &str = "q1";
    pub const AGE: &str = "q2";
    pub const SUPPORT: &str = "q4";
    pub const NEED: &str = "q5";
    pub const FEEL_SCHOOL: &str = "q6";
    pub const LOCAL_INFORMATION: &str = "q8";
    pub const HELPED: &str = "q9";
    pub const KNOW_WHERE: &str = "q10";
    pub const OVERALL: &str = "q11";
    pub const INCLUDED: &str = "q12";
    pub const LISTENED: &str = "q13";
    pub const WORK_TOGETHER: &str = "q14";
    pub const LAST_REVIEWED: &str = "q15";
    pub const WEEKS_WAITED: &str = "q16";
    pub const WORKING_WELL: &str = "q17";
    pub const BIGGEST_DIFFERENCE: &str = "q18";
}

/// What came back.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The text of the first `<p class="code" …>` (a receipt or resume code).
    pub fn code(&self) -> String {
        let start = self
            .body
            .find(r#"class="code""#)
            .expect("a code on the page");
        let rest = &self.body[start..];
        let open = rest.find('>').unwrap() + 1;
        let close = rest.find('<').unwrap();
        rest[open..close].to_owned()
    }
}

/// A browser: cookies persist between its requests.
pub struct Browser {
    pub router: Router,
    pub cookies: HashMap<String, String>,
}

impl Browser {
    pub fn new(router: &Router) -> Browser {
        Browser {
            router: router.clone(),
            cookies: HashMap::new(),
        }
    }

    pub async fn get(&mut self, uri: &str) -> Reply {
        let req = Request::get(uri).body(Body::empty()).unwrap();
        self.send(req).await
    }

    /// A same-origin form post.
    pub async fn post(&mut self, uri: &str, pairs: &[(&str, &str)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// A same-origin form post arriving from `peer` (an `ip:port`), with
    /// `X-Forwarded-For: forwarded` when given: a client behind a proxy.
    pub async fn post_from(
        &mut self,
        uri: &str,
        pairs: &[(&str, &str)],
        peer: &str,
        forwarded: Option<&str>,
    ) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let mut req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN);
        if let Some(hops) = forwarded {
            req = req.header("x-forwarded-for", hops);
        }
        let mut req = req.body(Body::from(body)).unwrap();
        let peer: std::net::SocketAddr = peer.parse().unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        self.send(req).await
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Reply {
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req.headers_mut()
                .insert(header::COOKIE, jar.join("; ").parse().unwrap());
        }
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let cookie = cookie::Cookie::parse(set.to_str().unwrap().to_owned()).unwrap();
            let gone = cookie.max_age().is_some_and(|a| a.is_zero()) || cookie.value().is_empty();
            if gone {
                self.cookies.remove(cookie.name());
            } else {
                self.cookies
                    .insert(cookie.name().to_owned(), cookie.value().to_owned());
            }
        }
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        // Leptos marks text boundaries with `<!>`; drop them to match visible text.
        let body = String::from_utf8(body.to_vec()).unwrap().replace("<!>", "");
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Says yes to taking part; returns where the survey begins.
    pub async fn start(&mut self) -> String {
        let reply = self.post(SURVEY, &[("consent", "yes")]).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        reply.location().to_owned()
    }

    /// Posts one page's answers with "Continue"; returns where it leads.
    pub async fn answer(&mut self, page: &str, pairs: &[(String, String)]) -> String {
        let mut pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.push(("action", "continue"));
        let reply = self.post(page, &pairs).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{page}: {}",
            reply.body
        );
        reply.location().to_owned()
    }

    /// Answers the whole demo survey as a professional (the shortest way
    /// through) and sends it. Returns the receipt code.
    pub async fn complete_demo(&mut self, form: &SurveyForm) -> String {
        self.complete_demo_with(form, &[]).await
    }

    /// As [`Browser::complete_demo`], sending `extras` (an email address for
    /// updates, a name to be thanked by) with the answers.
    pub async fn complete_demo_with(
        &mut self,
        form: &SurveyForm,
        extras: &[(&str, &str)],
    ) -> String {
        let who = question(form, key::WHO).field();
        let mut at = self.start().await;
        at = self.answer(&at, &[(who, "professional".into())]).await;
        while at != format!("{SURVEY}/check") {
            at = self.answer(&at, &[]).await;
        }
        let check = self.get(&at).await;
        let token = hidden(&check.body, "token");
        let mut fields = vec![("token", token.as_str())];
        fields.extend_from_slice(extras);
        let sent = self.post(&at, &fields).await;
        assert_eq!(sent.location(), format!("{SURVEY}/done"));
        self.get(&format!("{SURVEY}/done")).await.code()
    }
}

/// The value of a hidden input named `name`.
pub fn hidden(body: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = body.find(&marker).expect("the hidden field") + marker.len();
    body[start..start + body[start..].find('"').unwrap()].to_owned()
}

/// `(field, value)` for the demo question with key `key`.
pub fn pick(form: &SurveyForm, key: &str, value: &str) -> (String, String) {
    (question(form, key).field(), value.to_owned())
}

/// The demo account's (email, password) for `role`.
pub fn demo_account(role: app::domain::roles::Role) -> (&'static str, &'static str) {
    app::server::accounts::DEMO_ACCOUNTS
        .iter()
        .find(|a| a.2 == role)
        .map(|a| (a.0, a.3))
        .unwrap()
}

impl Browser {
    /// Signs in with the demo account for `role`.
    pub async fn sign_in_as(&mut self, role: app::domain::roles::Role) {
        let (email, password) = demo_account(role);
        let reply = self
            .post(
                app::paths::SIGN_IN,
                &[("email", email), ("password", password), ("return", "")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert_eq!(reply.location(), "/officer");
    }
}

/// The demo's first drop-in session, and a complete set of answers for
/// its kiosk form (without the ticket): the two questions every kiosk asks.
pub async fn first_kiosk(
    db: &DatabaseConnection,
) -> (
    app::server::entities::dropin_session::Model,
    Vec<(String, String)>,
) {
    use app::server::entities::{dropin_session, survey};
    use sea_orm::{EntityTrait, QueryOrder};
    let session = dropin_session::Entity::find()
        .order_by_asc(dropin_session::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let survey = survey::Entity::find_by_id(session.survey_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let form = surveys::load_public(db, &survey.slug)
        .await
        .unwrap()
        .form("en");
    let field = |kind: &str| {
        form.questions()
            .find(|q| q.kind.as_str() == kind)
            .unwrap()
            .field()
    };
    let answers = vec![
        (field("friends_family"), "very-good".to_owned()),
        (field("yes_no_not_sure"), "yes".to_owned()),
    ];
    (session, answers)
}

/// Posts `file` to the builder's import form as an upload.
pub async fn import(browser: &mut Browser, file: &str) -> Reply {
    let boundary = "heard-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.json\"\r\nContent-Type: application/json\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    let req = http::Request::post("/officer/surveys/import")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("origin", ORIGIN)
        .body(Body::from(body))
        .unwrap();
    browser.send(req).await
}
