//! The Journal page: search, filters, the decision list and the editor beside
//! it.

use std::sync::Arc;

use egui::{Align, Layout, RichText, Ui};
use jiff::civil::Date;

use super::commands::CommandKeys;
use super::editor::{self, EditorState};
use super::{theme, widgets};
use crate::analysis::Filter;
use crate::analysis::filter::{FitFilter, StyleFilter};
use crate::analysis::search::{self, SearchIndex};
use crate::context::{UserCommand, ViewContext};
use crate::guidance::Guidance;
use crate::history::Edit;
use crate::model::{DecisionId, Journal, ReviewPeriod, Situation, Style};

/// The page's state between frames.
#[derive(Debug, Default)]
pub struct JournalPageState {
    /// The search box and filter bar.
    pub filter: Filter,
    /// The editor, when open.
    pub editor: Option<EditorState>,
    /// Set to move the keyboard focus to the search box next frame.
    focus_search: bool,
    /// Rows matching `filter`, newest first, and what they were computed for.
    shown: Option<ShownRows>,
    /// Where the date-range pickers sit while their checkbox is off.
    since_draft: Option<Date>,
    until_draft: Option<Date>,
    /// The earliest and latest decision dates, and the revision they are
    /// of: two scans of every decision, so not made every frame.
    date_span: Option<(u64, Option<(Date, Date)>)>,
    /// The list's current row, moved by Up and Down and opened by Enter.
    cursor: ListCursor,
}

/// The Journal list's current row (a position among the rows shown) and
/// what is needed to keep it in view.
#[derive(Debug, Default)]
struct ListCursor {
    /// Its position; the first row until the keys or a click move it.
    at: usize,
    /// Whether the keys have moved it, so its ring is drawn.
    shown: bool,
    /// Scroll it into view on the next frame.
    reveal: bool,
    /// The list's scroll offset and height in the last frame.
    view: Option<(f32, f32)>,
    /// Whether nothing had the keyboard when this frame began: a
    /// one-line field gives the keyboard up on the Enter that it takes.
    free_at_start: bool,
}

/// Whether the list may read keys now: no text field (the search box, the
/// editor) nor any other focused control has the keyboard, and no dialog
/// or menu is open.
fn keyboard_free(ctx: &egui::Context) -> bool {
    ctx.memory(|memory| memory.focused().is_none() && memory.top_modal_layer().is_none())
        && !egui::Popup::is_any_open(ctx)
}

impl ListCursor {
    /// Reads Up, Down and Enter for the list, unless something else had
    /// the keyboard when the frame began or has it now (see
    /// [`keyboard_free`]). Returns whether Enter asked to open the current
    /// row.
    fn read_keys(&mut self, ctx: &egui::Context, rows: usize) -> bool {
        if !std::mem::take(&mut self.free_at_start) || !keyboard_free(ctx) || rows == 0 {
            return false;
        }
        // Enter opens only a row the user can see is current: before the
        // first Up or Down there is no ring, and Enter is left alone.
        let shown = self.shown;
        let (down, up, enter) = ctx.input_mut(|input| {
            (
                input.count_and_consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                input.count_and_consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                shown && input.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            )
        });
        if down + up > 0 {
            self.at = (self.at + down).saturating_sub(up).min(rows - 1);
            self.shown = true;
            self.reveal = true;
        }
        enter
    }

    /// The scroll offset that brings the current row into view, when it
    /// was moved and lies outside the part of the list last shown.
    fn offset_to_reveal(&mut self, pitch: f32) -> Option<f32> {
        if !std::mem::take(&mut self.reveal) {
            return None;
        }
        let (offset, height) = self.view?;
        #[expect(clippy::cast_precision_loss, reason = "a row position far below 2^24")]
        let top = self.at as f32 * pitch;
        let bottom = top + pitch;
        if top < offset {
            Some(top)
        } else if bottom > offset + height {
            Some(bottom - height)
        } else {
            None
        }
    }
}

#[derive(Debug)]
struct ShownRows {
    revision: u64,
    filter: Filter,
    /// Shared with the frame drawing them, so no frame copies the list.
    rows: Arc<[usize]>,
    /// The journal's order and search text at `revision`.
    index: SearchIndex,
}

