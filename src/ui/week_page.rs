//! This week: the coaching loop Keel opens on. What was decided this week
//! (against last week and the usual week), the decisions that went against
//! the guidance, reviews due, goals and their progress, a lesson brought
//! back from an earlier decision in the same situations, questions drawn
//! from the week with the week's reflection, and a quiet strip of the weeks
//! kept. Everything shown is computed by `analysis::week` and
//! `analysis::goals`; the page only lays it out and sends edits.

use egui::{RichText, Ui};
use jiff::ToSpan as _;
use jiff::civil::Date;

use super::{theme, widgets};
use crate::analysis::goals::{GoalStatus, target_words, value_words};
use crate::analysis::week::{ACTIVE_WEEKS, Week, WeekComparison, compare};
use crate::context::{AppRequest, ViewContext};
use crate::guidance::Guidance;
use crate::history::Edit;
use crate::model::goal::GoalError;
use crate::model::{Answer, Decision, DecisionId, Goal, GoalKind, Reflection, Situation, Style, week_start};

/// The page's state between frames.
#[derive(Debug, Default)]
pub struct WeekPageState {
    /// How many weeks before the current one are shown (0: this week).
    pub weeks_back: u32,
    cache: Option<Cached>,
    /// Answers typed and not saved yet, by week (its Monday), each with
    /// the question it answers: kept when the user steps to another week,
    /// and the questions cannot change under the typing.
    drafts: std::collections::BTreeMap<Date, Vec<Answer>>,
    /// The new-goal form, while open.
    goal_form: Option<GoalForm>,
}

#[derive(Debug)]
struct Cached {
    revision: u64,
    day: Date,
    week: Week,
    compared: WeekComparison,
}

impl WeekPageState {
    /// Computes the week again when the journal or the day shown changed.
    fn refresh(&mut self, view: &ViewContext<'_>, day: Date) {
        let stale = self.cache.as_ref().is_none_or(|c| c.revision != view.revision || c.day != day);
        if stale {
            let week = Week::of(view.journal, day);
            let compared = compare(view.journal, week.start);
            self.cache = Some(Cached { revision: view.revision, day, week, compared });
        }
    }

    /// Opens the new-goal form filled in from `idea` (the Balance page's
    /// proposal), over a form left empty; a form with a title typed stays.
    pub fn start_goal(&mut self, idea: &crate::analysis::goals::GoalIdea, today: Date) {
        self.weeks_back = 0;
        if self.goal_form.as_ref().is_some_and(|form| !form.title.trim().is_empty()) {
            return;
        }
        let mut form = GoalForm::new(today);
        form.title.clone_from(&idea.title);
        form.kind = idea.kind;
        form.situations.clone_from(&idea.situations);
        form.min_percent = idea.min_percent.to_string();
        self.goal_form = Some(form);
    }

    /// Whether a reflection or the goal form hold typing not yet saved.
    #[must_use]
    pub fn has_unsaved_text(&self, journal: &crate::model::Journal) -> bool {
        !self.unsaved_reflections(journal).is_empty() || self.goal_form.as_ref().is_some_and(GoalForm::is_dirty)
    }

    /// The reflections typed and not saved: each week's answers that differ
    /// from what the journal holds for it.
    #[must_use]
    pub fn unsaved_reflections(&self, journal: &crate::model::Journal) -> Vec<(Date, Vec<Answer>)> {
        self.drafts
            .iter()
            .filter(|(week, answers)| match journal.reflection_for(**week) {
                Some(saved) => saved.answers != **answers,
                None => answers.iter().any(|a| !a.answer.trim().is_empty()),
            })
            .map(|(week, answers)| (*week, answers.clone()))
            .collect()
    }

    /// Puts back reflections a window that closed unsaved left.
    pub fn resume_reflections(&mut self, kept: Vec<(Date, Vec<Answer>)>) {
        self.drafts.extend(kept);
    }

    /// Throws the unsaved reflections and the goal form away.
    pub fn discard_drafts(&mut self) {
        self.drafts.clear();
        self.goal_form = None;
    }

    /// The changes that save what is being written, as the Save buttons
    /// would; the goal form's complaint shown when it cannot be saved.
    ///
    /// # Errors
    /// [`super::NotSaved`] when the goal form cannot be saved as it is (its
    /// reason is then shown under it).
    pub fn save_drafts(
        &mut self,
        journal: &crate::model::Journal,
        now: jiff::Timestamp,
    ) -> Result<Vec<Edit>, super::NotSaved> {
        let mut commands: Vec<Edit> = self
            .unsaved_reflections(journal)
            .into_iter()
            .map(|(week, answers)| Edit::SaveReflection(reflection_to_save(journal, week, answers, now)))
            .collect();
        if let Some(form) = self.goal_form.as_mut().filter(|form| form.is_dirty()) {
            match form.goal(now) {
                Ok(goal) => commands.push(goal_edit(journal, form, goal)),
                Err(error) => {
                    form.error = Some(error);
                    return Err(super::NotSaved { page: crate::context::Page::Week });
                }
            }
        }
        self.drafts.clear();
        self.goal_form = None;
        Ok(commands)
    }
}

