//! Charts drawn on the server as SVG. Each sits beside (or inside) a data
//! table that carries the same figures, so the SVG is hidden from screen
//! readers, needs no JavaScript, and uses CSS classes (not inline styles,
//! which the CSP forbids) so high-contrast mode can recolour it.

use leptos::prelude::*;

/// A horizontal bar for one row of a results table: `fraction` of the
/// width, or an empty track when the figure is hidden.
#[component]
pub fn Bar(fraction: Option<f64>) -> impl IntoView {
    let width = fraction.map(|f| format!("{:.1}", (f.clamp(0.0, 1.0) * 100.0)));
    view! {
        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar__track" x="0" y="0" width="100" height="10" />
            {width.map(|w| view! { <rect class="bar__fill" x="0" y="0" width=w height="10" /> })}
        </svg>
    }
}

/// Columns over time: one per value, scaled to the largest; a hidden value
/// draws a short marker at the baseline so the gap is not read as zero.
#[component]
pub fn Columns(values: Vec<Option<u64>>) -> impl IntoView {
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1);
    let n = values.len().max(1);
    let columns = values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let x = format!("{}", i * 10 + 1);
            match v {
                Some(v) => {
                    let h = v * 100 / max;
                    let y = format!("{}", 100 - h);
                    view! { <rect class="columns__fill" x=x y=y width="8" height=h.to_string() /> }
                        .into_any()
                }
                None => view! { <rect class="columns__hidden" x=x y="96" width="8" height="4" /> }
                    .into_any(),
            }
        })
        .collect_view();
    view! {
        <svg class="columns" viewBox=format!("0 0 {} 100", n * 10) preserveAspectRatio="none"
            aria-hidden="true" focusable="false">
            <line class="columns__axis" x1="0" y1="100" x2=(n * 10).to_string() y2="100" />
            {columns}
        </svg>
    }
}
