//! The look: spacing, the three style colours and the light and dark
//! palettes. Colours are defined here only.

use egui::{Color32, Visuals};

use crate::model::Style;

/// Space between sections, in points.
pub const SECTION_GAP: f32 = 12.0;
/// Height of one row in the decision list, in points.
pub const ROW_HEIGHT: f32 = 48.0;
/// Width of the date column in the decision list, in points.
pub const DATE_COLUMN_WIDTH: f32 = 84.0;
/// Width of the fit marker column in the decision list, in points.
pub const FIT_COLUMN_WIDTH: f32 = 22.0;
/// Width of the style badge column in the decision list, in points.
pub const BADGE_COLUMN_WIDTH: f32 = 88.0;
/// Width of the navigation panel, in points.
pub const NAV_WIDTH: f32 = 150.0;
/// Default width of the editor panel, in points.
pub const EDITOR_WIDTH: f32 = 420.0;

/// The colour of a style (or of "untagged" for `None`), chosen to stay apart
/// for common colour-vision deficiencies: blue, orange and purple rather than
/// red and green. Labels always accompany them.
#[must_use]
pub fn style_color(style: Option<Style>, visuals: &Visuals) -> Color32 {
    let [r, g, b] = crate::report::palette::style_rgb(style, visuals.dark_mode);
    Color32::from_rgb(r, g, b)
}

/// The colour of a fit marker: 1 followed, 0.5 partly, 0 against. Always
/// shown with a symbol (✔ ◑ ✖) and words, never alone.
#[must_use]
pub fn fit_color(fit: f64, visuals: &Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    if fit >= 1.0 {
        if dark { Color32::from_rgb(0x7f, 0xc8, 0xf8) } else { Color32::from_rgb(0x1a, 0x5f, 0x9e) }
    } else if fit > 0.0 {
        if dark { Color32::from_gray(0xc0) } else { Color32::from_gray(0x55) }
    } else if dark {
        Color32::from_rgb(0xff, 0xb0, 0x6b)
    } else {
        Color32::from_rgb(0xa8, 0x4a, 0x00)
    }
}

/// The colour of "what the situations called for" lines: neutral, so it
/// never reads as one of the three styles.
#[must_use]
pub fn guided_color(visuals: &Visuals) -> Color32 {
    let [r, g, b] = crate::report::palette::guided_rgb(visuals.dark_mode);
    Color32::from_rgb(r, g, b)
}

/// Text colour on top of a filled style badge.
#[must_use]
pub fn on_style_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_gray(0x10) } else { Color32::WHITE }
}

/// The colour of error text.
#[must_use]
pub fn error_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xff, 0x8a, 0x80) } else { Color32::from_rgb(0xb0, 0x20, 0x20) }
}

/// Background of the warning banner.
#[must_use]
pub fn banner_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x4a, 0x2a, 0x1a) } else { Color32::from_rgb(0xfd, 0xec, 0xd8) }
}

/// Applies Keel's spacing to egui's style.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 24.0;
    });
}
