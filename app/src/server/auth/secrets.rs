//! Secrets for cookies and one-time links: 256 random bits, shown to the
//! browser as hex and stored only as their SHA-256 digest.

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
