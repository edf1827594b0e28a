//! Short-lived tickets the server signs for itself: a kiosk form's
//! submission token ([`crate::server::journey::ticket`]) and an officer's
//! grant to see exact figures ([`crate::server::officer::exact`]). One key
//! ([`super::keys::Keys::signing`]) signs both; every message starts with
//! its purpose, so a ticket of one kind can never pass for another.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Clock difference between servers that is forgiven.
const SKEW: Duration = Duration::minutes(5);

/// Why a ticket was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not made by this server for this purpose (tampered or invented).
    Forged,
    /// Genuine, but out of date.
    Expired,
}

fn mac(key: &[u8], message: &str, issued: i64) -> Option<Hmac<Sha256>> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).ok()?;
    mac.update(format!("{message}:{issued}").as_bytes());
    Some(mac)
}

/// `{issued}.{signature}` for `message` (which names its purpose and
/// everything the ticket is bound to), issued at `now`.
pub fn sign(key: &[u8], message: &str, now: DateTime<Utc>) -> Option<String> {
    let issued = now.timestamp();
    let signature = mac(key, message, issued)?.finalize().into_bytes();
    Some(format!("{issued}.{}", hex::encode(signature)))
}

/// Whether `stamp` (from [`sign`]) was made for `message` and is at most
/// `lifetime` old at `now`. The signature is compared in constant time.
pub fn verify(
    key: &[u8],
    message: &str,
    stamp: &str,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let (issued, signature) = stamp.split_once('.').ok_or(Refused::Forged)?;
    let issued: i64 = issued.parse().map_err(|_| Refused::Forged)?;
    let signature = hex::decode(signature).map_err(|_| Refused::Forged)?;
    mac(key, message, issued)
        .ok_or(Refused::Forged)?
        .verify_slice(&signature)
        .map_err(|_| Refused::Forged)?;
    let at = DateTime::from_timestamp(issued, 0).ok_or(Refused::Forged)?;
    if now - at > lifetime || at - now > SKEW {
        return Err(Refused::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_stamp_holds_only_for_its_message_key_and_time() {
        let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
        let hour = Duration::hours(1);
        let stamp = sign(KEY, "exact:1:2", now).unwrap();
        assert_eq!(verify(KEY, "exact:1:2", &stamp, hour, now), Ok(()));
        assert_eq!(
            verify(KEY, "exact:1:3", &stamp, hour, now),
            Err(Refused::Forged)
        );
        assert_eq!(
            verify(KEY, "kiosk:1:2", &stamp, hour, now),
            Err(Refused::Forged)
        );
        let other = b"fedcba9876543210fedcba9876543210";
        assert_eq!(
            verify(other, "exact:1:2", &stamp, hour, now),
            Err(Refused::Forged)
        );
        let (_, signature) = stamp.split_once('.').unwrap();
        let earlier = format!("{}.{signature}", now.timestamp() - 1);
        assert_eq!(
            verify(KEY, "exact:1:2", &earlier, hour, now),
            Err(Refused::Forged)
        );
        for junk in ["", "1", "x.y", "1.zz", "1.", ".00"] {
            assert_eq!(
                verify(KEY, "exact:1:2", junk, hour, now),
                Err(Refused::Forged),
                "{junk}"
            );
        }
        assert_eq!(verify(KEY, "exact:1:2", &stamp, hour, now + hour), Ok(()));
        assert_eq!(
            verify(
                KEY,
                "exact:1:2",
                &stamp,
                hour,
                now + hour + Duration::seconds(1)
            ),
            Err(Refused::Expired)
        );
        assert_eq!(
            verify(KEY, "exact:1:2", &stamp, hour, now - Duration::minutes(10)),
            Err(Refused::Expired)
        );
    }
}
