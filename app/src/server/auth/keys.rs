//! Keys Heard makes for itself. Each is made once, kept in `app_meta`, and
//! read once per process, so every server that shares the database signs
//! and checks alike with no key in the configuration.

use crate::server::store::meta;
use sea_orm::{ConnectionTrait, DbErr};
use tokio::sync::OnceCell;

/// The `app_meta` row holding the key that signs every ticket
/// ([`super::signing`]); named for its first use, kiosk forms.
const SIGNING_KEY: &str = "kiosk_ticket_key";

/// The keys one process has read, each on first use.
#[derive(Debug, Default)]
pub struct Keys {
    signing: OnceCell<Vec<u8>>,
}

impl Keys {
    /// The key that signs tickets ([`super::signing`]).
    pub async fn signing(&self, db: &impl ConnectionTrait) -> Result<&[u8], DbErr> {
        let key = self
            .signing
            .get_or_try_init(|| async {
                let hex_key =
                    meta::get_or_insert(db, SIGNING_KEY, &super::secrets::new_secret()).await?;
                hex::decode(hex_key.trim())
                    .ok()
                    .filter(|k| k.len() >= 32)
                    .ok_or_else(|| {
                        DbErr::Custom(format!("app_meta {SIGNING_KEY} is not a 256-bit hex key"))
                    })
            })
            .await?;
        Ok(key.as_slice())
    }
}
