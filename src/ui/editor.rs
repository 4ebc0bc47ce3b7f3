//! The decision editor, beside the list: title, date, note, people and tags
//! in one column, the situation, style, guidance and the optional sections
//! in the other (one column when the panel is narrow). Ctrl+S saves, Esc
//! cancels (asking first when there are unsaved edits).

use egui::{Key, RichText, Ui};
use jiff::civil::Date;

use super::commands::CommandKeys;
use super::{theme, widgets};
use crate::analysis::lessons::FromYourJournal;
use crate::context::{UserCommand, ViewContext};
use crate::guidance::explain::{FitNote, explain, fit_note};
use crate::guidance::suggest::{Suggestion, suggest};
use crate::guidance::{Guidance, Side};
use crate::history::Edit;
use crate::model::words::capitalised;
use crate::model::{
    ContrastScores, Decision, DecisionDraft, DecisionId, DraftError, Journal, Review, ReviewPeriod, Situation, Style,
};

/// What to do once the user has agreed to discard unsaved edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Close the editor.
    Close,
    /// Open the editor on another decision (or a new one).
    Open(Option<DecisionId>),
}

/// The editor's state.
#[derive(Debug, Clone)]
pub struct EditorState {
    target: Option<DecisionId>,
    /// The fields as edited.
    pub draft: DecisionDraft,
    original: DecisionDraft,
    /// The decision's date as picked.
    pub date: Date,
    person_input: String,
    tag_input: String,
    options_text: String,
    title_error: Option<String>,
    date_error: Option<String>,
    /// What is wrong with the date as typed, while it is not a day (shown
    /// as `date_error` once the user leaves the field or tries to save).
    date_typed_error: Option<String>,
    review_error: Option<String>,
    /// What is wrong with the review date as typed, while it is not a day.
    review_typed_error: Option<String>,
    confirm: Option<Then>,
    /// The field that takes the focus at the next frame.
    focus: Option<FocusField>,
    /// The text last read for suggestions, and what it suggested; recomputed
    /// only when the title or note changes.
    suggestion: Option<(String, Suggestion)>,
    /// Whether the suggestion row has been shown in this editor.
    suggestions_shown: bool,
    /// "From your journal" for the situations ticked, and the journal
    /// revision and situations it was found for: recomputed only when
    /// either changes, not every frame.
    from_journal: Option<(u64, Vec<Situation>, Option<FromYourJournal>)>,
    /// The ids of the note and the People field as last drawn: typing that
    /// lands on the calendar button or a suggestion chip goes to the field
    /// after it ([`widgets::PassTyping`]).
    note_field: Option<egui::Id>,
    people_field: Option<egui::Id>,
    /// Set when "Looking ahead" is opened or its review date ticked: its
    /// last row is scrolled into view once drawn.
    show_looking_ahead: bool,
    /// An earlier decision opened from "From your journal", shown read-only
    /// over the editor so the draft being written stays as it is.
    peek: Option<DecisionId>,
    /// Which opening of the editor this is: the date fields' typed text is
    /// kept per opening, so text left unfinished in one draft (then
    /// discarded) never shows up in the next.
    serial: u64,
}

/// A field of the form that asks for the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FocusField {
    /// On opening, or when the title is missing at save.
    Title,
    /// After "Note why" starts a line.
    Note,
}

