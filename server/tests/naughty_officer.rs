//! Hostile strings in what officers write: each Big List of Naughty
//! Strings entry as an action's "you said", "we did", service and
//! timeline update, a drop-in session's name and venue, a survey's title,
//! a comment theme and an invited colleague's name, typed into the forms
//! over HTTP. Each is taken or refused on its form (never an error),
//! stored as typed, and never comes back live on the public board or an
//! action's page, in the Atom feed (which must stay well-formed XML), in
//! the HTML of the update emails, in the poster's SVG, on the kiosk, or on
//! the workspace pages that list surveys, themes and colleagues.
//!
//! `make test` sends every fourth string on SQLite; `HEARD_NAUGHTY=all`
//! (`make security`) sends them all on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::{
        actions::{SHORT_LIMIT, TEXT_LIMIT},
        roles::Role,
    },
    paths,
    server::{
        digest::Digest,
        entities::{action, dropin_session, outbox, response, update_request},
        testing::{on_each_backend, on_sqlite},
    },
};
use chrono::{Days, Duration, Utc};
use common::{
    Browser, app,
    blns::{as_stored, shown_live, strings},
    demo_form, key, question,
};
use http::StatusCode;
use quick_xml::{Reader, events::Event};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder,
};

/// Whether `text` parses as XML from start to end.
fn well_formed(text: &str) -> Result<(), quick_xml::Error> {
    let mut reader = Reader::from_str(text);
    loop {
        if reader.read_event()? == Event::Eof {
            return Ok(());
        }
    }
}

/// Whether a post was refused with its form shown again and the problem
/// named (200 or 422, with the error summary).
fn refused_on_its_form(reply: &common::Reply) -> bool {
    matches!(
        reply.status,
        StatusCode::OK | StatusCode::UNPROCESSABLE_ENTITY
    ) && reply.body.contains("There is a problem")
}

/// Whether `text` fits a field of `limit` characters once stored, and
/// says something there.
fn fits(text: &str, limit: usize) -> bool {
    let stored = as_stored(text);
    !stored.is_empty() && stored.chars().count() <= limit
}

