//! The Guide page: the article's guidance, readable in two minutes — the four
//! contrasts, when to lead and when to manage, the twelve aspects, shared
//! ground and how the two complement each other. Searchable; each situation
//! links to the user's own decisions in it.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::{theme, widgets};
use crate::analysis::Filter;
use crate::analysis::outcomes::OutcomeEvidence;
use crate::context::{AppRequest, ViewContext};
use crate::guidance::{Guidance, Side};
use crate::model::{Journal, Situation, Style};

/// The Guide page's state between frames.
#[derive(Debug, Clone, Default)]
pub struct GuidePageState {
    /// Text that sections and rows must contain to be shown.
    pub search: String,
    /// The outcome evidence and the journal revision it was computed at.
    evidence: Option<(u64, Arc<OutcomeEvidence>)>,
}

impl GuidePageState {
    /// The evidence of the whole journal, recomputed when it changed.
    fn evidence(&mut self, journal: &Journal, revision: u64) -> Arc<OutcomeEvidence> {
        match &self.evidence {
            Some((at, evidence)) if *at == revision => Arc::clone(evidence),
            _ => {
                let evidence = Arc::new(OutcomeEvidence::compute(journal.decisions()));
                self.evidence = Some((revision, Arc::clone(&evidence)));
                evidence
            }
        }
    }
}

/// The page width (points) below which the search box goes under the
/// heading: the heading, the search's label and its box side by side.
const SEARCH_BESIDE_WIDTH: f32 = 620.0;

/// The search box's width, in points.
const SEARCH_FIELD_WIDTH: f32 = 220.0;

/// Whether any of `texts` contains the lower-cased `needle`.
fn matches(needle: &str, texts: &[&str]) -> bool {
    needle.is_empty() || texts.iter().any(|text| text.to_lowercase().contains(needle))
}

