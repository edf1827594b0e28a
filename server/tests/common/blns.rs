//! The Big List of Naughty Strings (vendored with its licence in
//! `support/blns/`), for the hostile-string tests.

const BLNS: &str = include_str!("../support/blns/blns.json");

/// The strings to send: all of them with `HEARD_NAUGHTY=all` (`make
/// security`), otherwise every fourth.
pub fn strings() -> Vec<String> {
    let all: Vec<String> = serde_json::from_str(BLNS).unwrap();
    if std::env::var("HEARD_NAUGHTY").is_ok_and(|v| v == "all") {
        all
    } else {
        all.into_iter().step_by(4).collect()
    }
}

/// What a text of `text` is stored as: trimmed, CRLF as LF.
pub fn as_stored(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

/// Whether `body` shows `text` live: as markup it would run or change,
/// rather than escaped.
pub fn shown_live(body: &str, text: &str) -> bool {
    (text.contains('<') || text.contains('&')) && body.contains(text)
}
