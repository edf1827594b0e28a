//! Results at scale: seeds a 30-question survey with 100,000 responses on
//! SQLite and on PostgreSQL, then times the officer dashboard, a segment
//! filter with a cross-tab, and the full responses CSV export (rows per
//! second, and how much the process grows while it streams).
//!
//! `cargo bench -p server --bench results` (set `HEARD_BENCH_RESPONSES` for
//! another size, `HEARD_BENCH_BACKENDS=sqlite` for one backend,
//! `HEARD_BENCH_KEEP=1` to keep the SQLite file afterwards). PostgreSQL
//! is at `HEARD_TEST_POSTGRES`, as in the tests; the database is made for
//! the run and dropped afterwards. Results go to standard output as the
//! table in BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use app::{
    domain::{
        definition::SurveyDefinition,
        results::ResultsQuery,
        roles::{OfficerView, Role},
        suppression::{Audience, Rules},
        survey::QuestionKind,
    },
    server::{
        csv_export::{Chunks, ResponsesFile},
        db,
        entities::response,
        store::{self, answers::AnswerRow, definitions, surveys},
        testing,
        views::dashboard,
    },
};
use chrono::{Duration, Utc};
use migrations::MigratorTrait;
use rand::{Rng, SeedableRng, rngs::StdRng};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, NotSet};
use serde_json::json;
use std::time::Instant;

/// Timed runs of each query; the median is reported.
const RUNS: usize = 7;

/// A 30-question survey: who is answering, ten single choices (five
/// options), five multiple choices (six), four Likert, two face scales, two
/// ratings, one Friends and Family Test, three written answers, two numbers.
fn definition() -> SurveyDefinition {
    let mut questions = vec![
        json!({"key": "who", "kind": "respondent_type", "prompt": {"en": "Who is answering?"}}),
    ];
    let options = |n: usize| -> Vec<serde_json::Value> {
        (1..=n)
            .map(|i| json!({"value": format!("o{i}"), "label": {"en": format!("Option {i}")}}))
            .collect()
    };
    for i in 1..=10 {
        questions.push(json!({"key": format!("single{i}"), "kind": "single_choice",
            "prompt": {"en": format!("Single choice {i}")}, "options": options(5)}));
    }
    for i in 1..=5 {
        questions.push(
            json!({"key": format!("multi{i}"), "kind": "multiple_choice",
            "prompt": {"en": format!("Multiple choice {i}")}, "options": options(6)}),
        );
    }
    for (kind, n) in [
        ("likert", 4),
        ("face_scale", 2),
        ("rating", 2),
        ("friends_family", 1),
    ] {
        for i in 1..=n {
            questions.push(json!({"key": format!("{kind}{i}"), "kind": kind,
                "prompt": {"en": format!("{kind} {i}")}}));
        }
    }
    for i in 1..=3 {
        questions.push(json!({"key": format!("text{i}"), "kind": "long_text", "prompt": {"en": format!("Text {i}")}}));
    }
    for i in 1..=2 {
        questions.push(json!({"key": format!("number{i}"), "kind": "number", "prompt": {"en": format!("Number {i}")}}));
    }
    assert_eq!(questions.len(), 30);
    serde_json::from_value(json!({
        "format": "heard-survey", "version": 1, "slug": "bench", "default_locale": "en",
        "title": {"en": "Bench"}, "introduction": {"en": "Bench"},
        "views_statement": {"en": "Bench"}, "estimated_minutes": 10,
        "pages": [
            {"key": "one", "questions": questions[..15]},
            {"key": "two", "questions": questions[15..]},
        ],
    }))
    .unwrap()
}

const WORDS: [&str; 12] = [
    "waiting",
    "school",
    "therapy",
    "listened",
    "transport",
    "EHCP",
    "college",
    "support",
    "short breaks",
    "letters",
    "SENCo",
    "clubs",
];

/// Inserts `count` responses with answers to every question, 500 to a
/// transaction; each response's answers go through `answers::write`, as a
/// submission's do, so the tallies and packed cells are the real ones.
async fn seed(db: &DatabaseConnection, survey: &surveys::Loaded, count: usize) {
    let mut rng = StdRng::seed_from_u64(2026);
    let questions: Vec<_> = survey.questions().cloned().collect();
    let start = Utc::now() - Duration::days(365);
    let batch = 500;
    for first in (0..count).step_by(batch) {
        let txn = db::begin_write(db).await.unwrap();
        let mut rows = Vec::new();
        let mut answers = Vec::new();
        for i in first..(first + batch).min(count) {
            let id = i64::try_from(i + 1).unwrap();
            rows.push(response::ActiveModel {
                id: Set(id),
                survey_id: Set(survey.survey.id),
                submission_token: Set(format!("bench{id:027}")),
                locale: Set("en".into()),
                submitted_at: Set(start + Duration::minutes(rng.random_range(0..525_600))),
                receipt_code: Set(None),
                respondent_type: Set(None),
                updated_at: Set(None),
                packed_answers: NotSet,
            });
            let mut mine = Vec::new();
            for (q, options) in &questions {
                let kind = QuestionKind::parse(&q.kind).unwrap();
                let row =
                    |option: Option<i32>, text: Option<String>, number: Option<i64>| AnswerRow {
                        question: q.id,
                        option,
                        text,
                        number,
                    };
                // About one in ten leave an optional question unanswered.
                if rng.random_range(0..10) == 0 && kind != QuestionKind::RespondentType {
                    continue;
                }
                if kind.is_multiple() {
                    for o in options {
                        if rng.random_range(0..3) == 0 {
                            mine.push(row(Some(o.id), None, None));
                        }
                    }
                } else if kind.has_options() {
                    // Skewed, so some options are rare and get suppressed in segments.
                    let k = options.len();
                    let pick = (rng.random_range(0..k * k) as f64).sqrt() as usize;
                    mine.push(row(Some(options[k - 1 - pick.min(k - 1)].id), None, None));
                } else if kind == QuestionKind::Number {
                    mine.push(row(None, None, Some(rng.random_range(0..25))));
                } else {
                    let text = (0..rng.random_range(3..12))
                        .map(|_| WORDS[rng.random_range(0..WORDS.len())])
                        .collect::<Vec<_>>()
                        .join(" ");
                    mine.push(row(None, Some(text), None));
                }
            }
            answers.push((id, mine));
        }
        response::Entity::insert_many(rows)
            .exec(&txn)
            .await
            .unwrap();
        for (id, mine) in answers {
            store::answers::write(&txn, id, mine).await.unwrap();
        }
        txn.commit().await.unwrap();
    }
}