/// Counts the editor's openings (see `EditorState::serial`).
static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl EditorState {
    /// An editor on `target`, or on a new decision dated `today` (with a review
    /// date `default_review` later, if set). `None` when the target no longer
    /// exists.
    #[must_use]
    pub fn open(
        journal: &Journal,
        target: Option<DecisionId>,
        today: Date,
        default_review: Option<ReviewPeriod>,
    ) -> Option<Self> {
        // The suggester's model is parsed off the UI thread while the
        // editor's first frames are drawn.
        crate::guidance::suggest::prepare();
        let draft = match &target {
            Some(id) => DecisionDraft::from_decision(journal.get(id)?),
            None => DecisionDraft {
                date: Some(today),
                review_on: default_review.map(|period| period.after(today)),
                ..DecisionDraft::default()
            },
        };
        let options_text = draft.options.join("\n");
        Some(Self {
            target,
            date: draft.date.unwrap_or(today),
            original: draft.clone(),
            draft,
            person_input: String::new(),
            tag_input: String::new(),
            options_text,
            title_error: None,
            date_error: None,
            date_typed_error: None,
            review_error: None,
            review_typed_error: None,
            confirm: None,
            focus: Some(FocusField::Title),
            suggestion: None,
            suggestions_shown: false,
            from_journal: None,
            note_field: None,
            people_field: None,
            show_looking_ahead: false,
            peek: None,
            serial: OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// The decision being edited; `None` for a new one.
    #[must_use]
    pub fn target(&self) -> Option<&DecisionId> {
        self.target.as_ref()
    }

    /// Whether the fields differ from what was opened (text still being
    /// typed into the people or tags field counts).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        let mut current = self.draft.clone();
        current.date = Some(self.date);
        current.options = split_lines(&self.options_text);
        current != self.original || !self.person_input.trim().is_empty() || !self.tag_input.trim().is_empty()
    }

    /// An editor reopened on a draft kept from a window that closed before it
    /// was saved: on `target` if that decision still exists, else as a new
    /// decision, with the kept fields filled in (so it counts as unsaved).
    #[must_use]
    pub fn resume(journal: &Journal, target: Option<DecisionId>, draft: DecisionDraft, today: Date) -> Self {
        let target = target.filter(|id| journal.get(id).is_some());
        let mut editor = Self::open(journal, target, today, None).unwrap_or_else(|| {
            Self::open(journal, None, today, None).unwrap_or_else(|| unreachable!("a new decision always opens"))
        });
        editor.date = draft.date.unwrap_or(today);
        editor.options_text = draft.options.join("\n");
        editor.draft = draft;
        editor
    }

    /// The draft as it would be saved, with half-typed names included:
    /// what is kept for a window that may be killed before saving.
    #[must_use]
    pub fn kept_draft(&self) -> DecisionDraft {
        self.finished_draft()
    }

    /// Asks whether to discard unsaved edits before doing `then`.
    pub fn ask_before(&mut self, then: Then) {
        self.confirm = Some(then);
    }

    /// The draft as it would be saved, with half-typed names included.
    fn finished_draft(&self) -> DecisionDraft {
        let mut draft = self.draft.clone();
        draft.date = Some(self.date);
        // Only what was typed: an empty field adds no empty name (which a
        // kept draft would bring back as an empty chip).
        let typed = |input: &str| {
            input.split(',').map(str::trim).filter(|name| !name.is_empty()).map(str::to_owned).collect::<Vec<_>>()
        };
        draft.people.extend(typed(&self.person_input));
        draft.tags.extend(typed(&self.tag_input));
        draft.options = split_lines(&self.options_text);
        draft
    }
}

fn split_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

/// Draws the editor panel's content; `slot` holds the open editor, and
/// the editor closes itself (`None`) once saved, cancelled or deleted.
pub fn show(view: &ViewContext<'_>, slot: &mut Option<EditorState>, ui: &mut Ui) {
    let (people, tags) = (&view.names.people, &view.names.tags);
    let today = view.today;
    // Esc under the quit question, the palette or an open drop-down closes
    // that, not the form.
    let modal_open = view.modal_open;
    let Some(editor) = slot.as_mut() else { return };
    let mut save = ui.input_mut(|input| UserCommand::Save.consume(input));
    let mut cancel = editor.confirm.is_none()
        && editor.peek.is_none()
        && !modal_open
        && ui.input(|input| input.key_pressed(Key::Escape));
    let mut delete = false;

    egui::Panel::bottom("editor-actions").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .add(
                    egui::Button::new(RichText::new("Save").strong())
                        .shortcut_text(UserCommand::Save.shortcut_text(ui.ctx())),
                )
                .clicked()
            {
                save = true;
            }
            if ui.add(egui::Button::new("Cancel").shortcut_text(UserCommand::Cancel.shortcut_text(ui.ctx()))).clicked()
            {
                cancel = true;
            }
            if editor.target.is_some() {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Delete").on_hover_text("Delete this decision (you can undo)").clicked() {
                        delete = true;
                    }
                });
            }
        });
        ui.add_space(2.0);
    });
    editor.refresh_from_journal(view.journal, view.revision);
    let mut form = widgets::page_scroll("editor-form");
    if editor.focus == Some(FocusField::Title) {
        // Opening (or an empty title): at the top, so the focused Title
        // field is in view, wherever the last edit was scrolled to.
        form = form.vertical_scroll_offset(0.0);
    }
    form.show(ui, |ui| {
        ui.add_space(8.0);
        ui.heading(if editor.target.is_some() { "Edit decision" } else { "New decision" });
        ui.add_space(theme::SECTION_GAP);
        // Two columns when the panel is wide enough, so the common fields
        // fit one screen of a laptop; one column, in the same order, when
        // narrow (a small window, a large zoom). Left-aligned, not justified:
        // `columns` justifies, which would spread the labels' words apart.
        let top_down = egui::Layout::top_down(egui::Align::Min);
        if ui.available_width() >= TWO_COLUMNS_MIN_WIDTH {
            ui.columns(2, |columns| {
                if let [left, right] = columns {
                    left.with_layout(top_down, |ui| {
                        what_happened(ui, editor, people, tags, today);
                        // Under the tags, where the first column has room,
                        // so both are in view without scrolling, the lessons
                        // beside the situations being ticked.
                        looking_ahead(ui, editor, today);
                        lessons_panel(ui, editor, view.journal);
                    });
                    right.with_layout(top_down, |ui| how_you_decided(ui, editor));
                }
            });
        } else {
            what_happened(ui, editor, people, tags, today);
            looking_ahead(ui, editor, today);
            how_you_decided(ui, editor);
            lessons_panel(ui, editor, view.journal);
        }
        if let Some(review) = editor.target.as_ref().and_then(|id| view.journal.get(id)).and_then(|d| d.review.as_ref())
        {
            ui.add_space(theme::SECTION_GAP);
            egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(format!("How it turned out (reviewed {})", review.reviewed_on)).strong());
                review_card(ui, review);
            });
        }
    });
    if let Some(id) = editor.peek.clone() {
        match view.journal.get(&id) {
            Some(decision) => {
                if peek_window(ui, decision) {
                    editor.peek = None;
                }
            }
            None => editor.peek = None,
        }
    }

    if let Some(then) = editor.confirm.clone() {
        discard_prompt(view, slot, ui, then);
        return;
    }
    if delete {
        if let Some(id) = editor.target.clone() {
            *slot = None;
            view.change(Edit::Delete(id));
        }
        return;
    }
    if save {
        // A draft that cannot be saved stays open, its reason shown.
        if let Some(command) = editor.save(view.journal, today, view.now) {
            *slot = None;
            view.change(command);
        }
    } else if cancel {
        if editor.is_dirty() {
            editor.ask_before(Then::Close);
        } else {
            *slot = None;
        }
    }
}