impl JournalPageState {
    /// Opens the editor on `target` (a new decision when `None`), asking first
    /// if the open draft has unsaved edits.
    pub fn request_editor(
        &mut self,
        journal: &Journal,
        target: Option<DecisionId>,
        today: Date,
        default_review: Option<ReviewPeriod>,
    ) {
        self.focus_search = false;
        match &mut self.editor {
            Some(open) if open.is_dirty() => open.ask_before(editor::Then::Open(target)),
            _ => self.editor = EditorState::open(journal, target, today, default_review),
        }
    }

    /// Moves the keyboard focus to the search box on the next frame.
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    /// Shows the decisions that `filter` keeps (links from other pages).
    pub fn show_filtered(&mut self, filter: Filter) {
        self.filter = filter;
    }

    /// Closes the editor if it is open on `id` (the decision is going).
    pub fn close_editor_on(&mut self, id: &DecisionId) {
        if self.editor.as_ref().and_then(EditorState::target) == Some(id) {
            self.editor = None;
        }
    }

    /// Deletes a decision (through the app), closing the editor if it was
    /// open on it.
    fn delete(&mut self, view: &ViewContext<'_>, id: DecisionId) {
        self.close_editor_on(&id);
        view.change(Edit::Delete(id));
    }

    /// The rows to show, recomputed only when the journal or filter changed:
    /// through the search index, and only among the previous rows while the
    /// user types on.
    fn rows(&mut self, journal: &Journal, revision: u64) -> Arc<[usize]> {
        profiling::scope!("JournalPageState::rows");
        match &mut self.shown {
            Some(shown) if shown.revision == revision && shown.filter == self.filter => {}
            Some(shown) if shown.revision == revision => {
                let rows = if search::narrows(&shown.filter, &self.filter) {
                    shown.index.narrow(&self.filter, journal, &shown.rows)
                } else {
                    shown.index.rows_matching(&self.filter, journal)
                };
                shown.rows = rows.into();
                shown.filter.clone_from(&self.filter);
            }
            _ => {
                let mut index = SearchIndex::new(journal);
                let rows = index.rows_matching(&self.filter, journal).into();
                self.shown = Some(ShownRows { revision, filter: self.filter.clone(), rows, index });
            }
        }
        self.shown.as_ref().map_or_else(|| Arc::from([]), |shown| Arc::clone(&shown.rows))
    }
}

/// Below this width (points) for the page, the list and the editor do not
/// both fit (the list's least, the editor's one column), so the editor
/// takes the whole page while it is open.
pub const EDITOR_BESIDE_LIST_MIN_WIDTH: f32 = theme::LIST_MIN_WIDTH + theme::EDITOR_WIDTH;

/// Draws the page (editor panel, then filters and list).
#[profiling::function]
pub fn show(view: &ViewContext<'_>, page: &mut JournalPageState, ui: &mut Ui) {
    page.cursor.free_at_start = keyboard_free(ui.ctx());
    if ui.input_mut(|input| UserCommand::Find.consume(input)) {
        page.focus_search = true;
    }
    if page.editor.is_some() && ui.available_width() < EDITOR_BESIDE_LIST_MIN_WIDTH {
        // Too narrow for both (a small window, a large zoom): the editor
        // takes the page rather than squeezing the list to a few letters.
        let mut back = false;
        egui::CentralPanel::default().show(ui, |ui| {
            back = ui
                .button("Back to the list")
                .on_hover_text("Close the editor (asks first about unsaved edits)")
                .clicked();
            editor::show(view, &mut page.editor, ui);
        });
        if back && let Some(open) = page.editor.as_mut() {
            if open.is_dirty() {
                open.ask_before(editor::Then::Close);
            } else {
                page.editor = None;
            }
        }
        return;
    }
    if page.editor.is_some() {
        // Wide enough for the form's two columns where the window allows,
        // keeping the list readable beside it. A new id, so a width kept
        // from the one-column editor does not hold the form to one column.
        let room = ui.available_width();
        let width = (room - theme::LIST_MIN_WIDTH).clamp(theme::EDITOR_WIDTH, theme::EDITOR_WIDE_WIDTH);
        egui::Panel::right("editor-form")
            .resizable(true)
            .default_size(width)
            .min_size(320.0)
            .max_size((room - theme::LIST_MIN_WIDTH / 2.0).max(320.0))
            .show(ui, |ui| editor::show(view, &mut page.editor, ui));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        filter_bar(view, page, ui);
        ui.separator();
        list(view, page, ui);
    });
}