async fn hostile_officer_strings(db: DatabaseConnection) {
    let (router, state) = app(db, 1).await;
    // A family who confirmed an address for updates on the demo survey.
    let loaded = common::seeded(&state).await;
    let asked = response::Entity::find()
        .filter(response::Column::SurveyId.eq(loaded.survey.id))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let yesterday = Utc::now() - Duration::days(1);
    update_request::ActiveModel {
        id: NotSet,
        survey_id: Set(asked.survey_id),
        response_id: Set(asked.id),
        email: Set("family@example.org".into()),
        locale: Set("en".into()),
        token: Set("0".repeat(32)),
        created_at: Set(yesterday),
        notified_event_id: Set(0),
        confirmed_at: Set(Some(yesterday)),
        confirmation_sent_at: Set(Some(yesterday)),
    }
    .insert(&state.db)
    .await
    .unwrap();
    let mut officer = Browser::new(&router);
    officer.sign_in_as(Role::Officer).await;
    let form = demo_form(&state).await;
    let who = question(&form, key::WHO).id.to_string();
    let date = (Utc::now().date_naive() + Days::new(30))
        .format("%Y-%m-%d")
        .to_string();

    let mut admin = Browser::new(&router);
    admin.sign_in_as(Role::Admin).await;
    let mut actions = Vec::new();
    let mut sessions = Vec::new();
    let mut invited = Vec::new();
    for text in strings() {
        if fits(&text, SHORT_LIMIT) {
            let service = text.as_str();
            let created = officer
                .post(
                    paths::NEW_ACTION,
                    &[
                        ("you_said", service),
                        ("we_did", service),
                        ("service", service),
                        ("timing", "By June 2027"),
                        ("outcomes", "family-supported"),
                        ("priorities", "3"),
                        ("owner", ""),
                    ],
                )
                .await;
            assert_eq!(
                created.status,
                StatusCode::SEE_OTHER,
                "{text:?}: {}",
                created.body
            );
            let page = created.location().to_owned();
            let added = officer
                .post(
                    &page,
                    &[("op", "add_question"), ("question", &who), ("segment", "")],
                )
                .await;
            assert_eq!(added.status, StatusCode::SEE_OTHER, "{text:?}");
            let published = officer.post(&page, &[("op", "publish")]).await;
            assert_eq!(published.status, StatusCode::SEE_OTHER, "{text:?}");
            // An update on its public timeline, in the same words.
            let noted = officer
                .post(&page, &[("op", "update"), ("note", text.as_str())])
                .await;
            assert_eq!(
                noted.status,
                StatusCode::SEE_OTHER,
                "{text:?}: {}",
                noted.body
            );
            actions.push(as_stored(&text));
        } else if fits(&text, TEXT_LIMIT) {
            // Too long for a service: only what the action says.
            let created = officer
                .post(
                    paths::NEW_ACTION,
                    &[
                        ("you_said", text.as_str()),
                        ("we_did", text.as_str()),
                        ("service", "Short breaks"),
                        ("timing", ""),
                        ("owner", ""),
                    ],
                )
                .await;
            assert_eq!(
                created.status,
                StatusCode::SEE_OTHER,
                "{text:?}: {}",
                created.body
            );
        }
        // A survey titled, a theme named and a colleague invited with it:
        // each either taken or refused on its form, never an error.
        for (path, fields) in [
            (
                "/officer/surveys/new",
                vec![
                    ("title", text.as_str()),
                    ("views_statement", "Officers read these."),
                    ("language", "en"),
                ],
            ),
            (
                "/officer/surveys/1/comments",
                vec![("op", "add_theme"), ("name", text.as_str()), ("return", "")],
            ),
        ] {
            let reply = officer.post(path, &fields).await;
            assert!(
                matches!(
                    reply.status,
                    StatusCode::SEE_OTHER | StatusCode::UNPROCESSABLE_ENTITY
                ),
                "{path} {text:?}: {}",
                reply.status
            );
        }
        let email = format!("colleague{}@example.org", invited.len());
        let reply = admin
            .post(
                paths::USERS,
                &[
                    ("action", "invite"),
                    ("email", email.as_str()),
                    ("name", text.as_str()),
                    ("role", "viewer"),
                ],
            )
            .await;
        if reply.status == StatusCode::SEE_OTHER {
            invited.push(as_stored(&text));
        } else {
            assert!(
                refused_on_its_form(&reply),
                "inviting {text:?}: {}",
                reply.status
            );
        }
        // A drop-in session named and held where the string says.
        let made = officer
            .post(
                paths::NEW_SESSION,
                &[
                    ("name", text.as_str()),
                    ("venue", text.as_str()),
                    ("services", ""),
                    ("date", &date),
                    ("starts", "10:00"),
                    ("ends", "11:00"),
                ],
            )
            .await;
        match made.status {
            StatusCode::SEE_OTHER => sessions.push(text.clone()),
            // Empty, too long or control characters: refused on the form.
            StatusCode::UNPROCESSABLE_ENTITY => {}
            other => panic!("{text:?}: a new session answered {other}"),
        }
    }
    assert!(actions.len() > 50, "{} actions", actions.len());
    assert!(sessions.len() > 50, "{} sessions", sessions.len());

    // The workspace pages that list surveys, themes and colleagues.
    for (path, texts) in [
        (paths::OFFICER, &actions),
        ("/officer/surveys/1/comments", &actions),
        (paths::USERS, &invited),
    ] {
        let reply = admin.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        for text in texts.iter() {
            assert!(!shown_live(&reply.body, text), "live on {path}: {text:?}");
        }
        assert!(!reply.body.contains("<script>alert"), "a script on {path}");
    }
    assert!(invited.len() > 20, "{} invited", invited.len());

    // Stored as typed.
    let stored: Vec<String> = action::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.you_said)
        .collect();
    for text in &actions {
        assert!(stored.contains(text), "not stored as typed: {text:?}");
    }

    // The public board, page by page, and each action's own page.
    let mut page = 1;
    loop {
        let reply = Browser::new(&router)
            .get(&format!("/you-said-we-did?page={page}"))
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        for text in &actions {
            assert!(
                !shown_live(&reply.body, text),
                "live on the board: {text:?}"
            );
        }
        if !reply.body.contains(r#"rel="next""#) {
            break;
        }
        page += 1;
    }
    let published = action::Entity::find()
        .order_by_asc(action::Column::Id)
        .all(&state.db)
        .await
        .unwrap();
    for a in &published {
        let reply = Browser::new(&router).get(&paths::action(a.id)).await;
        if reply.status == StatusCode::OK {
            assert!(!shown_live(&reply.body, &a.you_said), "live on {}", a.id);
        }
    }

    // The Atom feed is well-formed XML whatever the actions say.
    let feed = Browser::new(&router).get(paths::BOARD_FEED).await;
    assert_eq!(feed.status, StatusCode::OK);
    well_formed(&feed.body).unwrap_or_else(|e| panic!("the feed is not XML: {e}"));
    atom_syndication::Feed::read_from(feed.body.as_bytes()).unwrap();

    // The update emails' HTML, to the demo's confirmed addresses.
    let digest = Digest {
        base_url: "https://heard.example".into(),
        delay: Duration::zero(),
    };
    let queued = digest
        .queue_due(&state.db, Utc::now() + Duration::minutes(1))
        .await
        .unwrap();
    assert!(queued > 0, "no update emails were made");
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("update"))
        .all(&state.db)
        .await
        .unwrap();
    // Not vacuous: the strings with markup are in them, escaped.
    assert!(
        mails.iter().any(|m| m
            .body_html
            .as_deref()
            .is_some_and(|h| h.contains("&lt;script"))),
        "the emails carry the actions' words"
    );
    for mail in &mails {
        let html = mail.body_html.as_deref().unwrap_or_default();
        for text in &actions {
            assert!(!shown_live(html, text), "live in an email: {text:?}");
        }
    }

    // Each session's poster is well-formed SVG with the strings escaped.
    let made = dropin_session::Entity::find()
        .order_by_desc(dropin_session::Column::Id)
        .all(&state.db)
        .await
        .unwrap();
    for session in made.iter().take(sessions.len()) {
        let poster = officer.get(&paths::poster(session.id)).await;
        assert_eq!(poster.status, StatusCode::OK);
        well_formed(&poster.body)
            .unwrap_or_else(|e| panic!("poster of {:?} is not XML: {e}", session.name));
        assert!(
            !shown_live(&poster.body, &session.name),
            "{:?}",
            session.name
        );
        let kiosk = Browser::new(&router)
            .get(&paths::kiosk(&session.code))
            .await;
        assert!(
            !shown_live(&kiosk.body, &session.name),
            "{:?}",
            session.name
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_officers_write_never_comes_back_live_anywhere_it_is_shown() {
    if std::env::var("HEARD_NAUGHTY").is_ok_and(|v| v == "all") {
        on_each_backend(|db, _| hostile_officer_strings(db)).await;
    } else {
        on_sqlite(hostile_officer_strings).await;
    }
}
