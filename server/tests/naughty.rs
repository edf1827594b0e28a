//! Hostile strings: the Big List of Naughty Strings (vendored in
//! `support/blns/` with its licence) typed into every written answer of the
//! demo survey, sent like any family's answers over HTTP. Each is stored as
//! typed (only trimmed, with CRLF as LF, as every answer is), comes back
//! escaped on the officer's comments pages, and never becomes a formula in
//! the responses or comments files.
//!
//! `make test` sends every fourth string on SQLite; `HEARD_NAUGHTY=all`
//! (`make security`) sends them all on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::{roles::Role, survey::QuestionKind},
    server::{
        entities::answer,
        testing::{on_each_backend, on_sqlite},
    },
};
use common::{
    Browser, SURVEY, app,
    blns::{as_stored, shown_live, strings},
    demo_form, hidden, key, question,
};
use http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Answers the demo survey as a professional with `text` in every written
/// question on the way that allows its length, and sends it. Returns
/// whether any question took it.
async fn answer_with(
    browser: &mut Browser,
    form: &app::domain::survey::SurveyForm,
    text: &str,
) -> bool {
    let mut given = false;
    let who = question(form, key::WHO).field();
    let check = format!("{SURVEY}/check");
    let mut at = browser.start().await;
    while at != check {
        let n: usize = at.rsplit('/').next().unwrap().parse().unwrap();
        let page = &form.pages[n - 1];
        let mut pairs: Vec<(String, String)> = vec![("action".into(), "continue".into())];
        if page.questions.iter().any(|q| q.field() == who) {
            pairs.push((who.clone(), "professional".into()));
        }
        for q in &page.questions {
            let fits = as_stored(text).chars().count() <= q.text_limit();
            if matches!(q.kind, QuestionKind::ShortText | QuestionKind::LongText) && fits {
                pairs.push((q.field(), text.to_owned()));
                given = true;
            }
        }
        let fields: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let reply = browser.post(&at, &fields).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{text:?} on {at}: {}",
            reply.body
        );
        at = reply.location().to_owned();
    }
    let page = browser.get(&check).await;
    let token = hidden(&page.body, "token");
    let sent = browser.post(&check, &[("token", token.as_str())]).await;
    assert_eq!(sent.location(), format!("{SURVEY}/done"), "{text:?}");
    given
}

/// Every written answer stored.
async fn texts(db: &DatabaseConnection) -> Vec<String> {
    let mut all: Vec<String> = answer::Entity::find()
        .filter(answer::Column::TextValue.is_not_null())
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|a| a.text_value)
        .collect();
    all.sort();
    all
}

/// Runs the whole check on `db`.
async fn hostile_strings(db: DatabaseConnection) {
    let (router, state) = app(db, 1).await;
    let form = demo_form(&state).await;
    let strings = strings();
    let mut expected: Vec<String> = Vec::new();
    for text in &strings {
        let given = answer_with(&mut Browser::new(&router), &form, text).await;
        let stored = as_stored(text);
        if given && !stored.is_empty() {
            // One per written question the professional's path shows.
            expected.push(stored);
        }
    }
    let got = texts(&state.db).await;
    // Byte for byte: each string, as stored, is among the answers as often
    // as it was sent to a question on the path, and nothing else is.
    for text in &expected {
        assert!(
            got.binary_search(text).is_ok(),
            "not stored as typed: {text:?}"
        );
    }
    assert!(
        got.iter().all(|g| expected.contains(g)),
        "an answer nobody typed"
    );

    // Escaped on every page of comments.
    let mut admin = Browser::new(&router);
    admin.sign_in_as(Role::Admin).await;
    let comments = app::paths::comments(1);
    let mut page = 1;
    loop {
        let reply = admin.get(&format!("{comments}?page={page}")).await;
        assert_eq!(reply.status, StatusCode::OK);
        for text in &expected {
            assert!(
                !shown_live(&reply.body, text),
                "unescaped on the comments page: {text:?}"
            );
        }
        assert!(
            !reply.body.contains("<script>alert"),
            "a script from an answer"
        );
        if !reply.body.contains(r#"rel="next""#) {
            break;
        }
        page += 1;
    }
    assert!(
        page >= expected.len().div_ceil(50).min(2),
        "every page of comments was read"
    );

    // No cell of either file is a formula.
    for file in [
        "/officer/surveys/1/results/responses.csv",
        "/officer/surveys/1/comments.csv",
    ] {
        let reply = admin.post(file, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{file}");
        let body = reply.body.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(body.as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            for cell in record.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                    "{file}: a formula cell {cell:?}"
                );
            }
        }
        assert!(rows >= strings.len() / 2, "{file}: {rows} rows");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn naughty_strings_are_stored_as_typed_and_never_come_back_live() {
    if std::env::var("HEARD_NAUGHTY").is_ok_and(|v| v == "all") {
        on_each_backend(|db, _| hostile_strings(db)).await;
    } else {
        on_sqlite(hostile_strings).await;
    }
}
