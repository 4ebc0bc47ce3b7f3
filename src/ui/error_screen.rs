//! Shown when the journal cannot be opened: what is wrong and where, and the
//! way out. The file is never written from here: the screen reads the
//! [`ViewContext`] and its own form, and sends [`AppRequest`]s.

use std::path::PathBuf;

use egui::Ui;

use crate::context::{AppRequest, ViewContext};

/// The "open another journal" form.
#[derive(Debug, Clone, Default)]
pub struct OpenForm {
    /// Path typed by the user.
    pub path: String,
}

/// Draws the error screen, `message` saying what is wrong and where.
pub fn show(view: &ViewContext<'_>, form: &mut OpenForm, ui: &mut Ui, message: &str) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            super::widgets::cap_width(ui, 640.0);
            ui.heading("This journal cannot be opened");
            ui.add_space(12.0);
            ui.label(egui::RichText::new(message).monospace().color(super::theme::error_color(ui.visuals())));
            ui.add_space(8.0);
            ui.label("Keel has not changed the file. Fix it in a text editor, open another journal, or quit.");
            if let Some(backup) = view.storage.recovery {
                ui.add_space(16.0);
                let label = format!("Restore {}", backup.describe());
                if ui.button(label).clicked() {
                    view.send(AppRequest::RecoverFrom(backup.clone()));
                }
                ui.label(
                    egui::RichText::new(
                        "The unreadable file is kept in the backups folder beside the journal, never deleted.",
                    )
                    .weak(),
                );
            }
            ui.add_space(20.0);
            ui.horizontal(|ui| {
                let label = ui.label("Open another journal:");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut form.path)
                            .hint_text("/path/to/journal.ron")
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                let enter = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                if (ui.button("Open").clicked() || enter) && !form.path.trim().is_empty() {
                    view.send(AppRequest::OpenJournal(PathBuf::from(form.path.trim())));
                }
            });
            ui.add_space(12.0);
            if ui.button("Quit").clicked() {
                view.send(AppRequest::Run(crate::context::UserCommand::Quit));
            }
        });
    });
}
