//! The Review page: decisions whose review date has come (overdue, due this
//! week), those coming up, those done; a form to record how one turned out;
//! and what the reviews say about calibration and luck.

use egui::{RichText, Ui};
use jiff::ToSpan;
use jiff::civil::Date;

use super::commands::CommandKeys;
use super::{charts, theme, widgets};
use crate::analysis::calibration::{self, GroupRow, ReviewInsights};
use crate::analysis::lessons::ByStyle;
use crate::analysis::outcomes::{OutcomeEvidence, OutcomeRow};
use crate::context::{ReviewDraft, UserCommand, ViewContext};
use crate::guidance::Guidance;
use crate::history::Edit;
use crate::model::review::{PROCESS_MAX, PROCESS_MIN};
use crate::model::{Decision, DecisionId, Journal, Review, ReviewResult, ReviewStatus};

/// Days a snooze moves the review date.
const SNOOZE_DAYS: i64 = 7;

/// The page's state between frames.
#[derive(Debug, Default)]
pub struct ReviewPageState {
    /// The review form, when open.
    pub form: Option<ReviewForm>,
    /// Whether the results are shown as tables rather than sentences only.
    pub show_tables: bool,
    /// Whether "Does the guidance work for you?" shows its table instead of
    /// its chart.
    pub show_evidence_table: bool,
    cache: Option<Cached>,
    /// How many rows each group shows (by position in `ReviewStatus::ALL`),
    /// beyond the first [`GROUP_ROWS`]: "Show more" adds a page.
    more_rows: Vec<usize>,
    /// Set by the "Did leading or managing work?" command: the answer is
    /// scrolled into view once.
    scroll_to_results: bool,
}

impl ReviewPageState {
    /// Opens the review form on `decision` (from another page). A form
    /// being written on another decision is kept open instead, so nothing
    /// typed is lost; the user sees it and can save or cancel it first.
    pub fn open_review(&mut self, journal: &Journal, id: &DecisionId) {
        let Some(decision) = journal.get(id) else { return };
        // A review of this decision being written stays as typed; one of
        // another decision is replaced only when nothing was typed in it.
        let replace = match &self.form {
            None => true,
            Some(form) if form.target == decision.id => false,
            Some(form) => !form.is_dirty(journal),
        };
        if replace {
            self.form = Some(ReviewForm::open(decision));
        }
    }

    /// Brings "Did leading or managing work for you?" into view at the next
    /// frame.
    pub fn scroll_to_results(&mut self) {
        self.scroll_to_results = true;
    }
}

/// Rows a review group shows before "Show more", so a journal with thousands
/// of reviews lays out as fast as a small one.
const GROUP_ROWS: usize = 50;

#[derive(Debug)]
struct Cached {
    revision: u64,
    today: Date,
    groups: Vec<(ReviewStatus, Vec<usize>)>,
    insights: ReviewInsights,
    evidence: OutcomeEvidence,
    /// Did leading or managing work for you?
    by_style: ByStyle,
    /// The evidence's findings, condensed for the page.
    evidence_sentences: Vec<String>,
}

/// The review being written. Its fields are kept as a
/// [`ReviewDraft`](crate::context::ReviewDraft) so an unsaved review
/// outlives a window that was killed (kept in the window's storage, never
/// the journal).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewForm {
    /// The decision reviewed.
    pub target: DecisionId,
    /// What actually happened.
    pub outcome: String,
    /// How it compares with the expectation.
    pub result: Option<ReviewResult>,
    /// Process quality, 1–5.
    pub process: Option<u8>,
    /// The lesson.
    pub lesson: String,
    error: Option<String>,
    /// Set when the form opens: the outcome field takes the focus once, so
    /// what the user types next lands there.
    focus_outcome: bool,
}

impl ReviewForm {
    /// The form's fields, to keep while it is unsaved.
    #[must_use]
    pub fn draft(&self) -> ReviewDraft {
        let Self { target, outcome, result, process, lesson, .. } = self.clone();
        ReviewDraft { target, outcome, result, process, lesson }
    }

