//! Shown when the journal is encrypted: the passphrase, asked once per
//! session. A wrong one is said plainly and can be tried again. The screen
//! reads the [`ViewContext`] and its own field, and sends
//! [`AppRequest::Unlock`].

use egui::Ui;

use crate::context::{AppRequest, Passphrase, ViewContext};

/// The unlock screen's own state: the passphrase being typed.
#[derive(Default)]
pub struct UnlockForm {
    /// What is typed so far; emptied when it is sent.
    pub passphrase: String,
}

/// Never prints the passphrase.
impl std::fmt::Debug for UnlockForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockForm").finish_non_exhaustive()
    }
}

/// Draws the unlock screen.
pub fn show(view: &ViewContext<'_>, form: &mut UnlockForm, ui: &mut Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(80.0);
        ui.vertical_centered(|ui| {
            super::widgets::cap_width(ui, 480.0);
            ui.heading("This journal is encrypted");
            ui.add_space(8.0);
            if let Some(path) = view.path() {
                ui.label(egui::RichText::new(path.display().to_string()).monospace().weak());
            }
            ui.add_space(16.0);
            let mut submit = false;
            ui.horizontal(|ui| {
                let label = ui.label("Passphrase");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut form.passphrase).password(true).desired_width(260.0))
                    .labelled_by(label.id);
                submit |= field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                submit |= ui.button("Unlock").clicked();
            });
            if let Some(error) = view.storage.unlock_error {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(error).color(super::theme::error_color(ui.visuals())));
            }
            if submit && !form.passphrase.is_empty() {
                view.send(AppRequest::Unlock(Passphrase::new(std::mem::take(&mut form.passphrase))));
            }
            ui.add_space(16.0);
            if ui.button("Quit").clicked() {
                view.send(AppRequest::Run(crate::context::UserCommand::Quit));
            }
        });
    });
}
