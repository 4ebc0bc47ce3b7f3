//! Decisions edited both in this window and outside it (another window, the
//! command line, a sync client): both versions, side by side, to choose from.
//! Until the user chooses, the journal holds the more recently edited one.
//! The chooser reads the conflicts from the [`ViewContext`] and sends
//! [`AppRequest::ResolveConflict`].

use egui::RichText;

use crate::context::{AppRequest, ViewContext};
use crate::model::Decision;

/// Draws the conflict chooser while there are conflicts.
pub fn show(view: &ViewContext<'_>, ctx: &egui::Context) {
    if view.storage.conflicts.is_empty() {
        return;
    }
    let mut choice: Option<(&crate::model::DecisionId, bool)> = None;
    egui::Window::new("Edited in two places")
        .collapsible(false)
        .resizable(true)
        .default_width(720.0)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            ui.label("These decisions were changed here and outside this window since it last saved. Choose which version to keep.");
            ui.separator();
            egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                for (index, conflict) in view.storage.conflicts.iter().enumerate() {
                    ui.push_id(index, |ui| {
                        ui.columns(2, |columns| {
                            version(&mut columns[0], "In this window", &conflict.mine, &conflict.theirs);
                            version(&mut columns[1], "From outside", &conflict.theirs, &conflict.mine);
                        });
                        ui.horizontal(|ui| {
                            if ui.button("Keep mine").clicked() {
                                choice = Some((&conflict.mine.id, true));
                            }
                            if ui.button("Keep theirs").clicked() {
                                choice = Some((&conflict.mine.id, false));
                            }
                        });
                        ui.separator();
                    });
                }
            });
        });
    if let Some((id, keep_mine)) = choice {
        view.send(AppRequest::ResolveConflict { id: id.clone(), keep_mine });
    }
}

fn version(ui: &mut egui::Ui, heading: &str, decision: &Decision, other: &Decision) {
    ui.label(RichText::new(heading).strong());
    let edited = decision.updated.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string();
    ui.label(RichText::new(format!("edited {edited}")).small().weak());
    let field = |ui: &mut egui::Ui, name: &str, value: String, differs: bool| {
        let text = RichText::new(format!("{name}: {value}"));
        ui.label(if differs { text.strong() } else { text.weak() });
    };
    field(ui, "Title", decision.title.clone(), decision.title != other.title);
    field(ui, "Date", decision.date.to_string(), decision.date != other.date);
    let style = decision.style.map_or_else(|| "untagged".to_owned(), |style| style.to_string());
    field(ui, "Style", style, decision.style != other.style);
    field(ui, "Note", decision.note.clone(), decision.note != other.note);
    if decision.tags != other.tags || !decision.tags.is_empty() {
        field(ui, "Tags", decision.tags.join(", "), decision.tags != other.tags);
    }
    if decision.people != other.people || !decision.people.is_empty() {
        field(ui, "People", decision.people.join(", "), decision.people != other.people);
    }
}