/// The panel width (points) from which the form takes two columns.
pub const TWO_COLUMNS_MIN_WIDTH: f32 = 640.0;

/// The first column: title, date, what happened (with the suggestions it
/// prompts), people and tags.
fn what_happened(
    ui: &mut Ui,
    editor: &mut EditorState,
    people: &[(String, usize)],
    tags: &[(String, usize)],
    today: Date,
) {
    let title_label = ui.label(RichText::new("Title").strong());
    let title = ui
        .add(
            egui::TextEdit::singleline(&mut editor.draft.title)
                .hint_text("What did you decide?")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(title_label.id);
    if editor.focus == Some(FocusField::Title) {
        editor.focus = None;
        title.request_focus();
    }
    if title.changed() && !editor.draft.title.trim().is_empty() {
        editor.title_error = None;
    }
    if let Some(error) = &editor.title_error {
        ui.label(RichText::new(error).color(theme::error_color(ui.visuals())));
    }
    ui.add_space(theme::SECTION_GAP);

    date_row(ui, editor, today);
    ui.add_space(theme::SECTION_GAP);

    let note_label = ui.label(RichText::new("What happened, and why").strong());
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut editor.draft.note)
                .hint_text("The situation, the options, your reasons")
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(note_label.id);
    editor.note_field = Some(note.id);
    if editor.focus == Some(FocusField::Note) {
        editor.focus = None;
        // "Note why": the cursor at the end of the line just started, in
        // view, even when the note was never clicked (no state yet).
        note.request_focus();
        let mut state = egui::TextEdit::load_state(ui.ctx(), note.id).unwrap_or_default();
        let end = egui::text::CCursor::new(editor.draft.note.chars().count());
        state.cursor.set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ui.ctx(), note.id);
        note.scroll_to_me(Some(egui::Align::Center));
    }
    suggestion_chips(ui, editor);
    ui.add_space(theme::SECTION_GAP);

    let people_field = widgets::chip_editor(
        ui,
        "People",
        "Add a person, then Enter",
        &mut editor.draft.people,
        &mut editor.person_input,
        people,
    )
    .field;
    editor.people_field = Some(people_field);
    ui.add_space(theme::SECTION_GAP);
    widgets::chip_editor(ui, "Tags", "Add a tag, then Enter", &mut editor.draft.tags, &mut editor.tag_input, tags);
    ui.add_space(theme::SECTION_GAP);
}

/// The second column: the situation, the style and what the guidance says
/// of them, then the optional lens and look ahead.
fn how_you_decided(ui: &mut Ui, editor: &mut EditorState) {
    situation_choice(ui, &mut editor.draft);
    ui.add_space(theme::SECTION_GAP);
    style_choice(ui, &mut editor.draft.style);
    ui.add_space(theme::SECTION_GAP);
    if guidance_panel(ui, &editor.draft) {
        append_why_line(editor);
    }
    ui.add_space(theme::SECTION_GAP);
    let key = editor.target.clone();
    contrast_lens(ui, &mut editor.draft.contrasts, key.as_ref());
    ui.add_space(theme::SECTION_GAP);
}

