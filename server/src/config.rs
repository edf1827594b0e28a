//! Configuration: defaults, then `heard.toml` (or `HEARD_CONFIG`), then
//! `HEARD_*` environment variables and `DATABASE_URL`.
//!
//! Every value is checked at start-up; a bad one stops the server with a
//! message that names the setting, rather than failing on the first request.

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use lettre::transport::smtp::client::{Certificate, CertificateStore, TlsParameters};
use serde::{Deserialize, Serialize};
use std::{net::SocketAddr, path::PathBuf};

/// Heard's settings. See README.md, "Configuration", for each one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address and port to listen on.
    pub bind: SocketAddr,
    /// Where the embedded database and the mail outbox live.
    pub data_dir: PathBuf,
    /// The public address people use, for links in emails and QR codes.
    /// Defaults to `http://{bind}`.
    pub base_url: Option<String>,
    /// `sqlite://…` or `postgres://…`. Defaults to a SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// The interface language when neither `?lang=`, the cookie nor the browser chooses one.
    pub default_locale: String,
    /// Counts below this are never shown (small-number suppression).
    pub suppression_threshold: u64,
    /// Days saved answers are kept after their last change, then deleted.
    pub draft_days: u32,
    /// The first admin's address, used once: when the database has no
    /// account at all, this admin is created and a link to set a password
    /// is printed.
    pub admin_email: String,
    /// Minutes an officer's session lasts without use.
    pub session_idle_minutes: u32,
    /// Hours a session lasts at most, however busy.
    pub session_max_hours: u32,
    /// Where cargo-leptos put the compiled site (`pkg/` and static files).
    pub site_root: PathBuf,
    /// Outgoing mail.
    pub smtp: Smtp,
    /// Minutes "You said, we did" news waits for more before the digest
    /// email goes (0: at the next round, within a minute).
    pub digest_minutes: u32,
    /// Days after a survey closes that the addresses given for updates
    /// about it are kept, then deleted.
    pub contact_days: u32,
    /// Reverse proxies (addresses or CIDR networks) whose `Forwarded` and
    /// `X-Forwarded-For` headers name the client. A list in `heard.toml`,
    /// or separated by commas in `HEARD_TRUSTED_PROXIES`.
    #[serde(deserialize_with = "one_or_many")]
    pub trusted_proxies: Vec<String>,
    /// The header those proxies write: `x-forwarded-for` or `forwarded`.
    pub forwarded_header: ForwardedHeader,
}

/// The header trusted proxies write (the other is never believed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForwardedHeader {
    XForwardedFor,
    Forwarded,
}

impl From<ForwardedHeader> for app::server::client::ForwardedHeader {
    fn from(h: ForwardedHeader) -> Self {
        match h {
            ForwardedHeader::XForwardedFor => Self::XForwardedFor,
            ForwardedHeader::Forwarded => Self::Forwarded,
        }
    }
}

/// A list, or one string of items separated by commas (as an environment
/// variable gives it).
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        OneOrMany::Many(v) => v,
    })
}

/// SMTP settings. With no host, mail is written to `data_dir/outbox/` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: Option<String>,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `starttls`, `tls` or `none`.
    pub security: SmtpSecurity,
    /// The From address on every message.
    pub from: String,
    /// A PEM file of extra root certificates to trust besides the public
    /// (webpki) roots: councils' own mail relays often present a
    /// certificate from an internal CA that no public root vouches for.
    pub ca_file: Option<PathBuf>,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 3000)),
            data_dir: PathBuf::from("./data"),
            base_url: None,
            database_url: None,
            default_locale: "en".to_owned(),
            suppression_threshold: 10,
            draft_days: 28,
            admin_email: "admin@localhost".to_owned(),
            session_idle_minutes: 30,
            session_max_hours: 12,
            site_root: PathBuf::from("target/site"),
            smtp: Smtp {
                host: None,
                port: 587,
                username: None,
                password: None,
                security: SmtpSecurity::Starttls,
                from: "Heard <no-reply@localhost>".to_owned(),
                ca_file: None,
            },
            digest_minutes: 5,
            contact_days: 365,
            trusted_proxies: Vec::new(),
            forwarded_header: ForwardedHeader::XForwardedFor,
        }
    }
}