/// Draws the page from what it sees; a click on a situation's decisions
/// asks for the Journal filtered to them.
pub fn show(view: &ViewContext<'_>, page: &mut GuidePageState, ui: &mut Ui) {
    let guidance = Guidance::get();
    let counts: Vec<usize> = guidance.situations.iter().map(|guide| view.names.situation(guide.id)).collect();
    let mut open_filter: Option<Filter> = None;
    let evidence = page.evidence(view.journal, view.revision);
    egui::CentralPanel::default().show(ui, |ui| {
        let heading = "When to lead, when to manage";
        let field = |search| {
            egui::TextEdit::singleline(search).hint_text("e.g. deadline, trust").desired_width(SEARCH_FIELD_WIDTH)
        };
        // The search sits right of the heading while both fit; in a narrow
        // or zoomed window it goes below it rather than over it.
        if ui.available_width() < SEARCH_BESIDE_WIDTH {
            ui.heading(heading);
            ui.horizontal(|ui| {
                let label = ui.label("Search the guide");
                ui.add(field(&mut page.search)).labelled_by(label.id);
            });
        } else {
            ui.horizontal(|ui| {
                ui.heading(heading);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let field = ui.add(field(&mut page.search));
                    let label = ui.label("Search the guide");
                    field.labelled_by(label.id);
                });
            });
        }
        let needle = page.search.trim().to_lowercase();
        ui.separator();
        widgets::page_scroll("guide").show(ui, |ui| {
            widgets::cap_width(ui, 960.0);
            let mut shown = 0;
            if matches(&needle, &[&guidance.summary]) {
                ui.label(RichText::new(&guidance.summary).size(15.0));
                ui.add_space(theme::SECTION_GAP);
                shown += 1;
            }

            let contrasts: Vec<_> = guidance
                .contrasts
                .iter()
                .filter(|c| matches(&needle, &[&c.leadership, &c.management, &c.leadership_text, &c.management_text]))
                .collect();
            if !contrasts.is_empty() {
                shown += 1;
                section(ui, "Four contrasts");
                // Columns share the width and wrap their text: a grid's cells
                // otherwise keep their text on one line, past the right edge
                // of a zoomed window.
                prose_table("contrasts", 2).row_gap(10.0).show(ui, |ui| {
                    ui.label(
                        RichText::new("Leadership")
                            .strong()
                            .color(theme::style_color(Some(Style::Leadership), ui.visuals())),
                    );
                    ui.label(
                        RichText::new("Management")
                            .strong()
                            .color(theme::style_color(Some(Style::Management), ui.visuals())),
                    );
                    ui.end_row();
                    for contrast in contrasts {
                        pole(ui, &contrast.leadership, &contrast.leadership_text);
                        pole(ui, &contrast.management, &contrast.management_text);
                        ui.end_row();
                    }
                });
                ui.add_space(theme::SECTION_GAP);
            }

            let situations: Vec<(usize, _)> = guidance
                .situations
                .iter()
                .enumerate()
                .filter(|(_, g)| matches(&needle, &[&g.label, &g.why, &g.advice, g.id.id()]))
                .collect();
            if !situations.is_empty() {
                shown += 1;
                section(ui, "When to lead and when to manage");
                // Only the sides with a match: a search never leaves a
                // heading with nothing under it.
                let sides: Vec<Side> = [Side::Leadership, Side::Management]
                    .into_iter()
                    .filter(|side| situations.iter().any(|(_, g)| g.side == *side))
                    .collect();
                ui.columns(sides.len(), |columns| {
                    for (column, side) in columns.iter_mut().zip(sides.iter().copied()) {
                        // Left-aligned, not justified: `columns` justifies, which
                        // spread the words of a narrow (zoomed) column apart.
                        column.with_layout(egui::Layout::top_down(egui::Align::Min), |column| {
                            let heading = match side {
                                Side::Leadership => "Leading tends to fit when\u{2026}",
                                Side::Management => "Managing tends to fit when\u{2026}",
                            };
                            column.label(
                                RichText::new(heading)
                                    .strong()
                                    .color(theme::style_color(Some(side.style()), column.visuals())),
                            );
                            column.add_space(4.0);
                            for (index, guide) in situations.iter().filter(|(_, g)| g.side == side) {
                                column.label(RichText::new(&guide.label).strong());
                                column.label(&guide.why);
                                column.label(RichText::new(format!("In practice: {}.", guide.advice)).weak());
                                column.add_space(2.0);
                                journal_evidence(column, &evidence, guide.id);
                                let count = counts[*index];
                                let link = format!("Show my decisions in this situation ({count})");
                                if column.add_enabled(count > 0, egui::Link::new(link)).clicked() {
                                    open_filter = Some(Filter { situation: Some(guide.id), ..Filter::default() });
                                }
                                column.add_space(8.0);
                            }
                        });
                    }
                });
                ui.add_space(theme::SECTION_GAP);
            }

            let aspects: Vec<_> = guidance
                .aspects
                .iter()
                .filter(|a| matches(&needle, &[&a.name, &a.leadership, &a.management]))
                .collect();
            if !aspects.is_empty() {
                shown += 1;
                section(ui, "Twelve aspects side by side");
                prose_table("aspects", 3).row_gap(6.0).header(&["Aspect", "Leadership", "Management"]).show(ui, |ui| {
                    for aspect in aspects {
                        ui.label(&aspect.name);
                        ui.label(&aspect.leadership);
                        ui.label(&aspect.management);
                        ui.end_row();
                    }
                });
                ui.add_space(theme::SECTION_GAP);
            }

            let shared: Vec<_> =
                guidance.shared_ground.iter().filter(|g| matches(&needle, &[&g.name, &g.text])).collect();
            if !shared.is_empty() {
                shown += 1;
                section(ui, "Common ground");
                for ground in shared {
                    ui.label(RichText::new(&ground.name).strong());
                    ui.label(&ground.text);
                    ui.add_space(6.0);
                }
                ui.add_space(theme::SECTION_GAP);
            }

            let complements: Vec<_> =
                guidance.complements.iter().filter(|c| matches(&needle, &[&c.leadership, &c.management])).collect();
            if !complements.is_empty() {
                shown += 1;
                section(ui, "How they complement each other");
                prose_table("complements", 2).row_gap(6.0).striped(false).show(ui, |ui| {
                    for complement in complements {
                        ui.label(&complement.leadership);
                        ui.label(&complement.management);
                        ui.end_row();
                    }
                });
            }

            if shown == 0 {
                ui.add_space(24.0);
                ui.label(
                    RichText::new(format!("Nothing in the guide mentions \u{201c}{}\u{201d}.", page.search.trim()))
                        .size(16.0),
                );
            }
        });
    });
    if let Some(filter) = open_filter {
        view.send(AppRequest::ShowJournalWith(filter));
    }
}

/// "In your journal: management 7 of 8 met (95 % range …), leadership 2 of
/// 5 met (…)", and what that allows saying.
fn journal_evidence(ui: &mut Ui, evidence: &OutcomeEvidence, situation: Situation) {
    let Some(line) = evidence.situation_line(situation) else {
        ui.label(RichText::new("In your journal: no reviewed decision in this situation yet.").small().weak());
        return;
    };
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 3))
        .fill(ui.visuals().faint_bg_color)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.label(line);
            if let Some(finding) = evidence.situation_finding(situation) {
                ui.label(RichText::new(finding.short_verdict()).weak());
            }
        });
}

/// A table of the guide's prose: its columns share the width evenly and
/// wrap their text.
fn prose_table<'a>(id_salt: &'static str, columns: u8) -> widgets::Table<'a> {
    widgets::Table::new(id_salt, columns).gap(24.0).share_width(60.0)
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(title).size(18.0).strong());
    ui.add_space(4.0);
}

fn pole(ui: &mut Ui, name: &str, text: &str) {
    ui.vertical(|ui| {
        widgets::cap_width(ui, 420.0);
        ui.label(RichText::new(name).strong());
        ui.label(text);
    });
}
