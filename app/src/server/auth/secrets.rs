//! Secrets for cookies and one-time links: 256 random bits, shown to the
//! browser as hex and stored only as their SHA-256 digest; and the
//! respondent's tokens and receipt or resume codes.

use crate::domain::codes;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh secret, as 64 hex characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether `secret` has the shape [`new_secret`] gives; anything else is
/// refused before it reaches a query.
pub fn is_secret(secret: &str) -> bool {
    secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What the database keeps of `secret`.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A fresh token: 128 random bits, as 32 hex characters.
pub fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Whether `token` has the shape [`new_token`] gives: anything else is refused
/// before it reaches a query.
pub fn is_token(token: &str) -> bool {
    token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit())
}

/// A fresh receipt or resume code, from the operating system's random
/// source (uuid's v4 random bytes), without bias: bytes that would favour
/// some characters are skipped.
pub fn new_code() -> String {
    let mut bytes = Vec::new();
    codes::generate(|len| {
        let fair = u8::try_from(256 / len * len).unwrap_or(u8::MAX);
        loop {
            if bytes.is_empty() {
                // Bytes 6 and 8 carry uuid's version and variant bits.
                bytes = (uuid::Uuid::new_v4().into_bytes().into_iter().enumerate())
                    .filter(|(i, _)| *i != 6 && *i != 8)
                    .map(|(_, b)| b)
                    .collect();
            }
            if let Some(b) = bytes.pop()
                && b < fair
            {
                return usize::from(b) % len;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_well_formed_and_stored_as_digests() {
        let a = new_secret();
        assert!(is_secret(&a));
        assert_ne!(a, new_secret());
        assert_ne!(digest(&a), a);
        assert_eq!(digest(&a), digest(&a));
        assert!(!is_secret("abc"));
        assert!(!is_secret(&"g".repeat(64)));
    }
}