/// The reflection of the week starting `week` with `answers`: the saved
/// one updated, or a new one.
fn reflection_to_save(
    journal: &crate::model::Journal,
    week: Date,
    answers: Vec<Answer>,
    now: jiff::Timestamp,
) -> Reflection {
    let answers = answers.into_iter().map(|a| Answer { answer: a.answer.trim().to_owned(), ..a }).collect();
    match journal.reflection_for(week) {
        Some(saved) => Reflection { answers, updated: now, ..saved.clone() },
        None => Reflection::new(week, answers, now),
    }
}

/// The change the goal form's `goal` makes: a new goal, or the edited one
/// as it is now (marked done meanwhile, or changed on another computer)
/// with what the form edits written over it.
fn goal_edit(journal: &crate::model::Journal, form: &GoalForm, goal: Goal) -> Edit {
    match &form.editing {
        Some(original) => match journal.goal(&original.id) {
            Some(current) => Edit::UpdateGoal(Goal {
                id: current.id.clone(),
                created: current.created,
                done: current.done,
                abandoned: current.abandoned,
                version: current.version.clone(),
                ..goal
            }),
            // Removed meanwhile: what was typed brings it back.
            None => Edit::AddGoal(Goal { id: original.id.clone(), created: original.created, ..goal }),
        },
        None => Edit::AddGoal(goal),
    }
}

/// The day the page looks at: today, or the same weekday `weeks_back`
/// weeks before.
fn shown_day(today: Date, weeks_back: u32) -> Date {
    today.checked_sub((7 * i64::from(weeks_back)).days()).unwrap_or(today)
}

/// "30 Nov – 6 Dec 2026".
fn week_label(start: Date, end: Date) -> String {
    let month = |day: Date| day.strftime("%b").to_string();
    if start.year() == end.year() {
        format!("{} {} \u{2013} {} {} {}", start.day(), month(start), end.day(), month(end), end.year())
    } else {
        format!(
            "{} {} {} \u{2013} {} {} {}",
            start.day(),
            month(start),
            start.year(),
            end.day(),
            month(end),
            end.year()
        )
    }
}

/// Draws the page.
#[profiling::function]
pub fn show(view: &ViewContext<'_>, page: &mut WeekPageState, ui: &mut Ui) {
    let day = shown_day(view.today, page.weeks_back);
    egui::CentralPanel::default().show(ui, |ui| {
        let start = week_start(day);
        let end = start.checked_add(6.days()).unwrap_or(start);
        ui.horizontal_wrapped(|ui| {
            ui.heading(match page.weeks_back {
                0 => "This week".to_owned(),
                1 => "Last week".to_owned(),
                n => format!("{n} weeks ago"),
            });
            ui.label(RichText::new(week_label(start, end)).size(16.0));
            ui.add_space(12.0);
            if ui.button("\u{23f4} Earlier week").on_hover_text("Show the week before").clicked() {
                page.weeks_back += 1;
            }
            if page.weeks_back > 0 {
                if ui.button("Later week \u{23f5}").on_hover_text("Show the week after").clicked() {
                    page.weeks_back -= 1;
                }
                if ui.button("Back to this week").clicked() {
                    page.weeks_back = 0;
                }
            }
        });
        ui.separator();
        if view.journal.is_empty() && view.journal.goals().is_empty() {
            empty_journal(view, ui);
            return;
        }
        let day = shown_day(view.today, page.weeks_back);
        page.refresh(view, day);
        // Taken out while the sections (which change the page's drafts and
        // forms) draw it, and put back: no copy of the week each frame.
        let Some(cached) = page.cache.take() else { return };
        let (week, compared) = (&cached.week, cached.compared);
        widgets::page_scroll("week").show(ui, |ui| {
            widgets::cap_width(ui, 1000.0);
            decided(view, ui, week, compared);
            section_gap(ui);
            reviews_due(view, ui, week);
            section_gap(ui);
            goals(view, page, ui, week);
            section_gap(ui);
            from_your_journal(view, ui, week);
            section_gap(ui);
            reflection(view, page, ui, week);
            section_gap(ui);
            consistency(ui, week);
        });
        page.cache = Some(cached);
    });
}

fn section_gap(ui: &mut Ui) {
    ui.add_space(theme::SECTION_GAP);
    ui.separator();
}

fn section_heading(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(18.0).strong());
}

