//! Results and analysis over HTTP, on SQLite and PostgreSQL: the officer
//! results page with segments and a cross-tab checked against answers read
//! back one response at a time, suppression and the audited exact switch,
//! and both CSV files opened with a real CSV reader.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::{
        results::{QuestionSummary, ResultsQuery},
        roles::{OfficerView, Role},
        suppression::{Audience, Rules, Shown},
        validation::{AnswerValue, Answers},
    },
    server::{
        db::begin_write,
        demo,
        entities::{answer, audit_log, response},
        state::AppState,
        store::{
            answers::{self, tallies},
            responses, surveys,
        },
        testing::on_each_backend,
        views::dashboard,
    },
};
use common::{Browser, app, demo_form, key, question, seeded};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

const RESULTS: &str = "/officer/surveys/1/results";

/// Every response's answers, read back one at a time.
async fn all_answers(
    state: &AppState,
    loaded: &surveys::Loaded,
) -> Vec<(response::Model, Answers)> {
    let mut out = Vec::new();
    for r in response::Entity::find()
        .filter(response::Column::SurveyId.eq(loaded.survey.id))
        .order_by_asc(response::Column::Id)
        .all(&state.db)
        .await
        .unwrap()
    {
        let answers = responses::answers_of(&state.db, loaded, r.id)
            .await
            .unwrap();
        out.push((r, answers));
    }
    out
}

fn chose(answers: &Answers, question: i32, value: &str) -> bool {
    matches!(answers.get(&question), Some(AnswerValue::Options(v)) if v.iter().any(|c| c == value))
}

fn officer_view() -> OfficerView {
    OfficerView {
        id: 2,
        email: "officer@demo.heard.test".into(),
        name: "Officer".into(),
        role: Role::Officer,
    }
}

#[tokio::test]
async fn segments_and_cross_tabs_count_exactly_what_was_answered() {
    on_each_backend(|db, backend| async move {
        let (_router, state) = app(db, 10).await;
        let loaded = seeded(&state).await;
        let form = demo_form(&state).await;
        let all = all_answers(&state, &loaded).await;
        let who = question(&form, key::WHO).id;
        let age = question(&form, key::AGE).id;
        let support = question(&form, key::SUPPORT).id;

        // Parents only, cross-tab of age by support, every figure exact.
        let query = ResultsQuery {
            filters: vec![(who, "parent-carer".into())],
            rows: Some(age),
            cols: Some(support),
            exact: None,
        };
        let exact = Rules::new(10, Audience::Exact);
        let d = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            exact,
            query.clone(),
        )
        .await
        .unwrap();
        let parents: Vec<&Answers> = all
            .iter()
            .filter(|(_, a)| chose(a, who, "parent-carer"))
            .map(|(_, a)| a)
            .collect();
        assert!(parents.len() > 50, "{backend:?}: {}", parents.len());
        assert_eq!(
            d.responses,
            Shown::Count(parents.len() as u64),
            "{backend:?}"
        );

        // Each choice question's option counts, in the segment.
        for q in &d.questions {
            if let QuestionSummary::Choice { id, list, .. } = q {
                let view = form.question(*id).unwrap();
                for (option, shown) in view.options.iter().zip(&list.counts) {
                    let want = parents
                        .iter()
                        .filter(|a| chose(a, *id, &option.value))
                        .count() as u64;
                    assert_eq!(
                        *shown,
                        Shown::Count(want),
                        "{backend:?} q{id} {}",
                        option.value
                    );
                }
            }
        }

        // The cross-tab, cell by cell, with its totals.
        let c = d.crosstab.expect("a cross-tab");
        let (ages, supports) = (&c.rows.options, &c.cols.options);
        for (i, (a, _)) in ages.iter().enumerate() {
            for (j, (s, _)) in supports.iter().enumerate() {
                let want = parents
                    .iter()
                    .filter(|x| chose(x, age, a) && chose(x, support, s))
                    .count() as u64;
                assert_eq!(
                    c.table.cells[i][j],
                    Shown::Count(want),
                    "{backend:?} {a} × {s}"
                );
            }
            let row = parents
                .iter()
                .filter(|x| chose(x, age, a) && x.contains_key(&support))
                .count() as u64;
            assert_eq!(c.table.row_totals[i], Shown::Count(row));
        }
        let both = parents
            .iter()
            .filter(|x| x.contains_key(&age) && x.contains_key(&support))
            .count() as u64;
        assert_eq!(c.table.total, Shown::Count(both));

        // The same as officers see it: nothing small is shown, and what is
        // shown is exact.
        let protected = Rules::new(10, Audience::Officer);
        let d = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            protected,
            ResultsQuery {
                exact: None,
                ..query
            },
        )
        .await
        .unwrap();
        let c = d.crosstab.unwrap();
        let mut hidden = 0;
        for (i, (a, _)) in c.rows.options.iter().enumerate() {
            for (j, (s, _)) in c.cols.options.iter().enumerate() {
                let want = parents
                    .iter()
                    .filter(|x| chose(x, age, a) && chose(x, support, s))
                    .count() as u64;
                match c.table.cells[i][j] {
                    Shown::Count(n) => assert!(n == want && (n == 0 || n >= 10), "{a} × {s}: {n}"),
                    _ => hidden += 1,
                }
            }
        }
        assert!(hidden > 0, "{backend:?}: the demo has small cells");

        // Filters naming other surveys' questions or unknown answers are dropped.
        let odd = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            protected,
            ResultsQuery::from_pairs([("f99999", "x"), (format!("f{who}").as_str(), "nobody")]),
        )
        .await
        .unwrap();
        assert!(odd.query.filters.is_empty());
        assert_eq!(odd.responses, Shown::Count(all.len() as u64));
    })
    .await;
}

