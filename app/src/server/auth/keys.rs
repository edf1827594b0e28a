//! Keys Heard makes for itself. Each is made once, kept in `app_meta`, and
//! read once per process, so every server that shares the database signs
//! and checks alike with no key in the configuration.

use crate::server::store::meta;
use sea_orm::{ConnectionTrait, DbErr};
use tokio::sync::OnceCell;

/// The `app_meta` row holding the kiosk ticket key.
const KIOSK_KEY: &str = "kiosk_ticket_key";

/// The keys one process has read, each on first use.
#[derive(Debug, Default)]
pub struct Keys {
    kiosk: OnceCell<Vec<u8>>,
}

impl Keys {
    /// The key that signs kiosk tickets ([`crate::server::journey::ticket`]).
    pub async fn kiosk(&self, db: &impl ConnectionTrait) -> Result<&[u8], DbErr> {
        let key = self
            .kiosk
            .get_or_try_init(|| async {
                let hex_key =
                    meta::get_or_insert(db, KIOSK_KEY, &super::secrets::new_secret()).await?;
                hex::decode(hex_key.trim())
                    .ok()
                    .filter(|k| k.len() >= 32)
                    .ok_or_else(|| {
                        DbErr::Custom(format!("app_meta {KIOSK_KEY} is not a 256-bit hex key"))
                    })
            })
            .await?;
        Ok(key.as_slice())
    }
}