    /// The form a kept draft left, as it was (no error shown, the focus
    /// where the user puts it).
    #[must_use]
    pub fn from_draft(draft: ReviewDraft) -> Self {
        let ReviewDraft { target, outcome, result, process, lesson } = draft;
        Self { target, outcome, result, process, lesson, error: None, focus_outcome: false }
    }

    /// Whether anything was written or chosen that the decision's review
    /// (or its absence) does not already hold.
    #[must_use]
    pub fn is_dirty(&self, journal: &Journal) -> bool {
        let Some(decision) = journal.get(&self.target) else { return false };
        let opened = Self::open(decision);
        (&self.outcome, self.result, self.process, &self.lesson)
            != (&opened.outcome, opened.result, opened.process, &opened.lesson)
    }

    /// The change that saves this review of `decision` (the decision with
    /// its review, written `today` and stamped `now`), or why it cannot be
    /// saved as it is.
    ///
    /// # Errors
    /// A sentence for under the form when how it compares with the
    /// expectation is not chosen or what happened is not written.
    pub fn edit(&self, decision: &Decision, today: Date, now: jiff::Timestamp) -> Result<Edit, String> {
        let Some(result) = self.result else {
            return Err("Choose how it compares with what you expected.".to_owned());
        };
        if self.outcome.trim().is_empty() {
            return Err("Write down what actually happened.".to_owned());
        }
        let mut reviewed = decision.clone();
        reviewed.review = Some(Review {
            reviewed_on: today,
            outcome: self.outcome.trim().to_owned(),
            result,
            process: self.process,
            lesson: self.lesson.trim().to_owned(),
        });
        reviewed.updated = now;
        Ok(Edit::Update(reviewed))
    }

    fn open(decision: &Decision) -> Self {
        let existing = decision.review.as_ref();
        Self {
            target: decision.id.clone(),
            outcome: existing.map(|r| r.outcome.clone()).unwrap_or_default(),
            result: existing.map(|r| r.result),
            process: existing.and_then(|r| r.process),
            lesson: existing.map(|r| r.lesson.clone()).unwrap_or_default(),
            error: None,
            focus_outcome: true,
        }
    }
}

impl ReviewPageState {
    /// Saves the review being written: closes the form and returns the
    /// change to apply (`None` when no form is open or its decision is
    /// gone).
    ///
    /// # Errors
    /// Why the review cannot be saved as it is; the form stays open with the
    /// reason under it.
    pub fn save_form(&mut self, journal: &Journal, today: Date, now: jiff::Timestamp) -> Result<Option<Edit>, String> {
        let Some(form) = self.form.as_mut() else { return Ok(None) };
        let Some(decision) = journal.get(&form.target) else {
            self.form = None;
            return Ok(None);
        };
        match form.edit(decision, today, now) {
            Ok(command) => {
                self.form = None;
                Ok(Some(command))
            }
            Err(reason) => {
                form.error = Some(reason.clone());
                Err(reason)
            }
        }
    }

    fn refresh(&mut self, journal: &Journal, revision: u64, today: Date) -> &Cached {
        let stale = self.cache.as_ref().is_none_or(|c| c.revision != revision || c.today != today);
        if stale {
            let mut groups: Vec<(ReviewStatus, Vec<usize>)> =
                ReviewStatus::ALL.iter().map(|status| (*status, Vec::new())).collect();
            for (index, decision) in journal.decisions().iter().enumerate() {
                if let Some(status) = ReviewStatus::of(decision.review_on, decision.review.is_some(), today)
                    && let Some((_, rows)) = groups.iter_mut().find(|(s, _)| *s == status)
                {
                    rows.push(index);
                }
            }
            let decisions = journal.decisions();
            for (status, rows) in &mut groups {
                if *status == ReviewStatus::Done {
                    rows.sort_by_key(|&i| std::cmp::Reverse(decisions[i].review.as_ref().map(|r| r.reviewed_on)));
                } else {
                    rows.sort_by_key(|&i| decisions[i].review_on);
                }
            }
            let all: Vec<&Decision> = decisions.iter().collect();
            self.cache = Some(Cached {
                revision,
                today,
                groups,
                insights: calibration::insights(&all),
                evidence: OutcomeEvidence::compute(decisions),
                by_style: ByStyle::compute(decisions),
                evidence_sentences: Vec::new(),
            });
            if let Some(cache) = &mut self.cache {
                cache.evidence_sentences = cache.evidence.condensed();
            }
        }
        self.cache.as_ref().unwrap_or_else(|| unreachable!("just filled"))
    }
}

