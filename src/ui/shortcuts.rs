//! The keyboard shortcut sheet (F1 or ?): every command's keys, read from
//! the one command list, grouped by where they work.

use egui::{RichText, Ui};

use super::commands::CommandKeys;
use super::widgets;
use crate::context::{AppRequest, Scope, Sender, UserCommand};

/// Draws the sheet as a modal; Esc or Close asks to hide it.
pub fn show(sender: &Sender, ui: &Ui) {
    let mut close = false;
    let ctx = ui.ctx().clone();
    let response = egui::Modal::new(egui::Id::unique("keel-shortcut-sheet")).show(&ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Keyboard shortcuts");
        ui.add_space(8.0);
        egui::ScrollArea::vertical().max_height(ui.ctx().content_rect().height() * 0.7).show(ui, |ui| {
            for scope in [Scope::Everywhere, Scope::Journal, Scope::Form] {
                ui.label(RichText::new(scope.heading()).strong());
                let id = ("shortcuts", scope.heading());
                widgets::Table::new(id, 2).gap(24.0).row_gap(4.0).striped(false).show(ui, |ui| {
                    for command in
                        UserCommand::ALL.into_iter().filter(|c| c.scope() == scope && !c.shortcuts().is_empty())
                    {
                        ui.label(RichText::new(command.all_shortcuts_text(&ctx)).monospace());
                        ui.label(command.description());
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
            }
        });
        close = ui.button("Close").clicked();
    });
    if close || response.should_close() {
        sender.send(AppRequest::CloseShortcutSheet);
    }
}
