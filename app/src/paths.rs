//! Addresses of the respondent's pages, built in one place so handlers,
//! loaders and links agree.

/// The survey's start page.
pub fn survey(slug: &str) -> String {
    format!("/s/{slug}")
}

/// Page `index` (from 0) of the survey; addresses count from 1.
pub fn page(slug: &str, index: usize) -> String {
    format!("/s/{slug}/p/{}", index + 1)
}

/// Page `index`, reached from "Check your answers", to return there.
pub fn change_page(slug: &str, index: usize) -> String {
    format!("{}?return=check", page(slug, index))
}

/// Where a page leads once its answers are saved: page `index`, or (None)
/// checking answers.
pub fn page_or_check(slug: &str, index: Option<usize>) -> String {
    index.map_or_else(|| check(slug), |i| page(slug, i))
}

pub fn check(slug: &str) -> String {
    format!("/s/{slug}/check")
}

pub fn done(slug: &str) -> String {
    format!("/s/{slug}/done")
}

pub fn saved(slug: &str) -> String {
    format!("/s/{slug}/saved")
}

pub fn use_code(slug: &str) -> String {
    format!("/s/{slug}/return")
}

pub fn your_answers(slug: &str) -> String {
    format!("/s/{slug}/your-answers")
}

/// Deleting the address given for updates, from "Your answers".
pub fn forget_email(slug: &str) -> String {
    format!("/s/{slug}/your-answers/email")
}

pub fn withdraw(slug: &str) -> String {
    format!("/s/{slug}/withdraw")
}

pub fn withdrawn(slug: &str) -> String {
    format!("/s/{slug}/withdrawn")
}

pub fn declined(slug: &str) -> String {
    format!("/s/{slug}/not-taking-part")
}

/// The survey's public thank-you list.
pub fn thanks(slug: &str) -> String {
    format!("/s/{slug}/thanks")
}

pub fn results(slug: &str) -> String {
    format!("/s/{slug}/results")
}

/// The officer workspace's dashboard.
pub const OFFICER: &str = "/officer";
pub const SIGN_IN: &str = "/officer/sign-in";
pub const SIGN_OUT: &str = "/officer/sign-out";
pub const FORGOT_PASSWORD: &str = "/officer/forgot-password";
pub const SET_PASSWORD: &str = "/officer/set-password";
/// Where a one-time link (an invitation or a reset) lands: the token is
/// put in a cookie and the browser is sent on to [`SET_PASSWORD`], so it
/// stays out of the address bar, history and the page's own links.
pub const SET_PASSWORD_LINK_PREFIX: &str = "/officer/set-password/";

/// The one-time link in an invitation or reset email.
pub fn set_password_link(token: &str) -> String {
    format!("{SET_PASSWORD_LINK_PREFIX}{token}")
}
pub const USERS: &str = "/officer/users";
pub const AUDIT: &str = "/officer/audit";
/// The joint data set by outcome and priority.
pub const OUTCOMES: &str = "/officer/outcomes";

/// Officer pages that anyone may open: the way in.
pub const OFFICER_PUBLIC: [&str; 3] = [SIGN_IN, FORGOT_PASSWORD, SET_PASSWORD];

/// Whether `path` is part of the way in, open to everyone: one of
/// [`OFFICER_PUBLIC`] or a one-time link.
pub fn is_officer_public(path: &str) -> bool {
    OFFICER_PUBLIC.contains(&path)
        || path
            .strip_prefix(SET_PASSWORD_LINK_PREFIX)
            .is_some_and(|token| !token.is_empty() && !token.contains('/'))
}

/// Sign-in, returning to `path` afterwards.
pub fn sign_in_returning(path: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("{SIGN_IN}?return={encoded}")
}

/// One account's form target on the users page.
pub fn user(id: i32) -> String {
    format!("{USERS}/{id}")
}

/// Drop-in series and sessions.
pub const DROPINS: &str = "/officer/dropins";
pub const NEW_SERIES: &str = "/officer/dropins/new-series";
pub const NEW_SESSION: &str = "/officer/dropins/new-session";

pub fn series(id: i32) -> String {
    format!("{DROPINS}/series/{id}")
}

