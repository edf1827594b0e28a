//! Reading and writing Heard's cookies. Every cookie is HttpOnly (scripts
//! never need them) and SameSite=Lax, and Secure when served over HTTPS.

use cookie::{Cookie, SameSite, time::Duration};
use http::{HeaderMap, HeaderValue, header};

/// The value of cookie `name` in a request, if sent.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v.to_owned()).filter_map(Result::ok))
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` value. `max_age` None makes a session cookie, which the
/// browser forgets when it closes.
pub fn set(
    name: &str,
    value: &str,
    path: &str,
    max_age: Option<i64>,
    secure: bool,
) -> Option<HeaderValue> {
    let mut cookie = Cookie::build((name.to_owned(), value.to_owned()))
        .path(path.to_owned())
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    if let Some(seconds) = max_age {
        cookie = cookie.max_age(Duration::seconds(seconds));
    }
    HeaderValue::from_str(&cookie.build().to_string()).ok()
}

/// A `Set-Cookie` value that deletes cookie `name` at `path`.
pub fn clear(name: &str, path: &str, secure: bool) -> Option<HeaderValue> {
    set(name, "", path, Some(0), secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_lax_and_scoped() {
        let v = set("heard_draft", "abc", "/s/x", None, false).unwrap();
        let v = v.to_str().unwrap();
        assert!(v.starts_with("heard_draft=abc"), "{v}");
        assert!(v.contains("HttpOnly") && v.contains("SameSite=Lax") && v.contains("Path=/s/x"));
        assert!(!v.contains("Secure") && !v.contains("Max-Age"));
        let gone = clear("heard_draft", "/s/x", true).unwrap();
        assert!(gone.to_str().unwrap().contains("Max-Age=0"));
        assert!(gone.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; heard_draft=xyz"),
        );
        assert_eq!(read(&headers, "heard_draft").as_deref(), Some("xyz"));
        assert_eq!(read(&headers, "b"), None);
    }
}