/// Draws the page from what it sees; a saved review or a snooze is sent as
/// a change of the journal.
#[profiling::function]
pub fn show(view: &ViewContext<'_>, page: &mut ReviewPageState, ui: &mut Ui) {
    let (today, revision, journal) = (view.today, view.revision, view.journal);
    if page.form.is_some() {
        egui::Panel::right("review-form").resizable(true).default_size(theme::EDITOR_WIDTH).min_size(320.0).show(
            ui,
            |ui| {
                review_form(view, page, ui);
            },
        );
    }
    let mut open: Option<DecisionId> = None;
    let mut snooze: Option<DecisionId> = None;
    egui::CentralPanel::default().show(ui, |ui| {
        let show_tables = page.show_tables;
        let mut show_tables_toggle = show_tables;
        let mut evidence_table = page.show_evidence_table;
        let more_rows = page.more_rows.clone();
        let scroll_to_results = std::mem::take(&mut page.scroll_to_results);
        let mut show_more: Option<usize> = None;
        let cache = page.refresh(journal, revision, today);
        ui.heading("Reviews");
        ui.label(
            RichText::new("Come back to decisions when their review date arrives: what happened, and was it a sound call given what you knew?")
                .weak(),
        );
        ui.separator();
        widgets::page_scroll("review").show(ui, |ui| {
            for (group, (status, rows)) in cache.groups.iter().enumerate() {
                let heading = format!("{} ({})", status.label(), rows.len());
                let default_open = *status != ReviewStatus::Done;
                egui::CollapsingHeader::new(RichText::new(heading).strong())
                    .id_salt(("review-group", status.label()))
                    .default_open(default_open)
                    .show(ui, |ui| {
                        if rows.is_empty() {
                            ui.label(RichText::new(empty_text(*status)).weak());
                        }
                        let limit = GROUP_ROWS + more_rows.get(group).copied().unwrap_or(0);
                        for &index in rows.iter().take(limit) {
                            let decision = &journal.decisions()[index];
                            review_row(ui, decision, *status, &mut open, &mut snooze);
                        }
                        if rows.len() > limit
                            && ui.button(format!("Show more ({} not shown)", rows.len() - limit)).clicked()
                        {
                            show_more = Some(group);
                        }
                    });
            }
            ui.add_space(theme::SECTION_GAP);
            ui.separator();
            let answer = did_it_work(ui, &cache.by_style);
            if scroll_to_results {
                answer.scroll_to_me(Some(egui::Align::Min));
            }
            ui.add_space(theme::SECTION_GAP);
            ui.separator();
            results(ui, &cache.insights, show_tables, &mut show_tables_toggle);
            ui.add_space(theme::SECTION_GAP);
            ui.separator();
            guidance_evidence(ui, &cache.evidence, &cache.evidence_sentences, &mut evidence_table);
        });
        page.show_tables = show_tables_toggle;
        page.show_evidence_table = evidence_table;
        if let Some(group) = show_more {
            let more = &mut page.more_rows;
            more.resize(more.len().max(group + 1), 0);
            more[group] += GROUP_ROWS * 4;
        }
    });
    if let Some(id) = open
        && let Some(decision) = journal.get(&id)
    {
        page.form = Some(ReviewForm::open(decision));
    }
    if let Some(id) = snooze
        && let Some(mut decision) = journal.get(&id).cloned()
    {
        let from = decision.review_on.map_or(today, |due| due.max(today));
        decision.review_on = from.checked_add(SNOOZE_DAYS.days()).ok();
        decision.updated = view.now;
        view.change(Edit::Update(decision));
    }
}

