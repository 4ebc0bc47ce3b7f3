//! File → Import… and File → Export, dropping a file onto the window, and the
//! import preview. Files are chosen with the system's dialog or, when it
//! cannot open, Keel's own ([`super::widgets::file_chooser`]); every file
//! choice of the window (brief, journal) is sent as an
//! [`AppRequest::AskForFile`] and asked by the app (`KeelApp::ask_for_file`).
//! What is here reads what it is given and sends [`AppRequest`]s.

use egui::{RichText, Ui};

use super::theme;
use super::widgets::file_chooser::FileChooser;
use crate::context::files::{FileRequest, Mode};
use crate::context::{AppRequest, FilePurpose, ImportPreview, Sender};
use crate::interop::{ExportFormat, ImportPlan};

/// How many new or skipped records the preview lists by name.
const LISTED: usize = 200;

/// The request for File → Import….
#[must_use]
pub fn import_request() -> FileRequest {
    FileRequest {
        title: "Import decisions".to_owned(),
        mode: Mode::Open,
        filter_name: "Keel or jrnl JSON, CSV, jrnl text".to_owned(),
        extensions: vec!["json", "csv", "txt"],
        file_name: String::new(),
        folder: None,
    }
}

/// The request for an export in `format`.
#[must_use]
pub fn export_request(format: ExportFormat) -> FileRequest {
    let extension = format.extension();
    FileRequest {
        title: format!("Export as {}", format.label()),
        mode: Mode::Save,
        filter_name: format.label().to_owned(),
        extensions: vec![extension],
        file_name: format!("keel-journal.{extension}"),
        folder: None,
    }
}

/// The in-window file chooser, while it is open: sends its answer once
/// given.
pub fn file_chooser_modal(chooser: &mut FileChooser, sender: &Sender, ui: &Ui) {
    if let Some(answer) = chooser.show(ui.ctx()) {
        sender.send(AppRequest::FileChooserAnswered(answer));
    }
}

/// The File menu's import and export entries.
pub fn file_menu_items(sender: &Sender, ui: &mut Ui) {
    if ui.button("Import\u{2026}").clicked() {
        ui.close();
        sender.send(AppRequest::AskForFile { request: import_request(), purpose: FilePurpose::Import });
    }
    ui.menu_button("Export", |ui| {
        for format in ExportFormat::ALL {
            let label = match format {
                ExportFormat::Json => "Keel JSON (everything, to import again)\u{2026}",
                ExportFormat::Csv => "CSV (spreadsheets)\u{2026}",
                ExportFormat::Markdown => "Markdown (a readable archive)\u{2026}",
                ExportFormat::JrnlText => "jrnl text\u{2026}",
            };
            if ui.button(label).clicked() {
                ui.close();
                sender.send(AppRequest::AskForFile {
                    request: export_request(format),
                    purpose: FilePurpose::Export(format),
                });
            }
        }
    });
}

/// Asks to import a file dropped onto the window, and shows where to drop
/// while one is dragged over it.
pub fn handle_dropped_files(sender: &Sender, ctx: &egui::Context) {
    let (hovering, dropped) = ctx.input(|input| {
        (!input.raw.hovered_files.is_empty(), input.raw.dropped_files.first().map(|file| file.path().to_owned()))
    });
    if let Some(path) = dropped {
        sender.send(AppRequest::PreviewImport(path));
    }
    if hovering {
        let rect = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop-hint")));
        let visuals = ctx.global_style().visuals.clone();
        painter.rect_filled(rect, 0.0, visuals.extreme_bg_color.gamma_multiply(0.85));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a .json, .csv or .txt file to import it",
            egui::FontId::proportional(22.0),
            visuals.strong_text_color(),
        );
    }
}

