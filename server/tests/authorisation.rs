//! The authorisation matrix: every route the router serves (its handled
//! routes, every Leptos page, the static files), each asked by an anonymous
//! visitor, a viewer, an officer and an admin, on SQLite and PostgreSQL.
//! The rules are checked against `server::http::every_route()`, so a new
//! route without a rule here fails `every_route_has_a_rule`.
//!
//! Heard has no teams within a partnership yet, so "an officer of another
//! survey's team" does not apply; the partnership as tenant (issue 19)
//! will add its own column.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{domain::roles::Role, paths, server::testing::on_each_backend};
use common::{Browser, SURVEY, app};
use http::{Method, StatusCode};
use sea_orm::EntityTrait;
use std::collections::HashMap;

/// Who is asking.
#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    As(Role),
}

const VISITORS: [Who; 4] = [
    Who::Anonymous,
    Who::As(Role::Viewer),
    Who::As(Role::Officer),
    Who::As(Role::Admin),
];

/// What a visitor gets from a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gets {
    /// Sent to sign in (303 to the sign-in page, returning afterwards).
    SignIn,
    /// 200: the page, file or download.
    Ok,
    /// 403 with the "no permission" page.
    Refused,
    /// A 303 somewhere other than sign-in: done, or sent on.
    Done,
    /// 422: allowed, but the form's content was refused.
    Invalid,
    /// 404: no such thing (an unknown id, token or file; a dead link).
    Missing,
    /// 400: the request was malformed.
    Bad,
}

/// One request standing for a route: (method, address, form, what
/// anonymous, viewer, officer and admin get). `{code}` in an address is a
/// demo drop-in session's public code.
type Rule = (
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str)>,
    [Gets; 4],
);