fn empty_text(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Overdue => "Nothing overdue.",
        ReviewStatus::DueThisWeek => "Nothing due this week.",
        ReviewStatus::Upcoming => {
            "No reviews planned. Set a review date in a decision's \u{201c}Looking ahead\u{201d}."
        }
        ReviewStatus::Done => "No reviews written yet.",
    }
}

fn review_row(
    ui: &mut Ui,
    decision: &Decision,
    status: ReviewStatus,
    open: &mut Option<DecisionId>,
    snooze: &mut Option<DecisionId>,
) {
    // In a narrow (zoomed) page the title gets a line of its own, wrapped,
    // rather than a few letters and an ellipsis between badge and buttons.
    let narrow = ui.available_width() < REVIEW_ROW_MIN_WIDTH;
    ui.horizontal(|ui| {
        let when = match (&decision.review, decision.review_on) {
            (Some(review), _) => format!("reviewed {}", review.reviewed_on),
            (None, Some(due)) => format!("due {due}"),
            (None, None) => String::new(),
        };
        ui.add_sized([150.0, 24.0], egui::Label::new(RichText::new(when).monospace().weak()));
        widgets::style_badge_column(ui, decision.style, 24.0);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // Each row's buttons are named after their decision, so a screen
            // reader (and a test) can tell the many "Review" buttons apart.
            if status != ReviewStatus::Done
                && ui
                    .button("Snooze")
                    .on_hover_text("Move the review a week later")
                    .accessible_name(format!("Snooze a week: {}", decision.title))
                    .clicked()
            {
                *snooze = Some(decision.id.clone());
            }
            let action = if status == ReviewStatus::Done { "Open review" } else { "Review" };
            if ui.button(action).accessible_name(format!("{action}: {}", decision.title)).clicked() {
                *open = Some(decision.id.clone());
            }
            if !narrow {
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.add(egui::Label::new(RichText::new(&decision.title).strong()).truncate());
                });
            }
        });
    });
    if narrow {
        ui.label(RichText::new(&decision.title).strong());
    }
    if let Some(review) = decision.review.as_ref().filter(|_| status == ReviewStatus::Done) {
        review_summary(ui, review);
    }
    if narrow {
        ui.add_space(6.0);
    }
}

/// Under a done review's row: how it turned out and the lesson, so what was
/// learnt stays in sight rather than behind "Open review".
fn review_summary(ui: &mut Ui, review: &Review) {
    ui.horizontal_wrapped(|ui| {
        ui.add_space(158.0_f32.min(ui.available_width() / 4.0));
        let color = if review.result.met_expectation() {
            theme::fit_color(1.0, ui.visuals())
        } else {
            theme::fit_color(0.0, ui.visuals())
        };
        ui.label(RichText::new(review.result.label()).color(color));
        let lesson = review.lesson.trim();
        if !lesson.is_empty() {
            ui.label(RichText::new(format!("\u{2014} Lesson: {lesson}")).italics());
        }
    });
}

/// "Did leading or managing work for you?": the answer in plain words, then
/// each style's met rate, 95 % range and mean process rating.
fn did_it_work(ui: &mut Ui, by_style: &ByStyle) -> egui::Response {
    let heading = ui.label(RichText::new(DID_IT_WORK).size(18.0).strong());
    ui.label(by_style.verdict());
    if by_style.reviewed() == 0 {
        return heading;
    }
    for row in &by_style.rows {
        ui.horizontal_wrapped(|ui| {
            widgets::style_badge(ui, Some(row.style));
            ui.label(row.sentence());
        });
    }
    if by_style.unstyled > 0 {
        ui.label(
            RichText::new(format!("{} reviewed decisions without a style are left out.", by_style.unstyled)).weak(),
        );
    }
    heading
}