pub fn session(id: i32) -> String {
    format!("{DROPINS}/sessions/{id}")
}

/// The session's A4 poster with its QR code, as SVG.
pub fn poster(id: i32) -> String {
    format!("{}/poster.svg", session(id))
}

/// A drop-in session's public link, as its QR code holds it.
pub fn dropin(code: &str) -> String {
    format!("/d/{code}")
}

/// The session's kiosk: one form on a shared tablet.
pub fn kiosk(code: &str) -> String {
    format!("/d/{code}/kiosk")
}

/// A fresh kiosk form, saying the last one was open too long to send.
pub fn kiosk_expired(code: &str) -> String {
    format!("/d/{code}/kiosk?expired=1")
}

/// Whether `path` is a drop-in session's public page: no link may lead
/// away from a kiosk, and a language chosen there is not remembered.
pub fn is_dropin(path: &str) -> bool {
    path.starts_with("/d/")
}

pub fn kiosk_thanks(code: &str) -> String {
    format!("/d/{code}/kiosk/thanks")
}

/// A survey's results for officers.
pub fn survey_results(id: i32) -> String {
    format!("/officer/surveys/{id}/results")
}

/// The survey's definition as a JSON file, to import elsewhere.
pub fn survey_export(id: i32) -> String {
    format!("/officer/surveys/{id}/export")
}

/// Every response to the survey as CSV.
pub fn results_responses_csv(id: i32) -> String {
    format!("{}/responses.csv", survey_results(id))
}

/// The survey's written answers, to read and theme.
pub fn comments(id: i32) -> String {
    format!("/officer/surveys/{id}/comments")
}

/// Every written answer with its themes, as CSV.
pub fn comments_csv(id: i32) -> String {
    format!("{}.csv", comments(id))
}

/// The results page's tables as CSV.
pub fn results_tables_csv(id: i32) -> String {
    format!("{}/tables.csv", survey_results(id))
}

/// Where every unsubscribe link starts. Posts here are the one place a
/// request from another site is accepted: a mail provider's one-click
/// unsubscribe (RFC 8058), authorised by the unguessable token alone.
pub const UNSUBSCRIBE_PREFIX: &str = "/updates/unsubscribe/";

/// The link in every update email that stops updates.
pub fn unsubscribe(token: &str) -> String {
    format!("{UNSUBSCRIBE_PREFIX}{token}")
}

pub const CONFIRM_UPDATES_PREFIX: &str = "/updates/confirm/";

/// The link in the email that asks whether its owner wants updates.
pub fn confirm_updates(token: &str) -> String {
    format!("{CONFIRM_UPDATES_PREFIX}{token}")
}

/// Said once an address for updates has been confirmed.
pub const UPDATES_CONFIRMED: &str = "/updates/confirmed";

/// `path` as logs may keep it: a secret carried in the path (an
/// unsubscribe, confirmation or password-setting token) is replaced by `…`.
pub fn for_logs(path: &str) -> std::borrow::Cow<'_, str> {
    for prefix in [
        UNSUBSCRIBE_PREFIX,
        CONFIRM_UPDATES_PREFIX,
        SET_PASSWORD_LINK_PREFIX,
    ] {
        if path
            .strip_prefix(prefix)
            .is_some_and(|token| !token.is_empty())
        {
            return format!("{prefix}…").into();
        }
    }
    path.into()
}

/// Said once an address has been deleted.
pub const UNSUBSCRIBED: &str = "/updates/unsubscribed";

/// The public "You said, we did" board.
pub const YOU_SAID_WE_DID: &str = "/you-said-we-did";

/// The board as an Atom feed.
pub const BOARD_FEED: &str = "/you-said-we-did/feed.atom";

/// One action's public page; its rating form posts here too, so a refused
/// rating is shown again on the same page.
pub fn action(id: i32) -> String {
    format!("{YOU_SAID_WE_DID}/{id}")
}

/// The officers' list of actions.
pub const ACTIONS: &str = "/officer/actions";
pub const NEW_ACTION: &str = "/officer/actions/new";

/// One action in the workspace: edit, evidence, status, publishing.
pub fn officer_action(id: i32) -> String {
    format!("{ACTIONS}/{id}")
}