fn filter_bar(view: &ViewContext<'_>, page: &mut JournalPageState, ui: &mut Ui) {
    let today = view.today;
    let (tags, people) = (&view.names.tags, &view.names.people);
    let mut open_new = false;
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut page.filter.search)
                    .hint_text(format!("titles, notes, tags, people ({})", UserCommand::Find.shortcut_text(ui.ctx())))
                    .desired_width(ui.available_width() - 150.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut page.focus_search) {
            search.request_focus();
        }
        if ui
            .add(UserCommand::NewDecision.button(ui.ctx()))
            .on_hover_text(format!(
                "{} ({})",
                UserCommand::NewDecision.description(),
                UserCommand::NewDecision.shortcut_text(ui.ctx())
            ))
            .clicked()
        {
            open_new = true;
        }
    });
    if open_new {
        page.request_editor(view.journal, None, today, view.preferences.default_review);
    }
    // Ticked, From starts at the earliest decision and To at the latest
    // (or today): the list stays whole until a day is picked.
    let journal = view.journal;
    if page.date_span.as_ref().is_none_or(|(at, _)| *at != view.revision) {
        let dates = || journal.decisions().iter().map(|d| d.date);
        page.date_span = Some((view.revision, dates().min().zip(dates().max())));
    }
    let span = page.date_span.and_then(|(_, span)| span);
    let first = span.map_or(today, |(first, _)| first);
    let last = span.map_or(today, |(_, last)| last.max(today));
    ui.horizontal_wrapped(|ui| {
        style_combo(ui, &mut page.filter.style);
        situation_combo(ui, &mut page.filter.situation);
        fit_combo(ui, &mut page.filter.fit);
        name_combo(ui, "Tag", &mut page.filter.tag, tags);
        name_combo(ui, "Person", &mut page.filter.person, people);
        date_bound(ui, "From", "filter-since", &mut page.filter.since, &mut page.since_draft, first, today);
        date_bound(ui, "To", "filter-until", &mut page.filter.until, &mut page.until_draft, last, today);
    });
}

/// A filter drop-down that names itself ("Style: Any"), so it reads on its
/// own and wraps as one piece when the bar is narrow.
fn filter_combo(ui: &mut Ui, name: &str, value: &str, add_options: impl FnOnce(&mut Ui)) {
    egui::ComboBox::from_id_salt(("filter", name))
        .selected_text(format!("{name}: {value}"))
        .height(320.0)
        .show_ui(ui, add_options)
        .response
        .accessible_name(name);
}

fn style_combo(ui: &mut Ui, style: &mut Option<StyleFilter>) {
    let text = match style {
        None => "Any",
        Some(StyleFilter::Is(style)) => style.label(),
        Some(StyleFilter::Untagged) => "Untagged",
    };
    filter_combo(ui, "Style", text, |ui| {
        ui.selectable_value(style, None, "Any style");
        for option in Style::ALL {
            ui.selectable_value(style, Some(StyleFilter::Is(option)), option.label());
        }
        ui.selectable_value(style, Some(StyleFilter::Untagged), "Untagged");
    });
}

fn situation_combo(ui: &mut Ui, situation: &mut Option<Situation>) {
    let guidance = Guidance::get();
    let text = situation.map_or("Any", |s| guidance.situation(s).label.as_str());
    filter_combo(ui, "Situation", text, |ui| {
        ui.selectable_value(situation, None, "Any situation");
        for guide in &guidance.situations {
            ui.selectable_value(situation, Some(guide.id), &guide.label);
        }
    });
}

fn fit_combo(ui: &mut Ui, fit: &mut Option<FitFilter>) {
    let text = fit.map_or("Any", FitFilter::label);
    filter_combo(ui, "Guidance", text, |ui| {
        ui.selectable_value(fit, None, "Any");
        for option in FitFilter::ALL {
            ui.selectable_value(fit, Some(option), option.label());
        }
    });
}

fn name_combo(ui: &mut Ui, label: &str, chosen: &mut Option<String>, names: &[(String, usize)]) {
    let any = format!("Any {}", label.to_lowercase());
    let text = chosen.clone().unwrap_or_else(|| "Any".to_owned());
    filter_combo(ui, label, &text, |ui| {
        ui.selectable_value(chosen, None, any);
        for (name, count) in names {
            ui.selectable_value(chosen, Some(name.clone()), format!("{name} ({count})"));
        }
    });
}

