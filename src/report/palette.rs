//! The colours of the three styles and of "what the situations called
//! for", defined once: the window's theme (`ui::theme`) and the exported
//! brief's SVG charts read them from here. Also the ink of the brief's
//! charts, which print on white.

use crate::model::Style;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// The colour of a style (or of "no style") on a light or a dark background.
#[must_use]
pub fn style_rgb(style: Option<Style>, dark: bool) -> Rgb {
    match (style, dark) {
        (Some(Style::Leadership), false) => [0x1f, 0x5f, 0xbf],
        (Some(Style::Leadership), true) => [0x6c, 0xa6, 0xf5],
        (Some(Style::Management), false) => [0xc2, 0x5a, 0x00],
        (Some(Style::Management), true) => [0xf5, 0x9e, 0x4c],
        (Some(Style::Blend), false) => [0x7a, 0x3d, 0xb8],
        (Some(Style::Blend), true) => [0xb9, 0x8c, 0xf0],
        (None, false) => [0x70, 0x70, 0x70],
        (None, true) => [0xa0, 0xa0, 0xa0],
    }
}

/// The colour of "what the situations called for" lines: neutral, so it
/// never reads as one of the three styles.
#[must_use]
pub fn guided_rgb(dark: bool) -> Rgb {
    if dark { [0xe0, 0xc0, 0x60] } else { [0x5a, 0x5a, 0x2a] }
}

/// Text of the brief's charts (as the brief's body text).
pub const CHART_TEXT: Rgb = [0x22, 0x22, 0x22];
/// Axis lines of the brief's charts.
pub const CHART_AXIS: Rgb = [0x99, 0x99, 0x99];
/// Grid lines of the brief's charts.
pub const CHART_GRID: Rgb = [0xe6, 0xe6, 0xe6];

/// `rgb` at `strength` (0–1) over white: a light tint that looks the same
/// in every viewer and on paper, unlike transparency.
#[must_use]
pub fn tint(rgb: Rgb, strength: f64) -> Rgb {
    let strength = strength.clamp(0.0, 1.0);
    rgb.map(|channel| {
        let mixed = f64::from(channel) * strength + 255.0 * (1.0 - strength);
        // In 0..=255 by construction (a mix of two values in that range).
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "in 0..=255")]
        let channel = mixed.round() as u8;
        channel
    })
}

/// `#rrggbb` for CSS and SVG.
#[must_use]
pub fn hex(rgb: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}
