//! The first window on a new machine: eframe opens it at Keel's default
//! size, clamped only to the whole monitor, so on a 1280×800 laptop its
//! frame, the desktop's panels and the status bar (with every "Saved" and
//! "Copied" message) end up off screen. When the default size does not fit
//! with room for those, the window is maximised instead, which every
//! window manager fits to the usable area. A window whose size the user
//! chose (remembered by eframe) is left as it is.

/// Whether the window's size is still to be fitted to the monitor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FirstWindow {
    /// Left as it is: a size the user chose, a screenshot, or already fitted.
    #[default]
    Settled,
    /// A first window: maximised if Keel's default size does not fit.
    ToFit,
}

/// Room (points) the window frame and the desktop's own panels take around a
/// window: a title bar and a task bar or dock.
pub const DESKTOP_ALLOWANCE_POINTS: f32 = 96.0;

/// Whether a window of `window` points leaves too little of a `monitor`
/// for its frame and the desktop's panels.
#[must_use]
pub fn too_big_for(monitor: egui::Vec2, window: egui::Vec2) -> bool {
    window.x + DESKTOP_ALLOWANCE_POINTS / 4.0 > monitor.x || window.y + DESKTOP_ALLOWANCE_POINTS > monitor.y
}

/// Decides once the monitor is known: maximises the window when it is too
/// big for it. Returns whether the decision is made (so it is not asked
/// again).
pub fn fit(ctx: &egui::Context) -> bool {
    let (monitor, inner) = ctx.input(|input| {
        let viewport = input.viewport();
        (viewport.monitor_size, viewport.inner_rect.map_or_else(|| input.content_rect().size(), |rect| rect.size()))
    });
    let Some(monitor) = monitor else { return false };
    if too_big_for(monitor, inner) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
    }
    true
}

#[cfg(test)]
mod tests {
    use egui::vec2;

    use super::too_big_for;

    #[test]
    fn a_laptop_screen_the_size_of_the_window_is_too_small() {
        assert!(too_big_for(vec2(1280.0, 800.0), vec2(1280.0, 800.0)));
        assert!(too_big_for(vec2(1366.0, 768.0), vec2(1280.0, 800.0)));
        assert!(too_big_for(vec2(1400.0, 880.0), vec2(1280.0, 800.0)), "no room for the title bar and a panel");
        assert!(too_big_for(vec2(1290.0, 1080.0), vec2(1280.0, 800.0)), "no room for the frame's sides");
        assert!(!too_big_for(vec2(1920.0, 1080.0), vec2(1280.0, 800.0)));
        assert!(!too_big_for(vec2(1440.0, 900.0), vec2(1280.0, 800.0)));
    }
}