/// The "From your journal" panel, when the situations ticked match earlier
/// reviewed decisions.
fn lessons_panel(ui: &mut Ui, editor: &mut EditorState, journal: &Journal) {
    if let Some((_, _, Some(found))) = &editor.from_journal
        && let Some(open) = from_your_journal(ui, journal, found)
    {
        editor.peek = Some(open);
    }
    ui.add_space(theme::SECTION_GAP);
}

/// "From your journal": the earlier reviewed decisions sharing the most of
/// the situations ticked, each with its result and lesson and a button that
/// shows it whole, then how each style turned out in those situations.
/// Returns the decision asked to be shown.
fn from_your_journal(ui: &mut Ui, journal: &Journal, found: &FromYourJournal) -> Option<DecisionId> {
    let mut open = None;
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(FROM_YOUR_JOURNAL).strong());
        ui.label(RichText::new("Earlier decisions you reviewed, in the same situations.").weak());
        for lesson in &found.lessons {
            let Some(decision) = journal.decisions().get(lesson.index) else { continue };
            let Some(review) = &decision.review else { continue };
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                widgets::style_badge(ui, decision.style);
                ui.add(egui::Label::new(RichText::new(&decision.title).strong()).truncate());
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{} \u{00b7} {}", decision.date, review.result.label())).weak());
                if ui
                    .small_button("Show")
                    .on_hover_text("Read the whole decision and its review")
                    .accessible_name(format!("Show: {}", decision.title))
                    .clicked()
                {
                    open = Some(decision.id.clone());
                }
            });
            let lesson_text = review.lesson.trim();
            if !lesson_text.is_empty() {
                ui.label(RichText::new(format!("Lesson: {lesson_text}")).italics());
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new("How each style turned out here").strong());
        ui.label(found.by_style.verdict());
        for row in found.by_style.rows.iter().filter(|row| row.row.reviewed > 0) {
            ui.label(row.sentence());
        }
    });
    open
}

/// The heading of the editor's panel of earlier lessons.
pub const FROM_YOUR_JOURNAL: &str = "From your journal";

/// A review, read-only: what happened, the result, the process rating and
/// the lesson.
fn review_card(ui: &mut Ui, review: &Review) {
    let color = theme::fit_color(if review.result.met_expectation() { 1.0 } else { 0.0 }, ui.visuals());
    ui.label(RichText::new(review.result.label()).color(color));
    if let Some(score) = review.process {
        ui.label(format!(
            "Process: {score} of 5 (sound given what was known: {})",
            crate::model::review::sound_scores()
        ));
    }
    if !review.outcome.trim().is_empty() {
        ui.label(RichText::new("What happened").strong());
        ui.label(review.outcome.trim());
    }
    if !review.lesson.trim().is_empty() {
        ui.label(RichText::new("Lesson").strong());
        ui.label(review.lesson.trim());
    }
}

/// An earlier decision shown whole over the editor; returns whether it was
/// closed.
fn peek_window(ui: &Ui, decision: &Decision) -> bool {
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("editor-peek")).show(ui.ctx(), |ui| {
        ui.set_max_width(480.0);
        ui.horizontal(|ui| {
            widgets::style_badge(ui, decision.style);
            ui.heading(&decision.title);
        });
        ui.label(RichText::new(decision.date.to_string()).weak());
        let guidance = Guidance::get();
        if !decision.situations.is_empty() {
            let labels: Vec<&str> = decision.situations.iter().map(|s| guidance.situation(*s).label.as_str()).collect();
            ui.label(format!("Situations: {}", labels.join("; ")));
        }
        if !decision.note.trim().is_empty() {
            ui.add_space(4.0);
            egui::ScrollArea::vertical().max_height(160.0).show(ui, |ui| {
                ui.label(decision.note.trim());
            });
        }
        if let Some(review) = &decision.review {
            ui.add_space(6.0);
            ui.label(RichText::new(format!("How it turned out (reviewed {})", review.reviewed_on)).strong());
            review_card(ui, review);
        }
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            close = true;
        }
    });
    close || modal.should_close()
}

/// "Date [2026-11-29] [📆]": typed or picked, with what is wrong with it
/// (not a day, or more than a year ahead) right under it.
fn date_row(ui: &mut Ui, editor: &mut EditorState, today: Date) {
    let field = ui
        .horizontal(|ui| {
            let label = ui.label(RichText::new("Date").strong());
            let salt = format!("editor-date-{}", editor.serial);
            let field = widgets::date_field_then(ui, &salt, "date", &mut editor.date, today, editor.note_field);
            field.field.clone().labelled_by(label.id);
            field
        })
        .inner;
    let previous = std::mem::replace(&mut editor.date_typed_error, field.error.clone());
    if previous.is_some() && editor.date_error == previous {
        // The complaint shown is about the text as it was: keep it in step
        // with the text as it is (gone once the text reads as a day).
        editor.date_error.clone_from(&field.error);
    }
    if field.finished && field.error.is_some() {
        // Said once the user leaves the field, not at every keystroke of a
        // date still being typed.
        editor.date_error.clone_from(&field.error);
    }
    if field.changed {
        // A good day picked or typed: say at once if it is too far ahead,
        // else clear the last complaint.
        editor.date_error = crate::model::decision::check_date(editor.date, today)
            .err()
            .map(|error| format!("{}.", capitalised(&error.to_string())));
    }
    if let Some(error) = &editor.date_error {
        ui.label(RichText::new(error).color(theme::error_color(ui.visuals())));
    }
}

