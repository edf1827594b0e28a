//! Kiosk tickets. The kiosk's form carries one, signed by the server with
//! a key kept in the database ([`crate::server::auth::keys`]), so feedback
//! can only be posted on a form the server handed out for that drop-in
//! session, and only for a day. The ticket's random part becomes the
//! response's submission token, so one ticket stores feedback at most once.

pub use crate::server::auth::signing::Refused;
use crate::server::{auth::signing, store::responses};
use chrono::{DateTime, Duration, Utc};

/// How long a kiosk form can be left open and still be sent: a drop-in day
/// with the tablet left on overnight.
pub const LIFETIME: Duration = Duration::hours(24);

fn message(session_id: i32, token: &str) -> String {
    format!("kiosk:{session_id}:{token}")
}

/// A fresh ticket for drop-in session `session_id`: `token.issued.mac`.
pub fn issue(key: &[u8], session_id: i32, now: DateTime<Utc>) -> Option<String> {
    let token = responses::new_token();
    let stamp = signing::sign(key, &message(session_id, &token), now)?;
    Some(format!("{token}.{stamp}"))
}

/// The submission token of a ticket issued for `session_id`, if it is
/// genuine and in date.
pub fn check(
    key: &[u8],
    session_id: i32,
    ticket: &str,
    now: DateTime<Utc>,
) -> Result<String, Refused> {
    let (token, stamp) = ticket.split_once('.').ok_or(Refused::Forged)?;
    if !responses::is_token(token) {
        return Err(Refused::Forged);
    }
    signing::verify(key, &message(session_id, token), stamp, LIFETIME, now)?;
    Ok(token.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_ticket_opens_its_own_session_once_and_only_while_in_date() {
        // Tickets carry whole seconds; start on one so the edges are exact.
        let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
        let ticket = issue(KEY, 7, now).unwrap();
        let token = check(KEY, 7, &ticket, now).unwrap();
        assert!(responses::is_token(&token));
        assert!(ticket.starts_with(&token));
        // Another session, another key, a changed token or time: forged.
        assert_eq!(check(KEY, 8, &ticket, now), Err(Refused::Forged));
        let other_key = b"fedcba9876543210fedcba9876543210";
        assert_eq!(check(other_key, 7, &ticket, now), Err(Refused::Forged));
        let (rest, mac) = ticket.rsplit_once('.').unwrap();
        let (_, issued) = rest.split_once('.').unwrap();
        let swapped = format!("{}.{issued}.{mac}", responses::new_token());
        assert_eq!(check(KEY, 7, &swapped, now), Err(Refused::Forged));
        let earlier = format!("{token}.{}.{mac}", now.timestamp() - 1);
        assert_eq!(check(KEY, 7, &earlier, now), Err(Refused::Forged));
        for junk in [
            "",
            "abc",
            "a.b.c",
            &format!("{token}.x.{mac}"),
            &format!("{token}.1.zz"),
        ] {
            assert_eq!(check(KEY, 7, junk, now), Err(Refused::Forged), "{junk}");
        }
        // In date up to its lifetime; a ticket from the future is refused.
        assert!(check(KEY, 7, &ticket, now + LIFETIME).is_ok());
        assert_eq!(
            check(KEY, 7, &ticket, now + LIFETIME + Duration::seconds(1)),
            Err(Refused::Expired)
        );
        assert_eq!(
            check(KEY, 7, &ticket, now - Duration::minutes(10)),
            Err(Refused::Expired)
        );
    }
}
