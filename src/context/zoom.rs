//! How far the window zooms: one range for the `--zoom` flag, the zoom keys
//! and Settings' buttons.

/// The zooms Keel offers (1.0 = 100 %): the `--zoom` flag, the zoom keys and
/// Settings' buttons all keep to it. Below half the text is too small to
/// read; above three times a laptop screen holds too little of a page.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;
