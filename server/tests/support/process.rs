//! The real server binary as a child process, and respondents speaking
//! to it over TCP with hyper-util's client: what `tests/process.rs` drives.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use super::common::{SURVEY, hidden, key, question};
use app::{
    paths,
    server::{entities::response, store::surveys},
};
use http::{Method, Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::{TokioExecutor, TokioTimer},
};
use sea_orm::{EntityTrait, PaginatorTrait};
use std::{
    collections::HashMap,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicU32, AtomicU64, Ordering::Relaxed},
    },
    time::{Duration, Instant},
};

/// The next simulated client's address (10.0.0.1, 10.0.0.2, ...).
pub static NEXT_CLIENT: AtomicU32 = AtomicU32::new(1);
/// The static file the soak fetches from `/pkg`.
pub const CSS: &str = "body { font-family: sans-serif; }\n";

pub fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
    })
}

/// The server binary as a child process, on a loopback port and a data
/// directory of its own; killed (and its directory removed) when dropped.
pub struct Server {
    child: Option<Child>,
    dir: PathBuf,
    port: u16,
    pub database_url: String,
    starts: u32,
}

impl Server {
    /// Starts `serve --demo` on SQLite in its data directory, or on
    /// `database_url`, and waits until it accepts connections.
    pub async fn start(database_url: Option<String>) -> Server {
        let dir =
            std::env::temp_dir().join(format!("heard-process-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(dir.join("site/pkg")).unwrap();
        std::fs::write(dir.join("site/pkg/heard.css"), CSS).unwrap();
        let database_url = database_url.unwrap_or_else(|| {
            let file = dir.join("data/heard.db");
            format!("sqlite://{}?mode=rwc", file.display())
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Server {
            child: None,
            dir,
            port,
            database_url,
            starts: 0,
        };
        server.launch().await;
        server
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    pub fn log(&self) -> String {
        let path = self.dir.join(format!("server-{}.log", self.starts));
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// Runs the binary again on the same port and database.
    pub async fn launch(&mut self) {
        self.starts += 1;
        let log =
            std::fs::File::create(self.dir.join(format!("server-{}.log", self.starts))).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
        cmd.args(["serve", "--demo"]);
        // The configuration refuses unknown HEARD_* settings (this test's own).
        for (name, _) in std::env::vars().filter(|(k, _)| k.starts_with("HEARD_")) {
            cmd.env_remove(name);
        }
        cmd.env("HEARD_CONFIG", self.dir.join("absent.toml"))
            .env("HEARD_BIND", format!("127.0.0.1:{}", self.port))
            .env("HEARD_DATA_DIR", self.dir.join("data"))
            .env("HEARD_SITE_ROOT", self.dir.join("site"))
            .env("HEARD_TRUSTED_PROXIES", "127.0.0.1")
            .env("DATABASE_URL", &self.database_url)
            .env("RUST_LOG", "warn,sqlx=warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        self.child = Some(cmd.spawn().unwrap());
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("the server stopped ({status}):\n{}", self.log());
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no server after 180 s:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL (what `Child::kill` sends on Unix): no shutdown code runs.
    pub fn kill_9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill_9();
        if std::thread::panicking() {
            eprintln!("server logs kept in {}", self.dir.display());
        } else {
            std::fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// Requests answered, tries that got no answer (connection errors), and
/// kiosk forms that, sent again, found their response already stored (the
/// server died between storing it and answering).
#[derive(Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub unanswered: AtomicU64,
    pub found_stored: AtomicU64,
}

pub type Http = Client<HttpConnector, Full<Bytes>>;

pub fn http_client() -> Http {
    // Idle connections are dropped well before the server's 10 s idle cut-off.
    Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(Duration::from_secs(3))
        .build_http()
}

/// What came back.
pub struct Got {
    pub status: StatusCode,
    pub location: String,
    pub body: String,
}

/// One respondent: their own address behind the proxy, and their cookies.
pub struct Visitor {
    http: Http,
    base: String,
    ip: String,
    cookies: HashMap<String, String>,
    /// Retry a request that got no answer (the server is down or restarting)
    /// for up to two minutes, as a person pressing the button again would.
    patient: bool,
    stats: Arc<Stats>,
}

impl Visitor {
    pub fn new(http: &Http, base: &str, patient: bool, stats: &Arc<Stats>) -> Visitor {
        let n = NEXT_CLIENT.fetch_add(1, Relaxed);
        Visitor {
            http: http.clone(),
            base: base.to_owned(),
            ip: format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
            cookies: HashMap::new(),
            patient,
            stats: stats.clone(),
        }
    }

    fn request(&self, method: &Method, path: &str, form: Option<&str>) -> Request<Full<Bytes>> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("x-forwarded-for", &self.ip);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, jar.join("; "));
        }
        if form.is_some() {
            req = req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin");
        }
        let body = Bytes::from(form.unwrap_or_default().to_owned());
        req.body(Full::new(body)).unwrap()
    }

    async fn once(&mut self, req: Request<Full<Bytes>>) -> Result<Got, String> {
        let res = self.http.request(req).await.map_err(|e| format!("{e:?}"))?;
        let status = res.status();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        for set in res.headers().get_all(header::SET_COOKIE) {
            let cookie = cookie::Cookie::parse(set.to_str().unwrap().to_owned()).unwrap();
            if cookie.max_age().is_some_and(|a| a.is_zero()) || cookie.value().is_empty() {
                self.cookies.remove(cookie.name());
            } else {
                let (name, value) = (cookie.name().to_owned(), cookie.value().to_owned());
                self.cookies.insert(name, value);
            }
        }
        let body = res
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{e:?}"))?;
        let body = String::from_utf8_lossy(&body.to_bytes()).replace("<!>", "");
        Ok(Got {
            status,
            location,
            body,
        })
    }

    pub async fn fetch(
        &mut self,
        method: Method,
        path: &str,
        pairs: &[(&str, &str)],
    ) -> Result<Got, String> {
        let form = (method == Method::POST).then(|| {
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish()
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let req = self.request(&method, path, form.as_deref());
            let got = tokio::time::timeout(Duration::from_secs(30), self.once(req)).await;
            match got.unwrap_or_else(|_| Err("no answer in 30 s".to_owned())) {
                Ok(got) => {
                    self.stats.requests.fetch_add(1, Relaxed);
                    return Ok(got);
                }
                Err(err) => {
                    self.stats.unanswered.fetch_add(1, Relaxed);
                    if !self.patient || Instant::now() > deadline {
                        return Err(format!("{method} {path}: {err}"));
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }

    pub async fn get(&mut self, path: &str, want: StatusCode) -> Result<Got, String> {
        expect(self.fetch(Method::GET, path, &[]).await?, want, path)
    }

    pub async fn post(&mut self, path: &str, pairs: &[(&str, &str)]) -> Result<Got, String> {
        let got = self.fetch(Method::POST, path, pairs).await?;
        expect(got, StatusCode::SEE_OTHER, path)
    }
}

fn expect(got: Got, want: StatusCode, path: &str) -> Result<Got, String> {
    if got.status == want {
        Ok(got)
    } else {
        let body: String = got.body.chars().take(400).collect();
        Err(format!(
            "{path}: {} where {want} was expected: {body}",
            got.status
        ))
    }
}

/// A demo drop-in session's kiosk and a complete set of answers for it.
pub struct Kiosk {
    pub path: String,
    pub thanks: String,
    pub session_id: i32,
    pub answers: Vec<(String, String)>,
}

/// What the load needs from the demo: a kiosk, the field of "Who is
/// answering" on the demo survey's first page, and how many responses
/// there are before the load.
pub async fn demo_targets(url: &str) -> (Kiosk, String, u64) {
    let db = app::server::db::connect(url).await.unwrap();
    let (session, answers) = super::common::first_kiosk(&db).await;
    let demo = surveys::load_public(&db, "big-send-survey")
        .await
        .unwrap()
        .form("en");
    let who = question(&demo, key::WHO).field();
    let responses = response::Entity::find().count(&db).await.unwrap();
    db.close().await.unwrap();
    let kiosk = Kiosk {
        path: paths::kiosk(&session.code),
        thanks: paths::kiosk_thanks(&session.code),
        session_id: session.id,
        answers,
    };
    (kiosk, who, responses)
}

/// Fills in and sends the kiosk's form. Returns the submission token, once
/// the `303` to the thank-you page (the acknowledgement) has come back.
pub async fn kiosk_send(v: &mut Visitor, kiosk: &Kiosk) -> Result<String, String> {
    let form = v.get(&kiosk.path, StatusCode::OK).await?;
    let ticket = hidden(&form.body, "token");
    let mut pairs = vec![("token", ticket.as_str())];
    pairs.extend(kiosk.answers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let sent = v.post(&kiosk.path, &pairs).await?;
    if !sent.location.starts_with(&kiosk.thanks) {
        return Err(format!("kiosk send led to {:?}", sent.location));
    }
    // A new send's thank-you names its language; a resent form's does not.
    if !sent.location.contains("?lang=") {
        v.stats.found_stored.fetch_add(1, Relaxed);
    }
    Ok(ticket.split('.').next().unwrap().to_owned())
}

/// The whole demo survey as a professional (the shortest way through),
/// as `common::Browser::complete_demo` answers it. Returns the draft's
/// token (the response's), once the `303` to "done" has come back.
pub async fn journey(v: &mut Visitor, who: &str) -> Result<String, String> {
    let mut at = v.post(SURVEY, &[("consent", "yes")]).await?.location;
    at = v
        .post(&at, &[(who, "professional"), ("action", "continue")])
        .await?
        .location;
    let check = paths::check("big-send-survey");
    while at != check {
        at = v.post(&at, &[("action", "continue")]).await?.location;
    }
    let page = v.get(&check, StatusCode::OK).await?;
    let token = hidden(&page.body, "token");
    let sent = v.post(&check, &[("token", &token)]).await?;
    if sent.location != paths::done("big-send-survey") {
        return Err(format!("sending led to {:?}", sent.location));
    }
    Ok(token)
}

/// The resident memory of process `pid`, in KiB.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}
