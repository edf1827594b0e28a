//! "You said, we did" over HTTP, on SQLite and PostgreSQL: an officer
//! writes an action, links evidence, changes its status and publishes it;
//! the public board, its filters, the action page and the Atom feed show
//! it (and nothing unpublished); ratings make the "I am heard" figure and
//! are limited; a respondent sees what happened because of their views;
//! and update digests are batched, written in each person's language, and
//! queued once however many servers race.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::{
        roles::Role,
        suppression::{Audience, Rules},
    },
    paths,
    server::{
        digest::Digest,
        entities::{audit_log, outbox},
        state::AppState,
        testing::on_each_backend,
        views,
    },
};
use axum::Router;
use chrono::{Duration, Utc};
use common::{Browser, SURVEY, app, demo_form, key, question};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The demo has five actions; the first new one gets this id.
const NEW: i32 = 6;

/// Signs in an officer and creates an action with evidence from the demo
/// survey's first question; returns the officer's browser.
async fn officer_with_action(router: &Router, state: &AppState, you_said: &str) -> Browser {
    let mut officer = Browser::new(router);
    officer.sign_in_as(Role::Officer).await;
    let created = officer
        .post(
            paths::NEW_ACTION,
            &[
                ("you_said", you_said),
                ("we_did", "We shortened the form to one page."),
                ("service", "Short breaks"),
                ("timing", "By June 2027"),
                ("outcomes", "family-supported"),
                ("priorities", "3"),
                ("owner", ""),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.location(), paths::officer_action(NEW));
    let form = demo_form(state).await;
    let who = question(&form, key::WHO).id.to_string();
    let added = officer
        .post(
            &paths::officer_action(NEW),
            &[("op", "add_question"), ("question", &who), ("segment", "")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    officer
}

async fn publish(officer: &mut Browser, id: i32) {
    let published = officer
        .post(&paths::officer_action(id), &[("op", "publish")])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
}

#[tokio::test]
async fn officers_write_link_and_publish_and_the_public_reads() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let said = "The short breaks form is too long <b>really</b>";
        let mut officer = officer_with_action(&router, &state, said).await;
        let page = paths::officer_action(NEW);
        let form = demo_form(&state).await;
        let local_offer = question(&form, key::LOCAL_INFORMATION).id;
        let who = question(&form, key::WHO).id;

        // A segment: the question's figures for parents and carers only.
        let segmented = officer
            .post(
                &page,
                &[
                    ("op", "add_question"),
                    ("question", &local_offer.to_string()),
                    ("segment", &format!("{who}:parent-carer")),
                ],
            )
            .await;
        assert_eq!(
            segmented.status,
            StatusCode::SEE_OTHER,
            "{}",
            segmented.body
        );
        // A segment from another survey is explained; unknown evidence is a tampered form.
        let feedback_question = app::server::entities::question::Entity::find()
            .filter(app::server::entities::question::Column::SurveyId.ne(1))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        let elsewhere = officer
            .post(
                &page,
                &[
                    ("op", "add_question"),
                    ("question", &local_offer.to_string()),
                    ("segment", &format!("{}:very-good", feedback_question.id)),
                ],
            )
            .await;
        assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            elsewhere
                .body
                .contains("Choose a group from the same survey")
        );
        let tampered = officer
            .post(&page, &[("op", "add_question"), ("question", "999999")])
            .await;
        assert_eq!(tampered.status, StatusCode::BAD_REQUEST);

        // A draft is nowhere public.
        let mut public = Browser::new(&router);
        assert_eq!(
            public.get(&paths::action(NEW)).await.status,
            StatusCode::NOT_FOUND
        );
        let board = public.get(paths::YOU_SAID_WE_DID).await;
        assert!(!board.body.contains("short breaks form"));
        // The officer's preview shows it as the public will see it.
        let preview = officer.get(&paths::action_preview(NEW)).await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(
            preview
                .body
                .contains("Preview: this is how the public page looks.")
        );

        publish(&mut officer, NEW).await;
        let shown = public.get(&paths::action(NEW)).await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
        assert!(
            shown
                .body
                .contains("The short breaks form is too long &lt;b&gt;really&lt;/b&gt;")
        );
        assert!(!shown.body.contains("<b>really</b>"));
        assert!(shown.body.contains("We shortened the form to one page."));
        assert!(shown.body.contains("Big SEND Survey 2026"));
        assert!(shown.body.contains("Only answers from people who chose"));
        assert!(
            shown.body.contains("Does this show that families&#x27;")
                || shown.body.contains("Does this show that families'")
        );
        assert!(shown.body.contains("Published"));

        // "Not possible" needs its reason, which the public then reads.
        let refused = officer
            .post(
                &page,
                &[("op", "status"), ("status", "not-possible"), ("note", " ")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Say why the action is not possible"));
        let changed = officer
            .post(
                &page,
                &[
                    ("op", "status"),
                    ("status", "not-possible"),
                    ("note", "No budget this year"),
                ],
            )
            .await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
        let updated = officer
            .post(
                &page,
                &[("op", "update"), ("note", "We will look again in April.")],
            )
            .await;
        assert_eq!(updated.status, StatusCode::SEE_OTHER);
        let shown = public.get(&paths::action(NEW)).await;
        assert!(shown.body.contains("Why this was not possible"));
        assert!(shown.body.contains("No budget this year"));
        assert!(shown.body.contains("Status: Not possible"));
        assert!(shown.body.contains("We will look again in April."));

        // The board's filters, by status, outcome, priority and survey.
        let has = |body: &str| body.contains("The short breaks form is too long");
        for (query, expected) in [
            ("status=not-possible", true),
            ("status=done", false),
            ("outcome=family-supported", true),
            ("outcome=healthy", false),
            ("priority=3", true),
            ("priority=5", false),
            ("survey=1", true),
        ] {
            let body = public
                .get(&format!("{}?{query}", paths::YOU_SAID_WE_DID))
                .await
                .body;
            assert_eq!(has(&body), expected, "{query}");
        }

        // Everything is in the audit log.
        let logged: Vec<String> = audit_log::Entity::find()
            .filter(audit_log::Column::Subject.eq(format!("action {NEW}")))
            .order_by_asc(audit_log::Column::Id)
            .all(&state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for action in [
            "action_created",
            "action_evidence_added",
            "action_published",
            "action_status_changed",
            "action_update_added",
        ] {
            assert!(logged.iter().any(|a| a == action), "{action} in {logged:?}");
        }

        // Unpublished, it is gone from the public again.
        let unpublished = officer.post(&page, &[("op", "unpublish")]).await;
        assert_eq!(unpublished.status, StatusCode::SEE_OTHER);
        assert_eq!(
            public.get(&paths::action(NEW)).await.status,
            StatusCode::NOT_FOUND
        );

        // Refused words keep what was typed.
        let empty = officer
            .post(
                paths::NEW_ACTION,
                &[("you_said", "  "), ("we_did", "Kept <i>text</i>")],
            )
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Enter what families said"));

        assert!(empty.body.contains("Kept &lt;i&gt;text&lt;/i&gt;"));
    })
    .await;
}

#[tokio::test]
async fn ratings_make_the_i_am_heard_figure_and_are_limited() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let mut public = Browser::new(&router);
        let rating = paths::action(1);
        let missing = public.post(&rating, &[("comment", "Kept comment")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("Choose yes, partly or no"));
        assert!(missing.body.contains("Kept comment"));
        let tampered = public.post(&rating, &[("answer", "maybe")]).await;
        assert_eq!(tampered.status, StatusCode::UNPROCESSABLE_ENTITY);

        for answer in ["yes", "partly", "yes"] {
            let sent = public
                .post(&rating, &[("answer", answer), ("comment", "")])
                .await;
            assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
            assert_eq!(
                sent.location(),
                format!("{}?rated=1#rating", paths::action(1))
            );
        }
        let thanked = public.get(&format!("{}?rated=1", paths::action(1))).await;
        assert!(thanked.body.contains("We have your answer"));
        // A fourth rating of the same action from the same place in a day is refused.
        let again = public.post(&rating, &[("answer", "no")]).await;
        assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
        // A draft cannot be rated.
        let draft = public.post(&paths::action(5), &[("answer", "no")]).await;
        assert_eq!(draft.status, StatusCode::NOT_FOUND);

        let exact = Rules::new(1, Audience::Officer);
        let heard = views::actions::heard(&state.db, Some(1), exact)
            .await
            .unwrap();
        use app::domain::suppression::Shown::Count;
        assert_eq!(heard.counts, [Count(2), Count(1), Count(0)]);
        assert_eq!(heard.yes_percent, Some(67));
        // With the usual threshold, three answers are too few to show.
        let officer_rules = Rules::new(10, Audience::Officer);
        let hidden = views::actions::heard(&state.db, None, officer_rules)
            .await
            .unwrap();
        assert!(hidden.total.is_hidden() && hidden.yes_percent.is_none());
        // The officers' pages show the indicator.
        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Viewer).await;
        for page in [paths::OFFICER, paths::OUTCOMES, paths::ACTIONS] {
            let body = officer.get(page).await.body;
            assert!(body.contains("I am heard"), "{page}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_atom_feed_lists_published_actions() {
    on_each_backend(|db, _| async move {
        let (router, _state) = app(db, 10).await;
        let reply = Browser::new(&router).get(paths::BOARD_FEED).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(
            reply.headers[http::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/atom+xml")
        );
        let feed: atom_syndication::Feed = reply.body.parse().unwrap();
        // The demo's four published actions; its draft is not there.
        assert_eq!(feed.entries().len(), 4);
        assert!(
            feed.entries()
                .iter()
                .all(|e| e.id().contains("/you-said-we-did/"))
        );
        assert!(
            !feed
                .entries()
                .iter()
                .any(|e| e.title().as_str().contains("holiday activities"))
        );
        assert!(
            feed.entries()
                .iter()
                .any(|e| e.title().as_str().contains("Local Offer"))
        );
        assert_eq!(feed.title().as_str(), "You said, we did");
    })
    .await;
}

#[tokio::test]
async fn a_respondent_sees_what_happened_because_of_their_views() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut family = Browser::new(&router);
        let code = family.complete_demo(&form).await;
        let mut later = Browser::new(&router);
        later
            .post(&format!("{SURVEY}/return"), &[("code", &code)])
            .await;
        let before = later.get(&format!("{SURVEY}/your-answers")).await;
        assert!(before.body.contains("What happened because of your views"));
        assert!(before.body.contains("Nothing has been published yet"));

        // An action resting on a question they answered, once published.
        let mut officer = officer_with_action(&router, &state, "Families want shorter forms").await;
        let draft = later.get(&format!("{SURVEY}/your-answers")).await;
        assert!(!draft.body.contains("Families want shorter forms"));
        publish(&mut officer, NEW).await;
        let after = later.get(&format!("{SURVEY}/your-answers")).await;
        assert!(after.body.contains("Families want shorter forms"));
        assert!(
            after
                .body
                .contains(&format!(r#"href="{}""#, paths::action(NEW)))
        );
        assert!(after.body.contains("Planned"));
        // The demo's actions rest on questions this respondent skipped.
        assert!(!after.body.contains("Local Offer website is confusing"));
    })
    .await;
}

async fn updates(state: &AppState) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("update"))
        .order_by_asc(outbox::Column::Id)
        .all(&state.db)
        .await
        .unwrap()
}

/// Double opt-in: every address given is asked once, in its language; the
/// owners of `yes` follow the link in their email and press the button.
async fn confirm_addresses(router: &axum::Router, state: &AppState, yes: &[&str]) {
    let base = "https://heard.example";
    let now = Utc::now();
    let (a, b) = tokio::join!(
        app::server::confirm_updates::queue_due(&state.db, base, now),
        app::server::confirm_updates::queue_due(&state.db, base, now)
    );
    let asked = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("confirm_updates"))
        .all(&state.db)
        .await
        .unwrap();
    assert_eq!(
        a.unwrap() + b.unwrap(),
        asked.len(),
        "each address asked once"
    );
    for m in asked
        .iter()
        .filter(|m| yes.contains(&m.to_address.as_str()))
    {
        let at = m.body_text.find(base).expect("a link") + base.len();
        let path: String = m.body_text[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned();
        assert!(path.starts_with("/updates/confirm/"), "{path}");
        let mut owner = Browser::new(router);
        // Opening the link is not enough (mail scanners open links)...
        let page = owner.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Do you want email updates?") || m.locale != "en");
        let before = app::server::store::updates::of_response(&state.db, m.response_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert!(before.confirmed_at.is_none());
        // ...the button is.
        let yes = owner.post(&path, &[]).await;
        assert_eq!(yes.location(), paths::UPDATES_CONFIRMED);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_digests_are_batched_translated_and_queued_once() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut polish = Browser::new(&router);
        polish.cookies.insert("heard_lang".into(), "pl".into());
        polish
            .complete_demo_with(&form, &[("email", "rodzic@example.com")])
            .await;
        let mut english = Browser::new(&router);
        english
            .complete_demo_with(&form, &[("email", "carer@example.com")])
            .await;
        let mut quiet = Browser::new(&router);
        quiet.complete_demo(&form).await;
        // Someone typed another person's address: it is asked, never confirmed.
        let mut mistaken = Browser::new(&router);
        mistaken
            .complete_demo_with(&form, &[("email", "not-theirs@example.com")])
            .await;
        confirm_addresses(
            &router,
            &state,
            &["rodzic@example.com", "carer@example.com"],
        )
        .await;

        let mut officer =
            officer_with_action(&router, &state, "Families want <shorter> forms").await;
        publish(&mut officer, NEW).await;
        let moved = officer
            .post(
                &paths::officer_action(NEW),
                &[("op", "status"), ("status", "in-progress"), ("note", "")],
            )
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER);

        let digest = Digest {
            base_url: "https://heard.example".into(),
            delay: Duration::minutes(10),
        };
        let now = Utc::now();
        // News waits for more before it goes.
        assert_eq!(digest.queue_due(&state.db, now).await.unwrap(), 0);
        assert!(updates(&state).await.is_empty());

        // Two servers race when it is due: each person gets one email.
        let later = now + Duration::minutes(11);
        let (a, b) = tokio::join!(
            digest.queue_due(&state.db, later),
            digest.queue_due(&state.db, later)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 2);
        let mail = updates(&state).await;
        assert_eq!(mail.len(), 2, "one digest each, not one per change");
        assert!(
            mail.iter()
                .all(|m| m.to_address != "not-theirs@example.com")
        );
        let pl = mail
            .iter()
            .find(|m| m.to_address == "rodzic@example.com")
            .unwrap();
        let en = mail
            .iter()
            .find(|m| m.to_address == "carer@example.com")
            .unwrap();
        assert_eq!(pl.locale, "pl");
        assert!(pl.subject.contains("(1)") && pl.subject != en.subject);
        assert!(
            en.subject
                .starts_with("What happened because of your views")
        );
        for m in [pl, en] {
            assert!(m.body_text.contains("Families want <shorter> forms"));
            assert!(
                m.body_text
                    .contains("https://heard.example/you-said-we-did/6")
            );
            let html = m.body_html.as_deref().unwrap();
            assert!(html.contains("Families want &lt;shorter&gt; forms"));
            let unsubscribe = m.list_unsubscribe.as_deref().unwrap();
            assert!(unsubscribe.starts_with("https://heard.example/updates/unsubscribe/"));
            assert!(m.body_text.contains(unsubscribe) && html.contains(unsubscribe));
        }
        assert!(en.body_text.contains("In progress"));

        // Nothing new, nothing sent; the next change makes the next digest.
        assert_eq!(
            digest
                .queue_due(&state.db, later + Duration::days(1))
                .await
                .unwrap(),
            0
        );
        officer
            .post(
                &paths::officer_action(NEW),
                &[("op", "status"), ("status", "done"), ("note", "")],
            )
            .await;
        let next_day = Utc::now() + Duration::days(1);
        assert_eq!(digest.queue_due(&state.db, next_day).await.unwrap(), 2);
        assert_eq!(updates(&state).await.len(), 4);
        assert!(
            updates(&state)
                .await
                .iter()
                .any(|m| m.body_text.contains("Done"))
        );
    })
    .await;
}

