//! The People page: everyone named in the journal, what you decided with
//! them, their talking points, and a brief for the next one-on-one.

use egui::{RichText, Ui};
use jiff::ToSpan as _;
use jiff::civil::Date;

use super::{theme, widgets};
use crate::analysis::Filter;
use crate::analysis::{self, Tally};
use crate::context::files::{FileRequest, Mode};
use crate::context::{AppRequest, FilePurpose, ViewContext};
use crate::history::Edit;
use crate::model::decision::same_name;
use crate::model::{BriefMark, Decision, TalkingPoint, review};
use crate::report::{self, Brief, BriefFormat, BriefRequest};

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
    /// The period of the next brief.
    pub period: Option<BriefPeriod>,
    /// What the brief was made from; `None` once the journal changed it.
    made_for: Option<BriefKey>,
    /// The journal revision the brief was last known to be current at.
    checked_at: u64,
    cache: Option<(u64, std::sync::Arc<[PersonRow]>)>,
    /// The goals about the chosen person with their progress, for the
    /// revision, day and person they were found for.
    goals: Option<(u64, Date, String, Vec<GoalLine>)>,
}

/// A goal about a person, as their section lists it.
#[derive(Debug, Clone)]
struct GoalLine {
    title: String,
    words: String,
}

/// The running goals about `person`, each in a line of words.
fn goals_about(view: &ViewContext<'_>, state: &mut PeoplePageState, person: &str) -> Vec<GoalLine> {
    let fresh = state.goals.as_ref().is_some_and(|(revision, day, about, _)| {
        *revision == view.revision && *day == view.today && same_name(about, person)
    });
    if !fresh {
        use crate::analysis::goals::{progress, target_words, value_words};
        let lines = view
            .journal
            .goals()
            .iter()
            .filter(|goal| goal.state() == crate::model::GoalState::Active)
            .filter(|goal| goal.person.as_deref().is_some_and(|about| same_name(about, person)))
            .map(|goal| {
                let progress = progress(view.journal, goal, view.today);
                GoalLine {
                    title: goal.title.clone(),
                    words: format!(
                        "{}; so far {} ({}), until {}.",
                        target_words(goal),
                        value_words(goal, progress.value),
                        progress.status.label(),
                        goal.until
                    ),
                }
            })
            .collect();
        state.goals = Some((view.revision, view.today, person.to_owned(), lines));
    }
    state.goals.as_ref().map(|(_, _, _, lines)| lines.clone()).unwrap_or_default()
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
fn rows(view: &ViewContext<'_>, state: &mut PeoplePageState) -> std::sync::Arc<[PersonRow]> {
    let revision = view.revision;
    if let Some((cached, rows)) = &state.cache
        && *cached == revision
    {
        return std::sync::Arc::clone(rows);
    }
    let journal = view.journal;
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
    state.cache = Some((revision, std::sync::Arc::clone(&rows)));
    rows
}

fn share(value: Option<f64>) -> String {
    analysis::percent_or(value, "–")
}

/// Draws the page from what it sees; talking points, briefs remembered,
/// files to save and toasts are asked for with the view's sender.
#[profiling::function]
pub fn show(view: &ViewContext<'_>, state: &mut PeoplePageState, ui: &mut Ui) {
    let rows = rows(view, state);
    egui::Panel::left("people_list").resizable(true).default_size(220.0).show(ui, |ui| {
        ui.add_space(8.0);
        ui.heading("People");
        egui::ScrollArea::vertical().show(ui, |ui| {
            if ui.selectable_label(state.selected.is_none(), "Me (every decision)").clicked() {
                state.selected = None;
            }
            for row in rows.iter() {
                let chosen = state.selected.as_deref().is_some_and(|s| same_name(s, &row.name));
                ui.horizontal(|ui| {
                    if ui.selectable_label(chosen, &row.name).clicked() {
                        state.selected = Some(row.name.clone());
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
        widgets::page_scroll("people").show(ui, |ui| page_body(view, state, ui, &rows));
    });
}

fn page_body(view: &ViewContext<'_>, state: &mut PeoplePageState, ui: &mut Ui, rows: &[PersonRow]) {
    {
        ui.add_space(8.0);
        let selected = state.selected.clone();
        if let Some(person) = &selected {
            person_section(view, state, ui, rows, person);
        } else {
            ui.heading("Me");
            ui.label("A brief over every decision in the journal, with everyone's open talking points.");
        }
        ui.add_space(theme::SECTION_GAP);
        brief_section(view, state, ui, selected.as_deref());
    }
}

fn person_section(view: &ViewContext<'_>, state: &mut PeoplePageState, ui: &mut Ui, rows: &[PersonRow], person: &str) {
    ui.heading(person);
    if let Some(row) = rows.iter().find(|r| same_name(&r.name, person)) {
        let t = &row.tally;
        ui.label(format!(
            "{}: {} leadership, {} management, {} blend. Leadership share {}, guided share {}, fit rate {}.",
            crate::model::words::count(t.decisions, "decision", "decisions"),
            t.leadership,
            t.management,
            t.blend,
            share(t.leadership_share()),
            share(t.guided_share()),
            share(t.fit_rate())
        ));
    }
    let (today, journal) = (view.today, view.journal);
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
            let when = decision.review_on.map(|on| review::due_words(on, today)).unwrap_or_default();
            ui.label(format!("{}: review {when} (decided {})", decision.title, decision.date));
        }
    }

    let goals = goals_about(view, state, person);
    if !goals.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Your goals about {person}")).strong());
        for goal in goals {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(goal.title).strong());
                ui.label(goal.words);
            });
        }
    }

    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("Talking points").strong());
    let points: Vec<TalkingPoint> = journal.open_points_for(person).into_iter().cloned().collect();
    if points.is_empty() {
        ui.label("No open talking points.");
    }
    for point in &points {
        ui.horizontal(|ui| {
            let mut done = false;
            if ui.checkbox(&mut done, &point.text).on_hover_text("Tick off: leaves the next briefs").changed() {
                view.change(Edit::TickPoint { id: point.id.clone(), done: Some(today) });
            }
            if ui.small_button("Remove").clicked() {
                view.change(Edit::RemovePoint(point.id.clone()));
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("New talking point");
        let response = ui
            .add(egui::TextEdit::singleline(&mut state.new_point).hint_text("ask about the on-call rota"))
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let text = state.new_point.trim().to_owned();
        if (ui.button("Add point").clicked() || entered) && !text.is_empty() {
            view.change(Edit::AddPoint(TalkingPoint::new(person, &text, today)));
            state.new_point.clear();
            // The next point goes in the same field: keep typing there.
            response.request_focus();
        }
    });
}

/// What a brief was made from: when the controls no longer match, its
/// preview and export buttons are hidden rather than showing a stale brief.
/// The journal is not part of it: a change of the journal hides the brief
/// only if the brief made again would differ (see [`PeoplePageState::current`]),
/// so the mark its own copy or save records keeps it shown, to save in the
/// other format too.
#[derive(Debug, Clone, PartialEq)]
struct BriefKey {
    person: Option<String>,
    since: Date,
    until: Date,
    redact: bool,
}

impl BriefKey {
    fn request(&self) -> BriefRequest {
        let filter = Filter { since: Some(self.since), until: Some(self.until), ..Filter::default() };
        BriefRequest { person: self.person.clone(), filter, redact: self.redact }
    }
}

impl PeoplePageState {
    /// The brief made, if it is still what `key` and the journal make. On a
    /// change of the journal it is made again once and compared: a change
    /// it does not depend on (the mark its own save records, another
    /// person's decision) keeps it; one it does hides it for good.
    fn current(&mut self, view: &ViewContext<'_>, key: &BriefKey) -> Option<&Brief> {
        if self.made_for.as_ref() != Some(key) {
            return None;
        }
        if self.checked_at != view.revision {
            let again = Brief::compute(view.journal, &key.request(), view.today);
            if self.brief.as_ref() == Some(&again) {
                self.checked_at = view.revision;
            } else {
                self.made_for = None;
                return None;
            }
        }
        self.brief.as_ref()
    }
}

/// The period chosen for the next brief, and whom it was chosen for (it
/// starts over when another person is chosen).
#[derive(Debug, Clone, PartialEq)]
pub struct BriefPeriod {
    /// The person it was chosen for; `None` is "me".
    pub person: Option<String>,
    /// The first day of the brief.
    pub since: Date,
    /// Its last day.
    pub until: Date,
    /// Whether the user chose the days; otherwise they follow the default
    /// (since the last brief, to today) as days pass and briefs are saved.
    pub chosen: bool,
}

fn same_subject(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same_name(a, b),
        _ => false,
    }
}

fn brief_section(view: &ViewContext<'_>, state: &mut PeoplePageState, ui: &mut Ui, person: Option<&str>) {
    ui.heading("Brief");
    let today = view.today;
    let (default_since, last_brief) = report::default_since(view.journal, person, today);
    let keep = |period: &BriefPeriod| period.chosen && same_subject(period.person.as_deref(), person);
    if !state.period.as_ref().is_some_and(keep) {
        state.period =
            Some(BriefPeriod { person: person.map(str::to_owned), since: default_since, until: today, chosen: false });
    }
    let subject = person.map_or_else(|| "over the whole journal".to_owned(), |name| format!("about {name}"));
    // A brief made today (copied or saved) is marked today, which the next
    // brief's start does not count: say it was made rather than "no brief".
    let made_today = view.journal.briefs().iter().any(|mark| mark.on >= today && mark.is_about(person));
    ui.label(match (made_today, last_brief) {
        (true, _) => format!("A brief {subject} was made today; the next one starts from today."),
        (false, Some(day)) => format!("The last brief {subject} covered up to {day}; the next one starts there."),
        (false, None) => {
            format!("No brief {subject} yet: the next one covers the last {} days.", report::DEFAULT_DAYS)
        }
    });
    ui.label("It gathers the balance, decisions against the guidance, reviews, open talking points and questions.");
    let Some(period) = state.period.as_mut() else { return };
    ui.horizontal_wrapped(|ui| {
        // Each label with its field and button, whatever the wrapping.
        widgets::keep_together(ui, widgets::text_width(ui, "From") + widgets::date_field_width(ui));
        let label = ui.label("From");
        let from = widgets::date_filter_field(ui, "brief-since", "first day", &mut period.since, today);
        from.field.labelled_by(label.id);
        widgets::keep_together(ui, widgets::text_width(ui, "to") + widgets::date_field_width(ui));
        let label = ui.label("to");
        let to = widgets::date_filter_field(ui, "brief-until", "last day", &mut period.until, today);
        to.field.labelled_by(label.id);
        period.chosen |= from.changed || to.changed;
        let reset = if last_brief.is_some() { "Since the last brief" } else { "Last 30 days" };
        if ui.button(reset).clicked() {
            (period.since, period.until, period.chosen) = (default_since, today, false);
        }
        if ui.button("Last 90 days").clicked() {
            (period.since, period.until, period.chosen) = (today.saturating_sub(90.days()), today, true);
        }
    });
    let (since, until) = (period.since, period.until);
    let valid = since <= until;
    if !valid {
        ui.colored_label(
            theme::error_color(ui.visuals()),
            "The period ends before it starts: choose a later end or an earlier start.",
        );
    }
    ui.checkbox(&mut state.redact, "Redact names for sharing")
        .on_hover_text("Names become Person A, Person B…; notes are left out");
    let key = BriefKey { person: person.map(str::to_owned), since, until, redact: state.redact };
    let mut current = state.current(view, &key).cloned();
    ui.horizontal(|ui| {
        if ui.add_enabled(valid, egui::Button::new("Make brief")).clicked() {
            let brief = Brief::compute(view.journal, &key.request(), today);
            current = Some(brief.clone());
            state.brief = Some(brief);
            state.made_for = Some(key.clone());
            state.checked_at = view.revision;
        }
        if let Some(brief) = &current {
            if ui
                .button("Copy as Markdown")
                .on_hover_text("Copying remembers the brief: the next one starts today")
                .clicked()
            {
                ui.ctx().copy_text(report::markdown(brief));
                view.change(Edit::RecordBrief(mark(brief, person, today)));
                view.send(AppRequest::Toast("Copied the brief as Markdown".to_owned()));
            }
            for (format, label) in
                [(BriefFormat::Html, "Save as HTML\u{2026}"), (BriefFormat::Markdown, "Save as Markdown\u{2026}")]
            {
                if ui.button(label).on_hover_text("Saving remembers the brief: the next one starts today").clicked() {
                    view.send(save(brief, person, format));
                }
            }
        }
    });
    if let Some(brief) = &current {
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            super::widgets::brief_preview::show(ui, brief);
        });
        if !brief.replaced.is_empty() {
            // Only here, on the user's own screen: the copies never list
            // the real names.
            let pairs: Vec<String> = brief
                .replaced
                .iter()
                .map(|(name, pseudonym, tag)| format!("{name}{} as {pseudonym}", if *tag { " (tag)" } else { "" }))
                .collect();
            ui.weak(format!("Replaced in this copy: {}.", pairs.join(", ")));
        }
    } else if state.brief.is_some() {
        ui.weak("The person, the period or the journal changed: make the brief again to see and save it.");
    }
}

