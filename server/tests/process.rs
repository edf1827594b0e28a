//! Issue 16's battery against the real server binary, run as a child
//! process and spoken to over TCP with a real HTTP client: `kill -9` under
//! a load of sends (every acknowledged response stored exactly once, on
//! SQLite and PostgreSQL), and a soak of mixed traffic (no errors, flat
//! memory).
//!
//! Each simulated client sends its own `X-Forwarded-For` (the server trusts
//! 127.0.0.1 as a proxy), so the per-client limits on starts and kiosk
//! sends never refuse the load.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "support/process.rs"]
mod process;

use app::{
    paths,
    server::{
        entities::{answer, dropin_response, response},
        testing,
    },
};
use common::SURVEY;
use http::{Method, StatusCode};
use process::{
    CSS, Kiosk, Server, Stats, Visitor, demo_targets, env_or, http_client, journey, kiosk_send,
    rss_kib,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QuerySelect, Statement};
use std::{
    collections::{HashMap, HashSet},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering::Relaxed},
    },
    time::{Duration, Instant},
};

/// The two tests load the same two cores: never at the same time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A send the server acknowledged.
struct Acked {
    token: String,
    kiosk: bool,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_sends_survive_kill_9_exactly_once() {
    let _serial = SERIAL.lock().await;
    let rounds = env_or("HEARD_KILL_ROUNDS", 1);
    let seconds = env_or("HEARD_KILL_SECONDS", 10);
    kill_under_load("SQLite", None, rounds, seconds).await;
    let Some((name, url, admin)) = testing::create_postgres_database().await else {
        return;
    };
    let run = tokio::spawn(kill_under_load("PostgreSQL", Some(url), rounds, seconds)).await;
    testing::drop_postgres_database(&admin, &name).await;
    if let Err(err) = run {
        std::panic::resume_unwind(err.into_panic());
    }
}

/// Six kiosks and two people on the demo survey send for `seconds`; the
/// server is killed with SIGKILL `rounds` times under that load and
/// started again on the same database, and once more when the load ends.
/// A send that got no answer is sent again, as a person would.
async fn kill_under_load(label: &str, database_url: Option<String>, rounds: u64, seconds: u64) {
    let mut server = Server::start(database_url).await;
    let (kiosk, who, before) = demo_targets(&server.database_url).await;
    let (kiosk, who) = (Arc::new(kiosk), Arc::new(who));
    let (http, base) = (http_client(), server.base());
    let stats = Arc::new(Stats::default());
    let acked = Arc::new(Mutex::new(Vec::<Acked>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..8)
        .map(|n| {
            let (kiosk, who, http, base) = (kiosk.clone(), who.clone(), http.clone(), base.clone());
            let (stats, acked, stop) = (stats.clone(), acked.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Relaxed) {
                    let mut v = Visitor::new(&http, &base, true, &stats);
                    let is_kiosk = n < 6;
                    let sent = if is_kiosk {
                        kiosk_send(&mut v, &kiosk).await
                    } else {
                        journey(&mut v, &who).await
                    };
                    let token = sent.unwrap_or_else(|e| panic!("{e}"));
                    let sent = Acked {
                        token,
                        kiosk: is_kiosk,
                    };
                    acked.lock().unwrap().push(sent);
                }
            })
        })
        .collect();
    let began = Instant::now();
    let total = Duration::from_secs(seconds);
    let mut kills = 0;
    for round in 1..=rounds {
        let at = total * u32::try_from(round).unwrap() / u32::try_from(rounds + 1).unwrap();
        tokio::time::sleep_until((began + at).into()).await;
        // Kill only under load: sends acknowledged by this run of the server.
        let since = acked.lock().unwrap().len();
        let deadline = Instant::now() + Duration::from_secs(60);
        while acked.lock().unwrap().len() < since + 5 && !workers.iter().any(|w| w.is_finished()) {
            assert!(
                Instant::now() < deadline,
                "{label}: no sends acknowledged for 60 s"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill_9();
        kills += 1;
        server.launch().await;
    }
    tokio::time::sleep_until((began + total).into()).await;
    stop.store(true, Relaxed);
    for worker in workers {
        if let Err(err) = worker.await {
            std::panic::resume_unwind(err.into_panic());
        }
    }
    let elapsed = began.elapsed().as_secs_f64();
    server.kill_9();
    kills += 1;

    let acked = std::mem::take(&mut *acked.lock().unwrap());
    let kiosk_sends = acked.iter().filter(|a| a.kiosk).count();
    println!(
        "{label}: {} sends acknowledged ({kiosk_sends} kiosk, {} whole journeys) in {elapsed:.1} s \
         with {kills} kill -9s ({rounds} under load, 1 after it); {} requests answered, {} tries \
         unanswered and sent again, {} resent kiosk forms found already stored",
        acked.len(),
        acked.len() - kiosk_sends,
        stats.requests.load(Relaxed),
        stats.unanswered.load(Relaxed),
        stats.found_stored.load(Relaxed),
    );
    assert!(
        kiosk_sends > 0 && acked.len() > kiosk_sends,
        "{label}: too little load"
    );
    let db = app::server::db::connect(&server.database_url)
        .await
        .unwrap();
    check_exactly_once(label, &db, &acked, &kiosk, before).await;
    db.close().await.unwrap();
}

/// Every acknowledged send is stored exactly once, with its answers and
/// (for a kiosk) its session; nothing else was stored; the tallies agree
/// with the answers, so no send was half-written or counted twice.
async fn check_exactly_once(
    label: &str,
    db: &DatabaseConnection,
    acked: &[Acked],
    kiosk: &Kiosk,
    before: u64,
) {
    let stored: Vec<(i64, String)> = response::Entity::find()
        .select_only()
        .columns([response::Column::Id, response::Column::SubmissionToken])
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    let mut by_token: HashMap<&str, Vec<i64>> = HashMap::new();
    for (id, token) in &stored {
        by_token.entry(token.as_str()).or_default().push(*id);
    }
    let twice: Vec<_> = by_token.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(twice.is_empty(), "{label}: stored twice: {twice:?}");
    let tokens: HashSet<&str> = acked.iter().map(|a| a.token.as_str()).collect();
    assert_eq!(
        tokens.len(),
        acked.len(),
        "{label}: a token acknowledged twice"
    );
    let missing = acked
        .iter()
        .filter(|a| !by_token.contains_key(a.token.as_str()))
        .count();
    assert_eq!(missing, 0, "{label}: acknowledged but not stored");
    // Every send was retried until acknowledged, so the load stored no more.
    let stored_by_load = stored.len() as u64 - before;
    assert_eq!(
        stored_by_load,
        acked.len() as u64,
        "{label}: responses stored by the load"
    );

    let sessions: HashMap<i64, i32> = dropin_response::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.response_id, d.session_id))
        .collect();
    let answer_rows: Vec<i64> = answer::Entity::find()
        .select_only()
        .column(answer::Column::ResponseId)
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    let mut answers: HashMap<i64, usize> = HashMap::new();
    for id in answer_rows {
        *answers.entry(id).or_default() += 1;
    }
    for sent in acked {
        let id = by_token[sent.token.as_str()][0];
        let n = answers.get(&id).copied().unwrap_or_default();
        if sent.kiosk {
            assert_eq!(
                sessions.get(&id),
                Some(&kiosk.session_id),
                "{label}: session of {id}"
            );
            assert_eq!(
                n,
                kiosk.answers.len(),
                "{label}: answers of kiosk response {id}"
            );
        } else {
            assert!(n >= 1, "{label}: journey response {id} has no answers");
        }
    }