/// An empty journal: what to do first.
fn empty_journal(view: &ViewContext<'_>, ui: &mut Ui) {
    ui.add_space(24.0);
    ui.label(RichText::new("Nothing written yet").size(18.0).strong());
    ui.label(
        "Keel coaches from your own record. Write down a decision you made this week: what happened, \
         the situation, and whether you led, managed or did a bit of both. This page then shows your week, \
         the lessons from earlier decisions, and a few questions to reflect on.",
    );
    ui.add_space(8.0);
    if ui.button(RichText::new("New decision").strong()).clicked() {
        view.send(AppRequest::OpenEditor(None));
    }
}

fn decided(view: &ViewContext<'_>, ui: &mut Ui, week: &Week, compared: WeekComparison) {
    section_heading(ui, "What you decided");
    let tally = &week.tally;
    if tally.decisions == 0 {
        ui.label("No decision written down this week yet.");
        if ui.button("New decision").clicked() {
            view.send(AppRequest::OpenEditor(None));
        }
    } else {
        let styled = [
            (tally.leadership, "leadership"),
            (tally.blend, "blend"),
            (tally.management, "management"),
            (tally.untagged, "untagged"),
        ];
        let parts: Vec<String> = styled.iter().filter(|(n, _)| *n > 0).map(|(n, name)| format!("{n} {name}")).collect();
        let decisions = if tally.decisions == 1 { "decision" } else { "decisions" };
        ui.label(RichText::new(format!("{} {decisions}: {}", tally.decisions, parts.join(", "))).size(15.0));
        for id in week.decisions.iter().take(DECISIONS_SHOWN) {
            let Some(decision) = view.journal.get(id) else { continue };
            ui.horizontal_wrapped(|ui| {
                widgets::style_badge_column(ui, decision.style, 20.0);
                if ui
                    .link(&decision.title)
                    .on_hover_text("Open it in the editor")
                    .accessible_name(format!("Open: {}", decision.title))
                    .clicked()
                {
                    view.send(AppRequest::OpenEditor(Some(decision.id.clone())));
                }
            });
        }
        if week.decisions.len() > DECISIONS_SHOWN {
            ui.label(
                RichText::new(format!("and {} more in the Journal", week.decisions.len() - DECISIONS_SHOWN)).weak(),
            );
        }
    }
    let usual = compared.usual.map_or_else(
        || "no earlier weeks to compare with yet".to_owned(),
        |usual| format!("your usual week: {usual:.1} (the {} weeks before)", crate::analysis::week::USUAL_WEEKS),
    );
    ui.label(RichText::new(format!("Last week: {}; {usual}.", compared.last_week)).weak());
    if !week.against_guidance.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Went against the guidance").strong());
        for against in &week.against_guidance {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .link(&against.title)
                    .on_hover_text("Open it in the editor")
                    .accessible_name(format!("Open: {}", against.title))
                    .clicked()
                {
                    view.send(AppRequest::OpenEditor(Some(against.id.clone())));
                }
                if against.why_noted {
                    ui.label(RichText::new("\u{2714} your note says why").color(theme::fit_color(1.0, ui.visuals())));
                } else {
                    ui.label(RichText::new("no reason noted yet").color(theme::fit_color(0.0, ui.visuals())));
                }
            });
        }
    }
}

fn reviews_due(view: &ViewContext<'_>, ui: &mut Ui, week: &Week) {
    section_heading(ui, "Reviews due");
    if week.reviews_due.is_empty() {
        ui.label(RichText::new("Nothing due for review.").weak());
        return;
    }
    for due in week.reviews_due.iter().take(REVIEWS_SHOWN) {
        ui.horizontal(|ui| {
            if ui.button("Review").accessible_name(format!("Review: {}", due.title)).clicked() {
                view.send(AppRequest::OpenReview(due.id.clone()));
            }
            ui.label(RichText::new(format!("due {}", due.review_on)).monospace().weak());
            ui.add(egui::Label::new(&due.title).truncate());
        });
    }
    let more = week.reviews_due.len().saturating_sub(REVIEWS_SHOWN);
    if more > 0 && ui.link(format!("{more} more on the Review page")).clicked() {
        view.send(AppRequest::Run(crate::context::UserCommand::Show(crate::context::Page::Review)));
    }
}

/// The week's decisions listed by title at most.
const DECISIONS_SHOWN: usize = 8;

/// Reviews listed here at most, the oldest due first; the rest are a click
/// away on the Review page.
const REVIEWS_SHOWN: usize = 3;