/// Remembers that `brief` (about `person`) was made, by the last day it
/// covered (never after today), so the next one starts there.
fn mark(brief: &Brief, person: Option<&str>, today: Date) -> BriefMark {
    BriefMark::new(person, brief.until.min(today))
}

/// The name a brief is offered under: who it is about and the last day it
/// covers (`brief-marco-2026-12-06.html`, `brief-me-…` for the whole
/// journal), so one brief is not offered the name of the last.
fn brief_file_name(person: Option<&str>, until: Date, extension: &str) -> String {
    let mut slug = String::new();
    for c in person.unwrap_or("me").chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "someone" } else { slug };
    format!("brief-{slug}-{until}.{extension}")
}

/// Asks where to save the brief, through Keel's own chooser when the
/// system dialog cannot open; the app then writes it and, once written,
/// remembers it in the journal.
fn save(brief: &Brief, person: Option<&str>, format: BriefFormat) -> AppRequest {
    let extension = format.extension();
    let request = FileRequest {
        title: "Save the brief".to_owned(),
        mode: Mode::Save,
        filter_name: extension.to_uppercase(),
        extensions: vec![extension],
        file_name: brief_file_name(person, brief.until, extension),
        folder: None,
    };
    let purpose = FilePurpose::SaveBrief { brief: Box::new(brief.clone()), format, person: person.map(str::to_owned) };
    AppRequest::AskForFile { request, purpose }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_brief_is_offered_a_name_of_its_own() {
        let day = jiff::civil::date(2026, 12, 6);
        assert_eq!(super::brief_file_name(Some("Marco"), day, "html"), "brief-marco-2026-12-06.html");
        assert_eq!(super::brief_file_name(Some("Ana María O'Neil"), day, "md"), "brief-ana-maría-o-neil-2026-12-06.md");
        assert_eq!(super::brief_file_name(None, day, "md"), "brief-me-2026-12-06.md");
        assert_eq!(super::brief_file_name(Some("../.."), day, "md"), "brief-someone-2026-12-06.md");
    }
}
