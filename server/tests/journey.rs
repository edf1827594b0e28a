//! The respondent journey over HTTP, on SQLite and PostgreSQL: branching,
//! save and resume with a code (and its email in the outbox), check your
//! answers, idempotent sending, a receipt code to change and withdraw, and
//! refusals of tampered forms and guessed codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::validation::{AnswerValue, Date},
    server::{
        entities::{outbox, public_thanks, response, survey, update_request},
        state::AppState,
        store::{responses, surveys},
        testing::on_each_backend,
    },
};
use common::{Browser, SURVEY, app, demo_form, hidden, key, pick, question};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn stored(state: &AppState) -> u64 {
    let survey = surveys::load_public(&state.db, "big-send-survey")
        .await
        .unwrap();
    responses::count(&state.db, survey.survey.id).await.unwrap()
}

fn page(n: usize) -> String {
    format!("{SURVEY}/p/{n}")
}

#[tokio::test]
async fn a_parent_branches_saves_resumes_sends_changes_and_withdraws() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 1).await;
        let form = demo_form(&state).await;
        let mut phone = Browser::new(&router);

        // Start: a draft cookie, and the first page.
        assert_eq!(phone.start().await, page(1));
        assert!(
            phone.cookies.contains_key("heard_draft_big-send-survey"),
            "{backend:?}"
        );
        let first = phone.get(&page(1)).await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(first.body.contains("Page 1 of 4"), "{}", first.body);
        assert!(first.body.contains("<legend"), "choices are grouped");

        // A parent goes to the parent page, not the child one.
        let next = phone
            .answer(&page(1), &[pick(&form, key::WHO, "parent-carer")])
            .await;
        assert_eq!(next, page(2));
        assert!(phone.get(&page(2)).await.body.contains("Page 2 of 5"));
        let need = question(&form, key::NEED).field();
        let next = phone
            .answer(
                &page(2),
                &[
                    pick(&form, key::AGE, "5-10"),
                    pick(&form, key::SUPPORT, "ehcp"),
                    (need.clone(), "autism".into()),
                    (need, "slcn".into()),
                ],
            )
            .await;
        assert_eq!(next, page(4), "the child page is skipped");
        let skipped = phone.get(&page(3)).await;
        assert_eq!(skipped.location(), page(4), "{}", skipped.status);

        // Save and come back later: a resume code, and optionally an email.
        let local = question(&form, key::LOCAL_INFORMATION).field();
        let saved = phone
            .post(&page(4), &[(&local, "difficult"), ("action", "save")])
            .await;
        assert_eq!(saved.location(), format!("{SURVEY}/saved"));
        let saved = phone.get(&format!("{SURVEY}/saved")).await;
        let resume = saved.code();
        assert_eq!(resume.len(), 9, "{resume}");
        let bad = phone
            .post(&format!("{SURVEY}/saved"), &[("email", "not an address")])
            .await;
        assert!(
            bad.body
                .contains("Enter an email address in the right format")
        );
        assert_eq!(outbox::Entity::find().count(&state.db).await.unwrap(), 0);
        let sent = phone
            .post(
                &format!("{SURVEY}/saved"),
                &[("email", "parent@example.com")],
            )
            .await;
        assert_eq!(sent.location(), format!("{SURVEY}/saved?emailed=1"));
        let mail = outbox::Entity::find().all(&state.db).await.unwrap();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].to_address, "parent@example.com");
        // A few more are fine; then the draft may not send more today.
        for _ in 0..2 {
            let again = phone
                .post(
                    &format!("{SURVEY}/saved"),
                    &[("email", "parent@example.com")],
                )
                .await;
            assert_eq!(again.status, StatusCode::SEE_OTHER);
        }
        let flood = phone
            .post(
                &format!("{SURVEY}/saved"),
                &[("email", "someone@example.com")],
            )
            .await;
        assert_eq!(flood.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(outbox::Entity::find().count(&state.db).await.unwrap(), 3);
        assert!(mail[0].body_text.contains(&resume), "{}", mail[0].body_text);
        assert!(mail[0].body_text.contains("/s/big-send-survey/return"));
        assert!(mail[0].sent_at.is_none());

        // Another device carries on with the code, where they left off.
        let mut laptop = Browser::new(&router);
        let resumed = laptop
            .post(
                &format!("{SURVEY}/return"),
                &[("code", &resume.to_lowercase())],
            )
            .await;
        assert_eq!(resumed.location(), page(4));
        let page4 = laptop.get(&page(4)).await;
        assert!(
            page4.body.contains(r#"value="difficult" checked"#),
            "{}",
            page4.body
        );
        let helped = question(&form, key::HELPED).field();
        let next = laptop
            .answer(
                &page(4),
                &[
                    (local.clone(), "difficult".into()),
                    (helped, "family-hub".into()),
                    pick(&form, key::KNOW_WHERE, "agree"),
                    pick(&form, key::OVERALL, "good"),
                ],
            )
            .await;
        assert_eq!(next, page(5));
        let date = question(&form, key::LAST_REVIEWED).field();
        let next = laptop
            .answer(
                &page(5),
                &[
                    pick(&form, key::INCLUDED, "yes"),
                    pick(&form, key::LISTENED, "sometimes"),
                    pick(&form, key::WORK_TOGETHER, "4"),
                    (format!("{date}-day"), "3".into()),
                    (format!("{date}-month"), "2".into()),
                    (format!("{date}-year"), "2026".into()),
                    pick(&form, key::WEEKS_WAITED, "18"),
                ],
            )
            .await;
        assert_eq!(next, page(6));
        let next = laptop
            .answer(
                &page(6),
                &[
                    pick(&form, key::WORKING_WELL, "The drop-ins"),
                    pick(
                        &form,
                        key::BIGGEST_DIFFERENCE,
                        "Shorter waits <b>please</b>",
                    ),
                ],
            )
            .await;
        assert_eq!(next, format!("{SURVEY}/check"));

        // Check your answers: every shown answer, with a Change link.
        let check = laptop.get(&format!("{SURVEY}/check")).await;
        assert!(check.body.contains("3 February 2026"), "{}", check.body);
        assert!(check.body.contains("Autism"));
        assert!(check.body.contains("A parent or carer"));
        assert!(
            check
                .body
                .contains("Shorter waits &lt;b&gt;please&lt;/b&gt;")
        );
        assert!(
            check
                .body
                .contains(&format!(r#"href="{}?return=check#"#, page(2)))
        );
        let token = hidden(&check.body, "token");

        // The optional extras are checked; a refusal stores nothing.
        let check_url = format!("{SURVEY}/check");
        let refused = laptop
            .post(
                &check_url,
                &[("token", &token), ("email", "nope"), ("thanks_name", "Ewa")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::OK);
        assert!(
            refused
                .body
                .contains("Enter an email address in the right format")
        );
        assert!(
            refused.body.contains(r#"value="Ewa""#),
            "what was typed is kept"
        );
        assert_eq!(stored(&state).await, 0);

        // Send; a double click or resend stores nothing new.
        let extras = [
            ("token", token.as_str()),
            ("email", "carer@example.com"),
            ("thanks_name", "Ewa <3"),
        ];
        let sent = laptop.post(&check_url, &extras).await;
        assert_eq!(sent.location(), format!("{SURVEY}/done"));
        assert!(!laptop.cookies.contains_key("heard_draft_big-send-survey"));
        let again = laptop
            .post(&format!("{SURVEY}/check"), &[("token", &token)])
            .await;
        assert_eq!(again.location(), format!("{SURVEY}/done"));
        assert_eq!(stored(&state).await, 1, "{backend:?}: stored twice");
        let receipt = laptop.get(&format!("{SURVEY}/done")).await.code();
        assert_ne!(receipt, resume);
        // Back after sending goes to the confirmation, never re-sends.
        assert_eq!(
            laptop.get(&page(6)).await.location(),
            format!("{SURVEY}/done")
        );

        let sent = response::Entity::find()
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sent.respondent_type.as_deref(), Some("parent-carer"));
        assert_eq!(sent.receipt_code.as_deref(), Some(receipt.as_str()));
        // The address and the name are kept apart from the answers.
        let asked = update_request::Entity::find().all(&state.db).await.unwrap();
        assert_eq!(asked.len(), 1);
        assert_eq!(
            (asked[0].email.as_str(), asked[0].response_id),
            ("carer@example.com", sent.id)
        );
        let thanks = public_thanks::Entity::find()
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(thanks.name, "Ewa <3");
        assert_eq!(thanks.status, public_thanks::ThanksStatus::Pending);
        let loaded = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        let answers = responses::answers_of(&state.db, &loaded, sent.id)
            .await
            .unwrap();
        let date_id = question(&form, key::LAST_REVIEWED).id;
        assert_eq!(
            answers[&date_id],
            AnswerValue::Date(Date {
                year: 2026,
                month: 2,
                day: 3
            })
        );
        assert_eq!(
            answers[&question(&form, key::WEEKS_WAITED).id],
            AnswerValue::Number(18)
        );

        // With the receipt code, on any device: see, then change.
        let mut library = Browser::new(&router);
        let typed = receipt.replace('-', " ").to_lowercase();
        let opened = library
            .post(&format!("{SURVEY}/return"), &[("code", &typed)])
            .await;
        assert_eq!(opened.location(), format!("{SURVEY}/your-answers"));
        // The browser keeps a 128-bit token, never the guessable code.
        let kept = &library.cookies["heard_receipt_big-send-survey"];
        assert!(kept.len() == 32 && !kept.contains(&receipt), "{kept}");
        let mine = library.get(&format!("{SURVEY}/your-answers")).await;
        assert!(
            mine.body.contains("An education, health and care plan"),
            "{}",
            mine.body
        );
        let change = library.post(&format!("{SURVEY}/your-answers"), &[]).await;
        assert_eq!(change.location(), format!("{SURVEY}/check"));
        let edit_page = format!("{}?return=check", page(2));
        let back = library
            .answer(&edit_page, &[pick(&form, key::SUPPORT, "sen-support")])
            .await;
        assert_eq!(back, format!("{SURVEY}/check"));
        let check = library.get(&format!("{SURVEY}/check")).await;
        assert!(check.body.contains("Check your changed answers"));
        assert!(
            !check.body.contains("3 February 2026"),
            "the hidden date is gone"
        );
        let token = hidden(&check.body, "token");
        let changed = library
            .post(&format!("{SURVEY}/check"), &[("token", &token)])
            .await;
        assert_eq!(changed.location(), format!("{SURVEY}/done"));
        let done = library.get(&format!("{SURVEY}/done")).await;
        assert!(done.body.contains("Your changes have been saved"));
        assert_eq!(done.code(), receipt, "the same receipt");
        assert_eq!(stored(&state).await, 1);
        let answers = responses::answers_of(&state.db, &loaded, sent.id)
            .await
            .unwrap();
        assert!(!answers.contains_key(&date_id));
        assert_eq!(
            answers[&question(&form, key::SUPPORT).id],
            AnswerValue::Options(vec!["sen-support".into()])
        );

        // The next person on this device starts afresh: the receipt is closed.
        library.start().await;
        assert!(
            !library
                .cookies
                .contains_key("heard_receipt_big-send-survey")
        );
        assert!(!library.cookies.contains_key("heard_done_big-send-survey"));
        let closed = library.get(&format!("{SURVEY}/your-answers")).await;
        assert_eq!(closed.location(), format!("{SURVEY}/return"));

        // Withdraw: the answers go from every count; only a counter remains.
        let mut again = Browser::new(&router);
        again
            .post(&format!("{SURVEY}/return"), &[("code", &receipt)])
            .await;
        assert_eq!(
            again.get(&format!("{SURVEY}/withdraw")).await.status,
            StatusCode::OK
        );
        let gone = again.post(&format!("{SURVEY}/withdraw"), &[]).await;
        assert_eq!(gone.location(), format!("{SURVEY}/withdrawn"));
        assert_eq!(stored(&state).await, 0);
        assert_eq!(
            update_request::Entity::find()
                .count(&state.db)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            public_thanks::Entity::find()
                .count(&state.db)
                .await
                .unwrap(),
            0
        );
        let s = survey::Entity::find()
            .filter(survey::Column::Slug.eq("big-send-survey"))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(s.withdrawn_count, 1);
        let results = again.get(&format!("{SURVEY}/results")).await;
        assert!(
            results.body.contains("Answers withdrawn"),
            "{}",
            results.body
        );
        assert!(
            !results.body.contains("100%"),
            "no answers are left to count"
        );
        let stale = again
            .post(&format!("{SURVEY}/return"), &[("code", &receipt)])
            .await;
        assert!(
            stale
                .body
                .contains("We could not find answers with that code")
        );
    })
    .await;
}

#[tokio::test]
async fn a_child_sees_the_child_pages_and_the_face_scale() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut tablet = Browser::new(&router);
        tablet.start().await;
        let next = tablet
            .answer(&page(1), &[pick(&form, key::WHO, "child-young-person")])
            .await;
        assert_eq!(next, page(3));
        let faces = tablet.get(&page(3)).await;
        assert!(faces.body.contains("Page 2 of 5"), "{}", faces.body);
        assert!(faces.body.contains("Very happy"));
        assert!(faces.body.contains(r#"class="face""#));
        let next = tablet
            .answer(&page(3), &[pick(&form, key::FEEL_SCHOOL, "happy")])
            .await;
        assert_eq!(next, page(4));
        // A child is not asked how long they waited (a rule on an earlier page).
        let five = tablet.get(&page(5)).await;
        assert!(!five.body.contains("How many weeks"));

        // On to the check; then a changed answer there brings the parent
        // page into view, which is asked before going back to the check.
        let mut at = page(4);
        while at != format!("{SURVEY}/check") {
            at = tablet.answer(&at, &[]).await;
        }
        let back = tablet
            .answer(
                &format!("{}?return=check", page(1)),
                &[pick(&form, key::WHO, "parent-carer")],
            )
            .await;
        assert_eq!(back, format!("{}?return=check", page(2)));
        let back = tablet
            .answer(&back, &[pick(&form, key::AGE, "11-15")])
            .await;
        assert_eq!(back, format!("{SURVEY}/check"));
        let check = tablet.get(&back).await.body;
        assert!(check.contains("11 to 15"));
        assert!(
            !check.contains("How do you feel about school"),
            "the child page is gone"
        );
    })
    .await;
}

#[tokio::test]
async fn tampered_and_wrong_answers_are_refused_and_nothing_is_stored() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut browser = Browser::new(&router);
        browser.start().await;

        // A required question left out: 200, the GOV.UK error pattern.
        let reply = browser.post(&page(1), &[("action", "continue")]).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend:?}");
        assert!(
            reply.body.contains("<title>Error: About you"),
            "{}",
            reply.body
        );
        assert!(reply.body.contains("There is a problem"));
        let who = question(&form, key::WHO);
        assert!(
            reply
                .body
                .contains(&format!(r##"href="#{}-0""##, who.field()))
        );

        // An option that does not exist, or a question from elsewhere: 400.
        let reply = browser
            .post(&page(1), &[(who.field().as_str(), "the-mayor")])
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(reply.body.contains("Choose one of the answers shown"));
        let reply = browser
            .post(
                &page(1),
                &[(who.field().as_str(), "professional"), ("q99999", "x")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(reply.body.contains("Part of the form was not recognised"));

        // Go on, then check numbers, dates, exclusive answers and text limits.
        browser
            .answer(&page(1), &[(who.field(), "parent-carer".into())])
            .await;
        let need = question(&form, key::NEED).field();
        let reply = browser
            .post(
                &page(2),
                &[
                    (&need, "autism"),
                    (&need, "prefer-not-to-say"),
                    ("action", "continue"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("on its own"), "{}", reply.body);
        browser
            .answer(&page(2), &[pick(&form, key::SUPPORT, "ehcp")])
            .await;
        let weeks = question(&form, key::WEEKS_WAITED).field();
        let date = question(&form, key::LAST_REVIEWED).field();
        let reply = browser
            .post(
                &page(5),
                &[
                    (&weeks, "999"),
                    (&format!("{date}-day"), "30"),
                    (&format!("{date}-month"), "2"),
                    (&format!("{date}-year"), "2026"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("Enter a number that is 156 or less"));
        assert!(reply.body.contains("Enter a real date"));
        assert!(
            reply.body.contains(r#"value="999""#),
            "what was typed is kept"
        );
        let long = question(&form, key::BIGGEST_DIFFERENCE);
        let reply = browser
            .post(
                &page(6),
                &[(long.field().as_str(), &"x".repeat(long.text_limit() + 1))],
            )
            .await;
        assert!(
            reply
                .body
                .contains("Your answer must be 1000 characters or fewer")
        );

        // Sending with a token that is not this browser's draft: 400.
        let reply = browser
            .post(
                &format!("{SURVEY}/check"),
                &[("token", "0123456789abcdef0123456789abcdef")],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "a token that is not this browser's draft"
        );
        let reply = browser
            .post(&format!("{SURVEY}/check"), &[("token", "<script>")])
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(stored(&state).await, 0);

        // Without a draft, pages send the respondent to the start.
        let mut stranger = Browser::new(&router);
        assert_eq!(stranger.get(&page(2)).await.location(), SURVEY);
        let reply = stranger.post(&page(2), &[("action", "continue")]).await;
        assert_eq!(reply.location(), SURVEY);
    })
    .await;
}

#[tokio::test]
async fn codes_are_checked_and_guessing_is_slowed_down() {
    on_each_backend(|db, _| async move {
        let (router, _) = app(db, 10).await;
        let mut guesser = Browser::new(&router);
        let url = format!("{SURVEY}/return");
        let reply = guesser.post(&url, &[("code", "hello")]).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("Enter the code as you were given it"));
        assert!(reply.body.contains(r#"value="hello""#));
        for _ in 0..9 {
            let reply = guesser.post(&url, &[("code", "KKKK-KKKK")]).await;
            assert!(
                reply
                    .body
                    .contains("We could not find answers with that code")
            );
        }
        let reply = guesser.post(&url, &[("code", "KKKK-KKKK")]).await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(reply.body.contains("Too many tries"));
    })
    .await;
}