/// What the ticked situations point to, and how the chosen style sits with
/// it. Returns whether the user asked to add a "why" line to the note.
fn guidance_panel(ui: &mut Ui, draft: &DecisionDraft) -> bool {
    let explanation = explain(&draft.situations);
    let note = fit_note(draft.style, &draft.situations);
    let mut add_why = false;
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("What the guidance says").strong());
        if let Some(recommended) = explanation.recommendation {
            ui.horizontal(|ui| {
                ui.label("Points to");
                widgets::style_badge(ui, Some(recommended));
            });
        }
        ui.label(&explanation.headline);
        if explanation.reasons.len() > 1 {
            egui::CollapsingHeader::new("Why, situation by situation").id_salt("editor-reasons").show(ui, |ui| {
                for reason in &explanation.reasons {
                    ui.label(format!("\u{2022} {reason}"));
                }
            });
        }
        match note {
            FitNote::Nothing => {}
            FitNote::Fits(text) => {
                ui.label(RichText::new(format!("\u{2714} {text}")).color(theme::fit_color(1.0, ui.visuals())));
            }
            FitNote::Partly(text) => {
                ui.label(RichText::new(format!("\u{25d1} {text}")).color(theme::fit_color(0.5, ui.visuals())));
            }
            FitNote::Against(_) if crate::model::decision::notes_why(&draft.note) => {
                // The reason is written: no more alarm, and no second line.
                ui.label(
                    RichText::new("\u{2716} Against the guidance, and your note says why.")
                        .color(theme::fit_color(0.5, ui.visuals())),
                );
            }
            FitNote::Against(text) => {
                ui.label(RichText::new(format!("\u{2716} {text}")).color(theme::fit_color(0.0, ui.visuals())));
                add_why = ui.button("Note why").on_hover_text("Start a line in the note for your reason").clicked();
            }
        }
    });
    add_why
}

/// Starts a "why" line at the end of the note and moves the cursor there.
fn append_why_line(editor: &mut EditorState) {
    let verb = match editor.draft.style {
        Some(Style::Leadership) => "leading",
        Some(Style::Management) => "managing",
        _ => "this",
    };
    let note = &mut editor.draft.note;
    if !note.is_empty() && !note.ends_with('\n') {
        note.push('\n');
    }
    note.push_str("Why ");
    note.push_str(verb);
    note.push_str(" was right here: ");
    editor.focus = Some(FocusField::Note);
}

/// The optional contrast lens: four sliders from the leadership pole (left)
/// to the management pole (right).
///
/// Folded or open per decision (`key`), so one decision's open lens does
/// not open the next one's.
fn contrast_lens(ui: &mut Ui, contrasts: &mut Option<ContrastScores>, key: Option<&DecisionId>) {
    let guidance = Guidance::get();
    let mut lens_on = contrasts.is_some();
    let header =
        egui::CollapsingHeader::new("Contrast lens (optional)").id_salt(("contrast-lens", key)).default_open(lens_on);
    header.show(ui, |ui| {
        if ui.checkbox(&mut lens_on, "Score this decision on the four contrasts").changed() {
            *contrasts = lens_on.then(ContrastScores::default);
        }
        let Some(scores) = contrasts.as_mut() else { return };
        let fields = [
            &mut scores.vision_execution,
            &mut scores.people_process,
            &mut scores.inspiration_control,
            &mut scores.change_stability,
        ];
        egui::Grid::new("contrast-sliders").num_columns(3).spacing([8.0, 8.0]).show(ui, |ui| {
            for (contrast, score) in guidance.contrasts.iter().zip(fields) {
                ui.label(&contrast.leadership).on_hover_text(&contrast.leadership_text);
                // Negated so the leadership pole (+2) sits on the left, as
                // everywhere else in Keel.
                let mut shown = -*score;
                let name = format!("{} \u{2194} {}", contrast.leadership, contrast.management);
                let slider = egui::Slider::new(&mut shown, ContrastScores::MIN..=ContrastScores::MAX).show_value(false);
                let response =
                    ui.add(slider).on_hover_text(lean_text(-shown, &contrast.leadership, &contrast.management));
                response.widget_info(|| egui::WidgetInfo::slider(true, f64::from(-shown), &name));
                if response.changed() {
                    *score = -shown;
                }
                ui.label(&contrast.management).on_hover_text(&contrast.management_text);
                ui.end_row();
            }
        });
    });
}

