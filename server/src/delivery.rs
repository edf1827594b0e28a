//! Delivering the outbox. Every server runs a worker that claims due
//! messages one at a time under a lease, sends each by SMTP (or, with no
//! SMTP server configured, writes it as an `.eml` file and logs it), and
//! records the result: sent, retry later with exponential backoff, or given
//! up. Nothing is lost when the mail server is down or the process stops,
//! and a message is sent once however many servers share the database.
//!
//! A server that dies between handing a message to SMTP and recording it
//! sends it again once the lease lapses (at least once, never silently
//! dropped); the Message-ID stays the same, so mail systems can spot it.

use crate::config::{Config, ConfigError, SmtpSecurity};
use app::server::{
    entities::outbox as row,
    store::outbox::{self, Attempt},
};
use chrono::{DateTime, Duration, Utc};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    message::{
        Mailbox, MultiPart,
        header::{ContentType, HeaderName, HeaderValue},
    },
    transport::smtp::{
        authentication::Credentials,
        client::{CertificateStore, Tls, TlsParameters, TlsParametersBuilder},
    },
};
use sea_orm::{DatabaseConnection, DbErr};
use std::{path::PathBuf, sync::Arc};

/// How long a claim lasts: longer than any one SMTP exchange may take.
const LEASE: Duration = Duration::minutes(10);
/// SMTP commands that take longer than this count as a failed attempt.
const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// Messages looked at per round.
const BATCH: u64 = 50;
/// How often a worker looks for due messages.
const POLL: std::time::Duration = std::time::Duration::from_secs(5);
/// Attempts before giving up: with the backoff, a little over a day.
pub const MAX_ATTEMPTS: i32 = 12;

/// The wait after the `attempts`th failure: 1, 2, 4 … minutes, at most 12 hours.
pub fn backoff(attempts: i32) -> Duration {
    let doubling = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(10);
    Duration::minutes(1 << doubling).min(Duration::hours(12))
}

/// Why one message could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("the recipient is not an address mail can be sent to")]
    Address,
    #[error("the message could not be built: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// `error` without `address` in it.
fn redact(error: &str, address: &str) -> String {
    if address.is_empty() {
        error.to_owned()
    } else {
        error.replace(address, "[address]")
    }
}

impl DeliveryError {
    /// Trying again would fail the same way.
    fn is_permanent(&self) -> bool {
        match self {
            DeliveryError::Address | DeliveryError::Build(_) => true,
            DeliveryError::Smtp(err) => err.is_permanent(),
            DeliveryError::File { .. } => false,
        }
    }
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// The embedded default: one `.eml` file per message.
    Files(PathBuf),
}

/// What one round of delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retrying: usize,
    pub given_up: usize,
    /// Messages another worker claimed first.
    pub taken: usize,
}

/// Sends outbox messages through the configured transport.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// The site's public address, for the one-time links made as
    /// invitations and resets are sent.
    base_url: String,
}

