//! Generates the `i18n` module from `../locales/*.json` (leptos_i18n).

use leptos_i18n_build::{Config, TranslationsInfos};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let locales = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../locales");
    println!("cargo::rerun-if-changed={}", locales.display());
    let config = Config::new("en")?
        .add_locales(["en-easyread", "pl", "ur"])?
        .locales_path(locales);
    let infos = TranslationsInfos::parse(config)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("i18n");
    infos.generate_i18n_module(out)?;
    Ok(())
}