fn lean_text(score: i8, leadership: &str, management: &str) -> String {
    match score {
        2 => format!("Strongly {}", leadership.to_lowercase()),
        1 => format!("Leans {}", leadership.to_lowercase()),
        0 => "Balanced".to_owned(),
        -1 => format!("Leans {}", management.to_lowercase()),
        _ => format!("Strongly {}", management.to_lowercase()),
    }
}

/// Options considered, the expected outcome, confidence and the review date;
/// folded or open per decision (`key`).
fn looking_ahead(ui: &mut Ui, editor: &mut EditorState, today: Date) {
    let key = editor.target.clone();
    let key = key.as_ref();
    let open = editor.review_error.is_some()
        || editor.draft.review_on.is_some()
        || editor.draft.confidence.is_some()
        || !editor.draft.expectation.is_empty()
        || !editor.options_text.is_empty();
    let section = egui::CollapsingHeader::new("Looking ahead (optional)")
        .id_salt(("looking-ahead", key))
        .default_open(open)
        .show(ui, |ui| {
            let options_label = ui.label(RichText::new("Options you considered").strong());
            ui.add(
                egui::TextEdit::multiline(&mut editor.options_text)
                    .hint_text("One option per line")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(options_label.id);
            ui.add_space(6.0);
            let expect_label = ui.label(RichText::new("What do you expect to happen?").strong());
            ui.add(
                egui::TextEdit::multiline(&mut editor.draft.expectation)
                    .hint_text("The outcome you are betting on")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(expect_label.id);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let mut has_confidence = editor.draft.confidence.is_some();
                if ui.checkbox(&mut has_confidence, "Confidence").changed() {
                    editor.draft.confidence = has_confidence.then_some(70);
                }
                if let Some(confidence) = editor.draft.confidence.as_mut() {
                    ui.add(egui::Slider::new(confidence, 0..=100).suffix(" %"))
                        .on_hover_text("How sure are you of the expected outcome?");
                }
            });
            ui.horizontal_wrapped(|ui| {
                let mut has_review = editor.draft.review_on.is_some();
                if ui.checkbox(&mut has_review, "Review on").changed() {
                    editor.draft.review_on = has_review.then(|| ReviewPeriod::OneMonth.after(editor.date));
                    editor.review_error = None;
                    editor.show_looking_ahead = true;
                }
                editor.review_typed_error = None;
                if let Some(review_on) = editor.draft.review_on.as_mut() {
                    let salt = format!("editor-review-on-{}", editor.serial);
                    let field = widgets::date_field(ui, &salt, "review date", review_on, today);
                    // Named apart from the "Review on" box beside it.
                    field.field.clone().accessible_name("Review date");
                    if field.changed {
                        editor.review_error = None;
                    }
                    if field.finished && field.error.is_some() {
                        editor.review_error.clone_from(&field.error);
                    }
                    editor.review_typed_error = field.error;
                }
            });
            // A row of their own, so a date set beside the box never pushes
            // them out of view.
            let picks = ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Review in").weak());
                for period in ReviewPeriod::ALL {
                    if ui
                        .small_button(period.label())
                        .on_hover_text(format!("Review {} after the decision", period.label()))
                        .clicked()
                    {
                        editor.draft.review_on = Some(period.after(editor.date));
                        editor.review_error = None;
                    }
                }
            });
            if std::mem::take(&mut editor.show_looking_ahead) {
                // Opened on purpose: what it holds, down to the quick
                // picks, comes into view without a scroll.
                picks.response.scroll_to_me(Some(egui::Align::Max));
            }
            if let Some(error) = &editor.review_error {
                ui.label(RichText::new(error).color(theme::error_color(ui.visuals())));
            }
        });
    if section.header_response.clicked() {
        editor.show_looking_ahead = true;
    }
    ui.add_space(theme::SECTION_GAP);
}

