//! Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1
//! lane). Hashing is slow on purpose, so it runs off the async workers, and
//! at most one hash per core runs at once: a flood of sign-ins queues here
//! instead of filling the blocking pool and every core.

use crate::AppError;
use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use std::sync::OnceLock;
use tokio::sync::{Semaphore, SemaphorePermit};

/// One permit per core for hashing and verifying.
async fn hashing_permit() -> Option<SemaphorePermit<'static>> {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS
        .get_or_init(|| {
            Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
        })
        .acquire()
        .await
        .ok()
}

fn hasher() -> Argon2<'static> {
    // These parameters are valid constants; `default` is the same values.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string for `password`, with a fresh salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    let _permit = hashing_permit().await;
    tokio::task::spawn_blocking(move || {
        let salt = new_salt()?;
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| AppError::internal("hashing a password", e))?
    .map_err(|err| {
        tracing::error!(error = %err, "hashing a password failed");
        AppError::Internal
    })
}

/// Whether `password` matches `stored`. With no stored hash (an unknown
/// address, or a password never set) a dummy hash is checked instead, so
/// the answer takes as long and reveals nothing.
pub async fn verify(stored: Option<String>, password: String) -> bool {
    let _permit = hashing_permit().await;
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

/// Whether `password` is too easy to guess: zxcvbn (Dropbox's estimator,
/// with its dictionaries of common passwords, names and words, keyboard
/// patterns, dates and l33t) scores it under 3, "safely unguessable"
/// (at least 10^8 guesses), given the person's own address and name and
/// this service's words.
pub fn too_guessable(password: &str, email: &str, name: &str) -> bool {
    let local = email.split('@').next().unwrap_or_default();
    // "Sam Jones" as typed, word by word, and run together.
    let joined: String = name.split_whitespace().collect();
    let mut inputs = vec![
        email,
        local,
        joined.as_str(),
        "heard",
        "send",
        "survey",
        "council",
    ];
    inputs.extend(name.split_whitespace());
    zxcvbn::zxcvbn(password, &inputs).score() < zxcvbn::Score::Three
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

    #[test]
    fn guessable_passwords_are_refused() {
        for weak in [
            "password123",
            "Password1!",
            "12345678",
            "qwertyuiop",
            "aaaaaaaa",
            "Heard2026!",
            "Welcome2025",
            "sam.jones1",
            "SamJones2026",
        ] {
            assert!(
                too_guessable(weak, "sam.jones@example.org", "Sam Jones"),
                "{weak}"
            );
        }
        for strong in [
            "hasło do ankiety w maju",
            "Sunflower-Tuesday-9-kettle",
            "plum radiator quietly swims",
        ] {
            assert!(
                !too_guessable(strong, "sam.jones@example.org", "Sam Jones"),
                "{strong}"
            );
        }
    }

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
