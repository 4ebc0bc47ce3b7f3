//! The keyboard shortcut sheet (F1 or ?): every shortcut in one place.

use egui::{RichText, Ui};

use crate::app::KeelApp;

/// Every shortcut, as (keys, what it does), grouped by where it works.
pub const SHORTCUTS: [(&str, &[(&str, &str)]); 3] = [
    (
        "Everywhere",
        &[
            ("Ctrl+N", "New decision"),
            ("Ctrl+Z", "Undo the last change"),
            ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
            ("Ctrl+Plus / Ctrl+Minus / Ctrl+0", "Zoom in / out / reset"),
            ("F1 or ?", "This sheet"),
            ("Tab / Shift+Tab", "Move between controls"),
            ("Ctrl+Q", "Quit"),
        ],
    ),
    ("Journal", &[("Ctrl+F", "Search"), ("Enter / Space", "Open the focused decision")]),
    (
        "Editor and review form",
        &[
            ("Ctrl+S", "Save"),
            ("Esc", "Close (asks first when there are unsaved edits)"),
            ("Enter in People or Tags", "Add the name"),
        ],
    ),
];

/// Draws the sheet as a modal; Esc or Close hides it.
pub fn show(app: &mut KeelApp, ui: &Ui) {
    let mut close = false;
    let response = egui::Modal::new(egui::Id::unique("keel-shortcut-sheet")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading("Keyboard shortcuts");
        ui.add_space(8.0);
        for (group, shortcuts) in SHORTCUTS {
            ui.label(RichText::new(group).strong());
            egui::Grid::new(("shortcuts", group)).num_columns(2).spacing([24.0, 4.0]).show(ui, |ui| {
                for (keys, action) in shortcuts {
                    ui.label(RichText::new(*keys).monospace());
                    ui.label(*action);
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
        }
        close = ui.button("Close").clicked();
    });
    if close || response.should_close() {
        app.show_shortcuts = false;
    }
}
