//! The colours of the three styles, defined once: the window's theme
//! (`ui::theme::style_color`) and the exported brief's SVG charts read them
//! from here.

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

/// `#rrggbb` for CSS and SVG.
#[must_use]
pub fn hex(rgb: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}
