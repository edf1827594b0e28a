//! Mail over TLS to a real SMTP server (aiosmtpd via `support/smtp_sink.py`)
//! whose certificate no public root vouches for, as a council relay with an
//! internal CA has: with `smtp.ca_file` naming it, STARTTLS (and TLS from
//! the first byte) delivers and the server saw a TLS session; without it,
//! or for another host name, nothing is sent and the message waits for a
//! retry; a `ca_file` that is missing or holds no certificate stops the
//! server at start-up. The certificates are made fresh by each test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::server::{store::outbox, testing::on_each_backend};
use chrono::{Duration, Utc};
use common::smtp_sink::{FROM, Sink, SinkTls, free_port, stored, update};
use figment::{
    Figment,
    providers::{Format, Serialized, Toml},
};
use sea_orm::DatabaseConnection;
use server::{
    config::{Config, ConfigError},
    delivery::{Mailer, Round},
};
use std::path::{Path, PathBuf};

const TO: &str = "parent@example.com";

/// A certificate for 127.0.0.1 signed by nobody but itself, its key, and a
/// CA file as an operator would write it: another root first, then ours,
/// so every certificate in the file must be trusted, not just the first.
struct TestCertificate {
    dir: PathBuf,
    cert: PathBuf,
    key: PathBuf,
    ca_file: PathBuf,
}

impl TestCertificate {
    fn new() -> TestCertificate {
        let dir = std::env::temp_dir().join(format!("heard-tls-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let server = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
        let other =
            rcgen::generate_simple_self_signed(vec!["relay.other.invalid".to_owned()]).unwrap();
        let (cert, key, ca_file) = (
            dir.join("sink.pem"),
            dir.join("sink.key"),
            dir.join("council-ca.pem"),
        );
        std::fs::write(&cert, server.cert.pem()).unwrap();
        std::fs::write(&key, server.signing_key.serialize_pem()).unwrap();
        std::fs::write(
            &ca_file,
            format!(
                "# The council's internal roots\n{}\n{}",
                other.cert.pem(),
                server.cert.pem()
            ),
        )
        .unwrap();
        TestCertificate {
            dir,
            cert,
            key,
            ca_file,
        }
    }

    fn starttls(&self) -> SinkTls<'_> {
        SinkTls::Starttls {
            cert: &self.cert,
            key: &self.key,
        }
    }
}

impl Drop for TestCertificate {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// The configuration as an operator writes it in `heard.toml`, checked as
/// at start-up.
fn config(
    host: &str,
    port: u16,
    security: &str,
    ca_file: Option<&Path>,
) -> Result<Config, ConfigError> {
    let mut toml = format!(
        "[smtp]\nhost = {host:?}\nport = {port}\nsecurity = {security:?}\nfrom = {FROM:?}\n"
    );
    if let Some(path) = ca_file {
        toml.push_str(&format!("ca_file = {:?}\n", path.display().to_string()));
    }
    Config::from_figment(
        Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(&toml)),
    )
}

/// The one message, sent: over TLS, to its recipient, and recorded as sent.
fn assert_sent_over_tls(sink: &Sink) {
    let got = sink.received();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["tls"], true, "the session was encrypted: {}", got[0]);
    let version = got[0]["tls_version"].as_str().unwrap();
    assert!(matches!(version, "TLSv1.2" | "TLSv1.3"), "{version}");
    assert_eq!(got[0]["rcpt_tos"][0], TO);
    assert_eq!(got[0]["mail_from"], "send@demo-borough.example");
}

