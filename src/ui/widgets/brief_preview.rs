//! The brief as the People page previews it: the sections of the exported
//! files, laid out for reading in the window, with the Balance page's
//! charts drawn from the brief's own numbers.

use egui::{RichText, Ui};

use super::{style_badge, theme};
use crate::report::{Brief, BriefItem};
use crate::ui::charts;

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(title).strong().size(16.0));
}

/// One decision: date, style, title and people; what its situations called
/// for when it went against them; its note below.
fn item(ui: &mut Ui, item: &BriefItem, lead: &str) {
    ui.horizontal_wrapped(|ui| {
        if !lead.is_empty() {
            ui.label(lead);
        }
        ui.label(RichText::new(item.date.to_string()).monospace().weak());
        style_badge(ui, item.style);
        ui.label(RichText::new(&item.title).strong());
        if let Some(recommended) = item.recommendation.filter(|recommended| Some(*recommended) != item.style) {
            ui.weak(format!("(the situations called for {})", recommended.label().to_lowercase()));
        }
        if !item.people.is_empty() {
            ui.weak(format!("with {}", item.people.join(", ")));
        }
    });
    if let Some(note) = &item.note {
        ui.indent(("brief-note", item.date, &item.title), |ui| {
            ui.label(RichText::new(note).italics());
        });
    }
}

fn items(ui: &mut Ui, entries: &[BriefItem], empty: &str) {
    if entries.is_empty() {
        ui.label(empty);
    }
    for entry in entries {
        item(ui, entry, "");
    }
}

/// Draws `brief`.
pub fn show(ui: &mut Ui, brief: &Brief) {
    ui.heading(brief.heading());
    if brief.redacted {
        ui.weak("Shared copy: names are replaced by pseudonyms and notes are left out.");
    }
    if let Some(note) = brief.period_note() {
        ui.label(note);
    }
    ui.label(format!("{}.", brief.counts()));
    ui.label(format!("{}.", brief.shares()));

    section(ui, "Balance");
    ui.label(&brief.summary);
    ui.label(&brief.trend);
    if brief.total.decisions > 0 {
        // The preview's bars only show numbers: a click has nowhere to go.
        charts::balance_bars(ui, &brief.series, &|_| Vec::new());
        charts::share_lines(ui, &brief.series);
    }

    section(ui, "Against the guidance");
    items(ui, &brief.against, "No decision in this period went against what its situations called for.");

    section(ui, "Situations met");
    if brief.situations.is_empty() {
        ui.label("No situations were noted.");
    }
    for (label, count) in &brief.situations {
        ui.label(format!("{label}: {count}"));
    }

    section(ui, "Decisions");
    items(ui, &brief.decisions, "No decisions in this period.");

    if !brief.reviews_due.is_empty() || !brief.outcomes.is_empty() {
        section(ui, "Reviews");
        for due in &brief.reviews_due {
            item(ui, due, "Due:");
        }
        for outcome in &brief.outcomes {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("Reviewed {}:", outcome.reviewed_on));
                ui.label(RichText::new(&outcome.item.title).strong());
                ui.label(format!("turned out {}", outcome.result.to_lowercase()));
            });
        }
    }

    section(ui, "Talking points");
    if brief.talking_points.is_empty() {
        ui.label("No open talking points.");
    }
    for point in &brief.talking_points {
        ui.label(format!("\u{2610} {point}"));
    }

    section(ui, "Questions to reflect on");
    for (number, question) in brief.questions.iter().enumerate() {
        ui.label(format!("{}. {}", number + 1, question.text));
        let (named, more) = question.named();
        if !named.is_empty() {
            let titles: Vec<String> = named.iter().map(|title| format!("\u{201c}{title}\u{201d}")).collect();
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            ui.label(RichText::new(format!("About: {}{more}", titles.join(", "))).small().weak());
        }
    }
}