fn goals(view: &ViewContext<'_>, page: &mut WeekPageState, ui: &mut Ui, week: &Week) {
    ui.horizontal(|ui| {
        section_heading(ui, "Your goals");
        if page.goal_form.is_none() && ui.button("New goal\u{2026}").clicked() {
            page.goal_form = Some(GoalForm::new(view.today));
        }
    });
    if let Some(form) = &mut page.goal_form {
        match goal_form(ui, form, view.today, view.now) {
            FormAction::Save(goal) => {
                if let Some(form) = page.goal_form.take() {
                    view.change(goal_edit(view.journal, &form, *goal));
                }
            }
            FormAction::Cancel => page.goal_form = None,
            FormAction::None => {}
        }
        ui.add_space(8.0);
    }
    if week.goals.is_empty() {
        ui.label(
            RichText::new(
                "No goal for this week. A goal is measured by Keel: a fit rate in chosen situations, a leadership \
                 share, a style practised every week, or how often your reviewed decisions met what you expected.",
            )
            .weak(),
        );
        return;
    }
    let mut edit = None;
    for (id, progress) in &week.goals {
        let Some(goal) = view.journal.goal(id) else { continue };
        egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&goal.title).strong());
                let color = match progress.status {
                    GoalStatus::OnTrack | GoalStatus::Met => theme::fit_color(1.0, ui.visuals()),
                    GoalStatus::NotYet | GoalStatus::Ended => theme::fit_color(0.0, ui.visuals()),
                    GoalStatus::TooFew => ui.visuals().weak_text_color(),
                };
                ui.label(RichText::new(progress.status.label()).color(color));
            });
            if !goal.why.trim().is_empty() {
                ui.label(RichText::new(goal.why.trim()).italics());
            }
            let behind = progress.decisions.len();
            ui.label(format!(
                "Target: {}. So far: {}, from {behind} {} ({} to {}).",
                target_words(goal),
                value_words(goal, progress.value),
                if behind == 1 { "decision" } else { "decisions" },
                goal.from,
                goal.until
            ));
            trend(ui, goal, progress);
            ui.horizontal(|ui| {
                if ui.button("Edit").accessible_name(format!("Edit goal: {}", goal.title)).clicked() {
                    edit = Some(GoalForm::edit(goal));
                }
                if ui.button("Done").accessible_name(format!("Mark done: {}", goal.title)).clicked() {
                    view.change(Edit::UpdateGoal(Goal { done: Some(view.today), updated: view.now, ..goal.clone() }));
                }
                if ui
                    .button("Set aside")
                    .on_hover_text("Stop working on it; it stays in the journal")
                    .accessible_name(format!("Set aside: {}", goal.title))
                    .clicked()
                {
                    view.change(Edit::UpdateGoal(Goal {
                        abandoned: Some(view.today),
                        updated: view.now,
                        ..goal.clone()
                    }));
                }
                if ui.button("Remove").accessible_name(format!("Remove goal: {}", goal.title)).clicked() {
                    view.change(Edit::RemoveGoal { id: goal.id.clone(), at: view.now });
                }
            });
        });
        ui.add_space(4.0);
    }
    if let Some(form) = edit
        && page.goal_form.as_ref().is_none_or(|open| open.title.trim().is_empty())
    {
        page.goal_form = Some(form);
    }
}

/// One small bar a week, its height the week's value against the target.
fn trend(ui: &mut Ui, goal: &Goal, progress: &crate::analysis::goals::GoalProgress) {
    if progress.weeks.is_empty() {
        return;
    }
    let top = match goal.kind {
        GoalKind::Practice => progress
            .weeks
            .iter()
            .filter_map(|week| week.value)
            .fold(f64::from(goal.per_week.unwrap_or(1)), f64::max)
            .max(1.0),
        _ => 1.0,
    };
    let (bar_w, gap, height) = (10.0_f32, 3.0_f32, 28.0_f32);
    let count = progress.weeks.len().min(26);
    #[expect(clippy::cast_precision_loss, reason = "at most 26 bars")]
    let width = count as f32 * (bar_w + gap);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let met_color = theme::fit_color(1.0, ui.visuals());
    let miss_color = theme::fit_color(0.0, ui.visuals());
    for (n, week) in progress.weeks.iter().rev().take(count).rev().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "at most 26 bars")]
        let x = rect.left() + n as f32 * (bar_w + gap);
        let Some(value) = week.value else {
            painter.line_segment(
                [egui::pos2(x, rect.bottom() - 1.0), egui::pos2(x + bar_w, rect.bottom() - 1.0)],
                egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
            );
            continue;
        };
        #[expect(clippy::cast_possible_truncation, reason = "a share of a few points")]
        let h = ((value / top).clamp(0.0, 1.0) as f32 * (height - 2.0)).max(2.0);
        let color = if crate::analysis::goals::meets(goal, value) { met_color } else { miss_color };
        painter.rect_filled(
            egui::Rect::from_min_max(egui::pos2(x, rect.bottom() - h), egui::pos2(x + bar_w, rect.bottom())),
            1.0,
            color,
        );
    }
    let weeks: Vec<String> =
        progress.weeks.iter().map(|week| format!("{}: {}", week.start, value_words(goal, week.value))).collect();
    response
        .on_hover_text(format!("Week by week (green meets the target):\n{}", weeks.join("\n")))
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, format!("Trend of {}", goal.title)));
}