/// The import preview: what the file holds and what importing it would do,
/// before anything changes.
pub fn preview_modal(preview: &ImportPreview, sender: &Sender, ui: &Ui) {
    let mut skip_bad = preview.skip_bad;
    let mut confirm = false;
    let mut close = false;
    let response = egui::Modal::new(egui::Id::unique("import-preview")).show(ui.ctx(), |ui| {
        ui.set_min_width(440.0);
        ui.set_max_width(560.0);
        let name = preview
            .path
            .file_name()
            .map_or_else(|| preview.path.display().to_string(), |name| name.to_string_lossy().into_owned());
        ui.heading(format!("Import \u{201c}{name}\u{201d}"));
        match &preview.outcome {
            Err(message) => {
                ui.add_space(theme::SECTION_GAP);
                ui.label(RichText::new(message).color(theme::error_color(ui.visuals())));
                ui.add_space(theme::SECTION_GAP);
                close = ui.button("Close").clicked();
            }
            Ok(_) if preview.suggestions.showing => proposals_view(ui, preview, sender),
            Ok((format, plan)) => {
                ui.label(
                    RichText::new(format!("{} \u{00b7} {}", format.label(), preview.path.display())).small().weak(),
                );
                ui.add_space(theme::SECTION_GAP);
                counts(ui, plan);
                details(ui, plan, &mut skip_bad);
                people_choice(ui, preview, sender);
                suggestions_entry(ui, preview, sender);
                ui.add_space(theme::SECTION_GAP);
                if !plan.changes_anything() {
                    ui.label("Nothing to import: everything in this file is already in your journal.");
                    ui.add_space(theme::SECTION_GAP);
                }
                let enabled = preview.can_confirm_skipping(skip_bad);
                ui.horizontal(|ui| {
                    confirm = ui.add_enabled(enabled, egui::Button::new("Import")).clicked();
                    close = ui.button("Cancel").clicked();
                });
            }
        }
    });
    if response.should_close() {
        if preview.suggestions.showing {
            // Escape leaves the list of suggestions, not the whole import.
            sender.send(AppRequest::ShowImportSuggestions(false));
        } else {
            close = true;
        }
    }
    if skip_bad != preview.skip_bad {
        sender.send(AppRequest::SkipBadRecords(skip_bad));
    }
    if confirm {
        sender.send(AppRequest::ConfirmImport);
    } else if close {
        sender.send(AppRequest::CancelImport);
    }
}

/// One line of counts; each count is its own label ("12 new") so it can be
/// read out and found.
fn counts(ui: &mut Ui, plan: &ImportPlan) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} new", plan.added.len())).strong());
        ui.label("\u{00b7}");
        ui.label(RichText::new(format!("{} updated", plan.updated.len())).strong());
        ui.label("\u{00b7}");
        ui.label(format!("{} skipped", plan.skipped.len()));
        ui.label("\u{00b7}");
        let errors = format!("{} with errors", plan.errors.len());
        if plan.errors.is_empty() {
            ui.label(errors);
        } else {
            ui.label(RichText::new(errors).strong().color(theme::error_color(ui.visuals())));
        }
    });
}

fn details(ui: &mut Ui, plan: &ImportPlan, skip_bad: &mut bool) {
    if !plan.errors.is_empty() {
        ui.add_space(theme::SECTION_GAP);
        egui::ScrollArea::vertical().id_salt("import-errors").max_height(140.0).show(ui, |ui| {
            for error in &plan.errors {
                ui.label(RichText::new(error.to_string()).color(theme::error_color(ui.visuals())));
            }
        });
        ui.add_space(4.0);
        if !*skip_bad {
            ui.label("Nothing is imported while a record has errors. Fix the file, or skip those records.");
        }
        ui.checkbox(skip_bad, "Skip the records with errors and import the rest");
    }
    if !plan.added.is_empty() || !plan.updated.is_empty() {
        egui::CollapsingHeader::new(format!(
            "What will be added or updated ({})",
            plan.added.len() + plan.updated.len()
        ))
        .id_salt("import-new")
        .show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("import-new-list").max_height(180.0).show(ui, |ui| {
                // An update names the fields it changes: a file that lacks a
                // column leaves that field as it is.
                let updated = plan
                    .updated
                    .iter()
                    .map(|decision| (decision, format!("updated: {}", plan.changed_fields(decision))));
                let added = plan.added.iter().map(|decision| (decision, "new".to_owned()));
                for (decision, kind) in added.chain(updated).take(LISTED) {
                    ui.label(format!("{}  {}  ({kind})", decision.date, decision.title));
                }
                let total = plan.added.len() + plan.updated.len();
                if total > LISTED {
                    ui.label(RichText::new(format!("\u{2026} and {} more", total - LISTED)).weak());
                }
            });
        });
    }
    if !plan.skipped.is_empty() {
        egui::CollapsingHeader::new(format!("Skipped ({})", plan.skipped.len())).id_salt("import-skipped").show(
            ui,
            |ui| {
                egui::ScrollArea::vertical().id_salt("import-skipped-list").max_height(180.0).show(ui, |ui| {
                    for skipped in plan.skipped.iter().take(LISTED) {
                        ui.label(format!("{}: \u{201c}{}\u{201d}, {}", skipped.at, skipped.title, skipped.reason));
                    }
                });
            },
        );
    }
}