#[tokio::test]
async fn the_results_page_filters_suppresses_and_audits_exact_figures() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let loaded = seeded(&state).await;
        let form = demo_form(&state).await;
        let who = question(&form, key::WHO).id;
        let age = question(&form, key::AGE).id;
        let need = question(&form, key::NEED).id;

        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        let page = viewer.get(RESULTS).await;
        assert_eq!(page.status, StatusCode::OK, "{backend:?}");
        assert!(page.body.contains("<dd>320</dd>"), "{}", page.body);
        assert!(page.body.contains("Responses over time"));
        assert!(page.body.contains("How far people got"));
        assert!(page.body.contains(r#"class="bar""#), "charts are SVG");
        // Viewers may neither see exact figures nor download responses.
        assert!(!page.body.contains("Show exact figures"));
        assert!(!page.body.contains("responses.csv"));
        let refused = viewer.get(&format!("{RESULTS}?exact=1")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        // A small group: young people aged 0 to 4 with a sensory need is
        // under 10, so no figure of it is shown: the page says why and
        // shows everyone's figures instead.
        let small = format!("{RESULTS}?f{who}=parent-carer&f{age}=0-4&f{need}=sensory");
        let page = viewer.get(&small).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("pick out fewer than 10 people"),
            "{}",
            page.body
        );
        assert!(
            !page
                .body
                .contains("These figures are for the group you chose")
        );
        assert!(page.body.contains("<dd>320</dd>"), "everyone's figures");
        // A group big enough is shown as itself.
        let parents = viewer.get(&format!("{RESULTS}?f{who}=parent-carer")).await;
        assert!(
            parents
                .body
                .contains("These figures are for the group you chose")
        );
        // The filter form keeps what was chosen.
        assert!(
            page.body.contains(r#"<option value="0-4" selected"#),
            "{}",
            page.body
        );

        // An officer switches suppression off by a post, which is audited
        // and answered with a grant for an hour in the address.
        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let asked = officer.post(&small, &[]).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
        let granted = asked.location().to_owned();
        assert!(granted.contains(&format!("f{age}=0-4")), "{granted}");
        assert!(granted.contains("&exact="), "{granted}");
        let exact = officer.get(&granted).await;
        assert_eq!(exact.status, StatusCode::OK);
        assert!(exact.body.contains("You are seeing exact figures"));
        assert!(!exact.body.contains("fewer than 10"), "{}", exact.body);
        let audited = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("results_exact_shown"))
            .all(&state.db)
            .await
            .unwrap();
        assert_eq!(audited.len(), 1, "{backend:?}");
        assert!(audited[0].detail.contains(&format!("f{age}=0-4")));
        assert_eq!(audited[0].actor_email, "officer@demo.heard.test");
        // Reading the page again records nothing more; the grant is the
        // officer's alone, and a forged one shows the protected figures.
        officer.get(&granted).await;
        let mut admin = Browser::new(&router);
        admin.sign_in_as(Role::Admin).await;
        let borrowed = admin.get(&granted).await;
        assert!(!borrowed.body.contains("You are seeing exact figures"));
        let forged = officer.get(&format!("{small}&exact=1700000000.00")).await;
        assert!(!forged.body.contains("You are seeing exact figures"));
        assert_eq!(
            audit_log::Entity::find()
                .filter(audit_log::Column::Action.eq("results_exact_shown"))
                .count(&state.db)
                .await
                .unwrap(),
            1
        );
        // A viewer can neither ask nor use a grant.
        assert_eq!(viewer.post(&small, &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(viewer.get(&granted).await.status, StatusCode::FORBIDDEN);

        // Unknown surveys are an honest 404; nonsense in the query is ignored.
        assert_eq!(
            officer.get("/officer/surveys/999/results").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            officer.get("/officer/surveys/abc/results").await.status,
            StatusCode::NOT_FOUND
        );
        let odd = officer
            .get(&format!("{RESULTS}?rows=x&cols=-4&f1=%00&exact=2"))
            .await;
        assert_eq!(odd.status, StatusCode::OK);
        assert!(odd.body.contains("<dd>320</dd>"));
        let _ = loaded;
    })
    .await;
}

/// The cell a respondent's answer should have in the responses file.
fn expected_cells(
    form: &app::domain::survey::SurveyForm,
    loaded: &surveys::Loaded,
    answers: &Answers,
) -> Vec<String> {
    let label = |q: i32, value: &str| {
        let (_, options) = loaded.questions().find(|(sq, _)| sq.id == q).unwrap();
        let o = options.iter().find(|o| o.value == value).unwrap();
        let text = o.label.resolve("en", "en").text;
        if text.is_empty() {
            o.value.clone()
        } else {
            text
        }
    };
    let mut cells = Vec::new();
    for q in form.questions() {
        let a = answers.get(&q.id);
        if q.kind.is_multiple() {
            for o in &q.options {
                cells.push(match a {
                    None => String::new(),
                    Some(AnswerValue::Options(v)) if v.contains(&o.value) => "1".into(),
                    Some(_) => "0".into(),
                });
            }
        } else {
            cells.push(match a {
                None => String::new(),
                Some(AnswerValue::Options(v)) => label(q.id, &v[0]),
                Some(AnswerValue::Text(t)) => app::server::csv_export::neutralise(t).into_owned(),
                Some(AnswerValue::Number(n)) => n.to_string(),
                Some(AnswerValue::Date(d)) => d.iso(),
            });
        }
    }
    cells
}

#[tokio::test]
async fn the_responses_file_reads_back_every_value_and_respects_withdrawals() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let loaded = seeded(&state).await;
        let form = demo_form(&state).await;

        // A respondent writes something a spreadsheet would run as a formula.
        let mut respondent = Browser::new(&router);
        let who = question(&form, key::WHO).field();
        let idea = question(&form, key::BIGGEST_DIFFERENCE).field();
        let mut at = respondent.start().await;
        at = respondent
            .answer(&at, &[(who, "professional".into())])
            .await;
        let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        while at != "/s/big-send-survey/check" {
            let page = respondent.get(&at).await;
            let pairs = if page.body.contains(&format!("name=\"{idea}\"")) {
                vec![(idea.clone(), formula.to_owned())]
            } else {
                vec![]
            };
            at = respondent.answer(&at, &pairs).await;
        }
        let check = respondent.get(&at).await;
        let token = common::hidden(&check.body, "token");
        respondent.post(&at, &[("token", &token)]).await;
        let receipt = respondent.get("/s/big-send-survey/done").await.code();

        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let file = officer.post(&format!("{RESULTS}/responses.csv"), &[]).await;
        assert_eq!(file.status, StatusCode::OK, "{backend:?}");
        assert_eq!(file.headers["content-type"], "text/csv; charset=utf-8");
        assert!(
            file.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("big-send-survey-responses.csv")
        );
        assert_eq!(file.headers["cache-control"], "no-store");
        let text = file
            .body
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "response");
        assert_eq!(&headers[1], "submitted_at");
        assert!(headers.iter().any(|h| h.starts_with("Q1 Who is answering")));
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let all = all_answers(&state, &loaded).await;
        assert_eq!(rows.len(), all.len(), "{backend:?}");
        assert_eq!(rows.len(), demo::SAMPLE_RESPONSES + 1);
        let by_id: HashMap<i64, &(response::Model, Answers)> =
            all.iter().map(|x| (x.0.id, x)).collect();
        for row in &rows {
            let id: i64 = row[0].parse().unwrap();
            let (r, answers) = by_id[&id];
            assert_eq!(
                &row[1],
                r.submitted_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            );
            assert_eq!(&row[3], r.locale);
            let want = expected_cells(&form, &loaded, answers);
            let got: Vec<String> = row.iter().skip(4).map(str::to_owned).collect();
            assert_eq!(got, want, "{backend:?} response {id}");
        }
        assert!(
            rows.iter()
                .any(|r| r.iter().any(|c| c == format!("'{formula}"))),
            "the formula comes back neutralised"
        );
        assert!(!rows.iter().any(|r| r.iter().any(|c| c.starts_with('='))));

        // Withdrawn: gone from the file.
        let mut again = Browser::new(&router);
        let opened = again
            .post("/s/big-send-survey/return", &[("code", &receipt)])
            .await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER);
        let gone = again.post("/s/big-send-survey/withdraw", &[]).await;
        assert_eq!(
            gone.location(),
            "/s/big-send-survey/withdrawn",
            "{}",
            gone.body
        );
        let file = officer.post(&format!("{RESULTS}/responses.csv"), &[]).await;
        assert!(!file.body.contains(formula));
        assert_eq!(file.body.lines().count(), demo::SAMPLE_RESPONSES + 1);

        // Viewers may not download responses; both downloads are audited.
        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        assert_eq!(
            viewer
                .post(&format!("{RESULTS}/responses.csv"), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let exported = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("responses_exported"))
            .all(&state.db)
            .await
            .unwrap();
        assert_eq!(exported.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn the_tables_file_is_as_suppressed_as_the_page() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        seeded(&state).await;
        let form = demo_form(&state).await;
        let who = question(&form, key::WHO).id;
        let age = question(&form, key::AGE).id;
        let support = question(&form, key::SUPPORT).id;
        let query = format!("f{who}=parent-carer&rows={age}&cols={support}");

        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        let page = viewer.get(&format!("{RESULTS}?{query}")).await;
        let file = viewer
            .post(&format!("{RESULTS}/tables.csv?{query}"), &[])
            .await;
        assert_eq!(file.status, StatusCode::OK, "{backend:?}");
        let text = file.body.strip_prefix('\u{feff}').unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            ["table", "row", "column", "count", "percent"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let responses = rows.iter().find(|r| &r[0] == "Responses").unwrap();
        assert!(
            page.body.contains(&format!("<dd>{}</dd>", &responses[3])),
            "{}",
            &responses[3]
        );
        // The cross-tab is there, and no count in the file is small.
        assert!(rows.iter().any(|r| r[0].contains(" × ")));
        for r in &rows {
            if let Ok(n) = r[3].parse::<u64>() {
                assert!(n == 0 || n >= 10, "{r:?}");
            }
        }
        assert!(rows.iter().any(|r| &r[3] == "fewer than 10"));
        // Exact figures in a file need the permission too.
        assert_eq!(
            viewer
                .post(&format!("{RESULTS}/tables.csv?{query}&exact=1"), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let tables = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("tables_exported"))
            .all(&state.db)
            .await
            .unwrap();
        assert_eq!(tables.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn officers_theme_comments_and_counts_follow_them_everywhere() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 1).await;
        let loaded = seeded(&state).await;
        let form = demo_form(&state).await;
        let difference = question(&form, key::BIGGEST_DIFFERENCE).id;
        let comments = "/officer/surveys/1/comments";

        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let page = officer
            .get(&format!("{comments}?question={difference}&search=SPEECH"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend:?}");
        assert!(
            page.body
                .contains("Shorter waits for speech and language therapy."),
            "{}",
            page.body
        );
        assert!(
            !page.body.contains("Help with transport to college."),
            "the search narrows the list"
        );

        // Themes: refused names first, with the error placed on the field.
        for (name, problem) in [
            ("   ", "empty"),
            ("Waiting times", ""),
            ("waiting  TIMES", "duplicate"),
        ] {
            let reply = officer
                .post(
                    comments,
                    &[
                        ("op", "add_theme"),
                        ("name", name),
                        ("return", "search=speech"),
                    ],
                )
                .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER);
            if problem.is_empty() {
                assert!(
                    reply.location().contains("done=added"),
                    "{}",
                    reply.location()
                );
            } else {
                assert!(
                    reply.location().contains(&format!("problem={problem}")),
                    "{}",
                    reply.location()
                );
                let shown = officer.get(reply.location()).await;
                assert!(
                    shown.body.contains(r##"href="#theme-name""##),
                    "{}",
                    shown.body
                );
                assert!(shown.body.contains(r#"aria-invalid="true""#));
            }
        }
        officer
            .post(
                comments,
                &[
                    ("op", "add_theme"),
                    ("name", "Therapy <b>& health</b>"),
                    ("return", ""),
                ],
            )
            .await;
        let themes = app::server::store::comments::themes(&state.db, loaded.survey.id)
            .await
            .unwrap();
        assert_eq!(themes.len(), 2);
        let waiting = themes
            .iter()
            .find(|t| t.name == "Waiting times")
            .unwrap()
            .id;
        let therapy = themes
            .iter()
            .find(|t| t.name.starts_with("Therapy"))
            .unwrap()
            .id;
        let escaped = officer.get(comments).await;
        assert!(
            escaped
                .body
                .contains("Therapy &lt;b&gt;&amp; health&lt;/b&gt;"),
            "theme names are escaped"
        );

        // Tag every comment that mentions speech with both themes.
        let speech: Vec<i64> = app::server::entities::answer::Entity::find()
            .filter(app::server::entities::answer::Column::QuestionId.eq(difference))
            .all(&state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| {
                a.text_value
                    .as_deref()
                    .is_some_and(|t| t.contains("speech"))
            })
            .map(|a| a.id)
            .collect();
        assert!(speech.len() > 3, "{}", speech.len());
        for id in &speech {
            let reply = officer
                .post(
                    comments,
                    &[
                        ("op", "tag"),
                        ("answer", &id.to_string()),
                        ("themes", &waiting.to_string()),
                        ("themes", &therapy.to_string()),
                        ("return", "search=speech"),
                    ],
                )
                .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER);
            assert!(
                reply.location().ends_with(&format!("#comment-{id}")),
                "{}",
                reply.location()
            );
        }
        // Untag one of them from "Therapy".
        officer
            .post(
                comments,
                &[
                    ("op", "tag"),
                    ("answer", &speech[0].to_string()),
                    ("themes", &waiting.to_string()),
                    ("return", ""),
                ],
            )
            .await;

        // The theme filter, and counts on the results page (threshold 1: exact).
        let only = officer.get(&format!("{comments}?theme={therapy}")).await;
        assert!(
            only.body
                .contains(&format!("Comments found: {}", speech.len() - 1)),
            "{}",
            only.body
        );
        let results = officer.get(RESULTS).await;
        assert!(results.body.contains("Waiting times"), "{}", results.body);
        let d = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            Rules::new(1, Audience::Officer),
            ResultsQuery::default(),
        )
        .await
        .unwrap();
        let themed = d
            .questions
            .iter()
            .find_map(|q| match q {
                QuestionSummary::Text {
                    id, themes, themed, ..
                } if *id == difference => Some((themes.clone(), themed.clone())),
                _ => None,
            })
            .unwrap();
        let count = |name: &str| themed.1.counts[themed.0.iter().position(|n| n == name).unwrap()];
        assert_eq!(count("Waiting times"), Shown::Count(speech.len() as u64));
        assert_eq!(
            count("Therapy <b>& health</b>"),
            Shown::Count(speech.len() as u64 - 1)
        );

        // Tampering: another survey's theme, an unknown comment, a wrong op.
        for bad in [
            vec![("op", "tag"), ("answer", "999999"), ("return", "")],
            vec![("op", "tag"), ("answer", "x"), ("return", "")],
            vec![("op", "launch"), ("return", "")],
        ] {
            let reply = officer.post(comments, &bad).await;
            assert!(
                matches!(
                    reply.status,
                    StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND
                ),
                "{bad:?}: {}",
                reply.status
            );
        }
        let reply = officer
            .post(
                comments,
                &[
                    ("op", "tag"),
                    ("answer", &speech[1].to_string()),
                    ("themes", "424242"),
                    ("return", ""),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);

        // The comments file carries the themes, neutralised where needed.
        let file = officer.post("/officer/surveys/1/comments.csv", &[]).await;
        assert_eq!(file.status, StatusCode::OK);
        let text = file.body.strip_prefix('\u{feff}').unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let tagged = rows
            .iter()
            .filter(|r| r[4].contains("Waiting times"))
            .count();
        assert_eq!(tagged, speech.len());
        assert!(
            rows.iter()
                .any(|r| &r[4] == "Therapy <b>& health</b>; Waiting times")
        );

        // Viewers read no raw comments, theme none and download none; the
        // results page does not link them to the comments.
        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        let read = viewer.get(comments).await;
        assert_eq!(read.status, StatusCode::FORBIDDEN);
        assert!(!read.body.contains("Shorter waits"));
        let results_page = viewer.get(RESULTS).await;
        assert_eq!(results_page.status, StatusCode::OK);
        assert!(
            !results_page.body.contains(comments),
            "{}",
            results_page.body
        );
        let refused = viewer
            .post(
                comments,
                &[
                    ("op", "add_theme"),
                    ("name", "Viewer theme"),
                    ("return", ""),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(
            viewer
                .post("/officer/surveys/1/comments.csv", &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Deleting a theme takes its tags; the other theme stays.
        officer
            .post(
                comments,
                &[
                    ("op", "delete_theme"),
                    ("theme", &therapy.to_string()),
                    ("return", ""),
                ],
            )
            .await;
        let left = app::server::entities::answer_theme::Entity::find()
            .all(&state.db)
            .await
            .unwrap();
        assert!(left.iter().all(|t| t.theme_id == waiting));
        assert_eq!(left.len(), speech.len());
        let audited = audit_log::Entity::find()
            .filter(audit_log::Column::Action.is_in([
                "theme_created",
                "theme_deleted",
                "comment_themed",
                "comments_exported",
            ]))
            .all(&state.db)
            .await
            .unwrap();
        assert_eq!(audited.len(), 2 + 1 + speech.len() + 1 + 1, "{backend:?}");
    })
    .await;
}

#[tokio::test]
async fn a_withdrawn_comment_vanishes_and_a_change_keeps_themes() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 1).await;
        let form = demo_form(&state).await;
        let who = question(&form, key::WHO).field();
        let idea_q = question(&form, key::BIGGEST_DIFFERENCE);
        let idea = idea_q.field();
        // A professional writes a comment and keeps the receipt.
        let mut respondent = Browser::new(&router);
        let mut at = respondent.start().await;
        at = respondent
            .answer(&at, &[(who, "professional".into())])
            .await;
        while at != "/s/big-send-survey/check" {
            let page = respondent.get(&at).await;
            let pairs = if page.body.contains(&format!("name=\"{idea}\"")) {
                vec![(idea.clone(), "Joint training for school staff".to_owned())]
            } else {
                vec![]
            };
            at = respondent.answer(&at, &pairs).await;
        }
        let check = respondent.get(&at).await;
        respondent
            .post(&at, &[("token", &common::hidden(&check.body, "token"))])
            .await;
        let receipt = respondent.get("/s/big-send-survey/done").await.code();

        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let comments = "/officer/surveys/1/comments";
        officer
            .post(
                comments,
                &[("op", "add_theme"), ("name", "Training"), ("return", "")],
            )
            .await;
        let theme = app::server::store::comments::themes(&state.db, 1)
            .await
            .unwrap()[0]
            .id;
        let answer = app::server::entities::answer::Entity::find()
            .filter(app::server::entities::answer::Column::QuestionId.eq(idea_q.id))
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        officer
            .post(
                comments,
                &[
                    ("op", "tag"),
                    ("answer", &answer.id.to_string()),
                    ("themes", &theme.to_string()),
                    ("return", ""),
                ],
            )
            .await;

        // The respondent changes another answer: the comment keeps its theme.
        let mut again = Browser::new(&router);
        again
            .post("/s/big-send-survey/return", &[("code", &receipt)])
            .await;
        let change = again.post("/s/big-send-survey/your-answers", &[]).await;
        assert_eq!(change.status, StatusCode::SEE_OTHER, "{backend:?}");
        let check = again.get("/s/big-send-survey/check").await;
        let sent = again
            .post(
                "/s/big-send-survey/check",
                &[("token", &common::hidden(&check.body, "token"))],
            )
            .await;
        assert_eq!(sent.location(), "/s/big-send-survey/done");
        let tags = app::server::entities::answer_theme::Entity::find()
            .all(&state.db)
            .await
            .unwrap();
        assert_eq!(tags.len(), 1, "{backend:?}: the theme survives the change");
        assert_ne!(tags[0].answer_id, answer.id, "on the new answer row");

        // Withdrawn: gone from the list, the counts and the file.
        let mut third = Browser::new(&router);
        third
            .post("/s/big-send-survey/return", &[("code", &receipt)])
            .await;
        third.post("/s/big-send-survey/withdraw", &[]).await;
        let list = officer.get(comments).await;
        assert!(!list.body.contains("Joint training for school staff"));
        assert!(list.body.contains("Comments found: 0"), "{}", list.body);
        let file = officer.post("/officer/surveys/1/comments.csv", &[]).await;
        assert!(!file.body.contains("Joint training"));
        assert!(
            app::server::entities::answer_theme::Entity::find()
                .all(&state.db)
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

#[tokio::test]
async fn drop_in_feedback_is_counted_per_session_with_the_friends_and_family_test() {
    on_each_backend(|db, backend| async move {
        // The demo as `make run` has it: a year of kiosk feedback.
        app::server::demo::load_once_with(&db, 20).await.unwrap();
        let (router, state) = app(db, 10).await;
        let series = app::server::entities::dropin_series::Entity::find()
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        let loaded = app::server::store::definitions::load_by_id(&state.db, series.survey_id)
            .await
            .unwrap();
        let fft = loaded
            .questions()
            .find(|(q, _)| q.kind == "friends_family")
            .unwrap()
            .0
            .id;
        let links = app::server::entities::dropin_response::Entity::find()
            .all(&state.db)
            .await
            .unwrap();
        let all = all_answers(&state, &loaded).await;
        let session_of = |r: i64| {
            links
                .iter()
                .find(|l| l.response_id == r)
                .map(|l| l.session_id)
        };

        let exact = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            Rules::new(10, Audience::Exact),
            ResultsQuery::default(),
        )
        .await
        .unwrap();
        let s = exact.sessions.expect("a drop-in form has sessions");
        let table = s.fft.unwrap();
        let (mut positive, mut answered) = (0u64, 0u64);
        for (i, session) in s.sessions.iter().enumerate() {
            let mine: Vec<&Answers> = all
                .iter()
                .filter(|(r, _)| session_of(r.id) == Some(session.id))
                .map(|(_, a)| a)
                .collect();
            let good = mine
                .iter()
                .filter(|a| chose(a, fft, "very-good") || chose(a, fft, "good"))
                .count() as u64;
            let total = mine.iter().filter(|a| a.contains_key(&fft)).count() as u64;
            assert_eq!(
                table.cells[i][0],
                Shown::Count(good),
                "{backend:?} {:?}",
                session.date
            );
            assert_eq!(table.row_totals[i], Shown::Count(total));
            positive += good;
            answered += total;
        }
        assert!(answered > 50, "{answered}");
        let want = u8::try_from((positive * 200 + answered) / (2 * answered)).unwrap();
        assert_eq!(s.positive, Some(want));

        // As staff see it: single sessions are too small to show percentages.
        let protected = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            Rules::new(10, Audience::Officer),
            ResultsQuery::default(),
        )
        .await
        .unwrap()
        .sessions
        .unwrap();
        let t = protected.fft.unwrap();
        for (i, row) in t.row_percent.iter().enumerate() {
            if matches!(t.row_totals[i], Shown::Count(n) if n < 10) || t.row_totals[i].is_hidden() {
                assert!(
                    row.iter().all(Option::is_none),
                    "{backend:?} row {i}: {row:?}"
                );
            }
        }
        assert_eq!(
            protected.positive,
            Some(want),
            "across sessions there are enough"
        );

        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        let page = viewer
            .get(&format!("/officer/surveys/{}/results", series.survey_id))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Feedback by session"), "{}", page.body);
        assert!(page.body.contains(&format!("{want}%")));
    })
    .await;
}

#[tokio::test]
async fn the_outcomes_view_joins_surveys_and_drop_ins_by_outcome_and_priority() {
    on_each_backend(|db, backend| async move {
        app::server::demo::load_once_with(&db, 40).await.unwrap();
        let (router, state) = app(db, 1).await;
        let (outcomes, priorities) =
            app::server::views::outcomes::view(&state.db, "en", Rules::new(1, Audience::Officer))
                .await
                .unwrap();
        assert_eq!(outcomes.len(), 7, "{backend:?}");
        assert_eq!(priorities.len(), 5);
        let supported = outcomes
            .iter()
            .find(|g| g.key == "family-supported")
            .unwrap();
        // The drop-in form's Friends and Family Test sits beside the survey's questions.
        let fft = supported
            .rows
            .iter()
            .find(|r| {
                r.prompt
                    .text
                    .starts_with("Overall, how was your experience")
            })
            .expect("the drop-in feedback is tagged");
        assert!(
            supported
                .rows
                .iter()
                .any(|r| r.survey.text == "Big SEND Survey 2026")
        );
        assert!(
            priorities
                .iter()
                .find(|g| g.key == "3")
                .unwrap()
                .rows
                .iter()
                .any(|r| r.question_id == fft.question_id)
        );

        // Its favourable share is exactly very good or good of everyone who answered.
        let loaded = app::server::store::definitions::load_by_id(&state.db, fft.survey_id)
            .await
            .unwrap();
        let all = all_answers(&state, &loaded).await;
        let answered = all
            .iter()
            .filter(|(_, a)| a.contains_key(&fft.question_id))
            .count() as u64;
        let good = all
            .iter()
            .filter(|(_, a)| {
                chose(a, fft.question_id, "very-good") || chose(a, fft.question_id, "good")
            })
            .count() as u64;
        assert_eq!(fft.answered, Shown::Count(answered));
        let want = u8::try_from((good * 200 + answered) / (2 * answered)).unwrap();
        assert_eq!(
            fft.favourable,
            Some((app::domain::results::Favourable::Good, Some(want)))
        );

        let mut viewer = Browser::new(&router);
        viewer.sign_in_as(Role::Viewer).await;
        let page = viewer.get("/officer/outcomes").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("My family is supported"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Very good or good"));
        assert!(page.body.contains(&format!(
            "/officer/surveys/{}/results#q{}",
            fft.survey_id, fft.question_id
        )));
    })
    .await;
}

/// Tallies and packed cells recounted from the answer rows, which every
/// filtered count reads: (people per option, people per question, each
/// response's answers as packed).
async fn recount(
    state: &AppState,
) -> (
    HashMap<i32, i64>,
    HashMap<i32, i64>,
    Vec<(i64, Vec<answers::AnswerRow>)>,
) {
    let rows = answer::Entity::find()
        .order_by_asc(answer::Column::Id)
        .all(&state.db)
        .await
        .unwrap();
    let mut options: HashMap<i32, i64> = HashMap::new();
    let mut people: HashMap<i32, std::collections::BTreeSet<i64>> = HashMap::new();
    let mut by_response: std::collections::BTreeMap<i64, Vec<answers::AnswerRow>> =
        Default::default();
    for a in rows {
        if let Some(o) = a.option_id {
            *options.entry(o).or_default() += 1;
        }
        people
            .entry(a.question_id)
            .or_default()
            .insert(a.response_id);
        by_response
            .entry(a.response_id)
            .or_default()
            .push(answers::AnswerRow {
                question: a.question_id,
                option: a.option_id,
                text: a.text_value,
                number: a.number_value,
            });
    }
    let people = people
        .into_iter()
        .map(|(q, ids)| (q, ids.len() as i64))
        .collect();
    (options, people, by_response.into_iter().collect())
}

#[tokio::test]
async fn tallies_and_packed_answers_agree_with_the_answers_through_changes_and_withdrawals() {
    on_each_backend(|db, backend| async move {
        let (_router, state) = app(db, 10).await;
        let loaded = seeded(&state).await;
        let ids: Vec<i64> = all_answers(&state, &loaded)
            .await
            .iter()
            .map(|(r, _)| r.id)
            .collect();
        // Twenty people change their answers to someone else's, five clear
        // them, and fifteen withdraw.
        let txn = begin_write(&state.db).await.unwrap();
        for (i, id) in ids.iter().take(20).enumerate() {
            let theirs = responses::answers_of(&txn, &loaded, ids[100 + i])
                .await
                .unwrap();
            let rows = app::server::sending::answer_rows(&loaded, &theirs).unwrap();
            answers::write(&txn, *id, rows).await.unwrap();
        }
        for id in &ids[20..25] {
            answers::write(&txn, *id, vec![]).await.unwrap();
        }
        txn.commit().await.unwrap();
        for id in &ids[30..45] {
            let r = response::Entity::find_by_id(*id)
                .one(&state.db)
                .await
                .unwrap()
                .unwrap();
            assert!(app::server::sending::withdraw(&state.db, &r).await.unwrap());
        }

        let (options, people, packed) = recount(&state).await;
        let question_ids: Vec<i32> = loaded.questions().map(|(q, _)| q.id).collect();
        let (tallied_options, tallied_people) =
            tallies::read(&state.db, &question_ids).await.unwrap();
        let nonzero = |m: HashMap<i32, i64>| -> HashMap<i32, i64> {
            m.into_iter().filter(|(_, n)| *n != 0).collect()
        };
        assert_eq!(nonzero(tallied_options), options, "{backend:?}");
        assert_eq!(nonzero(tallied_people), people, "{backend:?}");

        // Each response's packed cell holds exactly its answer rows.
        let cells: HashMap<i64, String> = response::Entity::find()
            .all(&state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.packed_answers))
            .collect();
        assert_eq!(cells.len(), ids.len() - 15, "{backend:?}");
        for (id, rows) in &packed {
            assert_eq!(
                &answers::unpack(&cells[id]).unwrap(),
                rows,
                "{backend:?} {id}"
            );
        }
        for id in &ids[20..25] {
            assert_eq!(cells[id], "[]", "{backend:?}: cleared");
        }

        // The page for everyone reads the tallies; filtered by every
        // respondent type in turn it counts answers. Both agree.
        let exact = Rules::new(10, Audience::Exact);
        let everyone = dashboard::dashboard(
            &state.db,
            &loaded,
            "en",
            officer_view(),
            exact,
            ResultsQuery {
                exact: None,
                ..ResultsQuery::default()
            },
        )
        .await
        .unwrap();
        let form = demo_form(&state).await;
        let who = question(&form, key::WHO).id;
        let mut per_type: Vec<HashMap<i32, Vec<Shown>>> = Vec::new();
        for option in &form.question(who).unwrap().options {
            let d = dashboard::dashboard(
                &state.db,
                &loaded,
                "en",
                officer_view(),
                exact,
                ResultsQuery {
                    filters: vec![(who, option.value.clone())],
                    exact: None,
                    ..ResultsQuery::default()
                },
            )
            .await
            .unwrap();
            per_type.push(choice_counts(&d.questions));
        }
        for (id, counts) in choice_counts(&everyone.questions) {
            let summed: Vec<u64> = (0..counts.len())
                .map(|i| {
                    per_type
                        .iter()
                        .map(|m| match m[&id][i] {
                            Shown::Count(n) => n,
                            ref other => panic!("{other:?}"),
                        })
                        .sum()
                })
                .collect();
            let shown: Vec<u64> = counts
                .iter()
                .map(|s| match s {
                    Shown::Count(n) => *n,
                    other => panic!("{other:?}"),
                })
                .collect();
            // Everyone answers who they are, so the types add up to everyone.
            assert_eq!(shown, summed, "{backend:?} q{id}");
        }
    })
    .await;
}

/// Each choice question's shown counts by question id.
fn choice_counts(questions: &[QuestionSummary]) -> HashMap<i32, Vec<Shown>> {
    questions
        .iter()
        .filter_map(|q| match q {
            QuestionSummary::Choice { id, list, .. } => Some((*id, list.counts.clone())),
            _ => None,
        })
        .collect()
}
