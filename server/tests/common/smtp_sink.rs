//! A real SMTP server for mail tests: `support/smtp_sink.py` (aiosmtpd) on a
//! loopback port, in plain text or with TLS, writing each message it
//! accepts as JSON. Shared by `mail.rs` and `mail_tls.rs`.

use app::server::{entities::outbox as row, store::outbox::Message};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use serde_json::Value;
use server::config::{Config, Smtp, SmtpSecurity};
use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
};

/// How the sink secures its connections.
#[derive(Debug, Clone, Copy)]
pub enum SinkTls<'a> {
    /// Offers STARTTLS with this certificate and key, and refuses mail
    /// until the client has used it.
    Starttls { cert: &'a Path, key: &'a Path },
    /// TLS from the first byte, as SMTP on port 465 does.
    Wrapper { cert: &'a Path, key: &'a Path },
}

/// aiosmtpd on a loopback port, writing each message it accepts as JSON.
pub struct Sink {
    child: Child,
    dir: PathBuf,
}

impl Sink {
    /// A plain-text sink, asking for these credentials when given.
    pub fn start(port: u16, credentials: Option<(&str, &str)>) -> Sink {
        Sink::launch(port, credentials, None)
    }

    /// A sink that speaks TLS with a certificate the test made.
    pub fn start_tls(port: u16, tls: SinkTls<'_>) -> Sink {
        Sink::launch(port, None, Some(tls))
    }

    fn launch(port: u16, credentials: Option<(&str, &str)>, tls: Option<SinkTls<'_>>) -> Sink {
        let python = std::env::var("SMTP_SINK_PYTHON").unwrap_or_else(|_| {
            format!(
                "{}/.cache/heard/venv/bin/python",
                std::env::var("HOME").unwrap()
            )
        });
        let dir =
            std::env::temp_dir().join(format!("heard-smtp-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut command = Command::new(&python);
        command
            .arg(script)
            .args(["--port", &port.to_string(), "--out"])
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        if let Some((user, password)) = credentials {
            command.args(["--user", user, "--password", password]);
        }
        match tls {
            Some(SinkTls::Starttls { cert, key }) => {
                command
                    .arg("--tls-cert")
                    .arg(cert)
                    .arg("--tls-key")
                    .arg(key);
            }
            Some(SinkTls::Wrapper { cert, key }) => {
                command
                    .arg("--tls-cert")
                    .arg(cert)
                    .arg("--tls-key")
                    .arg(key)
                    .arg("--tls-wrapper");
            }
            None => {}
        }
        let mut child = command.spawn().unwrap_or_else(|err| {
            panic!("cannot start the SMTP sink with {python} ({err}); `make tool-smtp-sink` installs aiosmtpd")
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start");
        Sink { child, dir }
    }

    /// Every message received, oldest first.
    pub fn received(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// A loopback port nothing listens on (for a moment).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A "You said, we did" update to `to`, numbered `n`: plain text with a
/// link, HTML, and a one-click unsubscribe address.
pub fn update(to: &str, n: usize) -> Message {
    Message {
        kind: "update",
        to: to.to_owned(),
        locale: "pl".to_owned(),
        subject: format!("Co zrobiliśmy dzięki Twoim opiniom ({n})"),
        body_text: format!(
            "Powiedzieliście, zrobiliśmy: {n}.\nZobacz: http://127.0.0.1:3000/you-said-we-did"
        ),
        body_html: Some(format!("<p>Powiedzieliście, <b>zrobiliśmy</b>: {n}.</p>")),
        unsubscribe: Some(format!("http://127.0.0.1:3000/updates/unsubscribe/{n:032}")),
        response: None,
        link: None,
    }
}

/// Every outbox row, oldest first.
pub async fn stored(db: &DatabaseConnection) -> Vec<row::Model> {
    row::Entity::find()
        .order_by_asc(row::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// The sender every mail test uses.
pub const FROM: &str = "Heard <send@demo-borough.example>";

/// Settings that send to the sink on `port` in plain text, with these
/// credentials when given.
pub fn smtp_config(port: u16, credentials: Option<(&str, &str)>) -> Config {
    Config {
        smtp: Smtp {
            host: Some("127.0.0.1".to_owned()),
            port,
            username: credentials.map(|c| c.0.to_owned()),
            password: credentials.map(|c| c.1.to_owned()),
            security: SmtpSecurity::None,
            from: FROM.to_owned(),
            ca_file: None,
        },
        ..Config::default()
    }
}
