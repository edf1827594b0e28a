//! Drop-in sessions over HTTP, on SQLite and PostgreSQL: an officer makes a
//! series and a one-off session, prints a poster, and feedback arrives from
//! the kiosk and from a phone; bad input is refused and nothing half-made
//! is left behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::{
    domain::{audit::AuditAction, roles::Role},
    paths,
    server::{
        entities::{audit_log, dropin_response, dropin_series, dropin_session, response},
        store::{dropins, responses, surveys},
        testing::on_each_backend,
    },
};
use chrono::{Days, Utc};
use common::{Browser, app, hidden};
use http::{StatusCode, header};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

fn in_days(days: u64) -> String {
    (Utc::now().date_naive() + Days::new(days))
        .format("%Y-%m-%d")
        .to_string()
}

async fn audited(db: &sea_orm::DatabaseConnection, action: AuditAction) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action.as_str()))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_officer_runs_a_series_and_families_give_feedback() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;

        // A monthly series, named with markup that must stay text.
        let (first, until) = (in_days(7), in_days(100));
        let made = officer
            .post(
                paths::NEW_SERIES,
                &[
                    ("name", "Drop-in <script>alert(1)</script>"),
                    ("description", "Monthly during term time"),
                    ("venue", "Hub & Café"),
                    ("services", "SENDIASS\nHealth visiting\n"),
                    ("date", &first),
                    ("starts", "09:30"),
                    ("ends", "12:00"),
                    ("repeat", "monthly"),
                    ("until", &until),
                ],
            )
            .await;
        assert_eq!(
            made.status,
            StatusCode::SEE_OTHER,
            "{backend:?} {}",
            made.body
        );
        let series = dropin_series::Entity::find()
            .order_by_desc(dropin_series::Column::Id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            made.location(),
            format!("{}?done=created", paths::series(series.id))
        );
        let page = officer.get(&paths::series(series.id)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains("Drop-in &lt;script&gt;alert(1)&lt;/script&gt;")
        );
        assert!(!page.body.contains("<script>alert(1)"));
        assert!(
            page.body
                .contains("<title>Drop-in &lt;script&gt;alert(1)&lt;/script&gt;</title>")
        );
        let sessions = dropin_session::Entity::find()
            .filter(dropin_session::Column::SeriesId.eq(series.id))
            .order_by_asc(dropin_session::Column::HeldOn)
            .all(&state.db)
            .await
            .unwrap();
        assert!((3..=4).contains(&sessions.len()), "{}", sessions.len());
        assert!(sessions.iter().all(|s| s.survey_id == series.survey_id));
        let session = &sessions[0];
        assert_eq!(session.held_on.format("%Y-%m-%d").to_string(), first);

        // Its page has the link, the kiosk and the poster.
        let page = officer.get(&paths::session(session.id)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains(&paths::dropin(&session.code)));
        assert!(page.body.contains(&paths::kiosk(&session.code)));
        let printed = audited(&state.db, AuditAction::DropInPosterPrinted).await;
        // Only the page's own small preview goes unrecorded.
        officer
            .get(&format!("{}?preview&download", paths::poster(session.id)))
            .await;
        assert_eq!(
            audited(&state.db, AuditAction::DropInPosterPrinted).await,
            printed + 1
        );
        let printed = printed + 1;
        let preview = officer
            .get(&format!("{}?preview", paths::poster(session.id)))
            .await;
        assert_eq!(preview.status, StatusCode::OK);
        assert_eq!(
            audited(&state.db, AuditAction::DropInPosterPrinted).await,
            printed
        );
        let poster = officer
            .get(&format!("{}?download", paths::poster(session.id)))
            .await;
        assert_eq!(poster.status, StatusCode::OK);
        assert_eq!(
            poster.headers[header::CONTENT_TYPE],
            "image/svg+xml; charset=utf-8"
        );
        assert!(
            poster.headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert!(
            poster.body.starts_with("<svg")
                && poster.body.contains(r#"width="210mm" height="297mm""#)
        );
        assert!(poster.body.contains("Hub &amp; Café"));
        assert!(poster.body.contains("&lt;script&gt;") && !poster.body.contains("<script>"));
        assert!(poster.body.contains(&format!("/d/{}", session.code)));
        assert_eq!(
            audited(&state.db, AuditAction::DropInPosterPrinted).await,
            printed + 1
        );

        // The kiosk: no cookie, nothing cached, an empty form.
        let kiosk_path = paths::kiosk(&session.code);
        let mut tablet = Browser::new(&router);
        let form_page = tablet.get(&kiosk_path).await;
        assert_eq!(form_page.status, StatusCode::OK, "{}", form_page.body);
        assert_eq!(form_page.headers[header::CACHE_CONTROL], "no-store");
        assert!(form_page.headers.get(header::SET_COOKIE).is_none());
        assert!(
            form_page
                .body
                .contains("Overall, how was your experience of our service?")
        );
        assert!(form_page.body.contains(r#"autocomplete="off""#));
        // Nothing on the page leads away from the form.
        assert!(!form_page.body.contains(r#"href="/""#));
        let token = hidden(&form_page.body, "token");
        let slug = survey_slug(&state, series.survey_id).await;
        let form = surveys::load_public(&state.db, &slug)
            .await
            .unwrap()
            .form("en");
        let field = |kind: &str| {
            form.questions()
                .find(|q| q.kind.as_str() == kind)
                .unwrap()
                .field()
        };
        let (fft, recommend, services) = (
            field("friends_family"),
            field("yes_no_not_sure"),
            field("multiple_choice"),
        );
        let good = form
            .questions()
            .find(|q| q.prompt.text.contains("What was good"))
            .unwrap()
            .field();

        // The first question is required: refused, nothing stored.
        let refused = tablet
            .post(&kiosk_path, &[("token", &token), (&good, "Kind staff")])
            .await;
        assert_eq!(refused.status, StatusCode::OK);
        assert!(refused.body.contains("error-summary"));
        assert!(
            refused.body.contains("Kind staff"),
            "what was typed is kept"
        );
        let before = response::Entity::find().count(&state.db).await.unwrap();

        let answers = [
            ("token", token.as_str()),
            (fft.as_str(), "very-good"),
            (recommend.as_str(), "yes"),
            (good.as_str(), "Kind staff"),
            (services.as_str(), "sendiass"),
        ];
        let sent = tablet.post(&kiosk_path, &answers).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        assert_eq!(
            sent.location(),
            format!("{}?lang=en", paths::kiosk_thanks(&session.code))
        );
        // The browser is asked to forget the form it just sent.
        assert_eq!(sent.headers["clear-site-data"], "\"cache\"");
        // A second press of Send stores nothing twice.
        let again = tablet.post(&kiosk_path, &answers).await;
        assert_eq!(again.location(), paths::kiosk_thanks(&session.code));
        // A language chosen on the tablet is not remembered for the next person.
        let polish = tablet.get(&format!("{kiosk_path}?lang=pl")).await;
        assert!(polish.headers.get(header::SET_COOKIE).is_none());
        assert!(
            polish
                .body
                .contains(&format!(r#"action="{kiosk_path}?lang=pl""#))
        );
        assert_eq!(
            response::Entity::find().count(&state.db).await.unwrap(),
            before + 1
        );
        let stored = response::Entity::find()
            .order_by_desc(response::Column::Id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            stored.receipt_code, None,
            "a kiosk keeps no code to identify anyone"
        );
        let link = dropin_response::Entity::find_by_id(stored.id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(link.session_id, session.id);
        let thanks = tablet.get(&paths::kiosk_thanks(&session.code)).await;
        assert_eq!(thanks.status, StatusCode::OK);
        assert!(thanks.body.contains("Thank you"));
        assert!(!thanks.body.contains("Kind staff"));
        let fresh = tablet.get(&kiosk_path).await;
        assert!(!fresh.body.contains("Kind staff"));
        assert_ne!(hidden(&fresh.body, "token"), token);
        assert!(tablet.cookies.is_empty(), "{:?}", tablet.cookies);

        // A phone: the link leads into the survey and the feedback counts
        // for the session.
        let mut phone = Browser::new(&router);
        let opened = phone
            .get(&paths::dropin(&session.code.to_lowercase()))
            .await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER);
        assert_eq!(opened.location(), paths::survey(&slug));
        assert!(phone.cookies.contains_key(&format!("heard_dropin_{slug}")));
        let start = phone
            .post(&paths::survey(&slug), &[("consent", "yes")])
            .await;
        let page1 = start.location().to_owned();
        let next = phone
            .post(&page1, &[(fft.as_str(), "poor"), ("action", "continue")])
            .await;
        assert_eq!(next.location(), paths::check(&slug), "{}", next.body);
        let check = phone.get(&paths::check(&slug)).await;
        let sent = phone
            .post(
                &paths::check(&slug),
                &[("token", &hidden(&check.body, "token"))],
            )
            .await;
        assert_eq!(sent.location(), paths::done(&slug));
        let from_phone = response::Entity::find()
            .order_by_desc(response::Column::Id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert!(from_phone.receipt_code.is_some());
        let (_, row) = dropins::session(&state.db, session.id).await.unwrap();
        assert_eq!(row.responses, 2);

        // Withdrawing takes the link to the session with it.
        app::server::sending::withdraw(&state.db, &from_phone)
            .await
            .unwrap();
        assert!(
            dropin_response::Entity::find_by_id(from_phone.id)
                .one(&state.db)
                .await
                .unwrap()
                .is_none()
        );

        // A session with feedback cannot be deleted; an empty one can.
        let kept = officer
            .post(&paths::session(session.id), &[("op", "delete")])
            .await;
        assert_eq!(kept.status, StatusCode::CONFLICT);
        assert!(kept.body.contains("cannot be deleted"));
        assert!(
            kept.body.contains(r#"value="Hub &amp; Café""#),
            "the details form keeps its values"
        );
        let empty = &sessions[1];
        let gone = officer
            .post(&paths::session(empty.id), &[("op", "delete")])
            .await;
        assert_eq!(
            gone.location(),
            format!("{}?done=deleted", paths::series(series.id))
        );
        assert!(
            dropin_session::Entity::find_by_id(empty.id)
                .one(&state.db)
                .await
                .unwrap()
                .is_none()
        );

        // Changing a session's details.
        let saved = officer
            .post(
                &paths::session(session.id),
                &[
                    ("op", "save"),
                    ("name", "Drop-in (moved)"),
                    ("venue", "Library"),
                    ("services", "SENDIASS"),
                    ("date", &first),
                    ("starts", "10:00"),
                    ("ends", "11:30"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let moved = dropin_session::Entity::find_by_id(session.id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (moved.venue.as_str(), moved.starts_at.as_str()),
            ("Library", "10:00")
        );

        // A one-off session gets its own form.
        let one_off = officer
            .post(
                paths::NEW_SESSION,
                &[
                    ("name", "Preparing for adulthood"),
                    ("venue", "College"),
                    ("services", ""),
                    ("date", &in_days(30)),
                    ("starts", "16:00"),
                    ("ends", "18:00"),
                ],
            )
            .await;
        assert_eq!(one_off.status, StatusCode::SEE_OTHER, "{}", one_off.body);
        let newest = dropin_session::Entity::find()
            .order_by_desc(dropin_session::Column::Id)
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(newest.series_id, None);
        assert_ne!(newest.survey_id, series.survey_id);

        // A closed form: the kiosk says so and takes nothing.
        let closed = officer
            .post(
                &format!("/officer/surveys/{}", series.survey_id),
                &[("op", "close")],
            )
            .await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
        let page = tablet.get(&kiosk_path).await;
        assert!(page.body.contains("This feedback form is closed."));
        assert!(!page.body.contains("Send feedback"));
        let late = tablet
            .post(
                &kiosk_path,
                &[("token", &responses::new_token()), (fft.as_str(), "good")],
            )
            .await;
        assert_eq!(late.status, StatusCode::CONFLICT);

        for action in [
            AuditAction::DropInSeriesCreated,
            AuditAction::DropInSessionsAdded,
            AuditAction::DropInSessionEdited,
            AuditAction::DropInSessionDeleted,
        ] {
            assert!(
                audited(&state.db, action).await >= 1,
                "{backend:?} {action:?}"
            );
        }
    })
    .await;
}

async fn survey_slug(state: &app::server::state::AppState, id: i32) -> String {
    use app::server::entities::survey;
    survey::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .slug
}

#[tokio::test]
async fn bad_drop_in_input_is_refused_and_nothing_is_half_made() {
    on_each_backend(|db, backend| async move {
        let (router, state) = app(db, 10).await;
        let mut officer = Browser::new(&router);
        officer.sign_in_as(Role::Officer).await;
        let counts = || async {
            (
                dropin_series::Entity::find()
                    .count(&state.db)
                    .await
                    .unwrap(),
                dropin_session::Entity::find()
                    .count(&state.db)
                    .await
                    .unwrap(),
                app::server::entities::survey::Entity::find()
                    .count(&state.db)
                    .await
                    .unwrap(),
            )
        };
        let before = counts().await;

        let refused = officer
            .post(
                paths::NEW_SERIES,
                &[
                    ("name", ""),
                    ("venue", &"v".repeat(300)),
                    ("date", "2026-02-30"),
                    ("starts", "12:00"),
                    ("ends", "11:00"),
                    ("repeat", "monthly"),
                    ("until", ""),
                ],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        for field in ["name", "venue", "date", "ends", "until"] {
            assert!(
                refused.body.contains(&format!(r##"href="#{field}""##)),
                "{field}"
            );
        }
        assert!(
            refused.body.contains(&"v".repeat(300)),
            "what was typed is kept"
        );

        // A repeat that would run for years.
        let too_long = officer
            .post(
                paths::NEW_SERIES,
                &[
                    ("name", "Weekly"),
                    ("venue", "Hub"),
                    ("date", &in_days(1)),
                    ("starts", "10:00"),
                    ("ends", "11:00"),
                    ("repeat", "weekly"),
                    ("until", &in_days(900)),
                ],
            )
            .await;
        assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            counts().await,
            before,
            "no series, session or survey was made"
        );

        // Unknown ids and codes, and tampered kiosk forms.
        assert_eq!(
            officer.get(&paths::session(999_999)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            officer.get(&paths::series(999_999)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            officer
                .get("/officer/dropins/sessions/abc/poster.svg")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let mut tablet = Browser::new(&router);
        assert_eq!(
            tablet.get("/d/AAAA-AAAA/kiosk").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            tablet.get("/d/not-a-code").await.status,
            StatusCode::NOT_FOUND
        );
        let session = dropin_session::Entity::find()
            .one(&state.db)
            .await
            .unwrap()
            .unwrap();
        let kiosk = paths::kiosk(&session.code);
        let bad_token = tablet.post(&kiosk, &[("token", "x")]).await;
        assert_eq!(bad_token.status, StatusCode::BAD_REQUEST);
        let token = hidden(&tablet.get(&kiosk).await.body, "token");
        let unknown = tablet
            .post(&kiosk, &[("token", &token), ("q999999", "yes")])
            .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        let unknown_op = officer
            .post(&paths::session(session.id), &[("op", "explode")])
            .await;
        assert_eq!(unknown_op.status, StatusCode::BAD_REQUEST);
    })
    .await;
}