/// For a jrnl file, the tags that look like people and one choice for all
/// of them: import them as people instead of tags.
fn people_choice(ui: &mut Ui, preview: &ImportPreview, sender: &Sender) {
    if preview.people_tags.is_empty() {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    let tags: Vec<String> = preview.people_tags.iter().map(|tag| format!("@{tag}")).collect();
    ui.label(format!(
        "jrnl has no people, only tags, and these look like names: {}. As tags, they stay out of people's briefs.",
        tags.join(", ")
    ));
    let mut on = preview.tags_as_people;
    let label = if tags.len() == 1 { "Import it as a person" } else { "Import them as people" };
    if ui.checkbox(&mut on, label).changed() {
        sender.send(AppRequest::ImportTagsAsPeople(on));
    }
}

/// The way into the suggested styles for the new decisions without one, or,
/// once chosen, how many will get theirs.
fn suggestions_entry(ui: &mut Ui, preview: &ImportPreview, sender: &Sender) {
    let count = preview.suggestions.proposals.len();
    if count == 0 {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    if preview.suggestions.apply {
        let ticked = preview.ticked_proposals();
        ui.label(format!(
            "{ticked} of the {count} untagged {} will get the suggested style.",
            crate::model::words::noun(count, "decision", "decisions")
        ));
        ui.horizontal(|ui| {
            if ui.button("Change the suggestions\u{2026}").clicked() {
                sender.send(AppRequest::ShowImportSuggestions(true));
            }
            if ui.button("Import without suggestions").clicked() {
                sender.send(AppRequest::ApplyImportSuggestions(false));
            }
        });
    } else {
        let label = format!(
            "Apply suggestions to {count} untagged {}\u{2026}",
            crate::model::words::noun(count, "decision", "decisions")
        );
        if ui.button(label).clicked() {
            sender.send(AppRequest::ShowImportSuggestions(true));
        }
    }
}

/// The suggested style and situations for each new decision without a
/// style, each with a tick; only the ticked ones are given.
fn proposals_view(ui: &mut Ui, preview: &ImportPreview, sender: &Sender) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(
        "Keel read the words of each decision and suggests a style and situations for it. \
         Untick any that are wrong; only the ticked ones are given, when you import.",
    );
    ui.add_space(theme::SECTION_GAP);
    egui::ScrollArea::vertical().id_salt("import-proposals").max_height(360.0).show(ui, |ui| {
        for proposal in preview.suggestions.proposals.iter().take(LISTED) {
            let mut ticked = proposal.ticked;
            if ui.checkbox(&mut ticked, proposal.title.as_str()).changed() {
                sender.send(AppRequest::TickImportSuggestion(proposal.id.clone(), ticked));
            }
            ui.indent(("proposal", &proposal.id.0), |ui| {
                ui.label(RichText::new(proposal.summary()).weak());
            });
        }
        if preview.suggestions.proposals.len() > LISTED {
            ui.label(
                RichText::new(format!(
                    "\u{2026} and {} more, ticked unless you leave the suggestions out",
                    preview.suggestions.proposals.len() - LISTED
                ))
                .weak(),
            );
        }
    });
    ui.add_space(theme::SECTION_GAP);
    let ticked = preview.ticked_proposals();
    ui.horizontal(|ui| {
        let apply = format!("Use {ticked} {}", crate::model::words::noun(ticked, "suggestion", "suggestions"));
        if ui.add_enabled(ticked > 0, egui::Button::new(apply)).clicked() {
            sender.send(AppRequest::ApplyImportSuggestions(true));
            sender.send(AppRequest::ShowImportSuggestions(false));
        }
        if ui.button("Back").clicked() {
            sender.send(AppRequest::ShowImportSuggestions(false));
        }
    });
}
