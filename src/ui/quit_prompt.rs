//! The question asked before quitting with unsaved edits, and the offer of
//! drafts a window left unsaved when it was killed.

use egui::{Key, RichText, Ui};

use crate::context::quit::Answer;
use crate::context::{AppRequest, KeptDrafts, Sender};

/// Draws the question while the window is asking (`what`: the unsaved
/// drafts it names) and sends the answer.
pub fn show(what: &str, sender: &Sender, ui: &Ui) {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("quit-prompt")).show(ui.ctx(), |ui| {
        ui.set_max_width(380.0);
        ui.heading("Save before quitting?");
        ui.label(format!("You have unsaved changes to {what}."));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Save").strong()).clicked() {
                answer = Some(Answer::Save);
            }
            if ui.button("Discard").clicked() {
                answer = Some(Answer::Discard);
            }
            if ui.button("Cancel").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                answer = Some(Answer::Cancel);
            }
        });
    });
    if let Some(answer) = answer {
        sender.send(AppRequest::AnswerQuit(answer));
    }
}

/// A strip above the page offering back what a window that closed without
/// saving (killed, or its computer turned off) had open.
pub fn kept_drafts_offer(kept: &KeptDrafts, sender: &Sender, ui: &mut Ui) {
    let text = format!("Keel kept {} that you had not saved when it last closed.", kept.describe());
    let mut open = false;
    let mut dismiss = false;
    egui::Panel::top("kept-drafts").frame(egui::Frame::new().fill(ui.visuals().faint_bg_color).inner_margin(8.0)).show(
        ui,
        |ui| {
            ui.horizontal(|ui| {
                ui.label(text);
                open = ui.button("Open it").clicked();
                dismiss = ui.button("Discard it").clicked();
            });
        },
    );
    if open {
        sender.send(AppRequest::TakeBackKeptDrafts);
    } else if dismiss {
        sender.send(AppRequest::DiscardKeptDrafts);
    }
}
