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

pub fn withdraw(slug: &str) -> String {
    format!("/s/{slug}/withdraw")
}

pub fn withdrawn(slug: &str) -> String {
    format!("/s/{slug}/withdrawn")
}

pub fn declined(slug: &str) -> String {
    format!("/s/{slug}/not-taking-part")
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
pub const USERS: &str = "/officer/users";
pub const AUDIT: &str = "/officer/audit";

/// Officer pages that anyone may open: the way in.
pub const OFFICER_PUBLIC: [&str; 3] = [SIGN_IN, FORGOT_PASSWORD, SET_PASSWORD];

/// Sign-in, returning to `path` afterwards.
pub fn sign_in_returning(path: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("{SIGN_IN}?return={encoded}")
}

/// One account's form target on the users page.
pub fn user(id: i32) -> String {
    format!("{USERS}/{id}")
}