/// The heading of the by-style answer (the palette's "results" and "did
/// leading work" lead here).
pub const DID_IT_WORK: &str = "Did leading or managing work for you?";

/// Below this width (points) a review row puts its title on a line of its
/// own.
const REVIEW_ROW_MIN_WIDTH: f32 = 640.0;

fn review_form(view: &ViewContext<'_>, page: &mut ReviewPageState, ui: &mut Ui) {
    let modal_open = view.modal_open;
    let Some(target) = page.form.as_ref().map(|form| form.target.clone()) else { return };
    let Some(decision) = view.journal.get(&target) else {
        page.form = None;
        return;
    };
    let Some(form) = page.form.as_mut() else { return };
    let mut save = false;
    // Esc under the quit question, the palette or an open drop-down closes
    // that, not the form.
    let mut cancel = !modal_open && ui.input(|input| input.key_pressed(egui::Key::Escape));
    egui::Panel::bottom("review-actions").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            save = ui
                .add(
                    egui::Button::new(RichText::new("Save review").strong())
                        .shortcut_text(UserCommand::Save.shortcut_text(ui.ctx())),
                )
                .clicked();
            cancel |= ui
                .add(egui::Button::new("Cancel").shortcut_text(UserCommand::Cancel.shortcut_text(ui.ctx())))
                .clicked();
        });
        ui.add_space(2.0);
    });
    save |= ui.input_mut(|input| UserCommand::Save.consume(input));
    widgets::page_scroll("review-form").show(ui, |ui| {
        ui.add_space(8.0);
        ui.heading("Review");
        ui.add_space(4.0);
        original_entry(ui, decision);
        ui.add_space(theme::SECTION_GAP);
        let outcome_label = ui.label(RichText::new("What actually happened?").strong());
        let outcome = ui
            .add(egui::TextEdit::multiline(&mut form.outcome).desired_rows(3).desired_width(f32::INFINITY))
            .labelled_by(outcome_label.id);
        if std::mem::take(&mut form.focus_outcome) {
            outcome.request_focus();
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Compared with what you expected").strong());
        for result in ReviewResult::ALL {
            ui.radio_value(&mut form.result, Some(result), result.label());
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Was it a good decision, given what you knew then?").strong());
        ui.horizontal(|ui| {
            for score in PROCESS_MIN..=PROCESS_MAX {
                let label = match score {
                    1 => "1 poor".to_owned(),
                    5 => "5 sound".to_owned(),
                    _ => score.to_string(),
                };
                ui.radio_value(&mut form.process, Some(score), label);
            }
        });
        ui.label(
            RichText::new(format!(
                "Judge the decision, not the luck: a sound call can still turn out badly. {} count as sound.",
                crate::model::review::sound_scores()
            ))
            .weak(),
        );
        ui.add_space(8.0);
        let lesson_label = ui.label(RichText::new("Lesson").strong());
        ui.add(
            egui::TextEdit::multiline(&mut form.lesson)
                .hint_text("What would you do again, or differently?")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(lesson_label.id);
        if let Some(error) = &form.error {
            ui.label(RichText::new(error).color(theme::error_color(ui.visuals())));
        }
    });
    if cancel {
        page.form = None;
        return;
    }
    // A review that cannot be saved stays open, its reason shown.
    if save && let Ok(Some(command)) = page.save_form(view.journal, view.today, view.now) {
        view.change(command);
    }
}

fn original_entry(ui: &mut Ui, decision: &Decision) {
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("As you wrote it").small().weak());
        ui.horizontal(|ui| {
            ui.label(RichText::new(decision.date.to_string()).monospace().weak());
            widgets::style_badge(ui, decision.style);
        });
        ui.label(RichText::new(&decision.title).strong());
        if !decision.situations.is_empty() {
            let guidance = Guidance::get();
            let labels: Vec<&str> = decision.situations.iter().map(|s| guidance.situation(*s).label.as_str()).collect();
            ui.label(RichText::new(labels.join(", ")).weak());
        }
        if !decision.note.is_empty() {
            ui.label(&decision.note);
        }
        if !decision.options.is_empty() {
            ui.label(format!("Options considered: {}", decision.options.join("; ")));
        }
        let expectation =
            if decision.expectation.is_empty() { "(no expectation written)" } else { &decision.expectation };
        match decision.confidence {
            Some(confidence) => ui.label(format!("Expected: {expectation} \u{2014} {confidence}% sure")),
            None => ui.label(format!("Expected: {expectation}")),
        };
    });
}