/// The one message was not sent, and waits whole for its next attempt.
async fn assert_waiting(db: &DatabaseConnection, now: chrono::DateTime<Utc>) -> String {
    let rows = stored(db).await;
    assert_eq!(rows.len(), 1);
    let waiting = &rows[0];
    assert_eq!(waiting.attempts, 1);
    assert!(waiting.sent_at.is_none(), "not marked sent");
    assert!(waiting.failed_at.is_none(), "not given up");
    assert!(waiting.claim_token.is_none(), "the claim is released");
    assert_eq!(
        waiting.next_attempt_at.timestamp(),
        (now + Duration::minutes(1)).timestamp(),
        "retried after the first backoff"
    );
    // Not lost: the address and body are kept for the retry.
    assert_eq!(waiting.to_address, TO);
    assert_eq!(waiting.body_text, update(TO, 1).body_text);
    waiting.last_error.clone().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_to_a_relay_with_an_internal_ca_delivers_over_tls() {
    on_each_backend(|db, _| async move {
        let certificate = TestCertificate::new();
        let port = free_port();
        let sink = Sink::start_tls(port, certificate.starttls());
        let config = config("127.0.0.1", port, "starttls", Some(&certificate.ca_file)).unwrap();
        assert_eq!(config.smtp_ca_certificates().unwrap().len(), 2);
        let mailer = Mailer::from_config(&config).unwrap();
        outbox::queue(&db, update(TO, 1)).await.unwrap();

        let round = mailer.deliver_due(&db, Utc::now()).await.unwrap();
        assert_eq!(
            round,
            Round {
                sent: 1,
                ..Round::default()
            }
        );
        assert_sent_over_tls(&sink);
        let sent = stored(&db).await.remove(0);
        assert!(sent.sent_at.is_some() && sent.last_error.is_none());
        assert_eq!(sent.attempts, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_from_the_first_byte_trusts_the_ca_file_too() {
    on_each_backend(|db, _| async move {
        let certificate = TestCertificate::new();
        let port = free_port();
        let sink = Sink::start_tls(
            port,
            SinkTls::Wrapper {
                cert: &certificate.cert,
                key: &certificate.key,
            },
        );
        let config = config("127.0.0.1", port, "tls", Some(&certificate.ca_file)).unwrap();
        let mailer = Mailer::from_config(&config).unwrap();
        outbox::queue(&db, update(TO, 1)).await.unwrap();
        let round = mailer.deliver_due(&db, Utc::now()).await.unwrap();
        assert_eq!(round.sent, 1, "{round:?}");
        assert_sent_over_tls(&sink);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_certificate_sends_nothing_and_the_message_waits() {
    on_each_backend(|db, _| async move {
        let certificate = TestCertificate::new();
        let port = free_port();
        let sink = Sink::start_tls(port, certificate.starttls());
        outbox::queue(&db, update(TO, 1)).await.unwrap();

        // Only the public roots: the relay's certificate is refused.
        let untrusted =
            Mailer::from_config(&config("127.0.0.1", port, "starttls", None).unwrap()).unwrap();
        let now = Utc::now();
        let round = untrusted.deliver_due(&db, now).await.unwrap();
        assert_eq!(
            round,
            Round {
                retrying: 1,
                ..Round::default()
            }
        );
        assert!(sink.received().is_empty(), "nothing reached the server");
        let error = assert_waiting(&db, now).await;
        assert!(
            error.contains("invalid peer certificate") && error.contains("UnknownIssuer"),
            "{error}"
        );

        // The operator adds the council's CA; the next attempt goes, over TLS.
        let trusted = Mailer::from_config(
            &config("127.0.0.1", port, "starttls", Some(&certificate.ca_file)).unwrap(),
        )
        .unwrap();
        let round = trusted
            .deliver_due(&db, now + Duration::seconds(61))
            .await
            .unwrap();
        assert_eq!(round.sent, 1, "{round:?}");
        assert_sent_over_tls(&sink);
        let sent = stored(&db).await.remove(0);
        assert_eq!(sent.attempts, 2);
        assert!(sent.sent_at.is_some() && sent.last_error.is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trusted_certificate_for_another_host_name_is_refused() {
    on_each_backend(|db, _| async move {
        let certificate = TestCertificate::new();
        let port = free_port();
        let sink = Sink::start_tls(port, certificate.starttls());
        outbox::queue(&db, update(TO, 1)).await.unwrap();
        // The same server, trusted root and all, reached as "localhost": the
        // certificate names 127.0.0.1 only, so the ca_file is no licence to
        // skip checking the name.
        let mailer = Mailer::from_config(
            &config("localhost", port, "starttls", Some(&certificate.ca_file)).unwrap(),
        )
        .unwrap();
        let now = Utc::now();
        let round = mailer.deliver_due(&db, now).await.unwrap();
        assert_eq!(round.retrying, 1, "{round:?}");
        assert!(sink.received().is_empty());
        let error = assert_waiting(&db, now).await;
        assert!(
            error.contains("not valid for name \"localhost\""),
            "{error}"
        );
    })
    .await;
}

// A runtime because lettre's connection pool needs one when it is dropped.
#[tokio::test]
async fn a_ca_file_that_is_missing_or_holds_no_certificate_stops_start_up() {
    let certificate = TestCertificate::new();
    let missing = certificate.dir.join("no-such-ca.pem");
    let err = config("127.0.0.1", 587, "starttls", Some(&missing))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("HEARD_SMTP__CA_FILE") && err.contains("no-such-ca.pem"),
        "{err}"
    );

    // A common slip: the private key named instead of the certificate.
    let err = config("127.0.0.1", 587, "starttls", Some(&certificate.key))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("HEARD_SMTP__CA_FILE") && err.contains("no PEM certificate"),
        "{err}"
    );

    // A certificate whose body is not a certificate.
    let broken = certificate.dir.join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let err = config("127.0.0.1", 587, "tls", Some(&broken))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("HEARD_SMTP__CA_FILE") && err.contains("certificate 1"),
        "{err}"
    );

    // The good file passes, for either kind of TLS.
    for security in ["starttls", "tls"] {
        let checked = config("127.0.0.1", 587, security, Some(&certificate.ca_file)).unwrap();
        assert_eq!(checked.smtp.ca_file.as_deref(), Some(&*certificate.ca_file));
        Mailer::from_config(&checked).unwrap();
    }
}