/// A setting that could not be used, named so the operator can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Parse(#[from] Box<figment::Error>),
    #[error("configuration: {setting} {problem}")]
    Invalid {
        setting: &'static str,
        problem: String,
    },
}

impl Config {
    /// Reads defaults, the optional TOML file and the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("HEARD_CONFIG").unwrap_or_else(|_| "heard.toml".to_owned());
        Self::from_figment(
            Figment::from(Serialized::defaults(Config::default()))
                .merge(Toml::file(file))
                .merge(Env::prefixed("HEARD_").ignore(&["CONFIG"]).split("__"))
                .merge(
                    Env::raw()
                        .only(&["DATABASE_URL"])
                        .map(|_| "database_url".into()),
                ),
        )
    }

    /// Extracts and checks a configuration from any figment (tests build their own).
    pub fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let config: Config = figment.extract().map_err(Box::new)?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), ConfigError> {
        if !app::i18n_support::locale_codes().any(|code| code == self.default_locale) {
            return Err(ConfigError::Invalid {
                setting: "HEARD_DEFAULT_LOCALE",
                problem: format!(
                    "must be one of {}, not {:?}",
                    app::i18n_support::locale_codes()
                        .collect::<Vec<_>>()
                        .join(", "),
                    self.default_locale
                ),
            });
        }
        if !(1..=365).contains(&self.draft_days) {
            return Err(ConfigError::Invalid {
                setting: "HEARD_DRAFT_DAYS",
                problem: format!("must be from 1 to 365 days, not {}", self.draft_days),
            });
        }
        if !(5..=24 * 60).contains(&self.session_idle_minutes) {
            return Err(ConfigError::Invalid {
                setting: "HEARD_SESSION_IDLE_MINUTES",
                problem: format!(
                    "must be from 5 to 1440 minutes, not {}",
                    self.session_idle_minutes
                ),
            });
        }
        if !(1..=7 * 24).contains(&self.session_max_hours) {
            return Err(ConfigError::Invalid {
                setting: "HEARD_SESSION_MAX_HOURS",
                problem: format!(
                    "must be from 1 to 168 hours, not {}",
                    self.session_max_hours
                ),
            });
        }
        if self.suppression_threshold == 0 {
            return Err(ConfigError::Invalid {
                setting: "HEARD_SUPPRESSION_THRESHOLD",
                problem: "must be at least 1".to_owned(),
            });
        }
        if let Some(url) = &self.base_url {
            let ok = url.parse::<http::Uri>().is_ok_and(|u| {
                matches!(u.scheme_str(), Some("http" | "https")) && u.authority().is_some()
            });
            if !ok {
                return Err(ConfigError::Invalid {
                    setting: "HEARD_BASE_URL",
                    problem: format!("must be an http:// or https:// address, not {url:?}"),
                });
            }
        }
        self.mail_from()?;
        self.smtp_ca_certificates()?;
        self.trusted_proxies()?;
        if !(1..=3650).contains(&self.contact_days) {
            return Err(ConfigError::Invalid {
                setting: "HEARD_CONTACT_DAYS",
                problem: format!("must be from 1 to 3650 days, not {}", self.contact_days),
            });
        }
        if self.digest_minutes > 24 * 60 {
            return Err(ConfigError::Invalid {
                setting: "HEARD_DIGEST_MINUTES",
                problem: format!(
                    "must be from 0 to 1440 minutes, not {}",
                    self.digest_minutes
                ),
            });
        }
        if let Some(url) = &self.database_url
            && !(url.starts_with("sqlite:")
                || url.starts_with("postgres://")
                || url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                setting: "DATABASE_URL",
                problem: "must start with sqlite:, postgres:// or postgresql://".to_owned(),
            });
        }
        Ok(())
    }

    /// The database to use: the configured URL, or a SQLite file in `data_dir`.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("heard.db").display()
            )
        })
    }

    /// The trusted proxies as networks: a bare address is a network of one.
    pub fn trusted_proxies(&self) -> Result<Vec<ipnet::IpNet>, ConfigError> {
        self.trusted_proxies
            .iter()
            .map(|item| {
                item.parse::<ipnet::IpNet>()
                    .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| ConfigError::Invalid {
                        setting: "HEARD_TRUSTED_PROXIES",
                        problem: format!(
                            "must be addresses or networks such as 10.0.0.0/8 or ::1, not {item:?}"
                        ),
                    })
            })
            .collect()
    }

    /// The From address on every message Heard sends.
    pub fn mail_from(&self) -> Result<lettre::message::Mailbox, ConfigError> {
        self.smtp.from.parse().map_err(|_| ConfigError::Invalid {
            setting: "HEARD_SMTP__FROM",
            problem: format!(
                "must be an address such as \"Heard <send@council.example>\", not {:?}",
                self.smtp.from
            ),
        })
    }

    /// The extra roots in `smtp.ca_file`, one per certificate in the file
    /// (none when it is unset). Each is tried as a trust anchor here, so a
    /// file that is missing, unreadable or not certificates stops the
    /// server at start-up rather than failing every delivery later.
    pub fn smtp_ca_certificates(&self) -> Result<Vec<Certificate>, ConfigError> {
        let Some(path) = &self.smtp.ca_file else {
            return Ok(Vec::new());
        };
        let invalid = |problem: String| ConfigError::Invalid {
            setting: "HEARD_SMTP__CA_FILE",
            problem,
        };
        if self.smtp.security == SmtpSecurity::None {
            // Without TLS no certificate is ever checked: the operator who
            // set a CA file expects a secured connection, so say so.
            return Err(invalid(
                "is set but HEARD_SMTP__SECURITY is none, so it would never be used; \
                 choose starttls or tls"
                    .to_owned(),
            ));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|err| invalid(format!("cannot be read ({}): {err}", path.display())))?;
        let blocks = pem_certificates(&text);
        if blocks.is_empty() {
            return Err(invalid(format!(
                "holds no PEM certificate (-----BEGIN CERTIFICATE-----): {}",
                path.display()
            )));
        }
        blocks
            .into_iter()
            .enumerate()
            .map(|(n, block)| {
                let unusable = |err: lettre::transport::smtp::Error| {
                    invalid(format!(
                        "certificate {} in {} cannot be used: {err}",
                        n + 1,
                        path.display()
                    ))
                };
                let certificate = Certificate::from_pem(block.as_bytes()).map_err(unusable)?;
                // Parsing the DER happens only when a root store takes it.
                TlsParameters::builder("localhost".to_owned())
                    .certificate_store(CertificateStore::None)
                    .add_root_certificate(certificate.clone())
                    .build()
                    .map_err(unusable)?;
                Ok(certificate)
            })
            .collect()
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_owned()
    }
}