/// The action as the public will see it, before or after publishing.
pub fn action_preview(id: i32) -> String {
    format!("{ACTIONS}/{id}/preview")
}

/// Approving the names offered to be thanked publicly.
pub fn officer_thanks(id: i32) -> String {
    format!("{}/thanks", survey_overview(id))
}

/// A new survey, and importing one from a file.
pub const NEW_SURVEY: &str = "/officer/surveys/new";
pub const IMPORT_SURVEY: &str = "/officer/surveys/import";

/// The builder's overview of a survey; its buttons post here.
pub fn survey_overview(id: i32) -> String {
    format!("/officer/surveys/{id}")
}

/// The survey's title, address and "how your views will be used".
pub fn survey_details(id: i32) -> String {
    format!("{}/details", survey_overview(id))
}

/// The survey as a respondent would see it, before publishing.
pub fn survey_preview(id: i32) -> String {
    format!("{}/preview", survey_overview(id))
}

/// One page's title and conditions in the builder.
pub fn survey_page(id: i32, page: i32) -> String {
    format!("{}/pages/{page}", survey_overview(id))
}

/// One question in the builder.
pub fn survey_question(id: i32, question: i32) -> String {
    format!("{}/questions/{question}", survey_overview(id))
}

/// A new question on page `page`, of `kind` when given.
pub fn new_question(id: i32, page: i32, kind: Option<&str>) -> String {
    let base = format!("{}/questions/new?page={page}", survey_overview(id));
    match kind {
        Some(kind) => format!("{base}&kind={kind}"),
        None => base,
    }
}

/// The survey's text in language `locale`, beside its own.
pub fn survey_translate(id: i32, locale: &str) -> String {
    format!("{}/translate/{locale}", survey_overview(id))
}

/// The patterns the router matches, one per handled address, beside the
/// functions above that build the same addresses (a test holds them
/// together).
pub mod route {
    pub const START: &str = "/s/{slug}";
    pub const PAGE: &str = "/s/{slug}/p/{n}";
    pub const CHECK: &str = "/s/{slug}/check";
    pub const SAVED: &str = "/s/{slug}/saved";
    pub const USE_CODE: &str = "/s/{slug}/return";
    pub const YOUR_ANSWERS: &str = "/s/{slug}/your-answers";
    pub const FORGET_EMAIL: &str = "/s/{slug}/your-answers/email";
    pub const WITHDRAW: &str = "/s/{slug}/withdraw";
    pub const UNSUBSCRIBE: &str = "/updates/unsubscribe/{token}";
    pub const CONFIRM_UPDATES: &str = "/updates/confirm/{token}";
    pub const DROPIN: &str = "/d/{code}";
    pub const KIOSK: &str = "/d/{code}/kiosk";
    pub const ACTION: &str = "/you-said-we-did/{id}";
    pub const SET_PASSWORD_LINK: &str = "/officer/set-password/{token}";
    pub const OFFICER_ACTION: &str = "/officer/actions/{id}";
    pub const SERIES: &str = "/officer/dropins/series/{id}";
    pub const SESSION: &str = "/officer/dropins/sessions/{id}";
    pub const POSTER: &str = "/officer/dropins/sessions/{id}/poster.svg";
    pub const SURVEY: &str = "/officer/surveys/{id}";
    pub const SURVEY_THANKS: &str = "/officer/surveys/{id}/thanks";
    pub const SURVEY_EXPORT: &str = "/officer/surveys/{id}/export";
    pub const SURVEY_RESULTS: &str = "/officer/surveys/{id}/results";
    pub const RESPONSES_CSV: &str = "/officer/surveys/{id}/results/responses.csv";
    pub const TABLES_CSV: &str = "/officer/surveys/{id}/results/tables.csv";
    pub const COMMENTS: &str = "/officer/surveys/{id}/comments";
    pub const COMMENTS_CSV: &str = "/officer/surveys/{id}/comments.csv";
    pub const SURVEY_DETAILS: &str = "/officer/surveys/{id}/details";
    pub const SURVEY_TRANSLATE: &str = "/officer/surveys/{id}/translate/{locale}";
    pub const SURVEY_PAGE: &str = "/officer/surveys/{id}/pages/{page}";
    pub const SURVEY_QUESTION: &str = "/officer/surveys/{id}/questions/{question}";
}

