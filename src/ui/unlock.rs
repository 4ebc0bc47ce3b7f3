//! Shown when the journal is encrypted: the passphrase, asked once per
//! session. A wrong one is said plainly and can be tried again.

use egui::Ui;

use crate::app::KeelApp;

/// Draws the unlock screen.
pub fn show(app: &mut KeelApp, ui: &mut Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(80.0);
        ui.vertical_centered(|ui| {
            super::widgets::cap_width(ui, 480.0);
            ui.heading("This journal is encrypted");
            ui.add_space(8.0);
            if let Some(path) = app.path() {
                ui.label(egui::RichText::new(path.display().to_string()).monospace().weak());
            }
            ui.add_space(16.0);
            let mut submit = false;
            ui.horizontal(|ui| {
                let label = ui.label("Passphrase");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut app.storage_ui.passphrase).password(true).desired_width(260.0))
                    .labelled_by(label.id);
                submit |= field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                submit |= ui.button("Unlock").clicked();
            });
            if let Some(error) = &app.storage_ui.unlock_error {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(error).color(super::theme::error_color(ui.visuals())));
            }
            if submit && !app.storage_ui.passphrase.is_empty() {
                let passphrase = std::mem::take(&mut app.storage_ui.passphrase);
                app.unlock(&passphrase);
            }
            ui.add_space(16.0);
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    });
}