/// What everyone gets alike from the public routes, and what each role
/// gets from the officer workspace.
fn rules() -> Vec<Rule> {
    use Gets::*;
    let all = |g: Gets| [g; 4];
    let mut rules: Vec<Rule> = vec![
        // Pages anyone may read.
        ("GET", "/", vec![], all(Ok)),
        ("GET", SURVEY, vec![], all(Ok)),
        ("GET", "/s/no-such-survey", vec![], all(Missing)),
        ("GET", "/s/big-send-survey/thanks", vec![], all(Ok)),
        ("GET", "/s/big-send-survey/results", vec![], all(Ok)),
        ("GET", "/s/big-send-survey/withdrawn", vec![], all(Ok)),
        ("GET", "/s/big-send-survey/not-taking-part", vec![], all(Ok)),
        ("GET", "/you-said-we-did", vec![], all(Ok)),
        ("GET", paths::BOARD_FEED, vec![], all(Ok)),
        ("GET", "/you-said-we-did/1", vec![], all(Ok)),
        ("GET", "/you-said-we-did/999999", vec![], all(Missing)),
        ("GET", paths::UNSUBSCRIBED, vec![], all(Ok)),
        ("GET", paths::UPDATES_CONFIRMED, vec![], all(Ok)),
        ("GET", "/pkg/heard.css", vec![], all(Missing)),
        ("GET", "/symbols/no-such.svg", vec![], all(Missing)),
        // The journey, by a visitor with no draft: sent to the start.
        ("POST", SURVEY, vec![], all(Ok)),
        ("POST", SURVEY, vec![("consent", "no")], all(Done)),
        ("GET", "/s/big-send-survey/p/1", vec![], all(Done)),
        ("POST", "/s/big-send-survey/p/1", vec![], all(Done)),
        ("GET", "/s/big-send-survey/check", vec![], all(Done)),
        // A send without its form's token is malformed.
        ("POST", "/s/big-send-survey/check", vec![], all(Bad)),
        ("GET", "/s/big-send-survey/done", vec![], all(Done)),
        ("GET", "/s/big-send-survey/saved", vec![], all(Done)),
        ("POST", "/s/big-send-survey/saved", vec![], all(Done)),
        ("GET", "/s/big-send-survey/return", vec![], all(Ok)),
        (
            "POST",
            "/s/big-send-survey/return",
            vec![("code", "")],
            all(Ok),
        ),
        // Answers are opened only by a code: nobody has one here.
        ("GET", "/s/big-send-survey/your-answers", vec![], all(Done)),
        ("POST", "/s/big-send-survey/your-answers", vec![], all(Done)),
        (
            "POST",
            "/s/big-send-survey/your-answers/email",
            vec![],
            all(Done),
        ),
        ("GET", "/s/big-send-survey/withdraw", vec![], all(Done)),
        ("POST", "/s/big-send-survey/withdraw", vec![], all(Done)),
        // Update emails: only their unguessable token works.
        ("GET", "/updates/unsubscribe/0000", vec![], all(Missing)),
        ("POST", "/updates/unsubscribe/0000", vec![], all(Missing)),
        ("GET", "/updates/confirm/0000", vec![], all(Missing)),
        ("POST", "/updates/confirm/0000", vec![], all(Missing)),
        // Rating an action, in public.
        (
            "POST",
            "/you-said-we-did/1",
            vec![("rating", "")],
            all(Invalid),
        ),
        // Drop-ins, in public.
        ("GET", "/d/{code}", vec![], all(Done)),
        ("GET", "/d/{code}/kiosk", vec![], all(Ok)),
        ("GET", "/d/{code}/kiosk/thanks", vec![], all(Ok)),
        (
            "POST",
            "/d/{code}/kiosk",
            vec![("token", "forged")],
            all(Bad),
        ),
        ("GET", "/d/QQQQ-QQQQ/kiosk", vec![], all(Missing)),
        // The way in.
        ("GET", paths::SIGN_IN, vec![], all(Ok)),
        ("GET", paths::FORGOT_PASSWORD, vec![], all(Ok)),
        (
            "POST",
            paths::SIGN_IN,
            vec![("email", "nobody@example.org"), ("password", "wrong")],
            all(Ok),
        ),
        (
            "POST",
            paths::FORGOT_PASSWORD,
            vec![("email", "nobody@example.org")],
            all(Done),
        ),
        // A link moves its token to a cookie; this one is no account's.
        (
            "GET",
            "/officer/set-password/0000000000000000000000000000000000000000000000000000000000000000",
            vec![],
            all(Done),
        ),
        ("GET", paths::SET_PASSWORD, vec![], all(Missing)),
        (
            "POST",
            paths::SET_PASSWORD,
            vec![
                ("password", "a long enough passphrase"),
                ("confirm", "a long enough passphrase"),
            ],
            all(Missing),
        ),
        // Exact figures are asked for by a post, which grants them.
        (
            "POST",
            "/officer/surveys/1/results",
            vec![],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/surveys/1/thanks",
            vec![("op", "approve"), ("name", "999999")],
            [SignIn, Refused, Missing, Missing],
        ),
        (
            "POST",
            "/officer/surveys/import",
            vec![],
            [SignIn, Refused, Bad, Bad],
        ),
        ("GET", paths::OFFICER, vec![], [SignIn, Ok, Ok, Ok]),
        ("GET", paths::USERS, vec![], [SignIn, Refused, Refused, Ok]),
        ("GET", paths::AUDIT, vec![], [SignIn, Refused, Refused, Ok]),
        (
            "GET",
            "/officer/audit?action=signed_in&page=2",
            vec![],
            [SignIn, Refused, Refused, Ok],
        ),
        ("GET", paths::SIGN_IN, vec![], [Ok, Ok, Ok, Ok]),
        ("GET", paths::FORGOT_PASSWORD, vec![], [Ok, Ok, Ok, Ok]),
        (
            "POST",
            paths::USERS,
            vec![
                ("action", "invite"),
                ("email", "new@example.org"),
                ("name", "New Person"),
                ("role", "viewer"),
            ],
            [SignIn, Refused, Refused, Done],
        ),
        (
            "POST",
            paths::USERS,
            vec![("action", "resend"), ("user", "999999")],
            [SignIn, Refused, Refused, Missing],
        ),
        (
            "GET",
            "/officer/surveys/new",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/import",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/details",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/preview?page=2",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/translate/pl",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/1/translate/pl",
            vec![("title", "Duża ankieta SEND 2026")],
            [SignIn, Refused, Done, Done],
        ),
        (
            "GET",
            "/officer/surveys/1/pages/1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/questions/1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/questions/new?page=1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/1/export",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/new",
            vec![
                ("title", "Matrix survey"),
                ("views_statement", "Officers read these."),
                ("language", "en"),
            ],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/surveys/1",
            vec![("op", "add_page")],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/surveys/1/details",
            vec![("title", "")],
            [SignIn, Refused, Invalid, Invalid],
        ),
        (
            "POST",
            "/officer/surveys/1/pages/1",
            vec![("title", "Start")],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/surveys/1/questions/1",
            vec![("prompt", "")],
            [SignIn, Refused, Invalid, Invalid],
        ),
        ("GET", paths::DROPINS, vec![], [SignIn, Refused, Ok, Ok]),
        ("GET", paths::OUTCOMES, vec![], [SignIn, Ok, Ok, Ok]),
        (
            "GET",
            "/officer/surveys/1/results",
            vec![],
            [SignIn, Ok, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/results?exact=1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/1/results/responses.csv",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/1/results/tables.csv",
            vec![],
            [SignIn, Ok, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/1/results/tables.csv?exact=1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/surveys/1/comments",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            "/officer/surveys/1/comments",
            vec![("op", "add_theme"), ("name", ""), ("return", "")],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/surveys/1/comments.csv",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        ("GET", paths::NEW_SERIES, vec![], [SignIn, Refused, Ok, Ok]),
        ("GET", paths::NEW_SESSION, vec![], [SignIn, Refused, Ok, Ok]),
        (
            "GET",
            "/officer/dropins/series/1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/dropins/sessions/1",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "GET",
            "/officer/dropins/sessions/1/poster.svg",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        (
            "POST",
            paths::NEW_SERIES,
            vec![("name", "")],
            [SignIn, Refused, Invalid, Invalid],
        ),
        (
            "POST",
            paths::NEW_SESSION,
            vec![
                ("name", "Matrix drop-in"),
                ("venue", "Hub"),
                ("date", "2027-01-12"),
                ("starts", "10:00"),
                ("ends", "11:00"),
            ],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/dropins/series/1",
            vec![
                ("venue", "Hub"),
                ("date", "2027-01-12"),
                ("starts", "10:00"),
                ("ends", "11:00"),
                ("repeat", "once"),
            ],
            [SignIn, Refused, Done, Done],
        ),
        (
            "POST",
            "/officer/dropins/sessions/1",
            vec![("op", "save"), ("name", "")],
            [SignIn, Refused, Invalid, Invalid],
        ),
        ("GET", paths::ACTIONS, vec![], [SignIn, Ok, Ok, Ok]),
        (
            "GET",
            "/officer/surveys/1/thanks",
            vec![],
            [SignIn, Refused, Ok, Ok],
        ),
        ("GET", paths::NEW_ACTION, vec![], [SignIn, Refused, Ok, Ok]),
        (
            "POST",
            paths::NEW_ACTION,
            vec![("you_said", ""), ("we_did", "")],
            [SignIn, Refused, Invalid, Invalid],
        ),
        ("GET", "/officer/actions/1", vec![], [SignIn, Ok, Ok, Ok]),
        (
            "GET",
            "/officer/actions/1/preview",
            vec![],
            [SignIn, Ok, Ok, Ok],
        ),
        (
            "POST",
            "/officer/actions/1",
            vec![("op", "update"), ("note", "")],
            [SignIn, Refused, Invalid, Invalid],
        ),
        (
            "POST",
            "/officer/actions/1",
            vec![("op", "update"), ("note", "Matrix update")],
            [SignIn, Refused, Done, Done],
        ),
    ];
    // Signing out comes last: it ends the session the others share.
    rules.push(("POST", paths::SIGN_OUT, vec![], [SignIn, Done, Done, Done]));
    rules
}

/// Whether `path` is an instance of route `pattern`: `{name}` stands for
/// one segment, `{*name}` for the rest.
fn matches(pattern: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    let mut pattern = pattern.split('/');
    let mut path = path.split('/');
    loop {
        match (pattern.next(), path.next()) {
            (Some(p), Some(_)) if p.starts_with("{*") => return true,
            (Some(p), Some(s)) if p.starts_with('{') && !s.is_empty() => {}
            (Some(p), Some(s)) if p == s => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

/// Whether the more specific route `pattern` wins over others for `path`:
/// among the routes `path` matches, the one with the most literal segments.
fn route_of<'a>(routes: &'a [(Method, String)], method: &str, path: &str) -> Option<&'a str> {
    routes
        .iter()
        .filter(|(m, p)| m.as_str() == method && matches(p, path))
        .max_by_key(|(_, p)| p.split('/').filter(|s| !s.starts_with('{')).count())
        .map(|(_, p)| p.as_str())
}

#[test]
fn every_route_has_a_rule() {
    let routes = server::http::every_route();
    let mut covered: HashMap<(String, String), usize> = HashMap::new();
    for (method, uri, _, _) in rules() {
        let uri = uri.replace("{code}", "ABCD-EFGH");
        let route = route_of(&routes, method, &uri)
            .unwrap_or_else(|| panic!("the rule for {method} {uri} matches no route"));
        *covered
            .entry((method.to_owned(), route.to_owned()))
            .or_default() += 1;
    }
    let missing: Vec<String> = routes
        .iter()
        .filter(|(m, p)| !covered.contains_key(&(m.as_str().to_owned(), p.clone())))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(missing.is_empty(), "routes with no rule: {missing:#?}");
    println!("{} rules cover {} routes", rules().len(), routes.len());
}

#[tokio::test]
async fn every_route_answers_each_visitor_as_its_rule_says() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let code = app::server::entities::dropin_session::Entity::find()
            .one(&state.db)
            .await
            .unwrap()
            .expect("a demo drop-in session")
            .code;
        // One sign-in per role: each request starts from its cookies.
        let mut signed_in = HashMap::new();
        for role in Role::ALL {
            let mut browser = Browser::new(&router);
            browser.sign_in_as(role).await;
            signed_in.insert(role.as_str(), browser.cookies);
        }
        // Every mismatch is gathered, so one run shows the whole picture.
        let mut wrong = Vec::new();
        for (method, uri, form, expected) in rules() {
            let uri = uri.replace("{code}", &code);
            for (who, want) in VISITORS.into_iter().zip(expected) {
                let mut browser = Browser::new(&router);
                if let Who::As(role) = who {
                    if uri == paths::SIGN_OUT {
                        browser.sign_in_as(role).await;
                    } else {
                        browser.cookies = signed_in[role.as_str()].clone();
                    }
                }
                let reply = if method == "GET" {
                    browser.get(&uri).await
                } else {
                    browser.post(&uri, &form).await
                };
                let got = match reply.status {
                    StatusCode::SEE_OTHER
                        if reply.location().starts_with(paths::SIGN_IN)
                            && !(uri == paths::SIGN_OUT && matches!(who, Who::As(_))) =>
                    {
                        // It comes back to the page it wanted.
                        assert!(
                            reply.location().contains("return=%2Fofficer"),
                            "{}",
                            reply.location()
                        );
                        Gets::SignIn
                    }
                    StatusCode::SEE_OTHER => Gets::Done,
                    StatusCode::FORBIDDEN if reply.body.contains("You do not have permission") => {
                        Gets::Refused
                    }
                    StatusCode::OK => Gets::Ok,
                    StatusCode::NOT_FOUND => Gets::Missing,
                    StatusCode::BAD_REQUEST => Gets::Bad,
                    StatusCode::UNPROCESSABLE_ENTITY => Gets::Invalid,
                    other => {
                        wrong.push(format!("{method} {uri} as {who:?}: {other}, want {want:?}"));
                        continue;
                    }
                };
                if got != want {
                    wrong.push(format!("{method} {uri} as {who:?}: {got:?}, want {want:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{backend:?}: {wrong:#?}");
    })
    .await;
}

/// Downloads that were links are posts now; an old link gets a clear page.
#[tokio::test]
async fn an_address_asked_the_wrong_way_gets_a_clear_page() {
    app::server::testing::on_sqlite(|db| async move {
        let (router, _state) = app(db, 10).await;
        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let reply = officer
            .get("/officer/surveys/1/results/responses.csv")
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(reply.body.contains("Something was wrong with that request"));
    })
    .await;
}
