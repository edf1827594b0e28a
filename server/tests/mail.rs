//! Mail delivery against a real SMTP server (aiosmtpd, started on loopback
//! by `support/smtp_sink.py`), on SQLite and PostgreSQL: headers and both
//! bodies as received, retry while the server is down, one delivery with
//! two workers racing, a permanent refusal, the `.eml` folder used when no
//! SMTP server is configured, and stopping updates by one-click
//! unsubscribe or with a receipt code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::server::{
    entities::update_request,
    mail,
    store::outbox::{self, Message},
    testing::on_each_backend,
};
use chrono::{Duration, Utc};
use common::{
    Browser, SURVEY, app, demo_form,
    smtp_sink::{FROM, Sink, free_port, smtp_config, stored, update},
};
use http::{Request, StatusCode, header};
use sea_orm::{DatabaseConnection, EntityTrait};
use server::{
    config::Config,
    delivery::{Mailer, Round},
};

/// Line endings as Python's parser gives them back.
fn lines(text: &str) -> String {
    text.replace("\r\n", "\n").trim_end().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_reaches_an_smtp_server_with_its_headers_and_bodies() {
    on_each_backend(|db, _| async move {
        let port = free_port();
        let sink = Sink::start(port, Some(("heard", "s3cret")));
        let mailer = Mailer::from_config(&smtp_config(port, Some(("heard", "s3cret")))).unwrap();
        let sent = update("parent@example.com", 1);
        outbox::queue(&db, sent.clone()).await.unwrap();
        let resume = mail::resume_message(
            "en",
            "carer@example.com",
            "The Big SEND Survey",
            "K7M4-Q2XP",
            "http://127.0.0.1:3000/s/big-send-survey/return",
            "2026-12-27",
        );
        outbox::queue(&db, resume.clone()).await.unwrap();

        let round = mailer.deliver_due(&db, Utc::now()).await.unwrap();
        assert_eq!(
            round,
            Round {
                sent: 2,
                ..Round::default()
            }
        );

        let got = sink.received();
        assert_eq!(got.len(), 2);
        let (update_mail, resume_mail) = (&got[0], &got[1]);
        assert_eq!(update_mail["authenticated"], true, "credentials were sent");
        assert_eq!(update_mail["tls"], false, "security none is plain text");
        assert_eq!(update_mail["rcpt_tos"][0], "parent@example.com");
        assert_eq!(update_mail["mail_from"], "send@demo-borough.example");
        let headers = &update_mail["headers"];
        assert_eq!(headers["From"], FROM);
        assert_eq!(headers["To"], "parent@example.com");
        assert_eq!(
            headers["Subject"],
            sent.subject.as_str(),
            "non-ASCII subject survives"
        );
        assert_eq!(headers["Content-Language"], "pl");
        assert_eq!(
            headers["List-Unsubscribe"],
            format!("<{}>", sent.unsubscribe.as_deref().unwrap())
        );
        assert_eq!(
            headers["List-Unsubscribe-Post"],
            "List-Unsubscribe=One-Click"
        );
        let id = headers["Message-ID"].as_str().unwrap();
        assert!(
            id.starts_with("<heard.") && id.ends_with("@demo-borough.example>"),
            "{id}"
        );
        assert_eq!(update_mail["content_type"], "multipart/alternative");
        assert_eq!(
            lines(update_mail["text"].as_str().unwrap()),
            lines(&sent.body_text)
        );
        assert_eq!(
            lines(update_mail["html"].as_str().unwrap()),
            lines(sent.body_html.as_deref().unwrap())
        );

        // A message nobody opted in to has no unsubscribe headers and no HTML.
        assert_eq!(resume_mail["headers"]["Subject"], resume.subject.as_str());
        assert!(resume_mail["headers"].get("List-Unsubscribe").is_none());
        assert_eq!(resume_mail["content_type"], "text/plain");
        assert_eq!(
            lines(resume_mail["text"].as_str().unwrap()),
            lines(&resume.body_text)
        );
        assert!(resume_mail["html"].is_null());

        for message in stored(&db).await {
            assert!(message.sent_at.is_some());
            assert_eq!(message.attempts, 1);
            assert!(message.claim_token.is_none() && message.last_error.is_none());
            // Sent, the row keeps no address, code, link or body.
            assert_eq!(message.to_address, "");
            assert_eq!(message.body_text, "");
            assert!(message.body_html.is_none() && message.list_unsubscribe.is_none());
        }
        // Nothing is sent twice.
        let again = mailer
            .deliver_due(&db, Utc::now() + Duration::days(1))
            .await
            .unwrap();
        assert_eq!(again, Round::default());
        assert_eq!(sink.received().len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_waits_while_the_server_is_down_and_goes_when_it_is_back() {
    on_each_backend(|db, _| async move {
        let port = free_port();
        let config = smtp_config(port, None);
        outbox::queue(&db, update("parent@example.com", 7))
            .await
            .unwrap();

        let now = Utc::now();
        let down = Mailer::from_config(&config).unwrap();
        let round = down.deliver_due(&db, now).await.unwrap();
        assert_eq!(
            round,
            Round {
                retrying: 1,
                ..Round::default()
            }
        );
        let waiting = stored(&db).await.remove(0);
        assert_eq!(waiting.attempts, 1);
        assert!(waiting.sent_at.is_none() && waiting.failed_at.is_none());
        assert!(waiting.last_error.is_some());
        assert_eq!(
            waiting.next_attempt_at.timestamp(),
            (now + Duration::minutes(1)).timestamp()
        );

        // Not due yet: nobody tries again before the backoff is over.
        assert_eq!(down.deliver_due(&db, now).await.unwrap(), Round::default());

        // The server comes back, and so does Heard: a new process (a new
        // mailer) finds the message in the table and sends it.
        let sink = Sink::start(port, None);
        let restarted = Mailer::from_config(&config).unwrap();
        let later = now + Duration::seconds(61);
        let round = restarted.deliver_due(&db, later).await.unwrap();
        assert_eq!(
            round,
            Round {
                sent: 1,
                ..Round::default()
            }
        );
        let got = sink.received();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0]["rcpt_tos"][0], "parent@example.com");
        let sent = stored(&db).await.remove(0);
        assert_eq!(sent.attempts, 2);
        assert!(sent.sent_at.is_some() && sent.last_error.is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_send_each_message_once() {
    on_each_backend(|db, _| async move {
        let port = free_port();
        let sink = Sink::start(port, None);
        const MESSAGES: usize = 40;
        for n in 0..MESSAGES {
            outbox::queue(&db, update(&format!("parent{n}@example.com"), n))
                .await
                .unwrap();
        }
        // Two servers: each its own mailer and connection pool use.
        let config = smtp_config(port, None);
        let (one, two) = (
            Mailer::from_config(&config).unwrap(),
            Mailer::from_config(&config).unwrap(),
        );
        let now = Utc::now();
        let (db1, db2) = (db.clone(), db.clone());
        let (a, b) = tokio::join!(
            tokio::spawn(async move { one.deliver_due(&db1, now).await.unwrap() }),
            tokio::spawn(async move { two.deliver_due(&db2, now).await.unwrap() }),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sent + b.sent, MESSAGES, "{a:?} {b:?}");
        assert_eq!(a.retrying + b.retrying + a.given_up + b.given_up, 0);

        let got = sink.received();
        assert_eq!(got.len(), MESSAGES, "each message exactly once");
        let mut ids: Vec<&str> = got
            .iter()
            .map(|m| m["headers"]["Message-ID"].as_str().unwrap())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), MESSAGES);
        assert!(
            stored(&db)
                .await
                .iter()
                .all(|m| m.sent_at.is_some() && m.attempts == 1)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_refusal_is_given_up_at_once() {
    on_each_backend(|db, _| async move {
        let port = free_port();
        let sink = Sink::start(port, None);
        let mailer = Mailer::from_config(&smtp_config(port, None)).unwrap();
        outbox::queue(&db, update("refuse@example.com", 1))
            .await
            .unwrap();
        outbox::queue(&db, update("not an address", 2))
            .await
            .unwrap();
        let now = Utc::now();
        let round = mailer.deliver_due(&db, now).await.unwrap();
        assert_eq!(
            round,
            Round {
                given_up: 2,
                ..Round::default()
            }
        );
        for message in stored(&db).await {
            assert!(message.failed_at.is_some() && message.sent_at.is_none());
            // Given up, the row keeps neither the address nor the bodies,
            // and the error does not quote the address.
            let error = message.last_error.unwrap();
            assert!(!error.contains("refuse@example.com"), "{error}");
            assert_eq!(
                (message.to_address.as_str(), message.body_text.as_str()),
                ("", "")
            );
            assert!(message.body_html.is_none() && message.list_unsubscribe.is_none());
        }
        assert!(
            stored(&db).await[0]
                .last_error
                .as_deref()
                .unwrap()
                .contains("550")
        );
        assert_eq!(
            mailer
                .deliver_due(&db, now + Duration::days(3))
                .await
                .unwrap(),
            Round::default()
        );
        assert!(sink.received().is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_each_message_is_an_eml_file_in_the_outbox_folder() {
    on_each_backend(|db, _| async move {
        let data_dir =
            std::env::temp_dir().join(format!("heard-data-{}", uuid::Uuid::new_v4().simple()));
        let config = Config {
            data_dir: data_dir.clone(),
            ..Config::default()
        };
        let mailer = Mailer::from_config(&config).unwrap();
        let id = outbox::queue(&db, update("parent@example.com", 3))
            .await
            .unwrap();
        let round = mailer.deliver_due(&db, Utc::now()).await.unwrap();
        assert_eq!(round.sent, 1);
        let file = data_dir.join("outbox").join(format!("{id:08}-update.eml"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("To: parent@example.com"), "{text}");
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(text.contains("Content-Type: multipart/alternative"));
        assert_eq!(
            std::fs::read_dir(data_dir.join("outbox")).unwrap().count(),
            1
        );
        std::fs::remove_dir_all(&data_dir).ok();
    })
    .await;
}

async fn update_requests(db: &DatabaseConnection) -> Vec<update_request::Model> {
    update_request::Entity::find().all(db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_click_unsubscribe_deletes_the_address() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut family = Browser::new(&router);
        family
            .complete_demo_with(&form, &[("email", "carer@example.com")])
            .await;
        let mut other = Browser::new(&router);
        other
            .complete_demo_with(&form, &[("email", "other@example.com")])
            .await;
        let requests = update_requests(&state.db).await;
        assert_eq!(requests.len(), 2);
        let token = requests
            .iter()
            .find(|r| r.email == "carer@example.com")
            .unwrap()
            .token
            .clone();
        let link = app::paths::unsubscribe(&token);

        // Opening the link changes nothing: it asks.
        let mut reader = Browser::new(&router);
        let page = reader.get(&link).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Stop email updates"));
        assert!(page.body.contains("Big SEND Survey 2026"));
        assert!(page.body.contains(&format!(r#"action="{link}""#)));
        assert_eq!(update_requests(&state.db).await.len(), 2);

        // The mail provider's one-click post: no cookie, no Origin, multipart.
        let boundary = "heard-boundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--{boundary}--\r\n"
        );
        let one_click = Request::post(&link)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(axum::body::Body::from(body))
            .unwrap();
        let reply = Browser::new(&router).send(one_click).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let left = update_requests(&state.db).await;
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].email, "other@example.com");

        // Again, and from the page's button: harmless, and it says so.
        let pressed = reader.post(&link, &[]).await;
        assert_eq!(pressed.status, StatusCode::SEE_OTHER);
        assert_eq!(pressed.location(), app::paths::UNSUBSCRIBED);
        let done = reader.get(app::paths::UNSUBSCRIBED).await;
        assert!(done.body.contains("We have deleted your email address"));
        let gone = reader.get(&link).await;
        assert!(gone.body.contains("You will not get any more emails"));
        assert_eq!(update_requests(&state.db).await.len(), 1);

        // A malformed token is not a page.
        let bad = reader.get("/updates/unsubscribe/nope").await;
        assert_eq!(bad.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_respondent_deletes_their_address_with_their_receipt_code() {
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        let mut family = Browser::new(&router);
        let code = family
            .complete_demo_with(&form, &[("email", "sam.jones@example.com")])
            .await;

        // Later, on another device, with only the receipt code.
        let mut later = Browser::new(&router);
        let opened = later
            .post(&format!("{SURVEY}/return"), &[("code", &code)])
            .await;
        assert_eq!(opened.location(), format!("{SURVEY}/your-answers"));
        let answers = later.get(&format!("{SURVEY}/your-answers")).await;
        assert!(
            answers.body.contains("s…@example.com"),
            "the address, partly hidden"
        );
        assert!(!answers.body.contains("sam.jones"));
        // An update on its way to the address, and one to someone else.
        let request = update_requests(&state.db).await.remove(0);
        outbox::queue(
            &state.db,
            Message {
                response: Some(request.response_id),
                ..update("sam.jones@example.com", 1)
            },
        )
        .await
        .unwrap();
        outbox::queue(&state.db, update("someone.else@example.com", 2))
            .await
            .unwrap();

        let forgot = later
            .post(&format!("{SURVEY}/your-answers/email"), &[])
            .await;
        assert_eq!(forgot.status, StatusCode::SEE_OTHER);
        assert_eq!(
            forgot.location(),
            format!("{SURVEY}/your-answers?email=deleted")
        );
        assert!(update_requests(&state.db).await.is_empty());
        // Its mail went with it; other people's did not.
        let left: Vec<String> = stored(&state.db)
            .await
            .into_iter()
            .map(|m| m.to_address)
            .collect();
        assert_eq!(left, ["someone.else@example.com"]);
        let after = later.get(forgot.location()).await;
        assert!(after.body.contains("We have deleted your email address"));
        assert!(!after.body.contains("s…@example.com"));

        // Without an opened receipt, the post goes to "Use your code".
        let stranger = Browser::new(&router)
            .post(&format!("{SURVEY}/your-answers/email"), &[])
            .await;
        assert_eq!(stranger.location(), format!("{SURVEY}/return"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_go_when_the_survey_s_retention_period_ends() {
    use app::server::{entities::survey, store::updates};
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    on_each_backend(|db, _| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        Browser::new(&router)
            .complete_demo_with(&form, &[("email", "carer@example.com")])
            .await;
        let now = Utc::now();
        // Open, or closed less than the period ago: kept.
        assert_eq!(
            updates::purge_expired(&state.db, now, 365).await.unwrap(),
            0
        );
        let close = |days: i64| {
            survey::Entity::update_many()
                .col_expr(
                    survey::Column::ClosesAt,
                    Expr::value(now - Duration::days(days)),
                )
                .filter(survey::Column::Slug.eq("big-send-survey"))
                .exec(&state.db)
        };
        close(300).await.unwrap();
        assert_eq!(
            updates::purge_expired(&state.db, now, 365).await.unwrap(),
            0
        );
        assert_eq!(update_requests(&state.db).await.len(), 1);
        // Closed more than a year ago: the address is deleted.
        close(400).await.unwrap();
        assert_eq!(
            updates::purge_expired(&state.db, now, 365).await.unwrap(),
            1
        );
        assert!(update_requests(&state.db).await.is_empty());
    })
    .await;
}
