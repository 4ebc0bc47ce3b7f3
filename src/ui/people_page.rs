//! The People page: everyone named in the journal, what you decided with
//! them, their talking points, and a brief for the next one-on-one.

use std::io::Write as _;

use egui::{RichText, Ui};

use super::theme;
use crate::analysis::{self, Tally};
use crate::app::{Command, KeelApp};
use crate::model::filter::same_name;
use crate::model::{Decision, TalkingPoint, review};
use crate::report::{self, Brief, BriefRequest};
use crate::storage;

/// How many recent decisions the page lists per person.
const RECENT: usize = 5;

/// The page's state between frames.
#[derive(Debug, Default)]
pub struct PeoplePageState {
    /// The chosen person; `None` is "me", the whole journal.
    pub selected: Option<String>,
    /// The talking point being written.
    pub new_point: String,
    /// Whether the brief replaces names and leaves notes out.
    pub redact: bool,
    /// The last brief made, for the preview and the export buttons.
    pub brief: Option<Brief>,
    cache: Option<(u64, std::sync::Arc<[PersonRow]>)>,
}

/// One person's numbers.
#[derive(Debug, Clone)]
struct PersonRow {
    name: String,
    tally: Tally,
}

fn involves(decision: &Decision, person: &str) -> bool {
    decision.people.iter().any(|p| same_name(p, person))
}

/// The Balance-style numbers for everyone named, recomputed only when the
/// journal changes, in one pass over the journal (not one per person), and
/// shared with the frame rather than copied.
fn rows(app: &mut KeelApp) -> std::sync::Arc<[PersonRow]> {
    let revision = app.revision();
    if let Some((cached, rows)) = &app.people_page.cache
        && *cached == revision
    {
        return std::sync::Arc::clone(rows);
    }
    let journal = app.journal();
    let names = journal.person_counts();
    let index: std::collections::HashMap<String, usize> =
        names.iter().enumerate().map(|(i, (name, _))| (name.to_lowercase(), i)).collect();
    let mut tallies = vec![Tally::default(); names.len()];
    for decision in journal.decisions() {
        let mut seen: Vec<usize> = Vec::new();
        for person in &decision.people {
            if let Some(&i) = index.get(&person.to_lowercase())
                && !seen.contains(&i)
            {
                seen.push(i);
                tallies[i].add(decision);
            }
        }
    }
    let rows: std::sync::Arc<[PersonRow]> =
        names.into_iter().zip(tallies).map(|((name, _), tally)| PersonRow { name, tally }).collect();
    app.people_page.cache = Some((revision, std::sync::Arc::clone(&rows)));
    rows
}

fn share(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |s| format!("{}%", analysis::percent(s)))
}

