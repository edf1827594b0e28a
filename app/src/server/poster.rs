//! The printable A4 poster for a drop-in session: its name, date, time and
//! venue, and a QR code of its public link, as SVG (sharp at any size, and
//! a few kilobytes).

use crate::{
    AppError,
    components::label::date_in,
    domain::dropins::SessionRow,
    i18n::{I18nLocaleTrait, Locale, td_string},
    i18n_support::{direction, fill},
};
use html_escape::encode_text;
use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// A4 in millimetres.
const WIDTH: f64 = 210.0;
const HEIGHT: f64 = 297.0;
/// The QR code's side, and the quiet zone around it in modules.
const CODE_SIDE: f64 = 120.0;
const QUIET: usize = 4;

/// The poster for `session` in `locale`, pointing at `link`.
pub fn poster_svg(session: &SessionRow, link: &str, locale: Locale) -> Result<String, AppError> {
    let l = locale;
    let when = fill(
        td_string!(l, dropins.poster_when),
        &[
            ("date", &date_in(l, session.date)),
            ("starts", &session.starts),
            ("ends", &session.ends),
        ],
    );
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M)
        .map_err(|e| AppError::internal("drawing a poster QR code", e))?;
    let lang = l.as_str();
    let dir = direction(lang);
    let mut svg = String::with_capacity(16 * 1024);
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}mm" height="{HEIGHT}mm" viewBox="0 0 {WIDTH} {HEIGHT}" xml:lang="{lang}" direction="{dir}" font-family="Arial, Helvetica, sans-serif" text-anchor="middle" role="img">"#
    );
    let _ = write!(svg, "<title>{}</title>", encode_text(&session.name));
    let _ = write!(
        svg,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/><rect x="0" y="0" width="{WIDTH}" height="12" fill="#1d70b8"/>"##
    );
    let mut y = 34.0;
    y = lines(
        &mut svg,
        td_string!(l, dropins.poster_title),
        11.0,
        26,
        y,
        true,
    );
    y = lines(&mut svg, &session.name, 8.5, 34, y + 4.0, true);
    y = lines(&mut svg, &when, 6.5, 48, y + 2.0, false);
    lines(&mut svg, &session.venue, 6.0, 52, y, false);
    qr(&mut svg, &code, (WIDTH - CODE_SIDE) / 2.0, 100.0);
    let mut y = 100.0 + CODE_SIDE + 12.0;
    y = lines(
        &mut svg,
        td_string!(l, dropins.poster_scan),
        6.5,
        48,
        y,
        true,
    );
    y = lines(
        &mut svg,
        td_string!(l, dropins.poster_or_type),
        5.0,
        60,
        y + 2.0,
        false,
    );
    let _ = write!(
        svg,
        r#"<text x="{}" y="{y}" font-size="6" font-family="Courier New, monospace" direction="ltr">{}</text>"#,
        WIDTH / 2.0,
        encode_text(link)
    );
    lines(
        &mut svg,
        td_string!(l, dropins.poster_anonymous),
        4.5,
        70,
        HEIGHT - 14.0,
        false,
    );
    svg.push_str("</svg>");
    Ok(svg)
}

/// Writes `text` centred from baseline `y`, wrapped at `width` characters
/// (at most three lines); returns the baseline after it.
fn lines(svg: &mut String, text: &str, size: f64, width: usize, y: f64, bold: bool) -> f64 {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let mut y = y;
    let mut all = wrap(text, width);
    if all.len() > 3 {
        all.truncate(3);
        if let Some(last) = all.last_mut() {
            last.push('…');
        }
    }
    for line in &all {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{y:.1}" font-size="{size}"{weight}>{}</text>"#,
            WIDTH / 2.0,
            encode_text(line)
        );
        y += size * 1.35;
    }
    y
}

/// Words into lines of at most `width` characters (a longer word gets a
/// line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// The code's dark modules as one path, with its quiet zone, at (x, y).
fn qr(svg: &mut String, code: &QrCode, x: f64, y: f64) {
    let width = code.width();
    let scale = CODE_SIDE / (width + 2 * QUIET) as f64;
    let _ = write!(
        svg,
        r##"<g transform="translate({x} {y}) scale({scale:.5})"><rect width="{0}" height="{0}" fill="#fff"/><path fill="#000" shape-rendering="crispEdges" d=""##,
        width + 2 * QUIET
    );
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let _ = write!(svg, "M{},{}h1v1h-1z", i % width + QUIET, i / width + QUIET);
        }
    }
    svg.push_str(r#""/></g>"#);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::Date;

    fn session(name: &str) -> SessionRow {
        SessionRow {
            id: 1,
            series_id: None,
            name: name.to_owned(),
            date: Date::new(2026, 12, 8).unwrap(),
            starts: "10:00".into(),
            ends: "12:00".into(),
            venue: "Wigan Life Centre, The Wiend".into(),
            services: Vec::new(),
            code: "K7M4-Q2XP".into(),
            responses: 0,
        }
    }

    #[test]
    fn the_poster_is_a4_with_the_session_and_an_escaped_name() {
        let svg = poster_svg(
            &session("<script>alert(1)</script> & friends"),
            "https://heard.example/d/K7M4-Q2XP",
            Locale::en,
        )
        .unwrap();
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\""
        ));
        assert!(svg.contains("8 December 2026, 10:00 to 12:00"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("https://heard.example/d/K7M4-Q2XP"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn urdu_posters_run_right_to_left() {
        let svg = poster_svg(
            &session("Drop-in"),
            "http://127.0.0.1:3000/d/K7M4-Q2XP",
            Locale::ur,
        )
        .unwrap();
        assert!(svg.contains(r#"xml:lang="ur" direction="rtl""#));
    }

    #[test]
    fn long_text_wraps_by_words() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(
            wrap("unbreakablewordhere x", 5),
            ["unbreakablewordhere", "x"]
        );
    }
}