#[tokio::test]
async fn names_are_thanked_publicly_only_once_an_officer_approves() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        Browser::new(&router)
            .complete_demo_with(&form, &[("thanks_name", "Ewa <3")])
            .await;
        let public = paths::thanks("big-send-survey");
        let mut reader = Browser::new(&router);
        let before = reader.get(&public).await;
        assert_eq!(before.status, StatusCode::OK);
        assert!(before.body.contains("There are no names to show yet."));

        let id = app::server::store::thanks::all(&state.db, 1).await.unwrap()[0]
            .id
            .to_string();
        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        let refused = viewer
            .post(
                &paths::officer_thanks(1),
                &[("op", "approve"), ("name", &id)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let list = officer.get(&paths::officer_thanks(1)).await;
        assert!(list.body.contains("Ewa &lt;3"));
        assert!(list.body.contains("Waiting for a decision"));
        let approved = officer
            .post(
                &paths::officer_thanks(1),
                &[("op", "approve"), ("name", &id)],
            )
            .await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        let shown = reader.get(&public).await;
        assert!(
            shown.body.contains("<li>Ewa &lt;3</li>"),
            "escaped and listed"
        );
        officer
            .post(
                &paths::officer_thanks(1),
                &[("op", "decline"), ("name", &id)],
            )
            .await;
        assert!(!reader.get(&public).await.body.contains("Ewa"));
        let unknown = officer
            .post(
                &paths::officer_thanks(1),
                &[("op", "approve"), ("name", "999999")],
            )
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        let logged = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("thanks_approved"))
            .all(&state.db)
            .await
            .unwrap();
        assert_eq!(logged.len(), 1);
        // The log names the offered name by its id, never the name itself.
        assert_eq!(logged[0].detail, format!("name {id}"));
        assert!(!logged[0].detail.contains("Ewa"));
    })
    .await;
}
