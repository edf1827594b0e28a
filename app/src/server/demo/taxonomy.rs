//! The demo partnership's outcomes framework ("I statements") and its five
//! priorities, from `app/demo/outcomes-and-priorities.json`. A partnership
//! has no form for these yet, so they are the one part of the demo written
//! as rows here; surveys and actions refer to them by key and number.

use crate::{
    domain::localized::LocalizedText,
    server::entities::{outcome, priority},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, NotSet};
use serde::Deserialize;

const FILE: &str = include_str!("../../../demo/outcomes-and-priorities.json");

/// The file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub outcomes: Vec<Outcome>,
    pub priorities: Vec<Priority>,
}

/// One outcome, tagged by `key`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub key: String,
    pub title: LocalizedText,
}

/// One priority, tagged by its `number`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub number: i32,
    pub title: LocalizedText,
}

/// The demo's outcomes and priorities, as the file has them.
pub fn taxonomy() -> Result<Taxonomy, DbErr> {
    serde_json::from_str(FILE)
        .map_err(|e| DbErr::Custom(format!("demo outcomes-and-priorities.json: {e}")))
}

/// Writes the outcomes, in the file's order, and the priorities.
pub async fn insert(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let Taxonomy {
        outcomes,
        priorities,
    } = taxonomy()?;
    for (position, o) in (0..).zip(outcomes) {
        outcome::ActiveModel {
            id: NotSet,
            key: Set(o.key),
            title: Set(o.title),
            description: Set(None),
            position: Set(position),
            retired: Set(false),
        }
        .insert(txn)
        .await?;
    }
    for p in priorities {
        priority::ActiveModel {
            id: NotSet,
            number: Set(p.number),
            title: Set(p.title),
            description: Set(None),
            retired: Set(false),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_file_reads_with_every_title_in_every_language() {
        let t = taxonomy().unwrap();
        assert_eq!(t.outcomes.len(), 7);
        assert_eq!(
            t.priorities.iter().map(|p| p.number).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        for title in t
            .outcomes
            .iter()
            .map(|o| &o.title)
            .chain(t.priorities.iter().map(|p| &p.title))
        {
            for locale in ["en", "ur", "pl"] {
                assert!(title.0.contains_key(locale), "{title:?} lacks {locale}");
            }
        }
    }
}
