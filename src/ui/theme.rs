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
/// Default width of the editor panel (and the review form) when the
/// window has no room for two columns, in points.
pub const EDITOR_WIDTH: f32 = 420.0;
/// Default width of the editor panel with its two columns, in points.
pub const EDITOR_WIDE_WIDTH: f32 = 700.0;
/// Width the decision list keeps beside the editor by default, in points.
pub const LIST_MIN_WIDTH: f32 = 400.0;

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

/// The background of today's reminder: a calm blue, unlike a problem's.
pub fn reminder_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x1c, 0x2c, 0x3e) } else { Color32::from_rgb(0xe3, 0xee, 0xfa) }
}

/// Keel's changes to egui's light or dark visuals, for contrast (WCAG AA,
/// checked by the tests below): unticked checkboxes and radio buttons and
/// idle buttons get an outline that stands out from the panel (3:1), and
/// weak and hint text stays readable (4.5:1).
pub fn adjust_visuals(visuals: &mut Visuals) {
    let (outline, weak) = if visuals.dark_mode {
        (Color32::from_gray(0x80), Color32::from_gray(0xa8))
    } else {
        (Color32::from_gray(0x76), Color32::from_gray(0x5c))
    };
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, outline);
    visuals.weak_text_color = Some(weak);
}

/// Applies Keel's spacing and visuals to egui's styles, once per window
/// (egui keeps them; a change of theme in Settings switches between the
/// light and dark ones, both already adjusted).
pub fn apply(ctx: &egui::Context) {
    let applied = egui::Id::unique("keel-theme-applied");
    if ctx.data(|data| data.get_temp::<bool>(applied)).unwrap_or(false) {
        return;
    }
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 24.0;
        adjust_visuals(&mut style.visuals);
    });
    // Keel reads the zoom keys itself (the command list), within its range.
    ctx.options_mut(|options| options.zoom_with_keyboard = false);
    ctx.data_mut(|data| data.insert_temp(applied, true));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(color: Color32) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(color.r()) + 0.7152 * linear(color.g()) + 0.0722 * linear(color.b())
    }

    /// `color` (premultiplied, as egui keeps it) drawn over an opaque
    /// `background`: what the eye sees.
    fn over(color: Color32, background: Color32) -> Color32 {
        let keep = 1.0 - f64::from(color.a()) / 255.0;
        let mix = |top: u8, bottom: u8| {
            let value = f64::from(top) + f64::from(bottom) * keep;
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=255 after clamping")]
            let channel = value.round().clamp(0.0, 255.0) as u8;
            channel
        };
        Color32::from_rgb(
            mix(color.r(), background.r()),
            mix(color.g(), background.g()),
            mix(color.b(), background.b()),
        )
    }

    /// The contrast of a stroke: none when it is not drawn at all.
    fn stroke_contrast(stroke: egui::Stroke, background: Color32) -> f64 {
        if stroke.width <= 0.0 || stroke.color.a() == 0 {
            1.0
        } else {
            contrast(over(stroke.color, background), background)
        }
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    fn themes() -> [Visuals; 2] {
        let (mut light, mut dark) = (Visuals::light(), Visuals::dark());
        adjust_visuals(&mut light);
        adjust_visuals(&mut dark);
        [light, dark]
    }

    #[test]
    fn the_contrast_formula_matches_wcag() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::from_gray(0x76), Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn both_themes_meet_wcag_aa() {
        for visuals in themes() {
            let theme = if visuals.dark_mode { "dark" } else { "light" };
            let backgrounds = [visuals.panel_fill, visuals.window_fill, visuals.extreme_bg_color];
            for background in backgrounds {
                let text = [
                    ("text", visuals.text_color()),
                    ("weak and hint text", visuals.weak_text_color()),
                    ("error text", error_color(&visuals)),
                ];
                for (what, color) in text {
                    let ratio = contrast(over(color, background), background);
                    assert!(ratio >= 4.5, "{theme}: {what} {color:?} on {background:?} is {ratio:.2}:1");
                }
                let line = |color| egui::Stroke::new(1.0, color);
                let outlines = [
                    ("checkbox and radio outline", visuals.widgets.inactive.bg_stroke),
                    ("focus ring", visuals.selection.stroke),
                    ("leadership line", line(style_color(Some(Style::Leadership), &visuals))),
                    ("management line", line(style_color(Some(Style::Management), &visuals))),
                    ("blend line", line(style_color(Some(Style::Blend), &visuals))),
                    ("guided line", line(guided_color(&visuals))),
                ];
                for (what, stroke) in outlines {
                    let ratio = stroke_contrast(stroke, background);
                    assert!(ratio >= 3.0, "{theme}: {what} {stroke:?} on {background:?} is {ratio:.2}:1");
                }
            }
            let banner = banner_fill(&visuals);
            let ratio = contrast(error_color(&visuals), banner);
            assert!(ratio >= 4.5, "{theme}: the banner's text is {ratio:.2}:1");
        }
    }
}