fn results(ui: &mut Ui, insights: &ReviewInsights, show_tables: bool, show_tables_toggle: &mut bool) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("What the results say").size(18.0).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.checkbox(show_tables_toggle, "Show as tables");
        });
    });
    for sentence in &insights.summary {
        ui.label(sentence);
    }
    if !show_tables || insights.overall.reviewed == 0 {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("Calibration by stated confidence").strong());
    results_table("calibration", 5, 24.0)
        .header(&["Confidence", "Reviewed", "Stated on average", "Came out as expected or better", "So"])
        .show(ui, |ui| {
            for band in &insights.bands {
                ui.label(format!("{}\u{2013}{}%", band.band.0, band.band.1));
                ui.label(band.decisions.to_string());
                ui.label(percent(band.mean_confidence));
                ui.label(match band.met_rate {
                    Some(rate) => format!("{} ({} of {})", percent(Some(rate)), band.met, band.decisions),
                    None => "\u{2014}".to_owned(),
                });
                ui.label(band.verdict().unwrap_or("\u{2014}"));
                ui.end_row();
            }
        });
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("Decision quality against outcome").strong());
    let matrix = insights.overall.matrix;
    results_table("outcome-matrix", 3, 24.0).header(&["", "Good outcome", "Bad outcome"]).show(ui, |ui| {
        ui.label(RichText::new(format!("Sound decision (process {})", crate::model::review::sound_scores())).strong());
        ui.label(format!("{} \u{2014} deserved", matrix.good_decision_good_outcome));
        ui.label(format!("{} \u{2014} bad luck", matrix.good_decision_bad_outcome));
        ui.end_row();
        ui.label(RichText::new(format!("Poor decision (process {})", crate::model::review::poor_scores())).strong());
        ui.label(format!("{} \u{2014} lucky", matrix.poor_decision_good_outcome));
        ui.label(format!("{} \u{2014} a lesson", matrix.poor_decision_bad_outcome));
        ui.end_row();
    });
    ui.add_space(theme::SECTION_GAP);
    group_table(ui, "By style", "review-by-style", &insights.by_style);
    ui.add_space(theme::SECTION_GAP);
    group_table(ui, "By situation", "review-by-situation", &insights.by_situation);
}

fn group_table(ui: &mut Ui, title: &str, id: &str, rows: &[GroupRow]) {
    ui.label(RichText::new(title).strong());
    results_table(id, 6, 18.0)
        .header(&[
            "",
            "Reviewed",
            "As expected or better",
            "Stated confidence",
            "Met (with confidence)",
            "Sound / lucky / unlucky / poor",
        ])
        .show(ui, |ui| {
            for row in rows.iter().filter(|row| row.reviewed > 0) {
                ui.label(&row.label);
                ui.label(row.reviewed.to_string());
                ui.label(row.met.to_string());
                ui.label(percent(row.mean_confidence));
                ui.label(percent(row.met_rate_with_confidence));
                let m = row.matrix;
                ui.label(format!(
                    "{} / {} / {} / {}",
                    m.good_decision_good_outcome,
                    m.poor_decision_good_outcome,
                    m.good_decision_bad_outcome,
                    m.poor_decision_bad_outcome
                ));
                ui.end_row();
            }
        });
}

