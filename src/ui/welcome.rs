//! First run: what Keel is, and the two ways to start. The screen reads the
//! [`ViewContext`] and sends [`AppRequest`]s.

use egui::Ui;

use crate::context::{AppRequest, FilePurpose, ViewContext};
use crate::guidance::Guidance;

/// Draws the welcome screen.
pub fn show(view: &ViewContext<'_>, ui: &mut Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.2);
            ui.heading(egui::RichText::new("Welcome to Keel").size(28.0));
            ui.add_space(12.0);
            super::widgets::cap_width(ui, 520.0);
            ui.label(egui::RichText::new(&Guidance::get().summary).size(15.0));
            ui.add_space(24.0);
            if ui
                .add(
                    egui::Button::new(egui::RichText::new("New decision").size(16.0)).min_size(egui::vec2(220.0, 36.0)),
                )
                .clicked()
            {
                view.send(AppRequest::OpenEditor(None));
            }
            ui.add_space(8.0);
            if ui.add(egui::Button::new("Open the sample journal").min_size(egui::vec2(220.0, 30.0))).clicked() {
                view.send(AppRequest::Run(crate::context::UserCommand::OpenSample));
            }
            ui.add_space(8.0);
            if ui.add(egui::Button::new("Import a journal\u{2026}").min_size(egui::vec2(220.0, 30.0))).clicked() {
                let request = super::import_export::import_request();
                view.send(AppRequest::AskForFile { request, purpose: FilePurpose::Import });
            }
            ui.label(
                egui::RichText::new("from jrnl, a CSV file or a Keel export \u{2014} or drop the file here")
                    .small()
                    .weak(),
            );
            if let Some(path) = view.path() {
                ui.add_space(24.0);
                ui.label(
                    egui::RichText::new(format!("Your journal will be saved to {}", path.display())).small().weak(),
                );
            }
        });
    });
}
