//! Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1
//! lane). Hashing is slow on purpose, so it runs off the async workers.

use crate::AppError;
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use std::sync::OnceLock;

fn hasher() -> Argon2<'static> {
    // These parameters are valid constants; `default` is the same values.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string for `password`, with a fresh salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = new_salt()?;
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|err| {
        tracing::error!(error = %err, "hashing a password failed");
        AppError::Internal
    })
}

/// Whether `password` matches `stored`. With no stored hash (an unknown
/// address, or a password never set) a dummy hash is checked instead, so
/// the answer takes as long and reveals nothing.
pub async fn verify(stored: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let dummy = dummy_hash();
        let (phc, real) = match stored.as_deref() {
            Some(phc) => (phc, true),
            None => (dummy, false),
        };
        let Ok(parsed) = PasswordHash::new(phc) else {
            return false;
        };
        let matches = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        real && matches
    })
    .await
    .unwrap_or(false)
}

/// 128 random bits of salt, from the thread's cryptographic generator.
fn new_salt() -> Result<SaltString, argon2::password_hash::Error> {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    SaltString::encode_b64(&bytes)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        new_salt()
            .and_then(|salt| {
                hasher()
                    .hash_password(b"no account has this password", &salt)
                    .map(|h| h.to_string())
            })
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let phc = hash("correct horse battery".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify(Some(phc.clone()), "correct horse battery".into()).await);
        assert!(!verify(Some(phc), "wrong horse".into()).await);
        assert!(!verify(None, "no account has this password".into()).await);
        assert!(!verify(Some("not a hash".into()), "x".into()).await);
    }
}