fn from_your_journal(view: &ViewContext<'_>, ui: &mut Ui, week: &Week) {
    section_heading(ui, "From your journal");
    let guidance = Guidance::get();
    let mut said = false;
    if let Some(lesson) = &week.resurfaced {
        said = true;
        let situations: Vec<String> =
            lesson.because.iter().map(|s| guidance.situation(*s).label.to_lowercase()).collect();
        ui.label(format!("You met this again this week: {}.", situations.join("; ")));
        ui.horizontal_wrapped(|ui| {
            ui.label("Last time:");
            if ui
                .link(&lesson.title)
                .on_hover_text("Open it in the editor")
                .accessible_name(format!("Open: {}", lesson.title))
                .clicked()
            {
                view.send(AppRequest::OpenEditor(Some(lesson.id.clone())));
            }
            ui.label(format!("\u{2014} {}.", lesson.result.label().to_lowercase()));
        });
        if !lesson.lesson.trim().is_empty() {
            ui.label(RichText::new(format!("Your lesson: {}", lesson.lesson.trim())).italics());
        }
    }
    for then in &week.on_this_day {
        said = true;
        let ago = match then.ago {
            crate::analysis::week::Ago::Month => "A month ago",
            crate::analysis::week::Ago::Year => "A year ago",
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{ago} ({}):", then.date));
            if ui.link(&then.title).accessible_name(format!("Open: {}", then.title)).clicked() {
                view.send(AppRequest::OpenEditor(Some(then.id.clone())));
            }
        });
    }
    if !said {
        ui.label(
            RichText::new("Once you review decisions, the lesson of an earlier one in the same situations shows here.")
                .weak(),
        );
    }
}

fn reflection(view: &ViewContext<'_>, page: &mut WeekPageState, ui: &mut Ui, week: &Week) {
    section_heading(ui, "Reflect on the week");
    // The questions: as asked when the reflection was saved, else this
    // week's.
    let questions: Vec<(String, Vec<DecisionId>)> = match &week.reflection {
        Some(saved) => saved.answers.iter().map(|a| (a.question.clone(), Vec::new())).collect(),
        None => week.questions.iter().map(|q| (q.text.clone(), q.decisions.clone())).collect(),
    };
    // What is shown: the answers typed for this week, else the saved ones,
    // else empty answers to this week's questions.
    let shown: Vec<Answer> = page.drafts.get(&week.start).cloned().unwrap_or_else(|| match &week.reflection {
        Some(saved) => saved.answers.clone(),
        None => {
            questions.iter().map(|(question, _)| Answer { question: question.clone(), answer: String::new() }).collect()
        }
    });
    if let Some(saved) = &week.reflection {
        let on = saved.updated.to_zoned(jiff::tz::TimeZone::system()).date();
        ui.label(RichText::new(format!("Saved on {on}; change the answers and save again.")).weak());
    }
    let mut typed: Option<Vec<Answer>> = None;
    for (n, answer) in shown.iter().enumerate() {
        ui.add_space(6.0);
        let label = ui.label(RichText::new(format!("{}. {}", n + 1, answer.question)).strong());
        let decisions = questions.iter().find(|(question, _)| *question == answer.question).map(|(_, d)| d);
        if let Some(decisions) = decisions.filter(|decisions| !decisions.is_empty()) {
            let titles: Vec<&str> = decisions
                .iter()
                .filter_map(|id| view.journal.get(id))
                .map(|decision: &Decision| decision.title.as_str())
                .filter(|title| !answer.question.contains(title))
                .collect();
            if !titles.is_empty() {
                ui.label(RichText::new(format!("About: {}", titles.join("; "))).weak());
            }
        }
        let mut text = answer.answer.clone();
        let field = ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .id_salt(("week-answer", week.start, n))
                    .hint_text("Your answer, in a few lines")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if field.changed() {
            typed.get_or_insert_with(|| shown.clone())[n].answer = text;
        }
    }
    if let Some(typed) = typed {
        page.drafts.insert(week.start, typed);
    }
    ui.add_space(6.0);
    let current = page.drafts.get(&week.start).unwrap_or(&shown);
    let anything = current.iter().any(|answer| !answer.answer.trim().is_empty());
    let changed = page.drafts.contains_key(&week.start);
    ui.horizontal(|ui| {
        if ui.add_enabled(anything && changed, egui::Button::new(RichText::new("Save reflection").strong())).clicked()
            && let Some(answers) = page.drafts.remove(&week.start)
        {
            view.change(Edit::SaveReflection(reflection_to_save(view.journal, week.start, answers, view.now)));
        }
        if changed && ui.button("Undo my changes").on_hover_text("Back to the answers as saved").clicked() {
            page.drafts.remove(&week.start);
        }
    });
}