/// Draws the page.
pub fn show(app: &mut KeelApp, ui: &mut Ui) {
    let rows = rows(app);
    egui::Panel::left("people_list").resizable(true).default_size(220.0).show(ui, |ui| {
        ui.add_space(8.0);
        ui.heading("People");
        egui::ScrollArea::vertical().show(ui, |ui| {
            if ui.selectable_label(app.people_page.selected.is_none(), "Me (every decision)").clicked() {
                app.people_page.selected = None;
            }
            for row in rows.iter() {
                let chosen = app.people_page.selected.as_deref().is_some_and(|s| same_name(s, &row.name));
                ui.horizontal(|ui| {
                    if ui.selectable_label(chosen, &row.name).clicked() {
                        app.people_page.selected = Some(row.name.clone());
                    }
                    ui.weak(row.tally.decisions.to_string());
                });
            }
            if rows.is_empty() {
                ui.label("Nobody is named yet: add people to a decision to see them here.");
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| page_body(app, ui));
    });
}

fn page_body(app: &mut KeelApp, ui: &mut Ui) {
    let rows = rows(app);
    {
        ui.add_space(8.0);
        let selected = app.people_page.selected.clone();
        if let Some(person) = &selected {
            person_section(app, ui, &rows, person);
        } else {
            ui.heading("Me");
            ui.label("A brief over every decision in the journal, with everyone's open talking points.");
        }
        ui.add_space(theme::SECTION_GAP);
        brief_section(app, ui, selected.as_deref());
    }
}

fn person_section(app: &mut KeelApp, ui: &mut Ui, rows: &[PersonRow], person: &str) {
    ui.heading(person);
    if let Some(row) = rows.iter().find(|r| same_name(&r.name, person)) {
        let t = &row.tally;
        ui.label(format!(
            "{} decisions: {} leadership, {} management, {} blend. Leadership share {}, guided share {}, fit rate {}.",
            t.decisions,
            t.leadership,
            t.management,
            t.blend,
            share(t.leadership_share()),
            share(t.guided_share()),
            share(t.fit_rate())
        ));
    }
    let today = app.clock().today();
    let journal = app.journal();
    let mut theirs: Vec<&Decision> = journal.decisions().iter().filter(|d| involves(d, person)).collect();
    theirs.sort_by_key(|d| std::cmp::Reverse(d.date));
    ui.add_space(8.0);
    ui.label(RichText::new("Last decisions").strong());
    for decision in theirs.iter().take(RECENT) {
        ui.horizontal(|ui| {
            ui.colored_label(
                theme::style_color(decision.style, ui.visuals()),
                decision.style.map_or("no style", |s| s.label()),
            );
            ui.label(format!("{}  {}", decision.date, decision.title));
        });
    }
    let due: Vec<&&Decision> =
        theirs.iter().filter(|d| review::is_due(d.review_on, d.review.is_some(), today)).collect();
    if !due.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Reviews due").strong());
        for decision in due {
            ui.label(format!("{}  {}", decision.date, decision.title));
        }
    }

    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("Talking points").strong());
    let points: Vec<TalkingPoint> = journal.open_points_for(person).into_iter().cloned().collect();
    if points.is_empty() {
        ui.label("No open talking points.");
    }
    let mut commands = Vec::new();
    for point in &points {
        ui.horizontal(|ui| {
            let mut done = false;
            if ui.checkbox(&mut done, &point.text).on_hover_text("Tick off: leaves the next briefs").changed() {
                commands.push(Command::TickPoint { id: point.id.clone(), done: Some(today) });
            }
            if ui.small_button("Remove").clicked() {
                commands.push(Command::RemovePoint(point.id.clone()));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("New talking point");
        let response = ui
            .add(egui::TextEdit::singleline(&mut app.people_page.new_point).hint_text("ask about the on-call rota"))
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let text = app.people_page.new_point.trim().to_owned();
        if (ui.button("Add point").clicked() || entered) && !text.is_empty() {
            commands.push(Command::AddPoint(TalkingPoint::new(person, &text, today)));
            app.people_page.new_point.clear();
        }
    });
    for command in commands {
        app.apply(command);
    }
}

fn brief_section(app: &mut KeelApp, ui: &mut Ui, person: Option<&str>) {
    ui.heading("Brief");
    ui.label(format!(
        "The last {} days: balance, decisions against the guidance, reviews, talking points and questions.",
        report::DEFAULT_DAYS
    ));
    ui.checkbox(&mut app.people_page.redact, "Redact names for sharing")
        .on_hover_text("Names become Person A, Person B…; notes are left out");
    ui.horizontal(|ui| {
        if ui.button("Make brief").clicked() {
            let request = BriefRequest {
                person: person.map(str::to_owned),
                redact: app.people_page.redact,
                ..BriefRequest::default()
            };
            app.people_page.brief = Some(Brief::compute(app.journal(), &request, app.clock().today()));
        }
        if let Some(brief) = app.people_page.brief.clone() {
            if ui.button("Save as HTML\u{2026}").clicked() {
                save(app, &brief, "html");
            }
            if ui.button("Save as Markdown\u{2026}").clicked() {
                save(app, &brief, "md");
            }
        }
    });
    if let Some(brief) = &app.people_page.brief {
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(report::markdown(brief));
        });
    }
}

/// Asks where to save the brief and writes it atomically.
fn save(app: &mut KeelApp, brief: &Brief, extension: &str) {
    let Some(path) = rfd::FileDialog::new()
        .set_title("Save the brief")
        .set_file_name(format!("keel-brief.{extension}"))
        .add_filter(extension, &[extension])
        .save_file()
    else {
        return;
    };
    let text = if extension == "html" { report::html(brief) } else { report::markdown(brief) };
    match storage::write_atomically(&path, |file| file.write_all(text.as_bytes())) {
        Ok(()) => {
            let text = format!("Saved the brief to {}", path.display());
            app.toast = Some(crate::app::Toast { text, offer_undo: false, shown_at_s: None });
        }
        Err(error) => app.banner = Some(format!("The brief was not saved: {error}")),
    }
}
