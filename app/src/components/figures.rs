//! Counts and percentages as text: what [`crate::domain::suppression`]
//! decided, in words. Pages never look at a hidden count's value.

use crate::{
    domain::suppression::Shown,
    i18n::{t, t_string, use_i18n},
};
use leptos::prelude::*;

/// A count: the number, "fewer than N", or "not shown".
#[component]
pub fn Count(shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    match shown {
        Shown::Count(n) => n.to_string().into_any(),
        Shown::FewerThan(threshold) => {
            t!(i18n, results.fewer_than, threshold = threshold).into_any()
        }
        Shown::Withheld => t!(i18n, results.withheld).into_any(),
    }
}

/// A percentage, or "not shown" when it is withheld.
pub fn percent_text(percent: Option<u8>) -> String {
    let i18n = use_i18n();
    percent.map_or_else(
        || t_string!(i18n, results.withheld).to_string(),
        |p| format!("{p}%"),
    )
}