/// The last 26 weeks as small squares: filled when the week holds a
/// decision or a reflection. No streaks, no scores.
fn consistency(ui: &mut Ui, week: &Week) {
    ui.label(RichText::new(format!("The last {ACTIVE_WEEKS} weeks")).strong());
    let kept = week.active_weeks.iter().filter(|active| **active).count();
    let (side, gap) = (12.0_f32, 4.0_f32);
    #[expect(clippy::cast_precision_loss, reason = "26 squares")]
    let width = week.active_weeks.len() as f32 * (side + gap);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, side), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let filled = ui.visuals().selection.bg_fill;
    let empty = ui.visuals().widgets.noninteractive.bg_stroke;
    for (n, active) in week.active_weeks.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "26 squares")]
        let x = rect.left() + n as f32 * (side + gap);
        let square = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(side, side));
        if *active {
            painter.rect_filled(square, 2.0, filled);
        } else {
            painter.rect_stroke(square, 2.0, empty, egui::StrokeKind::Inside);
        }
    }
    let words = format!("{kept} of the last {ACTIVE_WEEKS} weeks have a decision or a reflection");
    response.on_hover_text(&words).widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &words));
    ui.label(
        RichText::new(format!("{kept} of {ACTIVE_WEEKS} weeks with a decision or a reflection, oldest on the left."))
            .weak(),
    );
}

/// What the new-goal form asked for this frame.
enum FormAction {
    None,
    Cancel,
    Save(Box<Goal>),
}

/// The new-goal form's fields.
#[derive(Debug, Clone)]
struct GoalForm {
    title: String,
    why: String,
    kind: GoalKind,
    situations: Vec<Situation>,
    style: Style,
    tag: String,
    person: String,
    min_percent: String,
    max_percent: String,
    per_week: String,
    from: Date,
    until: Date,
    error: Option<String>,
    focus_title: bool,
    /// The goal being edited; `None` for a new one.
    editing: Option<Goal>,
}

impl GoalForm {
    /// Whether saving would change anything: a new goal with a title
    /// typed, or an edit that differs from the goal it was opened on.
    fn is_dirty(&self) -> bool {
        match &self.editing {
            None => !self.title.trim().is_empty(),
            Some(original) => {
                let percent = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
                let name = |value: &Option<String>| value.clone().unwrap_or_default();
                let practice = self.kind == GoalKind::Practice;
                self.title.trim() != original.title
                    || self.why.trim() != original.why.trim()
                    || self.kind != original.kind
                    || self.situations != original.situations
                    || (practice && Some(self.style) != original.style)
                    || (practice && self.per_week.trim() != original.per_week.unwrap_or(1).to_string())
                    || self.tag.trim() != name(&original.tag)
                    || self.person.trim() != name(&original.person)
                    || self.min_percent.trim().trim_end_matches('%').trim() != percent(original.min_percent)
                    || self.max_percent.trim().trim_end_matches('%').trim() != percent(original.max_percent)
                    || self.from != original.from
                    || self.until != original.until
            }
        }
    }

    /// The form filled in from `goal`, to edit it.
    fn edit(goal: &Goal) -> Self {
        let percent = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
        Self {
            title: goal.title.clone(),
            why: goal.why.clone(),
            kind: goal.kind,
            situations: goal.situations.clone(),
            style: goal.style.unwrap_or(Style::Leadership),
            tag: goal.tag.clone().unwrap_or_default(),
            person: goal.person.clone().unwrap_or_default(),
            min_percent: percent(goal.min_percent),
            max_percent: percent(goal.max_percent),
            per_week: goal.per_week.unwrap_or(1).to_string(),
            from: goal.from,
            until: goal.until,
            error: None,
            focus_title: true,
            editing: Some(goal.clone()),
        }
    }

    fn new(today: Date) -> Self {
        Self {
            title: String::new(),
            why: String::new(),
            kind: GoalKind::Fit,
            situations: Vec::new(),
            style: Style::Leadership,
            tag: String::new(),
            person: String::new(),
            min_percent: "70".into(),
            max_percent: String::new(),
            per_week: "1".into(),
            from: week_start(today),
            until: today.checked_add(12.weeks()).unwrap_or(today),
            error: None,
            focus_title: true,
            editing: None,
        }
    }