impl Mailer {
    /// SMTP when a host is configured, otherwise files in `data_dir/outbox/`.
    pub fn from_config(config: &Config) -> Result<Mailer, ConfigError> {
        let from = config.mail_from()?;
        let smtp = &config.smtp;
        let Some(host) = smtp.host.as_deref() else {
            return Ok(Mailer::files(
                config.data_dir.join("outbox"),
                from,
                config.base_url(),
            ));
        };
        // What lettre's `relay` and `starttls_relay` build, with the extra
        // roots of `smtp.ca_file` added to the webpki ones they trust.
        let tls = |wrap: fn(TlsParameters) -> Tls| -> Result<Tls, ConfigError> {
            let roots = config.smtp_ca_certificates()?;
            let setting = if roots.is_empty() {
                "HEARD_SMTP__HOST"
            } else {
                "HEARD_SMTP__CA_FILE"
            };
            let parameters = roots
                .into_iter()
                .fold(
                    TlsParameters::builder(host.to_owned())
                        .certificate_store(CertificateStore::Default),
                    TlsParametersBuilder::add_root_certificate,
                )
                .build()
                .map_err(|err| ConfigError::Invalid {
                    setting,
                    problem: err.to_string(),
                })?;
            Ok(wrap(parameters))
        };
        let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host);
        let builder = match smtp.security {
            SmtpSecurity::Tls => builder.tls(tls(Tls::Wrapper)?),
            SmtpSecurity::Starttls => builder.tls(tls(Tls::Required)?),
            // A relay on the same machine: `builder_dangerous` is plain text.
            SmtpSecurity::None => builder,
        }
        .port(smtp.port)
        .timeout(Some(SMTP_TIMEOUT));
        let builder = match (&smtp.username, &smtp.password) {
            (Some(user), Some(password)) => {
                builder.credentials(Credentials::new(user.clone(), password.clone()))
            }
            _ => builder,
        };
        Ok(Mailer {
            transport: Transport::Smtp(builder.build()),
            from,
            base_url: config.base_url(),
        })
    }

    /// Writes each message as a file in `dir` instead of sending it.
    pub fn files(dir: PathBuf, from: Mailbox, base_url: String) -> Mailer {
        Mailer {
            transport: Transport::Files(dir),
            from,
            base_url,
        }
    }

    /// Sends every message due at `now` that no other worker holds.
    pub async fn deliver_due(
        &self,
        db: &DatabaseConnection,
        now: DateTime<Utc>,
    ) -> Result<Round, DbErr> {
        let mut round = Round::default();
        for message in outbox::due(db, now, BATCH).await? {
            let token = uuid::Uuid::new_v4().to_string();
            let message_id = message.id;
            if !outbox::claim(db, message.id, &token, now, now + LEASE).await? {
                round.taken += 1;
                continue;
            }
            let Some(message) = app::server::mail::with_link(db, message, &self.base_url).await?
            else {
                round.given_up += 1;
                let gone = "the account is gone or switched off".to_owned();
                outbox::record(db, message_id, &token, now, Attempt::GiveUp(gone)).await?;
                continue;
            };
            let attempt = match self.send(&message).await {
                Ok(()) => {
                    round.sent += 1;
                    Attempt::Sent
                }
                Err(err) => {
                    let attempts = message.attempts + 1;
                    // Servers quote the address back ("<x@y>: no such
                    // mailbox"); neither the row nor the log keeps it.
                    let error = redact(&err.to_string(), &message.to_address);
                    tracing::warn!(id = message.id, kind = %message.kind, attempts, %error, "mail not delivered");
                    if err.is_permanent() || attempts >= MAX_ATTEMPTS {
                        round.given_up += 1;
                        Attempt::GiveUp(error)
                    } else {
                        round.retrying += 1;
                        Attempt::RetryAt(now + backoff(attempts), error)
                    }
                }
            };
            outbox::record(db, message.id, &token, now, attempt).await?;
        }
        Ok(round)
    }

    /// The message as it goes out, headers and all.
    pub fn build(&self, message: &row::Model) -> Result<lettre::Message, DeliveryError> {
        let to: Mailbox = message
            .to_address
            .parse()
            .map_err(|_| DeliveryError::Address)?;
        let mut builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .date(message.created_at.into())
            // The same for every attempt, so a repeat can be recognised.
            .message_id(Some(format!(
                "<heard.{}.{}@{}>",
                message.id,
                message.created_at.timestamp(),
                self.from.email.domain()
            )))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                message.locale.clone(),
            ));
        if let Some(url) = &message.list_unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let built = match &message.body_html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                message.body_text.clone(),
                html.clone(),
            ))?,
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(message.body_text.clone())?,
        };
        Ok(built)
    }

    async fn send(&self, message: &row::Model) -> Result<(), DeliveryError> {
        let email = self.build(message)?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(email).await?;
            }
            Transport::Files(dir) => {
                let path = dir.join(format!("{:08}-{}.eml", message.id, message.kind));
                write_file(dir, &path, &email.formatted())
                    .await
                    .map_err(|source| DeliveryError::File {
                        path: path.clone(),
                        source,
                    })?;
                tracing::info!(path = %path.display(), kind = %message.kind, "mail written to the outbox folder (no SMTP server configured)");
            }
        }
        Ok(())
    }
}

/// Writes whole or not at all: a reader never sees half a message.
async fn write_file(
    dir: &std::path::Path,
    path: &std::path::Path,
    bytes: &[u8],
) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let partial = path.with_extension("eml.partial");
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, path).await
}

/// Delivers due mail every few seconds for as long as the server runs.
pub fn spawn(db: DatabaseConnection, mailer: Arc<Mailer>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match mailer.deliver_due(&db, Utc::now()).await {
                Ok(round) if round != Round::default() => {
                    tracing::info!(?round, "mail delivery round");
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "could not read the outbox"),
            }
        }
    });
}

/// How often digests of "You said, we did" news are looked for.
const DIGEST_POLL: std::time::Duration = std::time::Duration::from_secs(30);

/// Queues due update digests every half minute; the mail worker sends them.
pub fn spawn_digests(db: DatabaseConnection, digest: app::server::digest::Digest) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(DIGEST_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match app::server::confirm_updates::queue_due(&db, &digest.base_url, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    emails = n,
                    "queued emails asking to confirm addresses for updates"
                ),
                Err(err) => tracing::warn!(error = %err, "could not queue confirmation emails"),
            }
            match digest.queue_due(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(digests = n, "queued \"You said, we did\" update emails"),
                Err(err) => tracing::warn!(error = %err, "could not queue update emails"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_a_minute_up_to_twelve_hours() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(16));
        assert_eq!(backoff(11), Duration::hours(12));
        assert_eq!(backoff(40), Duration::hours(12));
        let total: i64 = (1..MAX_ATTEMPTS).map(|a| backoff(a).num_minutes()).sum();
        assert!((24 * 60..4 * 24 * 60).contains(&total), "{total}");
    }
}
