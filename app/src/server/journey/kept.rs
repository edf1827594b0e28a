//! The cookies a respondent's browser keeps for one survey. Each is
//! HttpOnly and SameSite=Lax, at `Path=/` and named for its survey, so
//! over HTTPS it carries the `__Host-` prefix: a browser then takes it
//! only from this exact host over a secure connection, and no other site
//! or subdomain can plant or overwrite it.

use crate::server::cookies;
use http::{HeaderMap, HeaderValue};

/// What a cookie keeps for a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// This browser's draft (a 128-bit token).
    Draft,
    /// The response this browser just sent, for the confirmation (30
    /// minutes, and forgotten when a new start is made).
    Done,
    /// The response this browser opened with its receipt code (its
    /// token, never the code), briefly.
    Receipt,
    /// The drop-in session whose link led here (its public code).
    DropIn,
}

impl Kept {
    fn stem(self) -> &'static str {
        match self {
            Kept::Draft => "draft",
            Kept::Done => "done",
            Kept::Receipt => "receipt",
            Kept::DropIn => "dropin",
        }
    }

    /// The cookie's name for survey `slug`.
    pub fn name(self, slug: &str, secure: bool) -> String {
        let prefix = if secure { "__Host-" } else { "" };
        format!("{prefix}heard_{}_{slug}", self.stem())
    }

    /// A `Set-Cookie` keeping `value` (a session cookie if `max_age` is None).
    pub fn set(
        self,
        slug: &str,
        value: &str,
        max_age: Option<i64>,
        secure: bool,
    ) -> Option<HeaderValue> {
        cookies::set(&self.name(slug, secure), value, "/", max_age, secure)
    }

    /// A `Set-Cookie` forgetting it.
    pub fn clear(self, slug: &str, secure: bool) -> Option<HeaderValue> {
        cookies::clear(&self.name(slug, secure), "/", secure)
    }

    /// Its value in a request, if sent and not empty.
    pub fn read(self, headers: &HeaderMap, slug: &str, secure: bool) -> Option<String> {
        cookies::read(headers, &self.name(slug, secure)).filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header;

    #[test]
    fn over_https_each_survey_s_cookie_is_a_host_cookie() {
        let set = Kept::Draft
            .set("big-send-survey", "abc", None, true)
            .unwrap();
        let set = set.to_str().unwrap();
        assert!(
            set.starts_with("__Host-heard_draft_big-send-survey=abc"),
            "{set}"
        );
        assert!(set.contains("Path=/") && set.contains("Secure") && set.contains("HttpOnly"));
        assert!(!set.contains("Domain"));
        let plain = Kept::Receipt.set("s", "x", Some(60), false).unwrap();
        assert!(plain.to_str().unwrap().starts_with("heard_receipt_s=x"));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("heard_draft_a=1; heard_draft_b=2; __Host-heard_draft_a=3"),
        );
        assert_eq!(Kept::Draft.read(&headers, "b", false).as_deref(), Some("2"));
        assert_eq!(Kept::Draft.read(&headers, "a", true).as_deref(), Some("3"));
        assert_eq!(Kept::Done.read(&headers, "a", false), None);
    }
}