/// Each `CERTIFICATE` block in a PEM file, markers included; anything else
/// in the file (comments, other kinds of block) is ignored, as rustls does.
fn pem_certificates(text: &str) -> Vec<&str> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let Some(len) = rest[start..].find(END) else {
            // An unterminated block: from_pem reports it as broken.
            blocks.push(&rest[start..]);
            break;
        };
        let end = start + len + END.len();
        blocks.push(&rest[start..end]);
        rest = &rest[end..];
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        for (key, value) in pairs {
            figment = figment.merge(Toml::string(&format!("{key} = {value}")));
        }
        Config::from_figment(figment)
    }

    #[test]
    fn defaults_are_valid_and_documented_values() {
        let config = with(&[]).unwrap();
        assert_eq!(config.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(config.suppression_threshold, 10);
        assert_eq!(config.database_url(), "sqlite://./data/heard.db?mode=rwc");
        assert_eq!(config.base_url(), "http://127.0.0.1:3000");
    }

    #[test]
    fn trusted_proxies_are_a_list_or_a_comma_separated_string() {
        let config = with(&[("trusted_proxies", r#"["10.0.0.0/8", "::1"]"#)]).unwrap();
        assert_eq!(
            config.trusted_proxies().unwrap(),
            vec!["10.0.0.0/8".parse().unwrap(), "::1/128".parse().unwrap()]
        );
        let config = with(&[("trusted_proxies", r#"" 192.0.2.7, 10.1.2.3/8 ""#)]).unwrap();
        assert_eq!(
            config.trusted_proxies().unwrap(),
            vec![
                "192.0.2.7/32".parse().unwrap(),
                "10.0.0.0/8".parse().unwrap()
            ]
        );
        let err = with(&[("trusted_proxies", r#""10.0.0.0/8, proxy.local""#)])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("HEARD_TRUSTED_PROXIES") && err.contains("proxy.local"),
            "{err}"
        );
    }

    #[test]
    fn the_forwarded_header_is_named() {
        assert_eq!(
            with(&[]).unwrap().forwarded_header,
            ForwardedHeader::XForwardedFor
        );
        let config = with(&[("forwarded_header", r#""forwarded""#)]).unwrap();
        assert_eq!(config.forwarded_header, ForwardedHeader::Forwarded);
        assert!(with(&[("forwarded_header", r#""x-real-ip""#)]).is_err());
    }

    #[test]
    fn bad_values_name_the_setting() {
        let err = with(&[("suppression_threshold", "\"lots\"")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("suppression_threshold"), "{err}");
        let err = with(&[("bind", "\"nowhere\"")]).unwrap_err().to_string();
        assert!(err.contains("bind"), "{err}");
        let err = with(&[("default_locale", "\"xx\"")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("HEARD_DEFAULT_LOCALE"), "{err}");
        let err = with(&[("base_url", "\"ftp://x\"")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("HEARD_BASE_URL"), "{err}");
        let err = with(&[("suppression_threshold", "0")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("HEARD_SUPPRESSION_THRESHOLD"), "{err}");
        let err = with(&[("smtp", "{ from = \"not an address\" }")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("HEARD_SMTP__FROM"), "{err}");
        let err = with(&[("unknown_setting", "1")]).unwrap_err().to_string();
        assert!(err.contains("unknown_setting"), "{err}");
    }

    #[test]
    fn pem_files_are_split_into_their_certificates() {
        let one = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
        let key = "-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----";
        let text = format!("# roots\n{one}\n{key}\n\n{one}\n");
        assert_eq!(pem_certificates(&text), vec![one, one]);
        assert!(pem_certificates(key).is_empty());
        let cut = "-----BEGIN CERTIFICATE-----\nAAAA\n";
        assert_eq!(pem_certificates(&format!("{one}\n{cut}")), vec![one, cut]);
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API fixes the error type.
    fn the_smtp_ca_file_must_hold_certificates_and_needs_tls() {
        figment::Jail::expect_with(|jail| {
            let pem = |name: &str| {
                rcgen::generate_simple_self_signed(vec![name.to_owned()])
                    .unwrap()
                    .cert
                    .pem()
            };
            jail.create_file(
                "ca.pem",
                &format!("{}{}", pem("relay.council.example"), pem("127.0.0.1")),
            )?;
            jail.create_file("empty.pem", "")?;
            jail.set_env("HEARD_SMTP__CA_FILE", "ca.pem");
            let config = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(config.smtp.ca_file, Some(PathBuf::from("ca.pem")));
            assert_eq!(config.smtp_ca_certificates().unwrap().len(), 2);

            jail.set_env("HEARD_SMTP__SECURITY", "none");
            let err = Config::load().unwrap_err().to_string();
            assert!(
                err.contains("HEARD_SMTP__CA_FILE") && err.contains("HEARD_SMTP__SECURITY"),
                "{err}"
            );

            jail.set_env("HEARD_SMTP__SECURITY", "tls");
            jail.set_env("HEARD_SMTP__CA_FILE", "empty.pem");
            let err = Config::load().unwrap_err().to_string();
            assert!(
                err.contains("HEARD_SMTP__CA_FILE") && err.contains("no PEM certificate"),
                "{err}"
            );

            jail.set_env("HEARD_SMTP__CA_FILE", "missing.pem");
            let err = Config::load().unwrap_err().to_string();
            assert!(
                err.contains("HEARD_SMTP__CA_FILE") && err.contains("missing.pem"),
                "{err}"
            );
            Ok(())
        });
        assert!(
            with(&[])
                .unwrap()
                .smtp_ca_certificates()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API fixes the error type.
    fn environment_overrides_the_file() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "heard.toml",
                "bind = \"127.0.0.1:5000\"\nsuppression_threshold = 5",
            )?;
            jail.set_env("HEARD_BIND", "127.0.0.1:4000");
            jail.set_env("HEARD_SMTP__PORT", "2525");
            jail.set_env("DATABASE_URL", "postgres://postgres@127.0.0.1/x");
            let config = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(config.bind.to_string(), "127.0.0.1:4000");
            assert_eq!(config.suppression_threshold, 5);
            assert_eq!(config.smtp.port, 2525);
            assert_eq!(config.database_url(), "postgres://postgres@127.0.0.1/x");
            Ok(())
        });
    }
}
