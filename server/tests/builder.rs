//! The survey builder's foundation on SQLite and PostgreSQL: a survey
//! exports to a versioned JSON document and imports back unchanged, and
//! saving an edited document never orphans collected answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::definition::{Problem, SurveyDefinition},
    server::{
        store::definitions::{self, SaveError},
        store::surveys,
        testing::on_each_backend,
    },
};
use common::{Browser, app, demo_form, import};

#[tokio::test]
async fn a_survey_round_trips_through_its_json_file() {
    on_each_backend(|db, backend| async move {
        let (_router, state) = app(db, 10).await;
        let demo = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        let exported =
            definitions::without_ids(definitions::of_survey(&state.db, &demo).await.unwrap());
        let known = definitions::known(&state.db).await.unwrap();
        assert_eq!(
            app::domain::definition::check(&exported, &known),
            vec![],
            "{backend:?}"
        );
        let file = serde_json::to_string_pretty(&exported).unwrap();
        assert!(file.contains(r#""format": "heard-survey""#) && file.contains(r#""version": 1"#));

        let mut imported: SurveyDefinition = serde_json::from_str(&file).unwrap();
        imported.slug = "big-send-survey-copy".into();
        let row = definitions::insert(&state.db, &imported).await.unwrap();
        let back = definitions::load_by_id(&state.db, row.id).await.unwrap();
        let again =
            definitions::without_ids(definitions::of_survey(&state.db, &back).await.unwrap());
        assert_eq!(again, imported, "{backend:?}");
        // The copy is a draft: not public until published.
        assert!(
            surveys::load_public(&state.db, "big-send-survey-copy")
                .await
                .is_err()
        );

        // Importing the same slug again is refused with its path.
        match definitions::insert(&state.db, &imported).await {
            Err(SaveError::Invalid(problems)) => {
                assert_eq!(problems[0].path, "slug");
                assert!(matches!(problems[0].problem, Problem::Duplicate(_)));
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn saving_never_orphans_answers() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let form = demo_form(&state).await;
        Browser::new(&router).complete_demo(&form).await;
        let demo = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        let def = definitions::of_survey(&state.db, &demo).await.unwrap();

        // Wording can always be corrected.
        let mut reworded = def.clone();
        reworded.pages[0].questions[0]
            .prompt
            .0
            .insert("en".into(), "Who is answering this survey?".into());
        definitions::save(&state.db, &demo, &reworded)
            .await
            .unwrap();
        let demo = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        assert_eq!(
            demo.form("en").pages[0].questions[0].prompt.text,
            "Who is answering this survey?"
        );

        // Deleting or retyping the answered first question is refused.
        let mut deleted = def.clone();
        deleted.pages[0].questions.remove(0);
        let problems = match definitions::save(&state.db, &demo, &deleted).await {
            Err(SaveError::Invalid(p)) => p,
            other => panic!("{backend:?} {other:?}"),
        };
        assert!(
            problems
                .iter()
                .any(|p| p.problem == Problem::AnsweredQuestion),
            "{problems:?}"
        );
        let mut retyped = def.clone();
        retyped.pages[0].questions[0].kind = "short_text".into();
        retyped.pages[0].questions[0].options.clear();
        let problems = match definitions::save(&state.db, &demo, &retyped).await {
            Err(SaveError::Invalid(p)) => p,
            other => panic!("{other:?}"),
        };
        assert!(problems.iter().any(|p| p.problem == Problem::AnsweredKind));
        // Nothing was written.
        let after = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        assert_eq!(after.questions().count(), demo.questions().count());

        // Archiving keeps it (and its answers) but stops asking it.
        let mut archived = def.clone();
        let last = archived.pages.len() - 1;
        archived.pages[last].questions[0].archived = true;
        definitions::save(&state.db, &demo, &archived)
            .await
            .unwrap();
        let after = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        assert_eq!(after.questions().count(), demo.questions().count());
        assert_eq!(
            after.form("en").questions().count(),
            demo.form("en").questions().count() - 1
        );
    })
    .await;
}

/// The id in a builder address like `/officer/surveys/7?done=created`.
fn survey_id(location: &str) -> i32 {
    location
        .trim_start_matches("/officer/surveys/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn an_officer_builds_a_branching_survey_publishes_it_and_a_family_answers() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let mut officer = Browser::new(&router);
        officer.sign_in_as(app::domain::roles::Role::Officer).await;

        let created = officer
            .post(
                "/officer/surveys/new",
                &[
                    ("title", "Short breaks <b>2027</b>"),
                    (
                        "views_statement",
                        "The short breaks team reads every answer.",
                    ),
                    ("language", "en"),
                ],
            )
            .await;
        assert!(
            created.location().ends_with("?done=created"),
            "{backend:?} {}",
            created.body
        );
        let id = survey_id(created.location());
        let base = format!("/officer/surveys/{id}");

        // An empty survey cannot be published.
        let empty = officer.post(&base, &[("op", "publish")]).await;
        assert_eq!(empty.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            empty
                .body
                .contains("every page needs at least one question")
        );

        let loaded = definitions::load_by_id(&state.db, id).await.unwrap();
        let page1 = loaded.pages[0].0.id.to_string();
        let chooser = officer
            .get(&format!("{base}/questions/new?page={page1}"))
            .await;
        assert_eq!(chooser.status, http::StatusCode::OK);
        assert!(chooser.body.contains("What kind of question?"));
        let q1 = officer
            .post(
                &format!("{base}/questions/new?page={page1}&kind=single_choice"),
                &[
                    ("prompt", "Who is answering?"),
                    ("required", "yes"),
                    ("option_label_0", "A parent or carer"),
                    ("option_label_1", "A young person"),
                    ("outcome", "heard"),
                ],
            )
            .await;
        assert_eq!(q1.status, http::StatusCode::SEE_OTHER, "{}", q1.body);

        // A refused question keeps what was typed.
        let refused = officer
            .post(
                &format!("{base}/questions/new?page={page1}&kind=single_choice"),
                &[("prompt", "Only one option"), ("option_label_0", "Lonely")],
            )
            .await;
        assert_eq!(refused.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("at least 2 options"));
        assert!(refused.body.contains("Lonely"));
        // The summary links each problem to its field, named by its label.
        assert!(
            refused
                .body
                .contains(r##"<a href="#option_label_0">Options: "##),
            "{}",
            refused.body
        );
        let untitled = officer
            .post(
                &format!("{base}/details"),
                &[("title", ""), ("views_statement", "x")],
            )
            .await;
        assert_eq!(untitled.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            untitled.body.contains(r##"<a href="#title">Title: "##),
            "{}",
            untitled.body
        );
        assert!(untitled.body.contains(r#"id="title-error""#));
        // A limit that is not a number is refused, not taken as "no limit".
        let wordy = officer
            .post(
                &format!("{base}/questions/new?page={page1}&kind=short_text"),
                &[("prompt", "Your town"), ("max_length", "lots")],
            )
            .await;
        assert_eq!(wordy.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            wordy.body.contains(r##"<a href="#max_length">"##)
                && wordy.body.contains("Enter a whole number"),
            "{}",
            wordy.body
        );
        assert!(
            wordy.body.contains("Your town"),
            "the wording typed is kept"
        );

        officer.post(&base, &[("op", "add_page")]).await;
        let loaded = definitions::load_by_id(&state.db, id).await.unwrap();
        let page2 = loaded.pages[1].0.id.to_string();
        let q2 = officer
            .post(
                &format!("{base}/questions/new?page={page2}&kind=long_text"),
                &[
                    ("prompt", "What would help you most?"),
                    ("rule", "q1|a-young-person"),
                    ("rule_op", "equals"),
                ],
            )
            .await;
        assert_eq!(q2.status, http::StatusCode::SEE_OTHER, "{}", q2.body);
        let overview = officer.get(&base).await;
        assert!(
            overview
                .body
                .contains("Shown only if: Who is answering? is A young person"),
            "{backend:?}"
        );
        // What officers typed is escaped.
        assert!(
            overview
                .body
                .contains("Short breaks &lt;b&gt;2027&lt;/b&gt;")
        );

        // Translate the first question into Polish: the page shows how much is done.
        let translate = officer.get(&format!("{base}/translate/pl")).await;
        assert!(
            translate.body.contains("0 of 6 translated (0%)"),
            "{backend:?}"
        );
        let saved = officer
            .post(
                &format!("{base}/translate/pl"),
                &[
                    ("pages[0].questions[0].prompt", "Kto odpowiada?"),
                    ("title", "Krótkie przerwy"),
                ],
            )
            .await;
        assert_eq!(saved.location(), format!("{base}/translate/pl?done=saved"));
        let translate = officer.get(&format!("{base}/translate/pl")).await;
        assert!(
            translate.body.contains("2 of 6 translated (33%)"),
            "{}",
            translate.body
        );
        let own = officer
            .post(&format!("{base}/translate/en"), &[("title", "x")])
            .await;
        assert_eq!(own.status, http::StatusCode::NOT_FOUND);

        let published = officer.post(&base, &[("op", "publish")]).await;
        assert!(
            published.location().ends_with("?done=published"),
            "{}",
            published.body
        );

        // A young person answers: the branch shows the second page.
        let loaded = definitions::load_by_id(&state.db, id).await.unwrap();
        let slug = loaded.survey.slug.clone();
        let form = loaded.form("en");
        assert_eq!(
            loaded.form("pl").pages[0].questions[0].prompt.text,
            "Kto odpowiada?"
        );
        let field = |n: usize| form.pages[n].questions[0].field();
        let mut family = Browser::new(&router);
        let first = family
            .post(&format!("/s/{slug}"), &[("consent", "yes")])
            .await;
        let next = family
            .answer(first.location(), &[(field(0), "a-young-person".into())])
            .await;
        assert_eq!(next, format!("/s/{slug}/p/2"));
        let check = family
            .answer(&next, &[(field(1), "More evening sessions".into())])
            .await;
        let page = family.get(&check).await;
        let token = common::hidden(&page.body, "token");
        let sent = family.post(&check, &[("token", &token)]).await;
        assert_eq!(sent.location(), format!("/s/{slug}/done"));

        // The demo's answered "Who is answering" (a standard scale) can be reworded
        // through its form; its options and their answers stay.
        let demo = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        let (who, who_options) = demo
            .questions()
            .next()
            .map(|(q, o)| (q.id, o.len()))
            .unwrap();
        let reworded = officer
            .post(
                &format!("/officer/surveys/{}/questions/{who}", demo.survey.id),
                &[
                    ("prompt", "Who is filling this in?"),
                    ("required", "yes"),
                    ("kind", "respondent_type"),
                ],
            )
            .await;
        assert_eq!(
            reworded.status,
            http::StatusCode::SEE_OTHER,
            "{backend:?} {}",
            reworded.body
        );
        let demo = surveys::load_public(&state.db, "big-send-survey")
            .await
            .unwrap();
        let (q, options) = demo.questions().next().unwrap();
        assert_eq!(q.prompt.0["en"], "Who is filling this in?");
        assert_eq!(options.len(), who_options);

        // Now it has answers: deleting the first question is refused, archiving works.
        let qid = loaded.pages[0].1[0].0.id.to_string();
        let deleted = officer
            .post(&base, &[("op", "delete_question"), ("target", &qid)])
            .await;
        assert_eq!(deleted.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(deleted.body.contains("archive it instead"));
        let retyped = officer
            .post(
                &format!("{base}/questions/{qid}"),
                &[("prompt", "Who?"), ("kind", "short_text")],
            )
            .await;
        assert_eq!(retyped.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        let archived = officer
            .post(&base, &[("op", "archive_question"), ("target", &qid)])
            .await;
        assert_eq!(archived.status, http::StatusCode::SEE_OTHER);

        // Export, then import the file back as a new draft.
        let exported = officer.post(&format!("{base}/export"), &[]).await;
        assert_eq!(exported.status, http::StatusCode::OK);
        assert!(
            exported.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains(".heard.json")
        );
        let file: SurveyDefinition = serde_json::from_str(&exported.body).unwrap();
        assert_eq!(file.pages.len(), 2);
        let imported = import(&mut officer, &exported.body).await;
        assert!(
            imported.location().ends_with("?done=imported"),
            "{}",
            imported.body
        );
        let copy = definitions::load_by_id(&state.db, survey_id(imported.location()))
            .await
            .unwrap();
        assert_ne!(copy.survey.slug, slug);
        let again =
            definitions::without_ids(definitions::of_survey(&state.db, &copy).await.unwrap());
        assert_eq!(
            SurveyDefinition {
                slug: file.slug.clone(),
                ..again
            },
            file
        );

        // A broken file is refused with the path of the problem.
        let broken = import(
            &mut officer,
            r#"{"format":"heard-survey","version":1,"slug":7}"#,
        )
        .await;
        assert_eq!(broken.status, http::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(broken.body.contains("slug"), "{}", broken.body);
        let bad = exported.body.replace("\"long_text\"", "\"telepathy\"");
        let invalid = import(&mut officer, &bad).await;
        assert!(
            invalid.body.contains("pages[1].questions[0].kind"),
            "{}",
            invalid.body
        );

        // The audit log has the builder's work.
        let mut admin = Browser::new(&router);
        admin.sign_in_as(app::domain::roles::Role::Admin).await;
        let log = admin.get("/officer/audit?action=survey_published").await;
        assert!(log.body.contains("officer@demo.heard.test"), "{backend:?}");
        for action in [
            "survey_created",
            "question_added",
            "question_archived",
            "survey_exported",
            "survey_imported",
        ] {
            let log = admin.get(&format!("/officer/audit?action={action}")).await;
            assert!(
                log.body.contains("Entries found: 1") || log.body.contains("Entries found: 2"),
                "{action}"
            );
        }
    })
    .await;
}