    /// The goal the fields describe, or what is wrong with them, in the
    /// form's own words.
    fn goal(&self, now: jiff::Timestamp) -> Result<Goal, String> {
        let percent = |text: &str, name: &str| -> Result<Option<u8>, String> {
            let text = text.trim().trim_end_matches('%').trim();
            if text.is_empty() {
                return Ok(None);
            }
            match text.parse::<u8>() {
                Ok(value) if value <= 100 => Ok(Some(value)),
                _ => Err(format!("{name} is a whole percentage from 0 to 100, not \u{201c}{text}\u{201d}.")),
            }
        };
        let mut goal = Goal::new(&self.title, self.kind, self.from, self.until, now);
        self.why.trim().clone_into(&mut goal.why);
        goal.situations.clone_from(&self.situations);
        let named = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
        goal.tag = named(&self.tag);
        goal.person = named(&self.person);
        match self.kind {
            GoalKind::Practice => {
                goal.style = Some(self.style);
                let per_week = self.per_week.trim();
                goal.per_week = Some(per_week.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("Decisions a week is a whole number from 1 up, not \u{201c}{per_week}\u{201d}.")
                })?);
            }
            GoalKind::Share => {
                goal.min_percent = percent(&self.min_percent, "The lowest share")?;
                goal.max_percent = percent(&self.max_percent, "The highest share")?;
            }
            GoalKind::Fit | GoalKind::Results => goal.min_percent = percent(&self.min_percent, "The target")?,
        }
        goal.check().map_err(|error| in_form_words(&error))?;
        Ok(goal)
    }
}

/// A goal's complaint in the form's words rather than the command line's
/// (which names its flags).
fn in_form_words(error: &GoalError) -> String {
    match error {
        GoalError::EmptyTitle => "Say what you want to work on: the goal has no title yet.".to_owned(),
        GoalError::OutOfRange { value, .. } => format!("{value} is not a percentage: use a number from 0 to 100."),
        GoalError::MinAboveMax { min, max } => {
            format!("The lowest share ({min}%) is above the highest ({max}%): no share can be both.")
        }
        GoalError::EndsBeforeStart { from, until } => format!("The goal ends ({until}) before it starts ({from})."),
        GoalError::NoMeasure { kind, what } => {
            let what = what
                .replace("at least one --situation", "at least one situation")
                .replace("--min or --max (a percentage)", "a lowest or a highest share")
                .replace("--min (a percentage)", "a target percentage")
                .replace("--style (the style to practise)", "the style to practise")
                .replace("--per-week (how many decisions a week, 1 or more)", "how many decisions a week");
            format!("A {kind} goal needs {what}.")
        }
        GoalError::Text(error) => format!("{}.", crate::model::words::capitalised(&error.to_string())),
    }
}