/// Chips offering what the title and note suggest, each with the words
/// behind it. Nothing is applied until the user clicks a chip.
fn suggestion_chips(ui: &mut Ui, editor: &mut EditorState) {
    let text = format!("{}\n{}", editor.draft.title, editor.draft.note);
    if editor.suggestion.as_ref().is_none_or(|(read, _)| *read != text) {
        let suggestion = suggest(&text);
        editor.suggestion = Some((text, suggestion));
    }
    let Some((_, suggestion)) = &editor.suggestion else { return };
    let guidance = Guidance::get();
    let because = |points_to: &str| {
        let words: Vec<String> = suggestion
            .evidence
            .iter()
            .filter(|evidence| evidence.points_to == points_to)
            .map(|evidence| format!("\u{201c}{}\u{201d}", evidence.text))
            .collect();
        if words.is_empty() { String::new() } else { format!(" \u{2014} you wrote {}", words.join(", ")) }
    };
    let open = suggestion.situations.iter().any(|s| !editor.draft.situations.contains(s))
        || suggestion.style.is_some_and(|style| editor.draft.style != Some(style))
        || (suggestion.unsure() && editor.draft.style.is_none());
    // Shown while anything is left to apply, and kept once shown (so taking
    // the last chip moves nothing); a decision opened with every suggestion
    // already applied shows none.
    if !open && !editor.suggestions_shown {
        return;
    }
    editor.suggestions_shown = true;
    // Every suggestion stays in its place once applied (shown as done), so
    // nothing moves under the pointer between one click and the next.
    let mut accept_situation = None;
    let mut accept_style = None;
    // Tab from the note reaches the chips; a name typed there belongs in
    // People, the next field.
    let mut guard =
        widgets::PassTyping::begin(ui, ui.make_persistent_id("editor-suggestion-chips"), editor.people_field);
    ui.label(RichText::new("Suggested from what you wrote (click to apply)").small().weak());
    ui.horizontal_wrapped(|ui| {
        for situation in suggestion.situations.iter().copied() {
            let name = &guidance.situation(situation).label;
            let applied = editor.draft.situations.contains(&situation);
            // The same words either way, so the row keeps its width.
            let mark = if applied { "\u{2714}" } else { "+" };
            let label = format!("{mark} {name}{}", because(situation.id()));
            let chip = ui.add_enabled(!applied, egui::Button::new(label).small().corner_radius(10.0));
            guard.add(&chip);
            if chip.clicked() {
                accept_situation = Some(situation);
            }
        }
        if let Some(style) = suggestion.style {
            let evidence = match style {
                Style::Leadership => because("leadership"),
                Style::Management => because("management"),
                // A blend is suggested when the words point both ways: say so.
                Style::Blend => {
                    let (lead, manage) = (because("leadership"), because("management"));
                    if lead.is_empty() || manage.is_empty() {
                        " \u{2014} what you wrote points both ways".to_owned()
                    } else {
                        format!("{lead} (leading) and{} (managing)", manage.trim_start_matches(" \u{2014} you wrote"))
                    }
                }
            };
            // The most similar decision Keel learned from, as a second reason.
            let like = suggestion
                .similar
                .first()
                .map(|similar| format!(" \u{b7} like: \u{201c}{}\u{201d}", similar.text))
                .unwrap_or_default();
            let applied = editor.draft.style == Some(style);
            let mark = if applied { "\u{2714}" } else { "+" };
            let label = format!("{mark} {}{evidence}{like}", style.label());
            let chip = ui.add_enabled(!applied, egui::Button::new(label).small().corner_radius(10.0));
            guard.add(&chip);
            if chip.clicked() {
                accept_style = Some(style);
            }
        }
    });
    guard.end(ui);
    if let Some(confidence) = suggestion.confidence.filter(|_| suggestion.unsure()) {
        // Honest when unsure: no style chip rather than a likely wrong one.
        ui.label(
            RichText::new(format!(
                "No style suggested: Keel is not sure enough which way this points ({:.0} % sure). Pick one below.",
                confidence * 100.0
            ))
            .small()
            .weak(),
        );
    }
    if let Some(situation) = accept_situation {
        editor.draft.situations.push(situation);
    }
    if let Some(style) = accept_style {
        editor.draft.style = Some(style);
    }
}

/// The four choices on one (wrapping) row, each meaning in its tooltip and
/// the chosen one's written below, in a space as tall as the longest
/// meaning, so picking another style moves nothing under the pointer.
fn style_choice(ui: &mut Ui, style: &mut Option<Style>) {
    let guidance = Guidance::get();
    ui.label(RichText::new("How did you decide?").strong());
    let options = Style::ALL.map(|option| (Some(option), option.label(), guidance.style_meaning(option)));
    let untagged = (None, "Untagged", "Not sure yet; you can tag it later.");
    let choices: Vec<_> = options.into_iter().chain(std::iter::once(untagged)).collect();
    ui.horizontal_wrapped(|ui| {
        for (value, label, meaning) in &choices {
            ui.radio_value(style, *value, *label).on_hover_text(*meaning);
        }
    });
    let width = ui.available_width();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().weak_text_color();
    let height = choices
        .iter()
        .map(|(_, _, meaning)| ui.painter().layout((*meaning).to_owned(), font.clone(), color, width).size().y)
        .fold(0.0, f32::max);
    let meaning = choices.iter().find(|(value, _, _)| value == style).map_or("", |(_, _, meaning)| meaning);
    ui.allocate_ui_with_layout(egui::vec2(width, height), egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_min_height(height);
        ui.label(RichText::new(meaning).weak());
    });
}