/// "Does the guidance work for you?": the three fit groups as points with
/// their 95 % ranges (or as a table), and a sentence per finding.
fn guidance_evidence(ui: &mut Ui, evidence: &OutcomeEvidence, sentences: &[String], table: &mut bool) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Does the guidance work for you?").size(18.0).strong());
        if evidence.reviewed > 0 {
            ui.add_space(16.0);
            ui.checkbox(table, "Show as table")
                .on_hover_text("Does the guidance work for you? The same numbers as a table");
        }
    });
    ui.label(evidence.overview());
    if evidence.reviewed == 0 {
        return;
    }
    ui.add_space(4.0);
    if *table {
        evidence_tables(ui, evidence);
    } else {
        charts::outcome_ranges(ui, evidence);
    }
    ui.add_space(4.0);
    for sentence in sentences {
        ui.label(format!("\u{2022} {sentence}"));
    }
    ui.label(
        RichText::new(
            "A difference is named only with at least five reviews on each side and 95 % ranges that do not overlap.",
        )
        .small()
        .weak(),
    );
}

fn evidence_tables(ui: &mut Ui, evidence: &OutcomeEvidence) {
    let measures = ["Reviewed", "Met", "Met rate", "95 % range", "Mean process"];
    let cells = |ui: &mut Ui, row: &OutcomeRow| {
        ui.label(row.reviewed.to_string());
        ui.label(row.met.to_string());
        ui.label(percent(row.met_rate()));
        ui.label(row.interval().map_or_else(|| "\u{2014}".to_owned(), |interval| interval.words()));
        ui.label(row.mean_process().map_or_else(|| "\u{2014}".to_owned(), |mean| format!("{mean:.1} of 5")));
    };
    results_table("evidence-by-fit", 6, 18.0).header(&[&[""][..], &measures].concat()).show(ui, |ui| {
        for row in &evidence.by_fit {
            ui.label(row.group.label());
            cells(ui, &row.row);
            ui.end_row();
        }
    });
    if evidence.by_situation_style.is_empty() {
        return;
    }
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("By situation and style").strong());
    let guidance = Guidance::get();
    results_table("evidence-by-cell", 7, 18.0).header(&[&["Situation", "Style"][..], &measures].concat()).show(
        ui,
        |ui| {
            for cell in &evidence.by_situation_style {
                ui.label(&guidance.situation(cell.situation).label);
                ui.label(cell.style.label());
                cells(ui, &cell.row);
                ui.end_row();
            }
        },
    );
}

/// A table of the results, `gap` points between its columns: in a narrow
/// (zoomed) page its columns share the width and wrap their text.
fn results_table<'a>(id_salt: impl egui::AsIdSalt, columns: u8, gap: f32) -> widgets::Table<'a> {
    widgets::Table::new(id_salt, columns).gap(gap).row_gap(4.0).share_width_when_narrow()
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "\u{2014}".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DecisionDraft;

    /// A review kept when the window closed unsaved opens as it was typed,
    /// without taking the focus as a freshly opened form does.
    #[test]
    fn a_form_kept_as_a_draft_opens_again_as_it_was() {
        let decision = DecisionDraft { title: "Hire Ana".into(), ..DecisionDraft::default() }
            .into_new_decision(jiff::civil::date(2026, 3, 1), jiff::Timestamp::UNIX_EPOCH)
            .expect("valid");
        let mut form = ReviewForm::open(&decision);
        form.outcome = "She leads the team".to_owned();
        form.result = Some(ReviewResult::Better);
        form.process = Some(4);
        let back = ReviewForm::from_draft(form.draft());
        assert_eq!(back.draft(), form.draft());
        assert!(back.error.is_none() && !back.focus_outcome);
    }
}