fn date_bound(
    ui: &mut Ui,
    label: &str,
    id_salt: &str,
    bound: &mut Option<Date>,
    draft: &mut Option<Date>,
    start_at: Date,
    today: Date,
) {
    let mut enabled = bound.is_some();
    // The box, with its field once ticked, on one line (the icon is about
    // as wide as an item gap and a bit).
    let field_width = if enabled { widgets::date_field_width(ui) } else { 0.0 };
    widgets::keep_together(ui, 28.0 + widgets::text_width(ui, label) + field_width);
    let hint = if label == "From" { "Only decisions on or after a date" } else { "Only decisions on or before a date" };
    if ui.checkbox(&mut enabled, label).on_hover_text(hint).changed() {
        *bound = if enabled { Some(draft.unwrap_or(start_at)) } else { None };
    }
    if let Some(date) = bound {
        let name = format!("{label} date");
        let field = widgets::date_filter_field(ui, id_salt, &name, date, today);
        field.field.accessible_name(name);
        *draft = Some(*date);
    }
}

fn list(view: &ViewContext<'_>, page: &mut JournalPageState, ui: &mut Ui) {
    let journal = view.journal;
    let total = journal.len();
    let rows = page.rows(journal, view.revision);
    ui.horizontal(|ui| {
        let count = if page.filter.is_empty() {
            crate::model::words::count(total, "decision", "decisions")
        } else {
            format!("{} of {}", rows.len(), crate::model::words::count(total, "decision", "decisions"))
        };
        ui.label(RichText::new(count).strong());
        if !page.filter.is_empty() && ui.button("Clear filters").clicked() {
            page.filter = Filter::default();
        }
    });
    ui.add_space(4.0);
    if total == 0 {
        let hint = format!(
            "Press New decision ({}) to write down the first one.",
            UserCommand::NewDecision.shortcut_text(ui.ctx())
        );
        empty_state(ui, "No decisions yet.", &hint);
        return;
    }
    if rows.is_empty() {
        empty_state(ui, "No decisions match these filters.", "Try fewer filters, or clear them.");
        return;
    }
    let selected = page.editor.as_ref().and_then(EditorState::target).cloned();
    let mut clicked: Option<DecisionId> = None;
    let mut delete: Option<DecisionId> = None;
    let cursor = &mut page.cursor;
    cursor.at = cursor.at.min(rows.len() - 1);
    if cursor.read_keys(ui.ctx(), rows.len()) {
        clicked = Some(journal.decisions()[rows[cursor.at]].id.clone());
    }
    let mut scroll = widgets::page_scroll("journal-list");
    if let Some(offset) = cursor.offset_to_reveal(theme::ROW_HEIGHT + ui.spacing().item_spacing.y) {
        scroll = scroll.vertical_scroll_offset(offset);
    }
    let ring = ui.visuals().selection.stroke.color;
    let output = scroll.show_rows(ui, theme::ROW_HEIGHT, rows.len(), |ui, range| {
        let first = range.start;
        for (position, &index) in rows[range].iter().enumerate().map(|(at, index)| (first + at, index)) {
            let decision = &journal.decisions()[index];
            let response = widgets::decision_row(ui, decision, selected.as_ref() == Some(&decision.id));
            if cursor.shown && position == cursor.at {
                ui.painter().rect_stroke(response.rect, 4.0, egui::Stroke::new(2.0, ring), egui::StrokeKind::Inside);
            }
            if response.clicked() {
                clicked = Some(decision.id.clone());
                cursor.at = position;
            }
            response.context_menu(|ui| {
                if ui.button("Edit").clicked() {
                    clicked = Some(decision.id.clone());
                }
                if ui.button("Delete").clicked() {
                    delete = Some(decision.id.clone());
                }
            });
        }
    });
    cursor.view = Some((output.state.clamped_offset().y, output.inner_rect.height()));
    if let Some(id) = clicked {
        page.request_editor(journal, Some(id), view.today, view.preferences.default_review);
    }
    if let Some(id) = delete {
        page.delete(view, id);
    }
}

fn empty_state(ui: &mut Ui, headline: &str, hint: &str) {
    ui.add_space(40.0);
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        ui.label(RichText::new(headline).size(18.0));
        ui.label(RichText::new(hint).weak());
    });
}