fn situation_choice(ui: &mut Ui, draft: &mut DecisionDraft) {
    let guidance = Guidance::get();
    ui.label(RichText::new("What was the situation?").strong());
    for (side, heading) in [
        (Side::Leadership, "Leadership tends to fit when\u{2026}"),
        (Side::Management, "Management tends to fit when\u{2026}"),
    ] {
        ui.label(RichText::new(heading).color(theme::style_color(Some(side.style()), ui.visuals())));
        ui.indent(heading, |ui| {
            for guide in guidance.situations_on(side) {
                let mut ticked = draft.situations.contains(&guide.id);
                if ui.checkbox(&mut ticked, &guide.label).on_hover_text(&guide.why).changed() {
                    if ticked {
                        draft.situations.push(guide.id);
                    } else {
                        draft.situations.retain(|s| *s != guide.id);
                    }
                }
            }
        });
    }
}

impl EditorState {
    /// Finds "From your journal" again when the situations ticked or the
    /// journal changed.
    fn refresh_from_journal(&mut self, journal: &Journal, revision: u64) {
        let fresh = self
            .from_journal
            .as_ref()
            .is_some_and(|(at, situations, _)| *at == revision && *situations == self.draft.situations);
        if !fresh {
            let found = FromYourJournal::compute(journal.decisions(), &self.draft.situations, self.target.as_ref());
            self.from_journal = Some((revision, self.draft.situations.clone(), found));
        }
    }

    /// The change that saves the draft: an update of the decision, or a new
    /// one (also when the decision was deleted meanwhile, e.g. undone, so
    /// nothing typed is lost). `None` when the draft cannot be saved as it
    /// is: the reason is then shown beside its field.
    pub fn save(&mut self, journal: &Journal, today: Date, now: jiff::Timestamp) -> Option<Edit> {
        if self.date_typed_error.is_some() || self.review_typed_error.is_some() {
            // A date field holds text that is not a day: saving the last
            // good date instead would not be what the user sees.
            if self.date_typed_error.is_some() {
                self.date_error.clone_from(&self.date_typed_error);
            }
            if self.review_typed_error.is_some() {
                self.review_error.clone_from(&self.review_typed_error);
            }
            return None;
        }
        if let Err(error) = crate::model::decision::check_date(self.date, today) {
            self.date_error = Some(format!("{}.", capitalised(&error.to_string())));
            return None;
        }
        let draft = self.finished_draft();
        let existing = self.target.as_ref().and_then(|id| journal.get(id)).cloned();
        let command = match existing {
            Some(mut decision) => draft.apply_to(&mut decision, now).map(|()| Edit::Update(decision)),
            None => draft.into_new_decision(today, now).map(Edit::Add),
        };
        match command {
            Ok(command) => Some(command),
            Err(error) => {
                match error {
                    DraftError::EmptyTitle => {
                        self.title_error = Some("Give the decision a title before saving.".to_owned());
                        self.focus = Some(FocusField::Title);
                    }
                    DraftError::ControlCharacter { .. } | DraftError::TooMany { .. } | DraftError::TimeAhead { .. } => {
                        self.title_error = Some(format!("{}.", capitalised(&error.to_string())));
                    }
                    DraftError::FarAhead { .. } | DraftError::TooEarly { .. } => {
                        self.date_error = Some(format!("{}.", capitalised(&error.to_string())));
                    }
                    DraftError::ConfidenceOutOfRange(_) | DraftError::ReviewBeforeDecision { .. } => {
                        self.review_error = Some(format!("{}.", capitalised(&error.to_string())));
                    }
                }
                None
            }
        }
    }
}

fn discard_prompt(view: &ViewContext<'_>, slot: &mut Option<EditorState>, ui: &Ui, then: Then) {
    let mut choice: Option<bool> = None;
    egui::Modal::new(egui::Id::unique("discard-prompt")).show(ui.ctx(), |ui| {
        ui.set_max_width(360.0);
        ui.heading("Discard unsaved changes?");
        ui.label("The edits to this decision have not been saved.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Discard").clicked() {
                choice = Some(true);
            }
            if ui.button("Keep editing").clicked() || ui.input(|input| input.key_pressed(Key::Escape)) {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => {
            *slot = match then {
                Then::Close => None,
                Then::Open(target) => {
                    EditorState::open(view.journal, target, view.today, view.preferences.default_review)
                }
            };
        }
        Some(false) => {
            if let Some(editor) = slot.as_mut() {
                editor.confirm = None;
            }
        }
        None => {}
    }
}