/// The process's resident memory, from /proc, in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The median of `RUNS` runs of `f`, in milliseconds.
async fn median_ms<F, Fut>(mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    f().await; // warm the caches once
    let mut times: Vec<f64> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        f().await;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

async fn run(name: &str, db: DatabaseConnection, count: usize) {
    let t = Instant::now();
    let saved = definitions::insert(&db, &definition()).await.unwrap();
    let loaded = surveys::load(&db, saved).await.unwrap();
    seed(&db, &loaded, count).await;
    let seeding = t.elapsed().as_secs_f64();
    // As a running server has them: Heard's hourly housekeeping refreshes
    // the planner's statistics. How long that takes is worth knowing too.
    let t = Instant::now();
    db::refresh_statistics(&db).await.unwrap();
    let analyse = t.elapsed().as_secs_f64();
    let officer = OfficerView {
        id: 1,
        email: "bench@localhost".into(),
        name: "Bench".into(),
        role: Role::Officer,
    };
    let rules = Rules::new(10, Audience::Officer);
    let id = |prompt: &str| {
        loaded
            .questions()
            .find(|(q, _)| q.prompt.resolve("en", "en").text == prompt)
            .unwrap()
            .0
            .id
    };

    let dashboard = median_ms(|| async {
        dashboard::dashboard(
            &db,
            &loaded,
            "en",
            officer.clone(),
            rules,
            ResultsQuery::default(),
        )
        .await
        .unwrap();
    })
    .await;
    let segment = ResultsQuery {
        filters: vec![
            (id("Who is answering?"), "parent-carer".into()),
            (id("Single choice 1"), "o5".into()),
        ],
        rows: Some(id("Single choice 2")),
        cols: Some(id("likert 1")),
        exact: None,
    };
    let crosstab = median_ms(|| async {
        let d = dashboard::dashboard(&db, &loaded, "en", officer.clone(), rules, segment.clone())
            .await
            .unwrap();
        assert!(d.crosstab.is_some());
    })
    .await;

    let before = rss_kib();
    let mut peak = before;
    let t = Instant::now();
    let mut file = ResponsesFile::new(db.clone(), &loaded, "en");
    let (mut bytes, mut lines) = (0usize, 0usize);
    while let Some(chunk) = file.next_chunk().await.unwrap() {
        bytes += chunk.len();
        lines += chunk.iter().filter(|&&b| b == b'\n').count();
        peak = peak.max(rss_kib());
    }
    let export = t.elapsed().as_secs_f64();
    // Written answers hold no line breaks here, so lines are rows plus the header.
    assert_eq!(lines, count + 1);
    println!("{name}: planner statistics refreshed in {analyse:.2} s");
    println!(
        "| {name} | {count} | {seeding:.0} s | {dashboard:.0} ms | {crosstab:.0} ms | {export:.2} s | {:.0} rows/s | {:.1} MB | {} MiB |",
        count as f64 / export,
        bytes as f64 / 1e6,
        (peak.saturating_sub(before)) / 1024,
    );
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("HEARD_BENCH_RESPONSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let backends =
        std::env::var("HEARD_BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    println!(
        "| Backend | Responses | Seeding | Dashboard (median of {RUNS}) | Segment + cross-tab | Export | Export rate | File | Memory growth |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    if backends.contains("sqlite") {
        let dir = std::env::temp_dir().join(format!("heard-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("heard.db").display());
        let db = db::connect(&url).await.unwrap();
        migrations::Migrator::up(&db, None).await.unwrap();
        run("SQLite", db.clone(), count).await;
        db.close().await.ok();
        // Kept on request, to read the planner's choices with the sqlite3 shell.
        if std::env::var_os("HEARD_BENCH_KEEP").is_some() {
            println!("kept {}", dir.display());
        } else {
            std::fs::remove_dir_all(&dir).ok();
        }
    }
    if backends.contains("postgres") {
        let Some((name, url, admin)) = testing::create_postgres_database().await else {
            return;
        };
        let db = db::connect(&url).await.unwrap();
        migrations::Migrator::up(&db, None).await.unwrap();
        run("PostgreSQL", db.clone(), count).await;
        db.close().await.ok();
        testing::drop_postgres_database(&admin, &name).await;
    }
}