    // Tallies against the answers: people per question, rows per option.
    for (what, tally, key, count) in [
        (
            "question",
            "question_tally",
            "question_id",
            "COUNT(DISTINCT response_id)",
        ),
        ("option", "option_tally", "option_id", "COUNT(*)"),
    ] {
        let sql = format!(
            "SELECT COUNT(*) AS bad FROM (
               SELECT x.k FROM (SELECT {key} AS k, {count} AS c FROM answer
                                WHERE {key} IS NOT NULL GROUP BY {key}) x
               LEFT JOIN {tally} t ON t.{key} = x.k WHERE COALESCE(t.n, 0) <> x.c
               UNION ALL
               SELECT t.{key} FROM {tally} t WHERE t.n <> 0
                 AND NOT EXISTS (SELECT 1 FROM answer a WHERE a.{key} = t.{key})
             ) wrong"
        );
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        let bad: i64 = row.try_get("", "bad").unwrap();
        assert_eq!(
            bad, 0,
            "{label}: {what} tallies that disagree with the answers"
        );
    }
}

/// One kind of request in the soak's mix.
#[derive(Clone)]
enum Step {
    Get(String, StatusCode),
    Missing,
    Kiosk,
    Journey,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a soak of HEARD_SOAK_SECONDS (default 600); `make security` runs it"]
async fn mixed_traffic_soaks_without_errors_or_growth() {
    let _serial = SERIAL.lock().await;
    let seconds = env_or("HEARD_SOAK_SECONDS", 600);
    let server = Server::start(None).await;
    let (kiosk, who, _) = demo_targets(&server.database_url).await;
    let (kiosk, who) = (Arc::new(kiosk), Arc::new(who));
    let (http, base) = (http_client(), server.base());
    let stats = Arc::new(Stats::default());

    // The demo's results are shown only when the survey says so: whichever
    // status the first request gets, every later one must get too.
    let results = paths::results("big-send-survey");
    let mut probe = Visitor::new(&http, &base, false, &stats);
    let results_status = probe
        .fetch(Method::GET, &results, &[])
        .await
        .unwrap()
        .status;
    assert!(
        matches!(results_status.as_u16(), 200 | 404),
        "{results}: {results_status}"
    );
    let css = probe.get("/pkg/heard.css", StatusCode::OK).await.unwrap();
    assert_eq!(css.body, CSS, "the static file");
    let ok = |path: &str| Step::Get(path.to_owned(), StatusCode::OK);
    let mix = Arc::new(vec![
        ok(SURVEY),
        Step::Kiosk,
        ok(paths::YOU_SAID_WE_DID),
        ok(paths::BOARD_FEED),
        Step::Missing,
        Step::Get(results, results_status),
        ok("/pkg/heard.css"),
        Step::Journey,
        ok(&kiosk.path),
        ok(&kiosk.thanks),
    ]);

    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(Mutex::new((0u64, Vec::<String>::new())));
    let began = Instant::now();
    let pid = server.pid();
    // Every few seconds: (seconds since the start, RSS in KiB).
    let sampler = {
        let stop = stop.clone();
        let every = Duration::from_secs((seconds / 60).clamp(1, 5));
        tokio::spawn(async move {
            let mut samples = Vec::new();
            while !stop.load(Relaxed) {
                samples.push((began.elapsed().as_secs_f64(), rss_kib(pid).unwrap()));
                tokio::time::sleep(every).await;
            }
            samples
        })
    };
    let workers: Vec<_> = (0..8usize)
        .map(|w| {
            let (kiosk, who, http, base) = (kiosk.clone(), who.clone(), http.clone(), base.clone());
            let (stats, stop, errors, mix) =
                (stats.clone(), stop.clone(), errors.clone(), mix.clone());
            tokio::spawn(async move {
                let mut n = w;
                while !stop.load(Relaxed) {
                    let mut v = Visitor::new(&http, &base, false, &stats);
                    let done = match &mix[n % mix.len()] {
                        Step::Get(path, want) => v.get(path, *want).await.map(drop),
                        Step::Missing => {
                            let path = format!("/no-such-page/{n}");
                            v.get(&path, StatusCode::NOT_FOUND).await.map(drop)
                        }
                        Step::Kiosk => kiosk_send(&mut v, &kiosk).await.map(drop),
                        Step::Journey => journey(&mut v, &who).await.map(drop),
                    };
                    if let Err(err) = done {
                        let mut errors = errors.lock().unwrap();
                        errors.0 += 1;
                        if errors.1.len() < 10 {
                            errors.1.push(err);
                        }
                    }
                    n += 1;
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Relaxed);
    for worker in workers {
        worker.await.unwrap();
    }
    let elapsed = began.elapsed().as_secs_f64();
    let samples = sampler.await.unwrap();
    let requests = stats.requests.load(Relaxed);
    let (error_count, first_errors) = std::mem::take(&mut *errors.lock().unwrap());
    println!(
        "soak: {requests} requests in {elapsed:.0} s ({:.0} req/s), {error_count} errors",
        requests as f64 / elapsed
    );

    // Flat memory: the largest RSS in the last third may exceed the RSS at
    // the end of the first third (after warm-up: caches filled, pools
    // open) by at most 20% + 16 MiB.
    let third = elapsed / 3.0;
    let mib = |kib: u64| kib as f64 / 1024.0;
    let warm = samples.iter().rev().find(|(t, _)| *t <= third).unwrap().1;
    let late: Vec<u64> = samples
        .iter()
        .filter(|(t, _)| *t >= 2.0 * third)
        .map(|s| s.1)
        .collect();
    let late_max = *late.iter().max().expect("samples in the last third");
    let limit = warm + warm / 5 + 16 * 1024;
    let all_max = samples.iter().map(|s| s.1).max().unwrap();
    println!(
        "soak RSS (MiB, {} samples): first {:.1}, end of first third {:.1}, max of last third \
         {:.1} (limit {:.1}), max {:.1}, last {:.1}",
        samples.len(),
        mib(samples[0].1),
        mib(warm),
        mib(late_max),
        mib(limit),
        mib(all_max),
        mib(samples.last().unwrap().1),
    );
    assert_eq!(error_count, 0, "unexpected answers: {first_errors:#?}");
    assert!(requests > 0);
    assert!(late_max <= limit, "memory grew: {samples:?}");
}