fn goal_form(ui: &mut Ui, form: &mut GoalForm, today: Date, now: jiff::Timestamp) -> FormAction {
    let mut action = FormAction::None;
    egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(if form.editing.is_some() { "Edit the goal" } else { "New goal" }).strong());
        let title_label = ui.label("What do you want to work on?");
        let title = ui
            .add(
                egui::TextEdit::singleline(&mut form.title)
                    .hint_text("Stop managing my confident seniors")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(title_label.id);
        if std::mem::take(&mut form.focus_title) {
            // Opened from another page or below the fold: in view, ready
            // for typing.
            title.request_focus();
            title.scroll_to_me(Some(egui::Align::Center));
        }
        let why_label = ui.label("Why it matters (optional)");
        ui.add(egui::TextEdit::multiline(&mut form.why).desired_rows(1).desired_width(f32::INFINITY))
            .labelled_by(why_label.id);
        ui.add_space(6.0);
        ui.label(RichText::new("Measured by").strong());
        ui.horizontal_wrapped(|ui| {
            for (kind, words) in [
                (GoalKind::Fit, "Fit in chosen situations"),
                (GoalKind::Share, "Leadership share"),
                (GoalKind::Practice, "A style practised each week"),
                (GoalKind::Results, "Reviews meeting expectations"),
            ] {
                ui.radio_value(&mut form.kind, kind, words);
            }
        });
        let situations_needed = form.kind == GoalKind::Fit;
        ui.label(if situations_needed { "In these situations" } else { "Only in these situations (optional)" });
        ui.horizontal_wrapped(|ui| {
            for guide in &Guidance::get().situations {
                let mut ticked = form.situations.contains(&guide.id);
                if ui.checkbox(&mut ticked, &guide.label).changed() {
                    if ticked {
                        form.situations.push(guide.id);
                    } else {
                        form.situations.retain(|s| *s != guide.id);
                    }
                }
            }
        });
        ui.horizontal_wrapped(|ui| match form.kind {
            GoalKind::Practice => {
                for style in Style::ALL {
                    ui.radio_value(&mut form.style, style, style.label());
                }
                let label = ui.label("decisions a week, at least");
                ui.add(egui::TextEdit::singleline(&mut form.per_week).desired_width(40.0)).labelled_by(label.id);
            }
            GoalKind::Share => {
                let low = ui.label("Leadership share from");
                ui.add(egui::TextEdit::singleline(&mut form.min_percent).desired_width(40.0)).labelled_by(low.id);
                let high = ui.label("% to");
                ui.add(egui::TextEdit::singleline(&mut form.max_percent).desired_width(40.0)).labelled_by(high.id);
                ui.label("%");
            }
            GoalKind::Fit | GoalKind::Results => {
                let label = ui.label("At least");
                ui.add(egui::TextEdit::singleline(&mut form.min_percent).desired_width(40.0)).labelled_by(label.id);
                ui.label("%");
            }
        });
        ui.horizontal_wrapped(|ui| {
            let tag = ui.label("Only with the tag (optional)");
            ui.add(egui::TextEdit::singleline(&mut form.tag).desired_width(120.0)).labelled_by(tag.id);
            let person = ui.label("Only with the person (optional)");
            ui.add(egui::TextEdit::singleline(&mut form.person).desired_width(120.0)).labelled_by(person.id);
        });
        ui.horizontal_wrapped(|ui| {
            let from = ui.label("From");
            widgets::date_field(ui, "goal-from", "goal's first day", &mut form.from, today).field.labelled_by(from.id);
            let until = ui.label("until");
            widgets::date_field(ui, "goal-until", "goal's last day", &mut form.until, today)
                .field
                .labelled_by(until.id);
        });
        if let Some(error) = &form.error {
            ui.label(RichText::new(error).color(theme::error_color(ui.visuals())));
        }
        ui.horizontal(|ui| {
            let save = if form.editing.is_some() { "Save the goal" } else { "Set the goal" };
            if ui.button(RichText::new(save).strong()).clicked() {
                match form.goal(now) {
                    Ok(goal) => action = FormAction::Save(Box::new(goal)),
                    Err(error) => form.error = Some(error),
                }
            }
            if ui.button("Cancel").clicked() {
                action = FormAction::Cancel;
            }
        });
    });
    action
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn the_form_names_what_is_missing_in_its_own_words() {
        let mut form = GoalForm::new(date(2026, 11, 29));
        let error = form.goal(jiff::Timestamp::UNIX_EPOCH).expect_err("no title");
        assert!(error.contains("no title yet"), "{error}");
        form.title = "Step back with confident seniors".into();
        let error = form.goal(jiff::Timestamp::UNIX_EPOCH).expect_err("no situation for a fit goal");
        assert_eq!(error, "A fit goal needs at least one situation.");
        form.situations = vec![Situation::ConfidentTeam];
        form.min_percent = "120".into();
        assert!(form.goal(jiff::Timestamp::UNIX_EPOCH).expect_err("over 100").contains("0 to 100"));
        form.min_percent = "80 %".into();
        form.until = date(2026, 11, 1);
        let error = form.goal(jiff::Timestamp::UNIX_EPOCH).expect_err("ends before it starts");
        assert!(error.starts_with("The goal ends (2026-11-01) before it starts"), "{error}");
        form.until = date(2027, 1, 31);
        let goal = form.goal(jiff::Timestamp::UNIX_EPOCH).expect("valid");
        assert_eq!((goal.min_percent, goal.situations.as_slice()), (Some(80), [Situation::ConfidentTeam].as_slice()));
    }

    #[test]
    fn no_complaint_of_the_form_names_a_command_line_flag() {
        let day = date(2026, 11, 29);
        let errors = [
            GoalError::EmptyTitle,
            GoalError::OutOfRange { field: "--min", value: 120 },
            GoalError::MinAboveMax { min: 70, max: 40 },
            GoalError::EndsBeforeStart { from: day, until: day },
        ]
        .into_iter()
        .chain(GoalKind::ALL.into_iter().map(|kind| {
            let mut goal = Goal::new("A goal", kind, day, day, jiff::Timestamp::UNIX_EPOCH);
            goal.min_percent = None;
            goal.check().expect_err("nothing to measure")
        }));
        for error in errors {
            let words = in_form_words(&error);
            assert!(!words.contains("--"), "{words}");
        }
    }

    #[test]
    fn week_labels_read_as_dates() {
        assert_eq!(week_label(date(2026, 11, 30), date(2026, 12, 6)), "30 Nov \u{2013} 6 Dec 2026");
        assert_eq!(week_label(date(2026, 12, 28), date(2027, 1, 3)), "28 Dec 2026 \u{2013} 3 Jan 2027");
    }
}