#[cfg(test)]
mod route_tests {
    use super::*;

    /// `pattern` with each `{name}` replaced by the value given for it.
    fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(pattern.to_owned(), |path, (name, value)| {
                path.replace(&format!("{{{name}}}"), value)
            })
    }

    #[test]
    fn each_pattern_matches_the_address_built_for_it() {
        let s = [("slug", "my-survey")];
        let pairs = [
            (fill(route::START, &s), survey("my-survey")),
            (
                fill(route::PAGE, &[("slug", "my-survey"), ("n", "3")]),
                page("my-survey", 2),
            ),
            (fill(route::CHECK, &s), check("my-survey")),
            (fill(route::SAVED, &s), saved("my-survey")),
            (fill(route::USE_CODE, &s), use_code("my-survey")),
            (fill(route::YOUR_ANSWERS, &s), your_answers("my-survey")),
            (fill(route::FORGET_EMAIL, &s), forget_email("my-survey")),
            (fill(route::WITHDRAW, &s), withdraw("my-survey")),
            (
                fill(route::UNSUBSCRIBE, &[("token", "t")]),
                unsubscribe("t"),
            ),
            (
                fill(route::CONFIRM_UPDATES, &[("token", "t")]),
                confirm_updates("t"),
            ),
            (fill(route::DROPIN, &[("code", "ABCD")]), dropin("ABCD")),
            (fill(route::KIOSK, &[("code", "ABCD")]), kiosk("ABCD")),
            (fill(route::ACTION, &[("id", "7")]), action(7)),
            (
                fill(route::SET_PASSWORD_LINK, &[("token", "t")]),
                set_password_link("t"),
            ),
            (
                fill(route::OFFICER_ACTION, &[("id", "7")]),
                officer_action(7),
            ),
            (fill(route::SERIES, &[("id", "7")]), series(7)),
            (fill(route::SESSION, &[("id", "7")]), session(7)),
            (fill(route::POSTER, &[("id", "7")]), poster(7)),
            (fill(route::SURVEY, &[("id", "7")]), survey_overview(7)),
            (
                fill(route::SURVEY_THANKS, &[("id", "7")]),
                officer_thanks(7),
            ),
            (fill(route::SURVEY_EXPORT, &[("id", "7")]), survey_export(7)),
            (
                fill(route::SURVEY_RESULTS, &[("id", "7")]),
                survey_results(7),
            ),
            (
                fill(route::RESPONSES_CSV, &[("id", "7")]),
                results_responses_csv(7),
            ),
            (
                fill(route::TABLES_CSV, &[("id", "7")]),
                results_tables_csv(7),
            ),
            (fill(route::COMMENTS, &[("id", "7")]), comments(7)),
            (fill(route::COMMENTS_CSV, &[("id", "7")]), comments_csv(7)),
            (
                fill(route::SURVEY_DETAILS, &[("id", "7")]),
                survey_details(7),
            ),
            (
                fill(route::SURVEY_TRANSLATE, &[("id", "7"), ("locale", "pl")]),
                survey_translate(7, "pl"),
            ),
            (
                fill(route::SURVEY_PAGE, &[("id", "7"), ("page", "2")]),
                survey_page(7, 2),
            ),
            (
                fill(route::SURVEY_QUESTION, &[("id", "7"), ("question", "9")]),
                survey_question(7, 9),
            ),
        ];
        for (pattern, built) in pairs {
            assert_eq!(pattern, built);
        }
    }
}

#[cfg(test)]
mod log_tests {
    use super::*;

    #[test]
    fn logged_paths_keep_no_tokens() {
        assert_eq!(for_logs(&unsubscribe("abc123")), "/updates/unsubscribe/…");
        assert_eq!(for_logs(&confirm_updates("abc123")), "/updates/confirm/…");
        assert_eq!(
            for_logs(&set_password_link("abc123")),
            "/officer/set-password/…"
        );
        assert_eq!(for_logs(SET_PASSWORD), SET_PASSWORD);
        assert_eq!(for_logs("/s/big-send-survey/p/2"), "/s/big-send-survey/p/2");
    }
}
